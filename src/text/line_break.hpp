// text/line_break — ICU line-break opportunities and grapheme boundaries for French text.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace bilan::text {

struct BreakOpportunity {
  std::size_t offset;  // byte offset where a new line may start
  bool mandatory;      // after a hard break (LF, CR LF, U+2028…): the line must end here

  friend bool operator==(const BreakOpportunity&, const BreakOpportunity&) = default;
};

// ICU line-break opportunities (UAX #14 with the "fr" locale) of a UTF-8 paragraph.
// Offsets are byte offsets into `utf8`, strictly increasing; offset 0 is never included; the last
// entry is utf8.size() (end of text); an empty text has none. `mandatory` is true after hard
// breaks (LF etc.). U+00A0 and U+202F are no-break (line-break class GL): no opportunity next to
// them, which is why typography puts them before « : ; ! ? » and after «.
std::vector<BreakOpportunity> line_breaks(std::string_view utf8);

// Grapheme-cluster boundaries (byte offsets, including 0 and utf8.size(); {0} for an empty
// text) — for emergency breaks inside over-long words/URLs, never inside "é" written e + U+0301.
std::vector<std::size_t> grapheme_boundaries(std::string_view utf8);

}  // namespace bilan::text

// text/bidi — the Unicode bidirectional algorithm (ICU) for mixed French,
// Arabic and Hebrew: which parts of a paragraph run right to left.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace bilan::text {

struct BidiRun {
  std::size_t begin = 0, end = 0;  // byte offsets into the paragraph
  std::uint8_t level = 0;          // embedding level: odd runs right to left
};

// Whether `utf8` holds a character of a right-to-left script or an explicit
// directional mark; when it does not, the whole text is one left-to-right run
// and bidi_runs() need not be called (cheap: no ICU).
bool has_rtl(std::string_view utf8);

// The paragraph's level runs in logical order, covering it whole. The base
// direction is that of the first strong character (left to right when none).
std::vector<BidiRun> bidi_runs(std::string_view utf8);

// The visual order of items on a line given their levels (rule L2 of UAX #9):
// returns indices into `levels`, left to right.
std::vector<std::size_t> visual_order(const std::vector<std::uint8_t>& levels);

}  // namespace bilan::text

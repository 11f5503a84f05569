// text/typography — French typography as data: named, commented rules applied at render time.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace bilan::text {

// One rule of French typography. Rules take NFC UTF-8 (line breaks included,
// and preserved) and return a new string: stored answers are never rewritten.
// Every rule leaves URLs, e-mail addresses and character entities (&amp;)
// alone, never adds a space at the start or end of a line, and is idempotent.
struct TypographyRule {
  std::string_view name;         // e.g. "apostrophe"
  std::string_view description;  // one sentence in English saying what and why
  std::string (*apply)(std::string_view utf8);
};

// In the order they are applied: apostrophe, double-quotes, guillemets,
// thin-space-before-high-punctuation, nbsp-before-colon, ellipsis, nbsp-before-units,
// nbsp-before-degrees, nbsp-in-times, nbsp-before-measures, nbsp-after-numero.
std::span<const TypographyRule> french_rules();
// The rule of french_rules() called `name`, or nullptr.
const TypographyRule* find_french_rule(std::string_view name);
// Applies every rule in order; applying it twice gives the same text as once.
std::string french_typography(std::string_view utf8);

}  // namespace bilan::text

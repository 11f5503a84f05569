#include "text/typography.hpp"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <vector>

#include <unicode/uchar.h>

#include "core/utf8.hpp"

namespace bilan::text {
namespace {

constexpr char32_t kNoBreakSpace = U'\u00A0';
constexpr char32_t kNarrowNoBreakSpace = U'\u202F';
constexpr char32_t kApostrophe = U'\u2019';  // ’, the French apostrophe
constexpr char32_t kOpenGuillemet = U'\u00AB';
constexpr char32_t kCloseGuillemet = U'\u00BB';
constexpr char32_t kLeftDoubleQuote = U'\u201C';
constexpr char32_t kRightDoubleQuote = U'\u201D';
constexpr char32_t kEllipsis = U'\u2026';
constexpr char32_t kEuro = U'\u20AC';
constexpr char32_t kDegree = U'\u00B0';
constexpr char32_t kNothing = 0;  // no character: past either end of the text, or "leave as is"

// Rules work on code points: every character they look at or write is one.
using Text = std::u32string;
using Guard = std::vector<bool>;  // per code point: part of a URL, e-mail address or entity

// Into a buffer of the largest size (one code point per byte), cut to size.
Text decode(std::string_view utf8) {
  Text text(utf8.size(), U'\0');
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < utf8.size();) text[n++] = utf8::next(utf8, pos);
  text.resize(n);
  return text;
}

std::string encode(const Text& text) { return utf8::encode(text); }

bool contains_any(std::string_view utf8, std::initializer_list<std::string_view> needles) {
  for (const std::string_view n : needles)
    if (utf8.find(n) != std::string_view::npos) return true;
  return false;
}

// The same tests on code points: for valid UTF-8, a character sequence is in
// the code points exactly when its encoding is in the bytes. Plain loops: the
// standard find on char32_t is much slower.
template <char32_t... needles>
bool has_any(const Text& t) {
  for (const char32_t c : t)
    if (((c == needles) || ...)) return true;
  return false;
}

// ---- Character classes ------------------------------------------------------

UChar32 icu_char(char32_t c) { return static_cast<UChar32>(c); }

bool is_line_break(char32_t c) {
  return c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' || c == U'\u0085' || c == U'\u2028' ||
         c == U'\u2029';
}

// Spaces inside a line that rules may replace. Tabs are left alone: whoever
// typed one wanted alignment, not a word space.
bool is_inline_space(char32_t c) {
  return c == U' ' || c == kNoBreakSpace || c == kNarrowNoBreakSpace || (c >= U'\u2000' && c <= U'\u200A');
}

bool is_white(char32_t c) { return u_isUWhiteSpace(icu_char(c)); }
bool is_digit(char32_t c) { return u_isdigit(icu_char(c)); }
bool is_ascii_alpha(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_ascii_alnum(char32_t c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
bool is_ascii_hex(char32_t c) { return is_ascii_digit(c) || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F'); }
bool is_high_punctuation(char32_t c) { return c == U';' || c == U'!' || c == U'?'; }
bool is_punctuation_cluster(char32_t c) { return is_high_punctuation(c) || c == U':'; }

// Characters a following ; ! ? or : is glued to when no space was typed: the
// end of a word or number, or a closing mark. After anything else ("(?)",
// "-:") a space would be wrong, so none is inserted.
bool ends_word(char32_t c) {
  const UChar32 u = icu_char(c);
  if (u_isalnum(u)) return true;
  switch (u_charType(u)) {
    case U_END_PUNCTUATION:    // ) ]
    case U_FINAL_PUNCTUATION:  // » ” ’
    case U_NON_SPACING_MARK:   // a combining accent ends its letter's cluster
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_CURRENCY_SYMBOL:
    case U_OTHER_NUMBER:  // ² ½
      return true;
    default:
      return c == U'.' || c == kEllipsis || c == U'%' || c == kDegree || c == U'*';
  }
}

// ---- Text no rule may touch: URLs, e-mail addresses, character entities ------

bool starts_with_ascii_ci(const Text& t, std::size_t i, std::string_view lower_ascii) {
  if (t.size() - i < lower_ascii.size()) return false;
  for (std::size_t k = 0; k < lower_ascii.size(); ++k) {
    char32_t c = t[i + k];
    if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
    if (c != static_cast<unsigned char>(lower_ascii[k])) return false;
  }
  return true;
}

// Length of the URL prefix starting at `i` ("https://", "www.", "mailto:"),
// 0 when there is none. A prefix only counts at the start of a word.
std::size_t url_prefix(const Text& t, std::size_t i) {
  if (i > 0) {
    const char32_t prev = t[i - 1];
    if (u_isalnum(icu_char(prev)) || prev == U'.' || prev == U'-' || prev == U'_' || prev == U'@' || prev == U'/')
      return 0;
  }
  if (starts_with_ascii_ci(t, i, "www.")) return 4;
  if (starts_with_ascii_ci(t, i, "mailto:")) return 7;
  if (!is_ascii_alpha(t[i])) return 0;
  std::size_t j = i + 1;  // RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
  while (j < t.size() && (is_ascii_alnum(t[j]) || t[j] == U'+' || t[j] == U'-' || t[j] == U'.')) ++j;
  return starts_with_ascii_ci(t, j, "://") ? j + 3 - i : 0;
}

// A URL runs up to the next whitespace, or to a character that cannot be in
// one (RFC 3986 excludes quotes and angle brackets), so that a quotation mark
// glued to a URL still becomes a guillemet. Punctuation glued to its end is
// taken as part of it: "www.caf.fr?" may be a URL with an empty query.
bool ends_url(char32_t c) {
  return is_white(c) || c == U'"' || c == U'<' || c == U'>' || c == kOpenGuillemet || c == kCloseGuillemet ||
         c == kLeftDoubleQuote || c == kRightDoubleQuote;
}

// RFC 5322 "atext" and dots: what may precede the @ of an address.
bool is_local_part(char32_t c) {
  static constexpr std::u32string_view kSymbols = U".!#$%&'*+/=?^_`{|}~-";
  return u_isalnum(icu_char(c)) || kSymbols.find(c) != std::u32string_view::npos;
}

bool is_domain_part(char32_t c) { return u_isalnum(icu_char(c)) || c == U'.' || c == U'-'; }

void guard_range(Guard& guard, std::size_t begin, std::size_t end) {
  for (std::size_t k = begin; k < end; ++k) guard[k] = true;
}

void guard_urls(const Text& t, Guard& guard) {
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t prefix = url_prefix(t, i);
    if (prefix == 0) {
      ++i;
      continue;
    }
    std::size_t end = i + prefix;
    while (end < t.size() && !ends_url(t[end])) ++end;
    guard_range(guard, i, end);
    i = end;
  }
}

void guard_emails(const Text& t, Guard& guard) {
  for (std::size_t at = 0; at < t.size(); ++at) {
    if (t[at] != U'@' || guard[at]) continue;
    std::size_t begin = at;
    while (begin > 0 && !guard[begin - 1] && is_local_part(t[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < t.size() && is_domain_part(t[end])) ++end;
    while (end > at + 1 && (t[end - 1] == U'.' || t[end - 1] == U'-')) --end;  // "écrire à a@b.fr."
    bool dotted = false;
    for (std::size_t k = at + 1; k < end; ++k) dotted = dotted || t[k] == U'.';
    if (begin < at && dotted) guard_range(guard, begin, end);
  }
}

// "&amp;", "&#233;", "&#xE9;": the semicolon ends the entity, it is not punctuation.
void guard_entities(const Text& t, Guard& guard) {
  for (std::size_t amp = 0; amp < t.size(); ++amp) {
    if (t[amp] != U'&') continue;
    std::size_t j = amp + 1;
    std::size_t k = j;
    if (j < t.size() && t[j] == U'#') {
      const bool hex = j + 1 < t.size() && (t[j + 1] == U'x' || t[j + 1] == U'X');
      j += hex ? 2 : 1;
      k = j;
      while (k < t.size() && (hex ? is_ascii_hex(t[k]) : is_ascii_digit(t[k]))) ++k;
    } else if (j < t.size() && is_ascii_alpha(t[j])) {
      while (k < t.size() && is_ascii_alnum(t[k])) ++k;
    }
    if (k > j && k < t.size() && t[k] == U';') guard_range(guard, amp, k + 1);
  }
}

// The trigger characters of most rules, found in one pass over the decoded
// text (bits of Marks). No rule adds or removes ; ! ? : % € ° º, nor makes or
// breaks a "..." (a rule only changes the spaces next to its own characters),
// and ' and " are only changed by their own rules, which come first: what the
// decoded text holds of these is what every later rule's text holds. The
// other triggers (guillemets, which double-quotes adds; " h", " min" and a
// digit before a space, whose spaces rules change) are looked for again.
using Marks = unsigned;
constexpr Marks kMarkApostrophe = 1u << 0, kMarkDoubleQuote = 1u << 1, kMarkHighPunctuation = 1u << 2,
                kMarkColon = 1u << 3, kMarkDots = 1u << 4, kMarkUnit = 1u << 5, kMarkDegree = 1u << 6,
                kMarkNumero = 1u << 7;
// Text no rule may touch, as guarded() finds it: a URL starts with "www.",
// "mailto:" or has "://"; an address has @; an entity &. No rule adds these
// characters or joins them into these sequences either: a mark found in the
// decoded text tells every later rule to search (a search finds only what is
// still there), no mark tells it there is nothing.
constexpr Marks kMarkUrl = 1u << 8, kMarkEmail = 1u << 9, kMarkEntity = 1u << 10;

Marks marks_in(const Text& t) {
  Marks marks = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    switch (t[i]) {
      case U'\'': marks |= kMarkApostrophe; break;
      case U'"': marks |= kMarkDoubleQuote; break;
      case U';':
      case U'!':
      case U'?': marks |= kMarkHighPunctuation; break;
      case U':':
        marks |= kMarkColon;
        if (starts_with_ascii_ci(t, i, "://")) marks |= kMarkUrl;
        break;
      case U'w':
      case U'W':
        if (starts_with_ascii_ci(t, i, "www.")) marks |= kMarkUrl;
        break;
      case U'm':
      case U'M':
        if (starts_with_ascii_ci(t, i, "mailto:")) marks |= kMarkUrl;
        break;
      case U'@': marks |= kMarkEmail; break;
      case U'&': marks |= kMarkEntity; break;
      case U'.':
        if (i + 2 < t.size() && t[i + 1] == U'.' && t[i + 2] == U'.') marks |= kMarkDots;
        break;
      case U'%':
      case kEuro: marks |= kMarkUnit; break;
      case kDegree: marks |= kMarkDegree | kMarkNumero; break;
      case U'\u00BA': marks |= kMarkNumero; break;
      default: break;
    }
  }
  return marks;
}

// Only the searches `marks` (of this text or an earlier one, see above) call for run.
Guard guarded(const Text& t, Marks marks) {
  Guard guard(t.size(), false);
  if ((marks & kMarkUrl) != 0) guard_urls(t, guard);
  if ((marks & kMarkEmail) != 0) guard_emails(t, guard);
  if ((marks & kMarkEntity) != 0) guard_entities(t, guard);
  return guard;
}

// ---- Spacing rules ------------------------------------------------------------

// The gap between two visible characters of one line: empty when they are
// glued, else a run of inline spaces.
struct Gap {
  char32_t before;      // the character just before the gap
  char32_t after;       // the character just after it
  char32_t after_next;  // the one after `after`, kNothing at the end of the text
  bool spaced;          // the gap holds spaces
  bool plain;           // ... and all of them are U+0020
  bool before_guarded;  // `before` is part of a URL, e-mail address or entity
  bool after_guarded;   // same for `after`
};

// `rule` gives the one space a gap must hold, or kNothing to leave the gap as
// it is. It is a template argument so that it is inlined: it is asked about
// every gap, most of them empty ones between two letters.
//
// Applies `rule` to every gap. Gaps at the start or end of a line (or of the
// text) are never touched: a rule must not add or change a space there. A
// spaced gap becomes exactly one space, which is what makes rules idempotent
// and never doubles a space. The text is only copied when a gap changes.
// `candidate` tells, from the characters around a gap, whether `rule` may
// give it a space (rules only space their own characters): the others are
// skipped at once, and the guard is only searched for once one is found.
template <char32_t (*rule)(const Gap&), bool (*candidate)(char32_t before, char32_t after)>
void respace(Text& t, Marks marks) {
  Guard guard;
  bool guard_searched = false;
  const std::size_t n = t.size();
  Text out;
  std::size_t copied = 0;  // t[0, copied) is in `out` already
  for (std::size_t i = 0; i < n;) {
    std::size_t k = i;  // the gap is [i, k), t[k] the character after it
    bool plain = true;
    for (; k < n && is_inline_space(t[k]); ++k) plain = plain && t[k] == U' ';
    if (k == n) break;
    char32_t space = kNothing;
    if (i > 0 && candidate(t[i - 1], t[k]) && !is_line_break(t[i - 1]) && !is_line_break(t[k])) {
      if (!guard_searched) {
        guard = guarded(t, marks);
        guard_searched = true;
      }
      const Gap gap{t[i - 1], t[k], k + 1 < n ? t[k + 1] : kNothing, k > i, k > i && plain, guard[i - 1], guard[k]};
      space = rule(gap);
    }
    if (space != kNothing && !(k == i + 1 && t[i] == space)) {
      if (out.empty()) out.reserve(n + 8);
      out.append(t, copied, i - copied);
      out.push_back(space);
      copied = k;
    }
    i = k + 1;
  }
  if (copied == 0) return;  // no gap changed
  out.append(t, copied, n - copied);
  t = std::move(out);
}

char32_t guillemet_space(const Gap& gap) {
  const bool after_open = gap.before == kOpenGuillemet && !gap.before_guarded;
  const bool before_close = gap.after == kCloseGuillemet && !gap.after_guarded;
  return after_open || before_close ? kNarrowNoBreakSpace : kNothing;
}

char32_t high_punctuation_space(const Gap& gap) {
  if (!is_high_punctuation(gap.after) || gap.after_guarded) return kNothing;
  if (gap.spaced) return kNarrowNoBreakSpace;
  // Glued: only after a word, and once per run ("?!", "!!!").
  return ends_word(gap.before) && !is_punctuation_cluster(gap.before) ? kNarrowNoBreakSpace : kNothing;
}

char32_t colon_space(const Gap& gap) {
  if (gap.after != U':' || gap.after_guarded) return kNothing;
  if (gap.spaced) return kNoBreakSpace;
  if (!ends_word(gap.before) || is_punctuation_cluster(gap.before)) return kNothing;
  if (is_digit(gap.before) && is_digit(gap.after_next)) return kNothing;       // 10:30, 1:2
  if (gap.after_next == U'/' || gap.after_next == U'\\') return kNothing;  // C:\, a scheme we do not know
  return kNoBreakSpace;
}

char32_t unit_space(const Gap& gap) {
  const bool unit = (gap.after == U'%' || gap.after == kEuro) && !gap.after_guarded;
  return unit && gap.plain && is_digit(gap.before) ? kNarrowNoBreakSpace : kNothing;
}

// ---- The rules ----------------------------------------------------------------
//
// Each rule is a trigger, telling whether the text has what the rule looks for
// (without it the rule cannot change the text: no decoding then), in two forms
// that agree on valid UTF-8 (on the bytes for the rule alone, on code points
// for french_typography(), which decodes once for all the rules), and a body
// that rewrites the code points.

bool apostrophe_in(std::string_view utf8) { return utf8.find('\'') != std::string_view::npos; }

void apostrophe(Text& t, Marks marks) {
  const Guard guard = guarded(t, marks);
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i] == U'\'' && !guard[i]) t[i] = kApostrophe;
}

// A straight quote opens a quotation at the start of the text or after these.
bool opens_quotation_after(char32_t c) {
  return is_white(c) || c == U'(' || c == U'[' || c == U'{' || c == U'\'' || c == kApostrophe;
}

// Position decides: after a space or bracket a quote opens, after a word it
// closes. A quote with blanks on both sides (" oui ") closes the open quotation
// if there is one.
bool double_quotes_in(std::string_view utf8) { return utf8.find('"') != std::string_view::npos; }

void double_quotes(Text& t, Marks marks) {
  const Guard guard = guarded(t, marks);
  bool open = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != U'"' || guard[i]) continue;
    const bool after_blank = i == 0 || opens_quotation_after(t[i - 1]);
    const bool before_blank = i + 1 == t.size() || is_white(t[i + 1]);
    open = after_blank && !(before_blank && open);
    t[i] = open ? kOpenGuillemet : kCloseGuillemet;
  }
}

bool guillemets_in(std::string_view utf8) { return contains_any(utf8, {"«", "»"}); }
bool guillemets_in(const Text& t) { return has_any<kOpenGuillemet, kCloseGuillemet>(t); }
bool around_guillemet(char32_t before, char32_t after) { return before == kOpenGuillemet || after == kCloseGuillemet; }
void guillemets(Text& t, Marks marks) { respace<&guillemet_space, &around_guillemet>(t, marks); }

bool high_punctuation_in(std::string_view utf8) { return contains_any(utf8, {";", "!", "?"}); }
bool before_high_punctuation(char32_t, char32_t after) { return is_high_punctuation(after); }
void thin_space_before_high_punctuation(Text& t, Marks marks) {
  respace<&high_punctuation_space, &before_high_punctuation>(t, marks);
}

bool colon_in(std::string_view utf8) { return utf8.find(':') != std::string_view::npos; }
bool before_colon(char32_t, char32_t after) { return after == U':'; }
void nbsp_before_colon(Text& t, Marks marks) { respace<&colon_space, &before_colon>(t, marks); }

bool ellipsis_in(std::string_view utf8) { return utf8.find("...") != std::string_view::npos; }

void ellipsis(Text& t, Marks marks) {
  const Guard guard = guarded(t, marks);
  Text out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] != U'.') {
      out.push_back(t[i++]);
      continue;
    }
    std::size_t k = i;
    bool in_guard = false;
    for (; k < t.size() && t[k] == U'.'; ++k) in_guard = in_guard || guard[k];
    if (k - i == 3 && !in_guard)
      out.push_back(kEllipsis);
    else
      out.append(t, i, k - i);  // "..", dotted leaders "......", or inside a URL
    i = k;
  }
  t = std::move(out);
}

bool units_in(std::string_view utf8) { return contains_any(utf8, {"%", "€"}); }
bool before_unit(char32_t, char32_t after) { return after == U'%' || after == kEuro; }
void nbsp_before_units(Text& t, Marks marks) { respace<&unit_space, &before_unit>(t, marks); }

// ---- Numbers and their units, written with more than one character ------------

// A unit ends its word: « 3 m. » is metres, « 3 mois » or « 2 m’ont » are not.
bool ends_unit(const Text& t, std::size_t k) {
  if (k >= t.size()) return true;
  const char32_t c = t[k];
  return !u_isalnum(icu_char(c)) && c != U'\'' && c != kApostrophe && c != U'_';
}

// The number ending at t[i] (a digit) stands alone: « CM2 h » is no time.
bool number_stands_alone(const Text& t, std::size_t i) {
  std::size_t b = i;
  while (b > 0 && (is_ascii_digit(t[b - 1]) || t[b - 1] == U',' || t[b - 1] == U'.' || t[b - 1] == kNarrowNoBreakSpace))
    --b;
  return b == 0 || !u_isalpha(icu_char(t[b - 1]));
}

// Length of the unit of `units` written at t[k] and ending a word there, 0 when none.
std::size_t unit_at(const Text& t, std::size_t k, std::initializer_list<std::u32string_view> units) {
  for (const std::u32string_view u : units)
    if (t.compare(k, u.size(), u) == 0 && ends_unit(t, k + u.size())) return u.size();
  return 0;
}

// Replaces the plain spaces typed between a number and one of `units` with
// `space`. As for % and €, a unit glued to its number is left as typed, and
// spaces the author chose (no-break, thin) are kept.
Text space_units(const Text& t, std::initializer_list<std::u32string_view> units, char32_t space, Marks marks) {
  const Guard guard = guarded(t, marks);
  Text out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    out.push_back(t[i]);
    if (!is_ascii_digit(t[i]) || guard[i] || !number_stands_alone(t, i)) continue;
    std::size_t k = i + 1;
    while (k < t.size() && t[k] == U' ') ++k;
    if (k == i + 1 || k >= t.size() || guard[k] || unit_at(t, k, units) == 0) continue;
    out.push_back(space);
    i = k - 1;
  }
  return out;
}

bool degrees_in(std::string_view utf8) { return contains_any(utf8, {"°"}); }
void nbsp_before_degrees(Text& t, Marks marks) { t = space_units(t, {U"°C", U"°F"}, kNarrowNoBreakSpace, marks); }

// « 16 h 30 », « 9 h », « 45 min »: both gaps of a time, when typed.
bool times_in(std::string_view utf8) { return contains_any(utf8, {" h", " min"}); }
bool times_in(const Text& t) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i)
    if (t[i] == U' ' && (t[i + 1] == U'h' || (t[i + 1] == U'm' && i + 3 < t.size() && t[i + 2] == U'i' && t[i + 3] == U'n')))
      return true;
  return false;
}

void nbsp_in_times(Text& text, Marks marks) {
  const Text t = space_units(text, {U"h", U"min"}, kNarrowNoBreakSpace, marks);
  const Guard guard = guarded(t, marks);
  Text out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    out.push_back(t[i]);
    const bool hour = t[i] == U'h' && i >= 2 && t[i - 1] == kNarrowNoBreakSpace && is_ascii_digit(t[i - 2]) && !guard[i];
    if (!hour) continue;
    std::size_t k = i + 1;
    while (k < t.size() && t[k] == U' ') ++k;
    if (k == i + 1 || k >= t.size() || !is_ascii_digit(t[k]) || guard[k]) continue;
    out.push_back(kNarrowNoBreakSpace);
    i = k - 1;
  }
  text = std::move(out);
}

// Whether a digit is followed by a plain space somewhere: no measure
// otherwise (most labels and many answers).
bool measures_in(std::string_view utf8) {
  for (std::size_t i = 0; i + 1 < utf8.size(); ++i)
    if (utf8[i] >= '0' && utf8[i] <= '9' && utf8[i + 1] == ' ') return true;
  return false;
}
bool measures_in(const Text& t) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i)
    if (is_ascii_digit(t[i]) && t[i + 1] == U' ') return true;
  return false;
}

void nbsp_before_measures(Text& t, Marks marks) {
  t = space_units(t,
                  {U"km²", U"m²", U"km", U"cm", U"mm", U"m", U"kg", U"mg", U"g", U"cl", U"ml", U"l", U"L", U"ha",
                   U"ko", U"Mo", U"Go"},
                  kNarrowNoBreakSpace, marks);
}

// « n° 4 », « N° 12 »: the sign stays with its number.
bool numero_in(std::string_view utf8) { return contains_any(utf8, {"°", "º"}); }

void nbsp_after_numero(Text& text, Marks marks) {
  const Text& t = text;
  const Guard guard = guarded(t, marks);
  Text out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    out.push_back(t[i]);
    const bool sign = (t[i] == kDegree || t[i] == U'\u00BA') && i >= 1 && (t[i - 1] == U'n' || t[i - 1] == U'N') &&
                      (i == 1 || !u_isalnum(icu_char(t[i - 2]))) && !guard[i];
    if (!sign) continue;
    std::size_t k = i + 1;
    while (k < t.size() && t[k] == U' ') ++k;
    if (k == i + 1 || k >= t.size() || !u_isalnum(icu_char(t[k])) || guard[k]) continue;
    out.push_back(kNoBreakSpace);
    i = k - 1;
  }
  text = std::move(out);
}

// A rule as its triggers and its body; its UTF-8 form for the rule alone. In
// french_typography(), `mark` when not 0, else `in_text`.
struct RuleParts {
  bool (*in_utf8)(std::string_view);
  bool (*in_text)(const Text&);  // nullptr when the rule has a mark
  Marks mark;
  void (*body)(Text&, Marks);
};

// In the order of kFrenchRules.
constexpr std::array<RuleParts, 11> kParts{{
    {&apostrophe_in, nullptr, kMarkApostrophe, &apostrophe},
    {&double_quotes_in, nullptr, kMarkDoubleQuote, &double_quotes},
    {&guillemets_in, &guillemets_in, 0, &guillemets},
    {&high_punctuation_in, nullptr, kMarkHighPunctuation, &thin_space_before_high_punctuation},
    {&colon_in, nullptr, kMarkColon, &nbsp_before_colon},
    {&ellipsis_in, nullptr, kMarkDots, &ellipsis},
    {&units_in, nullptr, kMarkUnit, &nbsp_before_units},
    {&degrees_in, nullptr, kMarkDegree, &nbsp_before_degrees},
    {&times_in, &times_in, 0, &nbsp_in_times},
    {&measures_in, &measures_in, 0, &nbsp_before_measures},
    {&numero_in, nullptr, kMarkNumero, &nbsp_after_numero},
}};

template <std::size_t index>
std::string apply_alone(std::string_view utf8) {
  const RuleParts& rule = kParts[index];
  if (!rule.in_utf8(utf8)) return std::string(utf8);
  Text t = decode(utf8);
  rule.body(t, marks_in(t));
  return encode(t);
}

constexpr std::array<TypographyRule, 11> kFrenchRules{{
    {"apostrophe",
     "Replaces the typewriter apostrophe ' with the typographic apostrophe \u2019 (U+2019) that French "
     "typesetting uses.",
     &apply_alone<0>},
    {"double-quotes",
     "Turns straight double quotes into French guillemets, opening at the start of the text or after a "
     "space or an opening bracket and closing after a word, because French quotes with \u00AB and \u00BB.",
     &apply_alone<1>},
    {"guillemets",
     "Puts exactly one narrow no-break space (U+202F) inside \u00AB and before \u00BB, replacing any "
     "spaces there, so that a guillemet is never separated from its text at a line end.",
     &apply_alone<2>},
    {"thin-space-before-high-punctuation",
     "Puts exactly one narrow no-break space (U+202F) before ; ! and ? (once before a run such as ?!), "
     "because French spaces these signs and they must never start a line.",
     &apply_alone<3>},
    {"nbsp-before-colon",
     "Puts exactly one no-break space (U+00A0) before a colon, except between digits (10:30, 1:2) and at "
     "the start of a line, so the colon is spaced the French way and never starts a line.",
     &apply_alone<4>},
    {"ellipsis",
     "Replaces exactly three dots with the ellipsis character (U+2026) and leaves other runs of dots, "
     "such as dotted leaders, alone.",
     &apply_alone<5>},
    {"nbsp-before-units",
     "Turns plain spaces between a digit and % or \u20AC into one narrow no-break space (U+202F), so that "
     "the unit never ends up alone at the start of a line.",
     &apply_alone<6>},
    {"nbsp-before-degrees",
     "Turns plain spaces between a number and \u00B0C or \u00B0F into one narrow no-break space (U+202F), "
     "so that a temperature (\u22125\u202f\u00B0C) is never split across lines.",
     &apply_alone<7>},
    {"nbsp-in-times",
     "Turns plain spaces around the h of a time (16 h 30, 9 h) and before min into narrow no-break spaces "
     "(U+202F), so that a time stays on one line.",
     &apply_alone<8>},
    {"nbsp-before-measures",
     "Turns plain spaces between a number and a unit of measure (km, m, m\u00B2, kg, g, l, ha, Mo...) ending its "
     "word into one narrow no-break space (U+202F), so that the unit never starts a line.",
     &apply_alone<9>},
    {"nbsp-after-numero",
     "Turns plain spaces after n\u00B0 or N\u00B0 before a number into one no-break space (U+00A0), so that "
     "the sign and its number stay together.",
     &apply_alone<10>},
}};

// Every rule in turn, each decoding and encoding the text: what french_typography() means.
std::string one_by_one(std::string_view utf8) {
  std::string text(utf8);
  for (const TypographyRule& rule : kFrenchRules) text = rule.apply(text);
  return text;
}

}  // namespace

std::span<const TypographyRule> french_rules() { return kFrenchRules; }

const TypographyRule* find_french_rule(std::string_view name) {
  for (const TypographyRule& rule : kFrenchRules)
    if (rule.name == name) return &rule;
  return nullptr;
}

std::string french_typography(std::string_view utf8) {
  // Valid UTF-8 decodes and encodes back to the same bytes: decoded once for
  // every rule, encoded once at the end, and left as is when no rule applies.
  Text t;
  Marks marks = 0;
  bool applied = false;
  for (const RuleParts& rule : kParts) {
    if (!applied) {
      if (!rule.in_utf8(utf8)) continue;
      t = decode(utf8);
      // Invalid bytes decode to U+FFFD, and a trigger on bytes may then differ
      // from one on code points: the rules one by one, as they are defined.
      if (has_any<utf8::kReplacement>(t) && utf8::first_invalid(utf8)) return one_by_one(utf8);
      marks = marks_in(t);
      applied = true;
    } else if (rule.mark != 0 ? (marks & rule.mark) == 0 : !rule.in_text(t)) {
      continue;
    }
    rule.body(t, marks);
  }
  return applied ? encode(t) : std::string(utf8);
}

}  // namespace bilan::text

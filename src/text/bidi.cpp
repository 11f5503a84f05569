#include "text/bidi.hpp"

#include <unicode/ubidi.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <memory>

#include "text/detail/icu_support.hpp"

namespace bilan::text {
namespace {

char32_t decode(std::string_view s, std::size_t& i) {
  UChar32 c = 0;
  const auto n = detail::icu_length(s.size());
  auto at = static_cast<std::int32_t>(i);
  U8_NEXT(s.data(), at, n, c);
  i = static_cast<std::size_t>(at);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

struct BidiDeleter {
  void operator()(UBiDi* b) const { ubidi_close(b); }
};

}  // namespace

bool has_rtl(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0xD6) {  // below U+0590 (Hebrew) in UTF-8 lead bytes
      ++i;
      continue;
    }
    const char32_t cp = decode(utf8, i);
    if (cp >= 0x0590 && cp <= 0x08FF) return true;  // Hebrew, Arabic, Syriac, Thaana, NKo…
    if (cp >= 0xFB1D && cp <= 0xFDFF) return true;  // presentation forms
    if (cp >= 0xFE70 && cp <= 0xFEFE) return true;
    if (cp == 0x200F || cp == 0x061C || cp == 0x202B || cp == 0x202E || cp == 0x2067) return true;
    if (cp >= 0x10800 && cp <= 0x10FFF) return true;
    if (cp >= 0x1E800 && cp <= 0x1EFFF) return true;
  }
  return false;
}

std::vector<BidiRun> bidi_runs(std::string_view utf8) {
  std::vector<BidiRun> runs;
  if (utf8.empty()) return runs;
  // UTF-16 for ICU, remembering the byte offset of every UTF-16 unit.
  std::u16string u16;
  std::vector<std::size_t> byte_of;
  u16.reserve(utf8.size());
  byte_of.reserve(utf8.size() + 1);
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t at = i;
    const char32_t cp = decode(utf8, i);
    if (cp > 0xFFFF) {
      u16.push_back(static_cast<char16_t>(0xD7C0 + (cp >> 10)));
      u16.push_back(static_cast<char16_t>(0xDC00 | (cp & 0x3FF)));
      byte_of.push_back(at);
      byte_of.push_back(at);
    } else {
      u16.push_back(static_cast<char16_t>(cp));
      byte_of.push_back(at);
    }
  }
  byte_of.push_back(utf8.size());
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UBiDi, BidiDeleter> bidi(ubidi_openSized(detail::icu_length(u16.size()), 0, &status));
  detail::check_icu(status, "ubidi_openSized");
  ubidi_setPara(bidi.get(), reinterpret_cast<const UChar*>(u16.data()), detail::icu_length(u16.size()), UBIDI_DEFAULT_LTR,
                nullptr, &status);
  detail::check_icu(status, "ubidi_setPara");
  std::int32_t at = 0;
  const auto length = detail::icu_length(u16.size());
  while (at < length) {
    std::int32_t limit = 0;
    UBiDiLevel level = 0;
    ubidi_getLogicalRun(bidi.get(), at, &limit, &level);
    runs.push_back({byte_of[static_cast<std::size_t>(at)], byte_of[static_cast<std::size_t>(limit)], level});
    at = limit;
  }
  return runs;
}

std::vector<std::size_t> visual_order(const std::vector<std::uint8_t>& levels) {
  std::vector<std::size_t> order(levels.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (levels.empty()) return order;
  const std::uint8_t highest = *std::max_element(levels.begin(), levels.end());
  std::uint8_t lowest_odd = 255;
  for (const auto l : levels)
    if (l % 2 == 1) lowest_odd = std::min(lowest_odd, l);
  // From the highest level down to the lowest odd one, reverse every maximal
  // sequence at that level or higher.
  for (int level = highest; level >= lowest_odd && level > 0; --level) {
    for (std::size_t i = 0; i < order.size();) {
      if (levels[order[i]] < level) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < order.size() && levels[order[j]] >= level) ++j;
      std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
  return order;
}

}  // namespace bilan::text

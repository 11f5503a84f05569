// core/utf8 — decoding and checking UTF-8 without ICU (hot paths and loaders).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bilan::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

namespace detail {
char32_t next_multibyte(std::string_view s, std::size_t& pos);
void append_multibyte(std::string& out, char32_t cp);
}  // namespace detail

// Decodes the code point at `pos` and advances it; invalid bytes give U+FFFD
// and advance by one byte. Inline for ASCII: the composer and the typography
// rules call these once per character.
inline char32_t next(std::string_view s, std::size_t& pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  return detail::next_multibyte(s, pos);
}

inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  detail::append_multibyte(out, cp);
}
std::string encode(char32_t cp);
// A whole text of code points, sized first then written (the typography rules
// work on code points and encode each text they change once).
std::string encode(std::u32string_view text);
// Offset of the first invalid byte sequence, or nullopt when `s` is valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
std::optional<std::size_t> first_invalid(std::string_view s);
std::size_t length(std::string_view s);  // in code points

}  // namespace bilan::utf8

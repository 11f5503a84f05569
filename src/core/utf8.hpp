// core/utf8 — decoding and checking UTF-8 without ICU (hot paths and loaders).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bilan::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at `pos` and advances it; invalid bytes give U+FFFD
// and advance by one byte.
char32_t next(std::string_view s, std::size_t& pos);
void append(std::string& out, char32_t cp);
std::string encode(char32_t cp);
// Offset of the first invalid byte sequence, or nullopt when `s` is valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
std::optional<std::size_t> first_invalid(std::string_view s);
std::size_t length(std::string_view s);  // in code points

}  // namespace bilan::utf8

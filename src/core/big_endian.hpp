// core/big_endian — the byte order of PNG, TrueType and PDF cross-reference
// streams. Reads check nothing: callers bound `at` against the size first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bilan {

inline std::uint32_t be16(std::string_view s, std::size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(s[at])} << 8) | static_cast<unsigned char>(s[at + 1]);
}
inline std::uint32_t be32(std::string_view s, std::size_t at) { return (be16(s, at) << 16) | be16(s, at + 2); }

// The low `bytes` bytes of v, most significant first, appended to `out`.
inline void append_be(std::string& out, std::uint64_t v, unsigned bytes) {
  for (unsigned i = bytes; i-- > 0;) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// The same, written over out[at, at + bytes).
inline void store_be(std::string& out, std::size_t at, std::uint64_t v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out[at + i] = static_cast<char>((v >> (8 * (bytes - 1 - i))) & 0xFF);
}

}  // namespace bilan

#include "core/utf8.hpp"

namespace bilan::utf8 {
namespace {

// Length of a well-formed sequence at `pos`, 0 if ill-formed (RFC 3629 table).
std::size_t valid_length(std::string_view s, std::size_t pos) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[pos + i]); };
  const std::size_t left = s.size() - pos;
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c < 0xC2 || c > 0xF4) return 0;
  const auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < left && b(i) >= lo && b(i) <= hi;
  };
  if (c < 0xE0) return cont(1) ? 2 : 0;
  if (c < 0xF0) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
  return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
}

}  // namespace

namespace detail {

char32_t next_multibyte(std::string_view s, std::size_t& pos) {
  const std::size_t n = valid_length(s, pos);
  const auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(s[pos + i])); };
  char32_t cp = kReplacement;
  switch (n) {
    case 1: cp = b(0); break;
    case 2: cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F); break;
    case 3: cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F); break;
    case 4: cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F); break;
    default: pos += 1; return kReplacement;
  }
  pos += n;
  return cp;
}

// The bytes of `cp` (U+FFFD for a surrogate or a value above U+10FFFF) at `b`;
// their number, 1 to 4.
std::size_t put(char* b, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  std::size_t n = 0;
  if (cp < 0x80) {
    b[n++] = static_cast<char>(cp);
  } else if (cp < 0x800) {
    b[n++] = static_cast<char>(0xC0 | (cp >> 6));
    b[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    b[n++] = static_cast<char>(0xE0 | (cp >> 12));
    b[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    b[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    b[n++] = static_cast<char>(0xF0 | (cp >> 18));
    b[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    b[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    b[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return n;
}

void append_multibyte(std::string& out, char32_t cp) {
  char b[4];
  out.append(b, put(b, cp));
}

}  // namespace detail

std::string encode(char32_t cp) {
  std::string s;
  append(s, cp);
  return s;
}

std::string encode(std::u32string_view text) {
  std::size_t bytes = 0;
  for (const char32_t c : text) bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 || c > 0x10FFFF ? 3 : 4;
  std::string out(bytes, '\0');
  std::size_t n = 0;
  for (const char32_t c : text) {
    if (c < 0x80) out[n++] = static_cast<char>(c);
    else n += detail::put(out.data() + n, c);
  }
  return out;
}

std::optional<std::size_t> first_invalid(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {  // ASCII, most of the text: no call
      ++pos;
      continue;
    }
    const std::size_t n = valid_length(s, pos);
    if (n == 0) return pos;
    pos += n;
  }
  return std::nullopt;
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace bilan::utf8

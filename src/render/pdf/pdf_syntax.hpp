// render/pdf/pdf_syntax — numbers, colours, hex and text strings as PDF
// writes them (locale-free, shortest), and the CMap block layout: the small
// pieces every part of the writer puts into content streams and objects.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.hpp"
#include "core/utf8.hpp"

namespace bilan::render::detail {

// A number on the 0.01 grid, without trailing zeros (content streams are
// mostly numbers: inline, it is called for every coordinate).
inline void put_number(std::string& out, double v) {
  long long scaled = std::llround(v * 100);
  if (scaled == 0) {
    out += '0';
    return;
  }
  if (scaled < 0) {
    out += '-';
    scaled = -scaled;
  }
  out += std::to_string(scaled / 100);
  const int frac = static_cast<int>(scaled % 100);
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
}

inline void put_hex(std::string& out, unsigned value, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int d = digits - 1; d >= 0; --d) out += kHex[(value >> (4 * d)) & 0xF];
}

// A colour operator: « r g b RG » to stroke, « r g b rg » to fill.
void put_rgb(std::string& out, const Color& c, bool stroke);

// A tick: the two diagonals of the box whose left, top, right and bottom
// (PDF coordinates) are given, top-left to bottom-right first. Printed boxes
// and the check boxes of fillable bilans draw the same one, inset so that it
// never touches the frame.
inline constexpr double kCrossInset = 1.7;
void put_cross(std::string& out, double left, double top, double right, double bottom);

// The UTF-16 code units of a UTF-8 text, in order (surrogate pairs above U+FFFF).
template <class Put>
void for_each_utf16_unit(std::string_view utf8, Put put) {
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = utf8::next(utf8, i);
    if (cp > 0xFFFF) {
      put(0xD800 + ((cp - 0x10000) >> 10));
      put(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put(cp);
    }
  }
}

// UTF-16BE hex of a UTF-8 text (ToUnicode targets, ActualText).
void put_utf16_hex(std::string& out, std::string_view utf8);

// PDFDocEncoding bytes of a UTF-8 text, or nothing when a character has no
// code there (U+00A0 among them: 0xA0 is the euro sign). A title in
// PDFDocEncoding is written in one byte per ASCII character instead of four
// hexadecimal digits of UTF-16; the rest stays UTF-16BE.
std::optional<std::string> pdfdoc_encoded(std::string_view utf8);

// CMap entries in blocks of at most 100, as the CMap format requires.
void put_cmap_blocks(std::string& out, const std::vector<std::string>& lines, std::string_view kind);

}  // namespace bilan::render::detail

#include "render/pdf/pdf_syntax.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace bilan::render::detail {

void put_rgb(std::string& out, const Color& c, bool stroke) {
  put_number(out, c.r);
  out += ' ';
  put_number(out, c.g);
  out += ' ';
  put_number(out, c.b);
  out += stroke ? " RG" : " rg";
}

void put_cross(std::string& out, double left, double top, double right, double bottom) {
  const auto segment = [&](double x1, double y1, double x2, double y2) {
    put_number(out, x1);
    out += ' ';
    put_number(out, y1);
    out += " m ";
    put_number(out, x2);
    out += ' ';
    put_number(out, y2);
    out += " l ";
  };
  segment(left, top, right, bottom);
  segment(left, bottom, right, top);
}

void put_utf16_hex(std::string& out, std::string_view utf8) {
  for_each_utf16_unit(utf8, [&out](unsigned unit) { put_hex(out, unit, 4); });
}

std::optional<std::string> pdfdoc_encoded(std::string_view utf8) {
  static constexpr std::array<std::pair<char32_t, unsigned char>, 31> kHigh{{
      {0x2022, 0x80}, {0x2020, 0x81}, {0x2021, 0x82}, {0x2026, 0x83}, {0x2014, 0x84}, {0x2013, 0x85},
      {0x0192, 0x86}, {0x2044, 0x87}, {0x2039, 0x88}, {0x203A, 0x89}, {0x2212, 0x8A}, {0x2030, 0x8B},
      {0x201E, 0x8C}, {0x201C, 0x8D}, {0x201D, 0x8E}, {0x2018, 0x8F}, {0x2019, 0x90}, {0x201A, 0x91},
      {0x2122, 0x92}, {0xFB01, 0x93}, {0xFB02, 0x94}, {0x0141, 0x95}, {0x0152, 0x96}, {0x0160, 0x97},
      {0x0178, 0x98}, {0x017D, 0x99}, {0x0131, 0x9A}, {0x0142, 0x9B}, {0x0153, 0x9C}, {0x0161, 0x9D},
      {0x017E, 0x9E}}};
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = utf8::next(utf8, i);
    if ((cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD)) {
      out += static_cast<char>(cp);
      continue;
    }
    if (cp == 0x20AC) {
      out += '\xA0';
      continue;
    }
    const auto* hit = std::find_if(kHigh.begin(), kHigh.end(), [cp](const auto& p) { return p.first == cp; });
    if (hit == kHigh.end()) return std::nullopt;
    out += static_cast<char>(hit->second);
  }
  // Bytes that a reader would take for a UTF-16 or UTF-8 byte order mark.
  if (out.starts_with("\xFE\xFF") || out.starts_with("\xEF\xBB\xBF")) return std::nullopt;
  return out;
}

void put_cmap_blocks(std::string& out, const std::vector<std::string>& lines, std::string_view kind) {
  for (std::size_t i = 0; i < lines.size(); i += 100) {
    const std::size_t n = std::min<std::size_t>(100, lines.size() - i);
    out += std::to_string(n) + " begin";
    out += kind;
    out += '\n';
    for (std::size_t k = i; k < i + n; ++k) out += lines[k];
    out += "end";
    out += kind;
    out += '\n';
  }
}

}  // namespace bilan::render::detail

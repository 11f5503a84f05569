#include "fonts/font_metrics.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"

namespace bilan::fonts {

const char* face_name(Face f) {
  switch (f) {
    case Face::Regular: return "Regular";
    case Face::Bold: return "Bold";
    case Face::Italic: return "Italic";
    case Face::BoldItalic: return "BoldItalic";
    case Face::FallbackRegular: return "FallbackRegular";
    case Face::FallbackBold: return "FallbackBold";
    case Face::None: break;
  }
  return "None";
}

void FontMetrics::shape(Face face, std::string_view utf8, bool rtl, std::vector<ShapedGlyph>& out) const {
  const std::size_t first = out.size();
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t at = i;
    const char32_t cp = utf8::next(utf8, i);
    ShapedGlyph g;
    g.gid = static_cast<std::uint16_t>(cp & 0xFFFF);
    g.advance = static_cast<std::int32_t>(std::lround(advance(face, cp)));
    g.cluster = static_cast<std::uint32_t>(at);
    out.push_back(g);
  }
  if (rtl) std::reverse(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

}  // namespace bilan::fonts

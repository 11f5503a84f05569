#include "compose/field_lines.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace bilan::compose {

double field_text_width(const fonts::FontMetrics& fonts, std::string_view text, double size) {
  std::vector<fonts::ShapedGlyph> glyphs;
  fonts.shape(kFieldFace, text, false, glyphs);
  double w = 0;
  for (const auto& g : glyphs) w += g.advance * size / 1000.0;
  return w;
}

std::vector<FieldLine> field_lines(const fonts::FontMetrics& fonts, std::string_view text, double width, double size) {
  std::vector<FieldLine> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::size_t para_end = nl;
    if (para_end > pos && text[para_end - 1] == '\r') --para_end;
    // Words separated by single spaces; a line ends before the space it breaks at.
    FieldLine line{pos, pos};
    bool any = false;
    std::size_t w0 = pos;
    while (w0 <= para_end) {
      std::size_t sp = text.find(' ', w0);
      if (sp == std::string_view::npos || sp > para_end) sp = para_end;
      if (any && field_text_width(fonts, text.substr(line.begin, sp - line.begin), size) > width) {
        out.push_back(line);
        line = FieldLine{w0, sp};
      } else {
        line.end = sp;
      }
      any = true;
      w0 = sp + 1;
    }
    out.push_back(line);
    pos = nl + 1;
  }
  return out;
}

std::size_t field_capacity(double height, double size) {
  const double room = height - 2;
  if (room <= 0 || size <= 0) return 1;
  return std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(room / (kReaderLineFactor * size))));
}

double field_leading(double height, double size) {
  return std::max(height - 2, 0.0) / static_cast<double>(field_capacity(height, size));
}

}  // namespace bilan::compose

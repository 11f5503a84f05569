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

namespace {

// French typography (text/typography, `nbsp-before-marks`, `nbsp-inside-guillemets`):
// a line never starts with « : ; ! ? » » nor ends with « «, even in a field
// whose value keeps the plain spaces the person typed.
bool breaks_at(std::string_view text, std::size_t space) {
  const std::string_view after = text.substr(space + 1);
  for (const std::string_view mark : {":", ";", "!", "?", "\u00bb"})
    if (after.starts_with(mark)) return false;
  const std::string_view before = text.substr(0, space);
  return !before.ends_with("\u00ab");
}

std::size_t next_break(std::string_view text, std::size_t from, std::size_t end) {
  for (std::size_t sp = text.find(' ', from); sp != std::string_view::npos && sp < end; sp = text.find(' ', sp + 1))
    if (breaks_at(text, sp)) return sp;
  return end;
}

}  // namespace

std::vector<FieldLine> field_lines(const fonts::FontMetrics& fonts, std::string_view text, double width, double size) {
  std::vector<FieldLine> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::size_t para_end = nl;
    if (para_end > pos && text[para_end - 1] == '\r') --para_end;
    // Words separated by the spaces a line may break at; a line ends before that space.
    FieldLine line{pos, pos};
    bool any = false;
    std::size_t w0 = pos;
    while (w0 <= para_end) {
      const std::size_t sp = next_break(text, w0, para_end);
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

std::vector<std::string> field_value_lines(const fonts::FontMetrics& fonts, const FieldItem& f) {
  std::vector<std::string> out;
  if (f.value.empty()) return out;
  if (f.kind == FieldKind::MultiLine) {
    for (const auto& l : field_lines(fonts, f.value, f.rect.width - 2 * kFieldPadding, f.size))
      out.push_back(f.value.substr(l.begin, l.end - l.begin));
  } else if (f.kind == FieldKind::Text) {
    std::string one = f.value;
    std::replace(one.begin(), one.end(), '\n', ' ');
    out.push_back(std::move(one));
  }
  return out;
}

void set_field_lines(const fonts::FontMetrics& fonts, std::vector<Page>& pages) {
  for (auto& page : pages)
    for (auto& item : page.items)
      if (auto* f = std::get_if<FieldItem>(&item)) f->lines = field_value_lines(fonts, *f);
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

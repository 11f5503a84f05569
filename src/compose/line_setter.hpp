// compose/line_setter — a paragraph of styled spans → lines that fit a width.
// ICU (through text/) finds where lines may break; FontMetrics measures; words
// longer than a line are broken between graphemes as a last resort. set()
// runs the steps of compose/line_setter_steps (itemize, shape, break
// opportunities, fill, place), each tested on its own.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compose/font_metrics.hpp"

namespace bilan::compose {

struct TextStyle {
  bool bold = false;
  bool italic = false;
  double size = 10;
  Color color;
};

struct Span {
  std::string text;        // already typeset (French spacing applied)
  TextStyle style;
  double gap_width = 0;    // > 0: a blank to fill in by hand (dotted), no text
};

struct Fragment {
  double x = 0;            // from the start of the line
  double width = 0;
  Face face = Face::Regular;
  double size = 10;
  Color color;
  std::string text;        // logical order
  bool gap = false;        // a dotted fill-in blank of `width`
  std::vector<ShapedGlyph> glyphs;  // visual order, clusters into `text`
  bool rtl = false;
};

struct SetLine {
  std::vector<Fragment> fragments;
  double width = 0;        // natural width, trailing spaces excluded
  double size = 10;        // largest font size on the line
};

class LineSetter {
 public:
  // `on_missing` is told of every character no font can draw (it is replaced by
  // U+FFFD), with the index of its span in set()'s argument.
  LineSetter(const FontMetrics& metrics, std::function<void(char32_t cp, std::size_t span)> on_missing = {});

  std::vector<SetLine> set(const std::vector<Span>& spans, double width) const;
  double measure(std::string_view text, const TextStyle& style) const;
  // Shapes a text drawn in one face on one line (labels, numbers, footers):
  // glyphs in visual order; `rtl` when the text is one right-to-left run.
  std::vector<ShapedGlyph> shape_line(std::string_view text, Face face, bool& rtl) const;
  Face face_for(const TextStyle& style, char32_t cp) const;
  const FontMetrics& metrics() const { return metrics_; }

 private:
  const FontMetrics& metrics_;
  std::function<void(char32_t, std::size_t)> on_missing_;
};

Face primary_face(const TextStyle& style);

}  // namespace bilan::compose

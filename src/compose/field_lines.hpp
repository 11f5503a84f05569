// compose/field_lines — how a multi-line field of a fillable bilan lays out
// its text, shared by the composer (room for a known answer, its split into
// page parts) and the PDF writer (the field's appearance), so both agree.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "fonts/font_metrics.hpp"

namespace bilan::compose {

// The face every field is drawn in (the PDF's form font).
inline constexpr fonts::Face kFieldFace = fonts::Face::Regular;

// pdf.js's multi-line leading is this times the /DA font size (its
// LINE_FACTOR), fitted to the widget: (height − 2) / round((height − 2) /
// (1.35 × size)) — see field_leading().
inline constexpr double kReaderLineFactor = 1.35;

// One line of a field's text: bytes [begin, end) of it, without the space or
// line break it was broken at.
struct FieldLine {
  std::size_t begin = 0, end = 0;
};

// Lines of `text` as a multi-line field shows them: its own line breaks
// (\n, \r\n), then words wrapped to `width` points at `size` in kFieldFace; a
// word wider than the field stays whole on its line.
std::vector<FieldLine> field_lines(const fonts::FontMetrics& fonts, std::string_view text, double width, double size);

// Width of one line of `text` in kFieldFace at `size`, in points.
double field_text_width(const fonts::FontMetrics& fonts, std::string_view text, double size);

// The distance of a multi-line field's lines, as pdf.js lays them out (and as
// our appearances do, so that a field looks the same before and after a
// reader saves it): the widget's height less its two 1-pt paddings, divided
// into as many lines of 1.35 × size as fit, rounded.
double field_leading(double height, double size);
// Whole lines a widget of `height` shows at `size`.
std::size_t field_capacity(double height, double size);

}  // namespace bilan::compose

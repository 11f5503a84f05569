// compose/field_lines — how a field of a fillable bilan lays out its text:
// the composer gives a known answer its room and its split into page parts
// with these lines, and hands them to the PDF writer in FieldItem::lines,
// which draws them in the field's appearance: one breaker, so both agree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "compose/paged_document.hpp"
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

// The room between a text widget's frame and its text, on each side (pdf.js's).
inline constexpr double kFieldPadding = 2;

// Width of one line of `text` in kFieldFace at `size`, in points.
double field_text_width(const fonts::FontMetrics& fonts, std::string_view text, double size);

// The distance of a multi-line field's lines, as pdf.js lays them out (and as
// our appearances do, so that a field looks the same before and after a
// reader saves it): the widget's height less its two 1-pt paddings, divided
// into as many lines of 1.35 × size as fit, rounded.
double field_leading(double height, double size);
// Whole lines a widget of `height` shows at `size`.
std::size_t field_capacity(double height, double size);

// The lines a text widget shows of its value (FieldItem::lines): a multi-line
// field's field_lines() within its rectangle less the padding, a one-line
// field's value on one line (its line breaks as spaces); none for a box or an
// empty value.
std::vector<std::string> field_value_lines(const fonts::FontMetrics& fonts, const FieldItem& f);
// Sets FieldItem::lines of every field, once widgets have their final rectangles and values.
void set_field_lines(const fonts::FontMetrics& fonts, std::vector<Page>& pages);

}  // namespace bilan::compose

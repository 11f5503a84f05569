// compose/font_metrics — what the composer needs to know about fonts. The PDF
// backend implements it from the very fonts it embeds, so what is measured is
// what is drawn.
#pragma once

#include "compose/paged_document.hpp"

namespace bilan::compose {

class FontMetrics {
 public:
  virtual ~FontMetrics() = default;
  virtual bool has_glyph(Face face, char32_t cp) const = 0;
  // Advance width in thousandths of an em (as in the PDF /W array).
  virtual double advance(Face face, char32_t cp) const = 0;
  // Thousandths of an em; descent is negative.
  virtual double ascent(Face face) const = 0;
  virtual double descent(Face face) const = 0;
};

}  // namespace bilan::compose

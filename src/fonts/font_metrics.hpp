// fonts/font_metrics — what the composer needs to know about fonts: which
// characters a face has, how wide they are and how text shapes. FontSet
// answers it from the very faces the PDF embeds, so what is measured is what
// is drawn; tests answer it with round numbers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "fonts/face.hpp"

namespace bilan::fonts {

// One glyph of shaped text. Advances and offsets are in thousandths of an em
// (PDF text space units), integers so that /W, the content stream and the
// composer agree exactly.
struct ShapedGlyph {
  std::uint16_t gid = 0;      // glyph id in the full face
  std::int32_t advance = 0;   // as drawn (kerning included when on)
  std::int32_t dx = 0, dy = 0;  // offset from the pen position (marks)
  std::uint32_t cluster = 0;  // byte offset, in the shaped text, of the first character it stands for
};

class FontMetrics {
 public:
  virtual ~FontMetrics() = default;
  virtual bool has_glyph(Face face, char32_t cp) const = 0;
  // Advance width in thousandths of an em of the character's nominal glyph.
  virtual double advance(Face face, char32_t cp) const = 0;
  // Thousandths of an em; descent is negative.
  virtual double ascent(Face face) const = 0;
  virtual double descent(Face face) const = 0;
  // Shapes a run of one face and one direction (UTF-8), appending glyphs in
  // visual order (right to left runs come out reversed). The default: one
  // glyph per character, its nominal advance, gid = code point (for tests).
  virtual void shape(Face face, std::string_view utf8, bool rtl, std::vector<ShapedGlyph>& out) const;
};

}  // namespace bilan::fonts

// compose/paged_document — PagedDocument, the composer's output: pages of
// positioned drawing items in points (origin top-left, y downwards), plus the
// outline and metadata. Renderers (PDF, trace) only read this.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/geometry.hpp"
#include "fonts/face.hpp"
#include "fonts/font_metrics.hpp"
#include "image/decode.hpp"

namespace bilan::compose {

using fonts::Face;
using fonts::face_name;
using fonts::kFaceCount;

struct TextItem {
  double x = 0, y = 0;  // start of the baseline
  Face face = Face::Regular;
  double size = 10;
  Color color;
  std::string text;  // UTF-8, already typeset (French spacing, fallbacks resolved), in logical order
  // The shaped glyphs, in visual order, clusters as byte offsets into `text`;
  // compose() shapes every item, so renderers never measure or shape.
  std::vector<fonts::ShapedGlyph> glyphs{};
  bool rtl = false;  // a right-to-left run: glyphs are in visual order, reversed relative to `text`
};

enum class LineStyle : std::uint8_t {
  None,  // unset
  Solid,
  Dotted,
};

struct LineItem {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
  Color color;
  LineStyle style = LineStyle::Solid;
};

struct BoxItem {
  Rect rect;
  double line_width = 0.5;  // 0: no stroke
  Color stroke;
  bool filled = false;
  Color fill;
};

struct CheckboxItem {
  Rect rect;
  bool checked = false;  // drawn as a vector cross
  Color mark;            // colour of the cross
};

struct ImageItem {
  Rect rect;
  std::shared_ptr<const image::DecodedImage> image;  // shared with the answers; never null
  std::uint32_t pixel_width = 0, pixel_height = 0;
};

using Item = std::variant<TextItem, LineItem, BoxItem, CheckboxItem, ImageItem>;

struct Page {
  std::vector<Item> items;
};

struct OutlineEntry {
  std::string title;
  int level = 1;   // 1 = top
  int page = 0;    // 0-based
  double y = 0;    // top of the heading
};

struct DocumentInfo {
  std::string title;
  std::string subject;
  std::string author;    // the structure that answers
  std::string keywords;
  std::string creator = "bilan";
  std::string id_seed;   // hashed into the PDF /ID: same inputs, same bytes
};

struct PagedDocument {
  Size page_size = kA4;
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  DocumentInfo info;
};

}  // namespace bilan::compose

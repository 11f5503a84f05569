// compose/paged_document — PagedDocument, the composer's output: pages of
// positioned drawing items in points (origin top-left, y downwards), plus the
// outline and metadata. Renderers (PDF, trace) only read this.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
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
  // Not empty: the item is drawn invisibly and read as this text (copy, search,
  // screen readers; /ActualText): a box's state, ☒ or ☐, over a space.
  std::string actual_text{};
  bool invisible() const { return !actual_text.empty(); }
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

// An answer area of a fillable bilan (`blank --fillable`): one widget of an
// AcroForm field, over what the page prints there. Only composed when asked
// (ComposeOptions::fields), so printable output never carries one.
enum class FieldKind : std::uint8_t {
  None,       // unset
  Text,       // one line
  MultiLine,  // a text area: lines, scrolling
  Radio,      // one of a group (yes/no, single choice): `on` is this widget's state
  Check,      // a check box of a multiple choice: `on` is its on-value
};

struct FieldItem {
  Rect rect;
  FieldKind kind = FieldKind::None;
  std::string name;     // full name, dotted: tne_ateliers.cafe_parents.seances
  std::string on;       // Radio, Check: this widget's on-state (oui, non, an option value)
  std::string value;    // Text: the known answer as typed; Radio, Check: the state that is on, or empty
  std::string tooltip;  // the widget's /TU: the question, and an option's words for a box
  std::string question; // the field's /TU when it is not the widget's (a radio group: the question alone)
  double size = 10;     // font size of the typed text
  double pitch = 0;     // MultiLine over ruled lines: their distance, which its size and height make its reader leading (0: none)
  bool right = false;   // numbers: right-aligned
  // A computed total (layout `computed=`): the JavaScript of its calculate
  // action (compose/calculate); the field is read-only. Empty otherwise.
  std::string calculate;
  // Text, MultiLine: the lines the widget shows of `value`, decided by the
  // composer (compose/field_lines, set_field_lines); the PDF writer draws
  // them as they are. Empty for boxes and for a field without a value.
  std::vector<std::string> lines{};
};

using Item = std::variant<TextItem, LineItem, BoxItem, CheckboxItem, ImageItem, FieldItem>;

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

// What a fillable bilan says about itself, so that import-pdf knows the form.
struct FormIdentity {
  std::string form;        // form id
  int version = 0;         // layout version
  std::string department;  // code, or empty
  std::string action;      // the action's reference, or empty (a blank form)
};

struct PagedDocument {
  Size page_size = kA4;
  std::optional<FormIdentity> identity;  // set when the document has fields
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  DocumentInfo info;
  // Fillable: the computed totals' field names, each after the totals it
  // reads; the AcroForm's calculation order (/CO) lists those that have a field.
  std::vector<std::string> calculation_order;
};

}  // namespace bilan::compose

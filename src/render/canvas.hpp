// render/canvas — a drawing interface, and render(), which walks a
// PagedDocument onto it in page order. Only the text trace (render/trace,
// the golden traces) implements it; the PDF writer reads the PagedDocument
// itself (render/pdf/pdf_writer), as it needs every glyph before the first page.
#pragma once

#include "compose/paged_document.hpp"

namespace bilan::render {

class Canvas {
 public:
  virtual ~Canvas() = default;
  virtual void begin_document(const compose::DocumentInfo& info) = 0;
  virtual void begin_page(const Size& size) = 0;
  virtual void draw(const compose::TextItem& item) = 0;
  virtual void draw(const compose::LineItem& item) = 0;
  virtual void draw(const compose::BoxItem& item) = 0;
  virtual void draw(const compose::CheckboxItem& item) = 0;
  virtual void draw(const compose::ImageItem& item) = 0;
  virtual void draw(const compose::FieldItem& item) = 0;
  virtual void end_page() = 0;
  virtual void outline(const compose::OutlineEntry& entry) = 0;  // after all pages
  virtual void end_document() = 0;
};

void render(const compose::PagedDocument& doc, Canvas& canvas);

}  // namespace bilan::render

// render/trace — a Canvas that writes one line per drawing operation,
// coordinates rounded to 0.01 pt: the golden traces of the layout tests.
#pragma once

#include <string>

#include "render/canvas.hpp"

namespace bilan::render {

class TraceCanvas : public Canvas {
 public:
  void begin_document(const compose::DocumentInfo& info) override;
  void begin_page(const Size& size) override;
  void draw(const compose::TextItem& item) override;
  void draw(const compose::LineItem& item) override;
  void draw(const compose::BoxItem& item) override;
  void draw(const compose::CheckboxItem& item) override;
  void draw(const compose::ImageItem& item) override;
  void draw(const compose::FieldItem& item) override;
  void end_page() override;
  void outline(const compose::OutlineEntry& entry) override;
  void end_document() override;

  const std::string& text() const { return out_; }

 private:
  std::string out_;
  int page_ = 0;
};

// The trace of a whole document.
std::string trace(const compose::PagedDocument& doc);

}  // namespace bilan::render

// render/pdf/content_stream — the pages of one document: a libharu page each,
// and its content stream written by us (shapes and images first, then the
// text as one text object with relative moves, colours and line styles set
// only when they change). Fields are not drawn here: their widgets are kept
// for render/pdf/acroform, which needs every page first.
#pragma once

#include <hpdf.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/paged_document.hpp"
#include "render/pdf/pdf_fonts.hpp"
#include "render/pdf/pdf_objects.hpp"

namespace bilan::render::detail {

// A field's widget as composed: its page (0-based) and that page's height.
struct Widget {
  std::size_t page;
  double page_height;
  const compose::FieldItem* item;
};

class PageWriter {
 public:
  PageWriter(Objects& objects, const DocumentFonts& fonts) : objects_(objects), fonts_(fonts) {}
  PageWriter(const PageWriter&) = delete;
  PageWriter& operator=(const PageWriter&) = delete;

  // Adds a page of `size` and writes its content.
  void write(const Size& size, const compose::Page& page);

  const std::vector<HPDF_Page>& pages() const { return pages_; }
  const std::vector<Widget>& widgets() const { return widgets_; }

 private:
  void draw(const compose::TextItem& t);
  void put_glyphs(const compose::TextItem& t, const UsedFace& u);
  void draw(const compose::LineItem& l);
  void draw(const compose::BoxItem& b);
  void draw(const compose::CheckboxItem& c);
  void draw(const compose::ImageItem& i);
  void draw(const compose::FieldItem& f);
  void rect(const Rect& r);
  void end_text();
  void set_color(const Color& c, bool stroke);
  void set_line(double width, bool dotted);

  Objects& objects_;
  const DocumentFonts& fonts_;
  std::vector<HPDF_Page> pages_;
  std::vector<Widget> widgets_;
  std::map<const image::DecodedImage*, HPDF_Image> images_;  // each image written once

  // The page being written and the graphics state its content has set.
  std::string out_;
  HPDF_Page page_ = nullptr;
  double height_ = 0;
  bool page_has_alpha_ = false;
  bool in_text_ = false;
  double line_x_ = 0, line_y_ = 0;
  compose::Face font_ = compose::Face::None;
  double font_size_ = -1;
  bool invisible_ = false;  // text render mode 3 (Tr) is set
  std::optional<Color> fill_, stroke_;
  double line_width_ = -1;
  bool dotted_ = false;
};

}  // namespace bilan::render::detail

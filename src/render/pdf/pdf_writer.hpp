// render/pdf/pdf_writer — PagedDocument → PDF bytes. libharu is the object
// layer: it holds the objects, pages, outline and document information and
// writes the file; the objects themselves are ours, each part in its file of
// render/pdf/: fonts and CMaps (pdf_fonts), page content (content_stream),
// images (pdf_image), bookmarks (outline), fields (acroform), PDF/A (pdfa),
// then the file repacked with object streams (object_streams). Only
// render/pdf/ includes hpdf.h, and only hpdf_adapter touches libharu's
// structs. One writer per thread: it reuses its libharu handle from one
// document to the next; the FontSet is shared.
#pragma once

#include <memory>
#include <string>

#include "compose/paged_document.hpp"
#include "fonts/font_set.hpp"
#include "render/pdf_options.hpp"

namespace bilan::render {

class PdfWriter {
 public:
  explicit PdfWriter(const fonts::FontSet& fonts);
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  // Throws IoError if libharu fails, InputError if an image cannot be used.
  std::string write(const compose::PagedDocument& doc, const PdfOptions& options = {});

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace bilan::render

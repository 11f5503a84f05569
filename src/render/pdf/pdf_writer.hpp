// render/pdf/pdf_writer — PagedDocument → PDF bytes. libharu writes the
// document (pages, images, outline, info, cross-reference); the fonts and the
// page content are ours: per face used, a subset of exactly the glyphs drawn
// (fonts/FontSet), one-byte codes where a face draws at most 255 glyphs, /W,
// /ToUnicode and /CIDSet for those glyphs only, CID = GID. The only place
// that includes hpdf.h (with pdf_image). One writer per thread: it reuses its
// libharu handle from one document to the next; the FontSet is shared.
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

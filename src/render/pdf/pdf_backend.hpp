// render/pdf — the libharu backend: the only place that includes hpdf.h.
// PdfBackend parses the fonts of the manifest once (per process or thread),
// answers the composer's FontMetrics from them, and writes PagedDocuments as
// PDF bytes, reusing its libharu handle so fonts are never parsed twice.
// Not thread-safe: use one backend per thread.
#pragma once

#include <memory>
#include <string>

#include "compose/font_metrics.hpp"
#include "compose/paged_document.hpp"
#include "render/font_manifest.hpp"

namespace bilan::render {

class PdfBackend : public compose::FontMetrics {
 public:
  // Loads every font of the manifest; throws IoError when one cannot be used.
  explicit PdfBackend(const FontManifest& fonts);
  ~PdfBackend() override;
  PdfBackend(const PdfBackend&) = delete;
  PdfBackend& operator=(const PdfBackend&) = delete;

  bool has_glyph(compose::Face face, char32_t cp) const override;
  double advance(compose::Face face, char32_t cp) const override;
  double ascent(compose::Face face) const override;
  double descent(compose::Face face) const override;

  // The document as PDF bytes: embedded subset fonts with a valid ToUnicode,
  // outline, metadata, a /ID derived from the content. Throws IoError if
  // libharu fails, InputError if an image cannot be decoded.
  std::string write(const compose::PagedDocument& doc);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace bilan::render

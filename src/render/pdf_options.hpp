// render/pdf_options — what a caller may switch in the PDF writer, instead of
// constants inside it. Later features (PDF/A-3b parts, attachments, form
// fields) add their switches here.
#pragma once

#include <string>

namespace bilan::render {

struct PdfOptions {
  // libdeflate level for content, font and CMap streams: 0 stores them
  // uncompressed (to read a PDF by eye), 6 is a good trade, 12 the smallest.
  int deflate_level = 6;
  // The same for raw image samples (stamps, signatures), which are large and
  // compress well even at low levels: time goes there first.
  int image_deflate_level = 1;
  // Hashed into the /ID; same inputs, same bytes. Empty: the document's
  // own id seed (compose::DocumentInfo::id_seed).
  std::string fingerprint;
};

}  // namespace bilan::render

// render/pdf_options — what a caller may switch in the PDF writer, instead of
// constants inside it. Later features (PDF/A-3b parts, attachments, form
// fields) add their switches here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/environment.hpp"

namespace bilan::render {

// The dates an archived PDF states: never the clock; the caller passes them,
// from its Environment.
using Timestamp = UtcTime;

// A file carried inside the PDF: an associated file (/AF) in PDF/A-3.
struct Attachment {
  std::string name;         // file name shown by readers, e.g. reponses.xml
  std::string mime;         // e.g. application/xml
  std::string description;  // /Desc
  std::string bytes;
  // /AFRelationship in PDF/A: Source for the answer file the document is
  // made from, Supplement for the documents an answer file attaches.
  std::string relationship = "Source";
  // An MD5 /CheckSum in the embedded file's /Params, as PDF/A-3 recommends:
  // the attached documents have one; the answer file never had (its PDFs
  // stay the bytes they were).
  bool checksum = false;
};

struct PdfOptions {
  // libdeflate level for content, font and CMap streams: 0 stores them
  // uncompressed (to read a PDF by eye), 6 is a good trade, 12 the smallest.
  int deflate_level = 6;
  // The same for raw image samples (stamps, signatures), which are large and
  // compress well even at low levels: time goes there first.
  int image_deflate_level = 1;
  // PDF 1.5 object and cross-reference streams (render/pdf/object_streams):
  // dictionaries deflated too, about a quarter of a blank form. Only when
  // deflate_level > 0, so an uncompressed file stays readable by eye.
  bool object_streams = true;
  // Hashed into the /ID; same inputs, same bytes. Empty: the document's
  // own id seed (compose::DocumentInfo::id_seed).
  std::string fingerprint;

  // PDF/A-3b (archives): XMP metadata matching the document information, an
  // sRGB output intent (`icc_profile`, required), every attachment as an
  // associated file (/AF, its /AFRelationship), and `created` as the
  // creation and modification dates. Without it, attachments are plain
  // embedded files (the /EmbeddedFiles name tree), without dates.
  bool pdfa = false;
  std::string icc_profile;  // an sRGB ICC profile (Debian icc-profiles-free)
  std::optional<Timestamp> created;
  std::vector<Attachment> attachments;
};

}  // namespace bilan::render

// pdfread/pdf_reader — reading PDFs that come back from outside: the answers
// embedded in an archived bilan (`bilan extract`), later the fields of a
// filled form. The only place that sees qpdf's library; what a PDF may cost
// to read is bounded (PdfReadLimits), and anything unreadable is a French
// reason, never an exception past this folder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bilan::pdfread {

struct PdfReadLimits {
  std::uint64_t max_bytes = 64ull << 20;  // the file
  std::size_t max_objects = 200000;       // indirect objects (our bilans have a few hundred)
  std::uint64_t max_attachment_bytes = 16ull << 20;
};

struct EmbeddedFile {
  std::string name;          // /UF or /F
  std::string mime;          // /Subtype of the embedded stream, e.g. application/xml
  std::string relationship;  // /AFRelationship, e.g. Source
  std::string bytes;
};

struct PdfContents {
  std::string producer;  // /Producer of the document information
  bool pdfa3 = false;    // the XMP metadata says pdfaid:part 3
  std::vector<EmbeddedFile> files;
};

// False with a French reason in `error` when the bytes are not a PDF that can
// be read within `limits`.
bool try_read_pdf(std::string_view bytes, const PdfReadLimits& limits, PdfContents& out, std::string& error);

}  // namespace bilan::pdfread

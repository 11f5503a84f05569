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

// docs/limits.md, « PDFs that come back ». A stream is decoded through a
// bound: decompression stops as soon as its output passes the limit of what
// is being read, so a small file that inflates to gigabytes costs at most
// that limit in memory and in time.
struct PdfReadLimits {
  std::uint64_t max_bytes = 64ull << 20;  // the file
  std::size_t max_objects = 200000;       // indirect objects (our bilans have a few hundred)
  std::uint64_t max_attachment_bytes = 16ull << 20;     // one embedded file, decompressed
  std::uint64_t max_metadata_bytes = 4ull << 20;        // the XMP /Metadata (ours: 2 KB)
  std::uint64_t max_object_stream_bytes = 16ull << 20;  // one object or cross-reference stream
  // Everything decompressed while reading one file, together: thousands of
  // streams each under its limit would otherwise still cost minutes.
  std::uint64_t max_decoded_bytes = 256ull << 20;
  std::size_t max_fields = 10000;                 // form fields (a bilan has a few hundred)
  std::size_t max_widgets_per_field = 64;         // a field over several pages has a few
  std::size_t max_value_bytes = 1u << 20;         // one field's value, as UTF-8 (the answer limit)
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

// One terminal field of an AcroForm, as a reader left it.
struct FormField {
  std::string name;   // fully qualified, UTF-8: tne_ateliers.cafe_parents.seances
  bool button = false;  // /Btn (radio, check box); otherwise text (/Tx) or other
  bool text = false;    // /Tx
  // Text: the value as UTF-8 (from UTF-16BE or PDFDocEncoding), line breaks
  // as \n; button: the state that is on, empty for Off.
  std::string value;
  int page = 0;         // 1-based page of its first widget; 0 when unknown
};

struct PdfForm {
  // /BilanForm of the catalog: which form, version, department and action
  // the fields belong to (written by `bilan blank --fillable`).
  bool ours = false;
  std::string form;
  long long version = 0;
  std::string department;
  std::string action;
  std::vector<FormField> fields;  // in the order of the form's field tree
};

// The form fields of a PDF (`bilan import-pdf`); false with a French reason.
bool try_read_form(std::string_view bytes, const PdfReadLimits& limits, PdfForm& out, std::string& error);

}  // namespace bilan::pdfread

// pdfread/qpdf_reader — the readers of pdf_reader.hpp, built on qpdf. With
// BILAN_PDFREAD_MODULE (the default) this file is a module of its own,
// libbilan_pdfread.so, loaded the first time a PDF is read: qpdf and the
// crypto libraries it pulls in (GnuTLS, p11-kit, GMP…, ~3 MiB of pages and a
// dozen libraries to load) stay out of every command that only writes PDFs.
#pragma once

#include "pdfread/pdf_reader.hpp"

namespace bilan::pdfread::detail {

bool qpdf_read_pdf(std::string_view bytes, const PdfReadLimits& limits, PdfContents& out, std::string& error);
bool qpdf_read_form(std::string_view bytes, const PdfReadLimits& limits, PdfForm& out, std::string& error);

// What the module hands over: a version (the module and the binary must come
// from the same build) and the two readers.
inline constexpr int kReaderApiVersion = 2;
struct ReaderApi {
  int version;
  bool (*read_pdf)(std::string_view, const PdfReadLimits&, PdfContents&, std::string&);
  bool (*read_form)(std::string_view, const PdfReadLimits&, PdfForm&, std::string&);
};

}  // namespace bilan::pdfread::detail

extern "C" const bilan::pdfread::detail::ReaderApi* bilan_pdfread_api();

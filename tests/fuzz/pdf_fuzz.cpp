// libFuzzer target: any bytes as a PDF given to `bilan extract` (and later
// `import-pdf`): read within the limits, a reason or the attachments, never a
// crash, a hang or a leak. Seeds: the PDFs the suite writes (run bilan fill
// --pdfa on the samples into a folder and pass it).
#include <cstdint>
#include <string>

#include "pdfread/pdf_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bilan::pdfread::PdfContents out;
  std::string error;
  bilan::pdfread::PdfReadLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_objects = 5000;
  // The hostile seeds inflate to 32 MiB: stopped at 1 MiB, each run stays quick.
  limits.max_attachment_bytes = 1 << 20;
  limits.max_metadata_bytes = 1 << 20;
  limits.max_object_stream_bytes = 1 << 20;
  limits.max_decoded_bytes = 4 << 20;
  bilan::pdfread::try_read_pdf(std::string_view(reinterpret_cast<const char*>(data), size), limits, out, error);
  return 0;
}

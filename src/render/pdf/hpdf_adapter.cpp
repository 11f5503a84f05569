#include "render/pdf/hpdf_adapter.hpp"

namespace bilan::render::detail::hpdf {

HPDF_MMgr memory(HPDF_Doc pdf) { return pdf->mmgr; }
HPDF_Xref xref(HPDF_Doc pdf) { return pdf->xref; }
HPDF_Dict catalog(HPDF_Doc pdf) { return pdf->catalog; }
HPDF_Dict info(HPDF_Doc pdf) { return pdf->info; }
HPDF_Dict trailer(HPDF_Doc pdf) { return pdf->trailer; }
void set_pdf_version(HPDF_Doc pdf, HPDF_PDFVer version) { pdf->pdf_version = version; }

HPDF_Stream stream_of(HPDF_Dict stream) { return stream->stream; }
void set_filter(HPDF_Dict stream, HPDF_UINT filter) { stream->filter = filter; }
void set_on_write(HPDF_Dict dict, HPDF_Dict_OnWriteFunc on_write) { dict->write_fn = on_write; }

}  // namespace bilan::render::detail::hpdf

// render/pdf/pdfa — what PDF/A-3b adds to a document: XMP metadata saying what
// the document information says, the dates the caller gave (never the
// clock), an sRGB output intent, the attachments as associated files, and
// PDF 1.7 (associated files are a 1.7 feature).
#pragma once

#include "compose/paged_document.hpp"
#include "render/pdf/pdf_objects.hpp"

namespace bilan::render::detail {

// Throws IoError when the options have no ICC profile.
void write_pdfa(Objects& objects, const compose::DocumentInfo& info);

// The options' attachments as plain embedded files (a PDF that is not PDF/A):
// the /EmbeddedFiles name tree, no /AF, no dates. Nothing when there are none.
void write_embedded_files(Objects& objects);

}  // namespace bilan::render::detail

// render/pdf/acroform — the fields of a fillable bilan: the AcroForm, its
// field tree (dotted names are a hierarchy in PDF), a widget per composed
// FieldItem with an appearance for each state, the form font (/DR) and the
// form's identity (/BilanForm, read back by import-pdf). libharu has no form
// API: all of it is written through its object layer. A text field's lines
// are the composer's (FieldItem::lines): nothing is broken here.
#pragma once

#include <hpdf.h>

#include <vector>

#include "compose/paged_document.hpp"
#include "render/pdf/content_stream.hpp"
#include "render/pdf/pdf_fonts.hpp"
#include "render/pdf/pdf_objects.hpp"

namespace bilan::render::detail {

// After every page exists: `widgets` (PageWriter::widgets()) point at `pages`.
void write_acro_form(Objects& objects, DocumentFonts& fonts, const compose::PagedDocument& doc,
                     const std::vector<HPDF_Page>& pages, const std::vector<Widget>& widgets);

}  // namespace bilan::render::detail

// render/pdf/outline — the document's bookmarks: libharu's outline objects,
// titles as text strings, each entry pointing at the top of its heading.
#pragma once

#include <hpdf.h>

#include <vector>

#include "compose/paged_document.hpp"
#include "render/pdf/pdf_objects.hpp"

namespace bilan::render::detail {

// Adds `entries` (in reading order, levels from 1) to the outline, after every page exists.
void write_outline(Objects& objects, const std::vector<compose::OutlineEntry>& entries, const std::vector<HPDF_Page>& pages,
                   double page_height);

}  // namespace bilan::render::detail

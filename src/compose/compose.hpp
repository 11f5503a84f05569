// compose/compose — compose(BoundForm, fonts) → PagedDocument: line setting,
// blocks per question, pagination, footers and outline. Sees neither XML nor
// PDF: fonts are measured through FontMetrics, text through text/.
#pragma once

#include "compose/font_metrics.hpp"
#include "compose/paged_document.hpp"
#include "core/diagnostic.hpp"
#include "data/bind.hpp"

namespace bilan::compose {

PagedDocument compose(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink);

}  // namespace bilan::compose

// compose/compose — compose(BoundForm, fonts) → PagedDocument: line setting,
// blocks per question, pagination, footers and outline. Sees neither XML nor
// PDF: fonts are measured through FontMetrics, text through text/.
#pragma once

#include "compose/blocks.hpp"
#include "compose/font_metrics.hpp"
#include "compose/paged_document.hpp"
#include "compose/typeset_cache.hpp"
#include "core/diagnostic.hpp"
#include "data/bind.hpp"

namespace bilan::compose {

// `cache` (may be null): layout text typeset by earlier documents of the same
// thread (engine::Renderer keeps one); the pages are the same with or without.
PagedDocument compose(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink,
                      TypesetCache* cache = nullptr, const ComposeOptions& options = {});

}  // namespace bilan::compose

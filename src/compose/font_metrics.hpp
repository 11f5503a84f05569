// compose/font_metrics — what the composer needs to know about fonts; the
// interface lives in fonts/, which implements it from the embedded faces.
#pragma once

#include "compose/paged_document.hpp"
#include "fonts/font_metrics.hpp"

namespace bilan::compose {

using fonts::FontMetrics;
using fonts::ShapedGlyph;

}  // namespace bilan::compose

// compose/blocks — BoundForm → Blocks: each question becomes a block of
// unbreakable chunks (label with the start of its answer, one chunk per
// further line, table rows…) with the keep rules the paginator needs.
#pragma once

#include <vector>

#include "compose/block.hpp"
#include "compose/line_setter.hpp"
#include "core/diagnostic.hpp"
#include "data/bind.hpp"

namespace bilan::compose {

std::vector<Block> build_blocks(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink);

// A typeset answer or paragraph: French typography applied for print.
std::string typeset(std::string_view text);
// How a value prints: « 1 234 », « 2 758,28 € », « 30 juin 2025 »…
std::string format_value(const data::Value& v);

}  // namespace bilan::compose

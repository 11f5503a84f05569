// compose/blocks/list — <list>: bullet items, each a chunk.
#include "compose/blocks/builder.hpp"

namespace bilan::compose::detail {

void Builder::list(const data::BoundList& n) {
  Block b;
  b.space_before = 2;
  for (const auto& item : n.items) {
    Chunk c;
    const auto lines = set(rich_spans(item, st::kBodySize, false, st::kBlack), kW - 16);
    if (!lines.empty()) {
      c.items.push_back(TextItem{kX0 + 5, baseline(st::kBodySize), Face::Regular, st::kBodySize, st::kBlack, "•"});
    }
    add_lines(c, lines, kX0 + 16);
    c.height += 1;
    b.chunks.push_back(std::move(c));
  }
  b.keep_together = n.items.size() <= 8;
  b.min_start = 2;  // a lead-in never ends a page with one item under it
  push(std::move(b));
}

}  // namespace bilan::compose::detail

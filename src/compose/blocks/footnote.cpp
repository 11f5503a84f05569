// compose/blocks/footnote — <footnote>: small text with its mark.
#include "compose/blocks/builder.hpp"

namespace bilan::compose::detail {

void Builder::footnote_lines(Chunk& c, const BoundNode& n) {
  std::vector<Span> spans;
  if (!n.spec->mark.empty()) spans.push_back({n.spec->mark + " ", {false, false, st::kNoteSize, st::kBlack}, 0});
  for (auto& sp : rich_spans(n.text, st::kNoteSize, false, st::kBlack)) spans.push_back(std::move(sp));
  add_lines(c, set(spans, kW), kX0);
}

void Builder::footnote(const BoundNode& n) {
  Chunk c;
  footnote_lines(c, n);
  push_unit(std::move(c), 4);
}

}  // namespace bilan::compose::detail

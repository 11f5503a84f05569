// compose/blocks/footnote — <footnote>: small text with its mark.
#include "compose/blocks/builder.hpp"

namespace bilan::compose::detail {

void Builder::footnote_lines(Chunk& c, const data::BoundFootnote& n) {
  std::vector<Span> spans;
  if (!n.mark.empty()) spans.push_back({n.mark + " ", {false, false, st::kNoteSize, st::kBlack}, 0});
  for (auto& sp : rich_spans(n.text, st::kNoteSize, false, st::kBlack)) spans.push_back(std::move(sp));
  add_lines(c, set(spans, kW), kX0);
}

void Builder::footnote(const data::BoundFootnote& n) {
  Chunk c;
  footnote_lines(c, n);
  push_unit(std::move(c), 4);
}

}  // namespace bilan::compose::detail

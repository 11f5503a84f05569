// compose/blocks/group — <group>: its children, « Sans objet », or nothing.
#include "compose/blocks/builder.hpp"

namespace bilan::compose::detail {

// --- groups, signature, notes --------------------------------------------
void Builder::group(const data::BoundGroup& n) {
  if (n.presence == data::Presence::Shown) {
    nodes(n.children);
    return;
  }
  if (n.presence == data::Presence::Omitted) return;
  Chunk c;
  std::vector<Span> spans;
  if (!n.label.empty()) spans.push_back({typeset(n.label) + "\u00a0: ", {true, false, st::kBodySize, st::kGrey}, 0});
  spans.push_back({"Sans objet", {false, true, st::kBodySize, st::kGrey}, 0});
  add_lines(c, set(spans, kW - 10), kX0 + 10);
  c.items.push_back(LineItem{kX0 + 3, 0, kX0 + 3, c.height, 1.2, st::kBand, LineStyle::Solid});
  push_unit(std::move(c), st::kQuestionGap);
}

}  // namespace bilan::compose::detail

// compose/blocks/yesno — <yesno>: the label, then « oui ☐ non ☐ » in the right column.
#include "compose/blocks/builder.hpp"

#include <algorithm>

namespace bilan::compose::detail {

void Builder::yes_no(const data::BoundYesNo& n) {
  Chunk c = label_beside_column(n, st::kYesNoColumn);
  const double base = baseline(st::kBodySize);
  const double right = kX0 + kW;
  const double non_w = measure("non", body()), oui_w = measure("oui", body());
  const double box2 = right - st::kBox;
  const double non_x = box2 - 3 - non_w;
  const double box1 = non_x - 14 - st::kBox;
  const double oui_x = box1 - 3 - oui_w;
  const bool answered = !n.value.missing();
  c.items.push_back(TextItem{oui_x, base, Face::Regular, st::kBodySize, st::kBlack, "oui"});
  const std::string question = fields_ ? tooltip_of(n.label) : std::string();
  checkbox(c, box1, base, answered && n.value.boolean);
  button(c, FieldKind::Radio, n.id, "oui", answered && n.value.boolean, [&] { return tooltip_of(n.label, "oui"); }, question);
  c.items.push_back(TextItem{non_x, base, Face::Regular, st::kBodySize, st::kBlack, "non"});
  checkbox(c, box2, base, answered && !n.value.boolean);
  button(c, FieldKind::Radio, n.id, "non", answered && !n.value.boolean, [&] { return tooltip_of(n.label, "non"); }, question);
  c.height = std::max(c.height, leading(st::kBodySize));
  push_unit(std::move(c), st::kQuestionGap - 1);
}

}  // namespace bilan::compose::detail

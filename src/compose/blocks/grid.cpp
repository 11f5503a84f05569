// compose/blocks/grid — <grid>: a matrix, the scale's words as column heads,
// one statement per row with a box under each step; a radio group per row
// (GRID.ROW) on a fillable bilan. A row is one chunk (never split), the head
// comes again on each page the grid continues on, and the whole grid moves to
// the next page when it fits on one.
#include "compose/blocks/builder.hpp"

#include <algorithm>
#include <cmath>

namespace bilan::compose::detail {

void Builder::grid(const data::BoundGrid& g) {
  const std::size_t n = g.scale.size();
  // Steps share 60 % of the width, 62 pt at most each; the statements take the rest.
  const double step_w = n ? std::min(62.0, std::floor(kW * 0.6 / static_cast<double>(n))) : 0;
  std::vector<double> widths{kW - step_w * static_cast<double>(n)};
  widths.insert(widths.end(), n, step_w);
  const TextStyle head_style{true, false, st::kTableSize - 0.5, st::kBlack};
  const TextStyle cell_style{false, false, st::kTableSize + 0.5, st::kBlack};

  Block b;
  b.space_before = st::kQuestionGap + 2;
  b.keep_together = true;
  b.whole_if_fits = true;
  Chunk first;
  if (!g.label.empty()) {
    add_lines(first, layout_text(g.label, body(), kW), kX0);
    hint(first, g.hint);
    first.height += 3;
  }
  std::vector<std::vector<SetLine>> head_cells{{}};
  for (std::size_t i = 0; i < n; ++i) head_cells.push_back(layout_text(g.scale[i].label, head_style, step_w - 4));
  const Chunk header = table_row(head_cells, widths, std::vector<Align>(n + 1, Align::Center), true);
  for (auto item : header.items) {
    translate(item, 0, first.height);
    first.items.push_back(std::move(item));
  }
  first.height += header.height;

  std::vector<Align> aligns(n + 1, Align::Center);
  aligns[0] = Align::Left;
  const std::string question = fields_ ? tooltip_of(g.label) : std::string();
  for (const auto& row : g.rows) {
    std::vector<std::vector<SetLine>> cells{layout_text(row.label, cell_style, widths[0] - 6)};
    cells.resize(n + 1);
    Chunk rc = table_row(cells, widths, aligns, false);
    const std::string chosen = row.value.missing() || row.value.choices.empty() ? std::string() : row.value.choices.front();
    // The boxes, centred in their cells.
    const double base = (rc.height + st::kBox) / 2 - 1;
    double x = kX0 + widths[0];
    for (std::size_t i = 0; i < n; ++i) {
      const auto& step = g.scale[i];
      checkbox(rc, x + (step_w - st::kBox) / 2, base, chosen == step.value);
      button(rc, FieldKind::Radio, g.id + "." + row.id, step.value, chosen == step.value,
             [&] { return tooltip_of(row.label) + " — " + step.label; }, fields_ ? tooltip_of(row.label) : question);
      x += step_w;
    }
    add_matrix_row(b, first, std::move(rc));
  }
  if (b.chunks.empty()) b.chunks.push_back(std::move(first));
  b.continuation.push_back(header);
  push(std::move(b));
}

}  // namespace bilan::compose::detail

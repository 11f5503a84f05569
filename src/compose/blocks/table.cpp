// compose/blocks/table — <table>: header, one framed row per <row>, a cell field per column (fillable).
#include "compose/blocks/builder.hpp"

#include <algorithm>
#include <cmath>

#include "compose/field_lines.hpp"

namespace bilan::compose::detail {

// --- tables ------------------------------------------------------------
std::vector<double> Builder::column_widths(const data::BoundTable& t) {
  std::vector<double> w;
  const double stub = std::round(kW * 0.26);
  double used = stub;
  int flexible = 0;
  for (const auto& col : t.columns) {
    if (is_number(col.type) || col.type == FieldType::Date) {
      w.push_back(76);
      used += 76;
    } else {
      w.push_back(0);
      ++flexible;
    }
  }
  const double rest = flexible ? (kW - used) / flexible : 0;
  for (auto& x : w)
    if (x == 0) x = rest;
  if (!flexible && !w.empty()) w.back() += kW - used;  // fill the width
  w.insert(w.begin(), stub);
  return w;
}

// One table row: cells with their text lines, framed, height to the tallest.
// `fields` (fillable): one per cell after the row label, or empty.
// `min_height`: the room the fields' known answers take (fillable).
Chunk Builder::table_row(const std::vector<std::vector<SetLine>>& cells, const std::vector<double>& widths,
                const std::vector<Align>& aligns, bool header, std::vector<FieldItem> fields,
                double min_height) {
  Chunk c;
  constexpr double kPad = 2.5;
  double h = std::max(16.0, min_height);
  for (const auto& lines : cells) {
    double lh = 2 * kPad;
    for (const auto& l : lines) lh += leading(l.size);
    h = std::max(h, lh);
  }
  double x = kX0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    c.items.push_back(BoxItem{Rect{x, 0, widths[i], h}, 0.5, st::kRule, header, st::kHeaderFill});
    if (i > 0 && i - 1 < fields.size()) {
      fields[i - 1].rect = Rect{x, 0, widths[i], h};
      c.items.push_back(std::move(fields[i - 1]));
    }
    double top = kPad;
    for (const auto& l : cells[i]) top += add_line(c, l, x + kPad, top, aligns[i], widths[i] - 2 * kPad);
    x += widths[i];
  }
  c.height = h;
  return c;
}

// A row of a table or grid: the first joins the chunk of the label and head
// row (a head never ends a page alone), the others are chunks of their own.
void Builder::add_matrix_row(Block& b, Chunk& first, Chunk row) {
  if (!b.chunks.empty()) {
    b.chunks.push_back(std::move(row));
    return;
  }
  for (auto item : row.items) {
    translate(item, 0, first.height);
    first.items.push_back(std::move(item));
  }
  first.height += row.height;
  b.chunks.push_back(std::move(first));
}

void Builder::table(const data::BoundTable& t) {
  const auto widths = column_widths(t);
  const TextStyle head_style{true, false, st::kTableSize - 0.5, st::kBlack};
  const TextStyle cell_style{false, false, st::kTableSize + 0.5, st::kBlack};
  Block b;
  b.space_before = st::kQuestionGap + 2;
  Chunk first;
  if (!t.label.empty()) {
    add_lines(first, layout_text(t.label, body(), kW), kX0);
    first.height += 3;
  }
  std::vector<std::vector<SetLine>> head_cells;
  std::vector<Align> head_align(widths.size(), Align::Center);
  head_cells.push_back(layout_text(t.stub, head_style, widths[0] - 6));
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    head_cells.push_back(layout_text(t.columns[i].label, head_style, widths[i + 1] - 6));
  const Chunk header = table_row(head_cells, widths, head_align, true);
  for (auto item : header.items) {
    translate(item, 0, first.height);
    first.items.push_back(std::move(item));
  }
  first.height += header.height;

  std::vector<Align> aligns{Align::Left};
  for (const auto& col : t.columns) aligns.push_back(is_number(col.type) ? Align::Right : Align::Left);
  for (const auto& row : t.rows) {
    std::vector<std::vector<SetLine>> cells;
    std::vector<FieldItem> cell_fields;
    double fields_height = 0;  // what the known answers of free-text cells take
    if (fields_)
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        // Free text wraps in its cell (a multi-line field); numbers and dates are one line.
        const bool free_text = t.columns[i].type == FieldType::Text;
        FieldItem f = text_field_item(free_text ? FieldKind::MultiLine : FieldKind::Text,
                                      t.id + "." + row.id + "." + t.columns[i].id, field_text(row.cells[i]),
                                      tooltip_of(t.label) + " — " + row.layout_label + " — " + t.columns[i].label,
                                      st::kTableSize + 0.5);
        f.right = is_number(t.columns[i].type);
        if (free_text) {
          // pdf.js shows round((height − 2) / (1.35 × size)) lines (compose/field_lines).
          const int lines = field_line_count(f.value, widths[i + 1], f.size);
          fields_height = std::max(fields_height, 4 + lines * kReaderLineFactor * f.size);
        }
        cell_fields.push_back(std::move(f));
      }
    std::optional<FieldItem> long_label;  // a known label too long for the line after « Autres »
    if (row.other) {
      // Its label is typed too: field TABLE.ROW:libelle (TABLE.ROW holds the cells).
      const bool custom = row.label != row.layout_label && !row.label.empty() && !fields_;
      const auto label_field = [&](FieldKind kind) {
        return text_field_item(kind, t.id + "." + row.id + ":libelle",
                               row.label != row.layout_label ? row.label : std::string(),
                               tooltip_of(t.label) + " — " + row.layout_label + " (libellé)",
                               st::kTableSize + 0.5);
      };
      const double gap = std::max(20.0, widths[0] - 12 - measure(typeset(row.layout_label), cell_style));
      if (fields_ && overflows(row.label != row.layout_label ? row.label : std::string(), gap, st::kTableSize + 0.5)) {
        // It gets the lines it takes, under the row's words, in the cell.
        long_label = label_field(FieldKind::MultiLine);
        cells.push_back(set(typeset(row.layout_label) + "\u00a0:", cell_style, widths[0] - 6));
      } else if (custom) {
        cells.push_back(set({{typeset(row.layout_label) + "\u00a0: ", cell_style, 0},
                             {typeset(row.label), answer_style(st::kTableSize + 0.5), 0}},
                            widths[0] - 6, {SourceLoc{}, row.label_loc}));
      } else {
        field_on_next_gap([&] { return label_field(FieldKind::Text); });
        cells.push_back(set({{typeset(row.layout_label) + " ", cell_style, 0}, {"", cell_style, gap}}, widths[0] - 6));
      }
    } else {
      cells.push_back(set(typeset(row.label), cell_style, widths[0] - 6));
    }
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const data::Value& v = row.cells[i];
      if (!printed(v)) {
        cells.emplace_back();
        continue;
      }
      std::string s = format_value(v);
      if (t.columns[i].type == FieldType::Text) s = typeset(s);
      cells.push_back(set(s, answer_style(st::kTableSize + 0.5), widths[i + 1] - 6,
                          i < row.cell_locs.size() ? row.cell_locs[i] : SourceLoc{}));
    }
    double label_top = 0;  // where a long label's field starts in its cell
    if (long_label) {
      label_top = 2.5 - 1;  // the cell's padding, less the field's
      for (const auto& l : cells.front()) label_top += leading(l.size);
      const int lines = field_line_count(long_label->value, widths[0], long_label->size);
      fields_height = std::max(fields_height, label_top + 4 + lines * kReaderLineFactor * long_label->size);
    }
    Chunk rc = table_row(cells, widths, aligns, false, std::move(cell_fields), fields_height);
    if (long_label) {
      long_label->rect = Rect{kX0, label_top, widths[0], rc.height - label_top};
      rc.items.push_back(std::move(*long_label));
    }
    add_matrix_row(b, first, std::move(rc));
  }
  if (b.chunks.empty()) b.chunks.push_back(std::move(first));
  b.continuation.push_back(header);
  b.keep_together = b.height() < 300;
  push(std::move(b));
}

}  // namespace bilan::compose::detail

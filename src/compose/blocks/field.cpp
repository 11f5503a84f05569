// compose/blocks/field — <field>: a text field on a dotted line, or a number in a box (computed totals too).
#include "compose/blocks/builder.hpp"

#include <algorithm>

#include "compose/field_lines.hpp"
#include "data/walk.hpp"

namespace bilan::compose::detail {

void Builder::field(const data::BoundField& f) { is_number(f.type) ? number_field(f) : text_field(f); }

void Builder::text_field(const data::BoundField& n) {
  const bool has_value = printed(n.value);
  if (!has_value)
    field_on_next_gap([&] { return text_field_item(FieldKind::Text, n.id, field_text(n.value), tooltip_of(n.label)); });
  Chunk c;
  const std::string label = typeset(n.label);
  if (has_value) {
    answer_loc(n);
    std::string value = format_value(n.value);
    if (n.type == FieldType::Text) value = typeset(value);
    add_lines(c, set({{label + " ", body(), 0}, {value, answer_style(), 0}}, kW, {SourceLoc{}, n.value_loc}), kX0);
  } else {
    const double gap = n.type == FieldType::Date ? 110 : 0;
    auto lines = layout_text(n.label, body(), kW);
    const double last = lines.empty() ? 0 : lines.back().width;
    const double room = kW - last - 6;
    const double want = gap > 0 ? gap : room;
    const bool beside = !lines.empty() && room >= std::min(want, 100.0);
    const std::string known = fields_ ? field_text(n.value) : std::string();
    if (overflows(known, beside ? (gap > 0 ? std::min(gap, room) : room) : (gap > 0 ? gap : kW))) {
      // Too long for the line the blank form has: the lines it takes, under the label.
      FieldItem field = std::move(gap_fields_.front());
      gap_fields_.pop_front();
      add_lines(c, lines, kX0);
      ruled_field(c, kX0, field_line_count(known, kW, st::kRuledFieldSize), std::move(field));
    } else if (beside) {
      Fragment f;
      f.x = last + 5;
      f.width = gap > 0 ? std::min(gap, room) : room;
      f.gap = true;
      lines.back().fragments.push_back(f);
      add_lines(c, lines, kX0);
    } else {
      add_lines(c, lines, kX0);
      SetLine blank;
      Fragment f;
      f.width = gap > 0 ? gap : kW;
      f.gap = true;
      blank.fragments.push_back(f);
      c.height += add_line(c, blank, kX0, c.height);
    }
  }
  hint(c, n.hint);
  push_unit(std::move(c), st::kQuestionGap);
}

void Builder::number_field(const data::BoundField& n) {
  Chunk c = label_beside_column(n, st::kNumberBox);
  const double box_h = 15;
  const Rect box{kX0 + kW - st::kNumberBox, -1.5, st::kNumberBox, box_h};
  c.items.push_back(BoxItem{box, 0.6, st::kRule, n.formula.has_value(), st::kHeaderFill});
  // A computed total in a fillable bilan is a read-only field the reader
  // recomputes as the person types, not text printed once.
  std::optional<std::string> calculate;
  if (fields_ && n.formula)
    calculate = calculate_script(*n.formula, n.type, [this](std::string_view ref) { return ref_fields(ref); });
  if (fields_ && (!n.formula || calculate)) {
    FieldItem f = text_field_item(FieldKind::Text, n.id, field_text(n.value), tooltip_of(n.label));
    f.rect = box;
    f.right = true;
    if (calculate) f.calculate = std::move(*calculate);
    c.items.push_back(std::move(f));
  }
  if (!n.value.missing() && (!fields_ || (n.formula && !calculate))) {
    answer_loc(n);
    const std::string v = format_value(n.value);
    const double w = measure(v, answer_style());
    c.items.push_back(TextItem{box.right() - 5 - w, box.y + 11, Face::Bold, st::kBodySize, st::kAnswer, v});
  }
  c.height = std::max(c.height, box_h);
  hint(c, n.hint);
  push_unit(std::move(c), st::kQuestionGap - 1);
}

// The fields a computed total reads: a number field, or a number column's cells,
// looked up in the bound form: the body and this department's own parts.
std::optional<RefFields> Builder::ref_fields(std::string_view ref) const {
  const data::BoundNode* n = data::find_node(form_, ref);
  if (const auto* f = n ? std::get_if<data::BoundField>(&n->kind()) : nullptr; f && is_number(f->type))
    return RefFields{{f->id}, false};
  const auto dot = ref.find('.');
  if (dot == std::string_view::npos) {
    // No question of this bilan has the id: a number field of a department's
    // own parts this bilan does not print (the loader lets a total read no
    // other id). Named all the same: the script reads the absent field as
    // missing, as bind() reads the answer.
    if (!n) return RefFields{{std::string(ref)}, false};
    return std::nullopt;
  }
  const auto* t = data::find_as<data::BoundTable>(form_, ref.substr(0, dot));
  if (!t) return std::nullopt;
  for (const auto& col : t->columns) {
    if (col.id != ref.substr(dot + 1) || !is_number(col.type)) continue;
    RefFields out{{}, true};
    for (const auto& row : t->rows) out.names.push_back(t->id + "." + row.id + "." + col.id);
    return out;
  }
  return std::nullopt;
}

}  // namespace bilan::compose::detail

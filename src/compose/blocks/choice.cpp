// compose/blocks/choice — <choice>: a box per option, in a column or inline; « Autres » with its text.
#include "compose/blocks/builder.hpp"

#include <algorithm>

#include "compose/field_lines.hpp"

namespace bilan::compose::detail {

bool Builder::chosen(const data::BoundChoice& n, const std::string& value) {
  return std::find(n.value.choices.begin(), n.value.choices.end(), value) != n.value.choices.end();
}

void Builder::choice(const data::BoundChoice& n) {
  const FieldKind kind = n.multiple ? FieldKind::Check : FieldKind::Radio;
  // A multiple choice is a check box per option (CHOICE.VALUE); a single one a radio group.
  const auto option_name = [&](const spec::Option& o) { return n.multiple ? n.id + "." + o.value : n.id; };
  const auto option_tip = [&](const spec::Option& o) { return tooltip_of(n.label, o.label); };
  // A radio group's field reads as the question; a check box is a field of its own.
  const std::string question = fields_ && !n.multiple ? tooltip_of(n.label) : std::string();
  Chunk c;
  const double base = baseline(st::kBodySize);
  const std::string label = typeset(n.label);
  if (n.inline_options) {
    // Options flow after the label, each « ☐ Libellé » kept whole.
    struct Unit {
      std::string text;
      double width;
      bool checked;
      const spec::Option* option;
    };
    std::vector<Unit> units;
    for (const auto& o : n.options) {
      const std::string t = typeset(o.label);
      units.push_back({t, st::kBox + 4 + measure(t, body()), chosen(n, o.value), &o});
    }
    auto lines = layout_text(n.label, body(), kW);
    double x = lines.empty() ? 0 : lines.back().width + 14;
    double top = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) top += add_line(c, lines[i], kX0, top);
    if (!lines.empty()) add_line(c, lines.back(), kX0, top);
    for (const auto& u : units) {
      if (x + u.width > kW) {
        top += leading(st::kBodySize);
        x = 12;
      }
      checkbox(c, kX0 + x, top + base, u.checked);
      button(c, kind, option_name(*u.option), u.option->value, u.checked, [&] { return option_tip(*u.option); }, question);
      c.items.push_back(TextItem{kX0 + x + st::kBox + 4, top + base, Face::Regular, st::kBodySize, st::kBlack, u.text});
      x += u.width + 16;
    }
    c.height = top + leading(st::kBodySize);
  } else {
    add_lines(c, layout_text(n.label, body(), kW), kX0);
    const double indent = 12;
    const double text_x = indent + st::kBox + 5;
    for (const auto& o : n.options) {
      std::vector<Span> spans{{typeset(o.label), body(), 0}};
      std::vector<SourceLoc> span_locs;
      std::optional<FieldItem> long_other;  // a known « Autres » text too long for its line
      if (o.other) {
        // The free text of « Autres » (answer CHOICE.VALUE) is field CHOICE:VALUE:
        // CHOICE.VALUE is the check box itself.
        const auto known = n.other_texts.find(o.value);
        const auto other_field = [&] {
          return text_field_item(FieldKind::Text, n.id + ":" + o.value,
                                 known == n.other_texts.end() ? std::string() : known->second,
                                 option_tip(o));
        };
        const double gap = std::max(60.0, kW - text_x - measure(spans[0].text, body()) - 10);
        if (fields_ && known != n.other_texts.end() && overflows(known->second, gap)) {
          // Too long for the line after the option: the lines it takes, under it.
          long_other.emplace(other_field());
        } else if (known == n.other_texts.end() || fields_) {
          field_on_next_gap(other_field);
        }
        if (long_other) {
          // The option's words alone: no line to write on after them.
        } else if (auto it = n.other_texts.find(o.value); it != n.other_texts.end() && !fields_) {
          spans.push_back({" " + typeset(it->second), answer_style(), 0});
          const auto at = n.other_text_locs.find(o.value);
          span_locs = {SourceLoc{}, at == n.other_text_locs.end() ? SourceLoc{} : at->second};
        } else {
          spans.push_back({" ", body(), 0});
          spans.push_back({"", body(), gap});
        }
      }
      const auto lines = set(spans, kW - text_x, std::move(span_locs));
      checkbox(c, kX0 + indent, c.height + base, chosen(n, o.value));
      button(c, kind, option_name(o), o.value, chosen(n, o.value), [&] { return option_tip(o); }, question);
      add_lines(c, lines, kX0 + text_x);
      if (long_other)
        ruled_field(c, kX0 + text_x, field_line_count(long_other->value, kX0 + kW - (kX0 + text_x), st::kRuledFieldSize),
                    std::move(*long_other));
      c.height += 1;
    }
  }
  push_unit(std::move(c), st::kQuestionGap);
}

}  // namespace bilan::compose::detail

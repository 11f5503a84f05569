// data/bind/choice — <choice>: the chosen values, « Autres » texts and their checks.
#include "data/bind/binder.hpp"

#include <algorithm>

#include "core/suggest.hpp"

namespace bilan::data::detail {

void Binder::read_other_text(const Answer& a, const std::string& base, const std::string& option) {
  const Node* node = form_.find(base);
  const spec::Option* opt = nullptr;
  if (node && node->kind == NodeKind::Choice)
    for (const auto& o : node->options)
      if (o.value == option && o.other) opt = &o;
  if (!opt) {
    unknown(a.loc, DiagCode::UnknownField, "champ inconnu « " + a.field + " »", a.field, [&] { return answerable_ids(); }, a.field);
    return;
  }
  if (!a.text.empty()) other_texts_[a.field] = a.text;
}

std::optional<Value> Binder::parse_choice(const Node& node, const std::string& text, ReadError& error) {
  Value v;
  v.kind = ValueKind::Choice;
  std::string token;
  std::vector<std::string> tokens;
  for (const char c : text + " ") {
    if (c == ',' || c == ' ' || c == '\n' || c == ';') {
      if (!token.empty()) tokens.push_back(std::move(token));
      token.clear();
    } else {
      token += c;
    }
  }
  std::vector<std::string> allowed;
  for (const auto& o : node.options) allowed.push_back(o.value);
  for (const auto& t : tokens) {
    if (std::find(allowed.begin(), allowed.end(), t) == allowed.end()) {
      std::string list;
      for (const auto& o : allowed) list += (list.empty() ? "" : ", ") + o;
      error.message = "valeur « " + t + " » hors des choix possibles (" + list + ")";
      error.names_value = true;
      error.hint = suggestion(t, allowed);
      return std::nullopt;
    }
    if (std::find(v.choices.begin(), v.choices.end(), t) == v.choices.end()) v.choices.push_back(t);
  }
  if (v.choices.empty()) {
    error.message = "aucun choix";
    return std::nullopt;
  }
  if (!node.multiple && v.choices.size() > 1) {
    error.message = "un seul choix possible";
    return std::nullopt;
  }
  return v;
}

bool Binder::other_answered(const Node& n) const {
  for (const auto& o : n.options)
    if (other_texts_.count(n.id + "." + o.value)) return true;
  return false;
}

// « Autres (précisez) »: the box and its précision go together.
void Binder::check_other_options(const Node& n, const BoundNode& b) {
  for (const auto& o : n.options) {
    if (!o.other) continue;
    const std::string other_id = n.id + "." + o.value;
    const bool ticked = std::find(b.value.choices.begin(), b.value.choices.end(), o.value) != b.value.choices.end();
    const bool precised = other_texts_.count(other_id) > 0;
    if (precised && !ticked)  // would print beside an empty box
      sink_.warning(answered_at_.count(other_id) ? answered_at_.at(other_id) : answers_->loc, DiagCode::UntickedOther,
                    "précision « " + other_id + " » donnée, mais « " + o.label + " » n’est pas coché : ajoutez « " +
                        o.value + " » à la réponse « " + n.id + " »",
                    other_id)
          .names_field = true;
    if (ticked && !precised)
      sink_.warning(value_at_.count(n.id) ? value_at_.at(n.id) : answers_->loc, DiagCode::ExpectedAnswer,
                    "« " + o.label + " » est coché sans précision : ajoutez <answer field=\"" + other_id + "\">",
                    other_id);
  }
}

}  // namespace bilan::data::detail

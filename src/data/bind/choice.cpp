// data/bind/choice — <choice>: the chosen values, « Autres » texts and their checks.
#include "data/bind/binder.hpp"

#include <algorithm>

#include "core/suggest.hpp"

namespace bilan::data::detail {

void Binder::read_other_text(const Answer& a, const std::string& base, const std::string& option) {
  const spec::Option* opt = nullptr;
  if (const auto* choice = form_.find_as<spec::Choice>(base))
    for (const auto& o : choice->options)
      if (o.value == option && o.other) opt = &o;
  if (!opt) {
    unknown(a.loc, DiagCode::UnknownField, "champ inconnu « " + a.field + " »", a.field, [&] { return answerable_ids(); }, a.field);
    return;
  }
  if (!a.text.empty()) other_texts_[a.field] = a.text;
}

std::optional<Value> Binder::parse_choice(const spec::Choice& choice, const std::string& text, ReadError& error) {
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
  for (const auto& o : choice.options) allowed.push_back(o.value);
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
  if (!choice.multiple && v.choices.size() > 1) {
    error.message = "un seul choix possible";
    return std::nullopt;
  }
  return v;
}

BoundChoice Binder::bind_choice(const spec::Choice& c, bool active) {
  BoundChoice b;
  bind_question(c, b);
  b.multiple = c.multiple;
  b.inline_options = c.inline_options;
  if (display()) {
    b.options = c.options;
    for (const auto& o : c.options)
      if (auto it = other_texts_.find(c.id + "." + o.value); it != other_texts_.end()) {
        b.other_texts[o.value] = it->second;
        if (auto at = value_at_.find(it->first); at != value_at_.end()) b.other_text_locs[o.value] = at->second;
      }
  }
  require_answer(c, b, active);
  if (answers_ && active) check_other_options(c, b);
  expect_answer(c, b, active, other_answered(c));
  return b;
}

bool Binder::other_answered(const spec::Choice& c) const {
  for (const auto& o : c.options)
    if (other_texts_.count(c.id + "." + o.value)) return true;
  return false;
}

// « Autres (précisez) »: the box and its précision go together.
void Binder::check_other_options(const spec::Choice& c, const BoundChoice& b) {
  for (const auto& o : c.options) {
    if (!o.other) continue;
    const std::string other_id = c.id + "." + o.value;
    const bool ticked = std::find(b.value.choices.begin(), b.value.choices.end(), o.value) != b.value.choices.end();
    const bool precised = other_texts_.count(other_id) > 0;
    if (precised && !ticked)  // would print beside an empty box
      sink_.warning(answered_at_.count(other_id) ? answered_at_.at(other_id) : answers_->loc, DiagCode::UntickedOther,
                    "précision « " + other_id + " » donnée, mais « " + o.label + " » n’est pas coché : ajoutez « " +
                        o.value + " » à la réponse « " + c.id + " »",
                    other_id)
          .names_field = true;
    if (ticked && !precised)
      sink_.warning(value_at_.count(c.id) ? value_at_.at(c.id) : answers_->loc, DiagCode::ExpectedAnswer,
                    "« " + o.label + " » est coché sans précision : ajoutez <answer field=\"" + other_id + "\">",
                    other_id);
  }
}

}  // namespace bilan::data::detail

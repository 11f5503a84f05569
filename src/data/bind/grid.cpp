// data/bind/grid — <grid>: one answer per row, a step of the grid's scale,
// given as field GRID.ROW; in expressions GRID.ROW is that step's value.
#include "data/bind/binder.hpp"

#include <algorithm>

#include "core/suggest.hpp"

namespace bilan::data::detail {

void Binder::read_grid_answer(const Answer& a, const spec::Grid& grid, const std::string& row_id) {
  if (!available(grid.id)) {
    report_other_department(a.loc, grid.id);
    return;
  }
  if (!grid.find_row(row_id)) {
    std::vector<std::string> rows;
    for (const auto& r : grid.rows) rows.push_back(r.id);
    unknown(a.loc, DiagCode::UnknownRow, "ligne inconnue « " + row_id + " » dans la grille « " + grid.id + " »", row_id,
            [rows] { return rows; }, a.field);
    return;
  }
  if (a.text.empty()) {  // an empty answer is no answer
    empty_at_[a.field] = a.loc;
    return;
  }
  std::vector<std::string> tokens;
  std::string token;
  for (const char c : a.text + " ") {
    if (c == ',' || c == ' ' || c == '\n' || c == ';' || c == '\t' || c == '\r') {
      if (!token.empty()) tokens.push_back(std::move(token));
      token.clear();
    } else {
      token += c;
    }
  }
  std::vector<std::string> steps;
  for (const auto& o : grid.scale) steps.push_back(o.value);
  const auto fail = [&](const std::string& message, const std::string& hint) {
    Diagnostic& d = sink_.error(a.value_loc, DiagCode::BadValue, "champ « " + a.field + " » : " + message, a.field);
    d.names_field = true;
    d.hint = hint;
    invalid_.insert(a.field);
  };
  for (const auto& t : tokens)
    if (!grid.find_step(t)) {
      std::string list;
      for (const auto& s : steps) list += (list.empty() ? "" : ", ") + s;
      fail("valeur « " + t + " » hors de l’échelle de la grille (" + list + ")", suggestion(t, steps));
      return;
    }
  if (tokens.empty()) {  // only separators: « , » or « ; » is no step
    fail("aucune réponse, reçu " + quote(a.text), "");
    return;
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  if (tokens.size() > 1) {
    fail("une seule réponse par ligne, reçu " + quote(a.text), "");
    return;
  }
  Value v;
  v.kind = ValueKind::Choice;
  v.choices = {tokens.front()};
  values_[a.field] = std::move(v);
}

BoundGrid Binder::bind_grid(const spec::Grid& g, bool active) {
  BoundGrid b;
  bind_question(g, b);
  if (display()) b.scale = g.scale;
  bool answered = false;
  for (const auto& r : g.rows) {
    const std::string key = g.id + "." + r.id;
    BoundGridRow row;
    row.id = r.id;
    row.required = r.required;
    if (for_messages()) row.label = interpolate(r.label);
    if (auto it = values_.find(key); it != values_.end()) {
      row.value = it->second;
      answered = true;
    }
    if (auto it = value_at_.find(key); it != value_at_.end()) row.value_loc = it->second;
    // A required row without an answer: located at its empty <answer>, else at <bilan>.
    if (r.required && active && answers_ && !options_.partial && row.value.missing() && !invalid_.count(key))
      sink_.error(empty_at_.count(key) ? empty_at_.at(key) : answers_->loc, DiagCode::RequiredField,
                  "ligne obligatoire sans réponse : « " + key + " » (" + row.label + ")", key)
          .names_field = true;
    if (display()) b.rows.push_back(std::move(row));
  }
  expect_answer(g, b, active, answered);
  return b;
}

}  // namespace bilan::data::detail

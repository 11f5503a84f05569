// data/bind/check — <check>: rules on the answers, once or per table row.
#include "data/bind/binder.hpp"

#include "spec/references.hpp"
#include "spec/variables.hpp"

namespace bilan::data::detail {

std::string Binder::value_text(const std::string& id) const {
  const auto shown = [this](const Value& v) { return options_.format_value ? options_.format_value(v) : v.canonical(); };
  if (id == "row" && row_scope_) return row_scope_->label;
  if (id.starts_with(spec::kActionPrefix)) {
    auto f = facts_.find(id.substr(spec::kActionPrefix.size()));
    return f == facts_.end() ? "…" : shown(f->second);
  }
  if (spec::is_school_year_date(id)) {
    const auto d = school_year_date(id);
    if (!d) return "…";
    Value v;
    v.kind = ValueKind::Date;
    v.date = *d;
    return shown(v);
  }
  if (auto v = form_.variable(id)) return *v;
  if (id.starts_with(spec::kDepartmentPrefix)) {  // {department.of}: « de la Savoie »
    const auto v = department_text(id);
    return v ? *v : "…";
  }
  auto it = values_.find(id);
  if (it == values_.end() && row_scope_) {  // a per-row rule: this row's cell
    if (auto cell = table_column(id); cell && cell->kind == EvalValue::Kind::Number) return shown(decimal_value(cell->number));
  }
  if (it == values_.end()) {
    if (auto column = table_column(id); column && column->kind == EvalValue::Kind::List) {
      double total = 0;
      for (const double x : column->list) total += x;
      const Value v = decimal_value(total);
      return options_.format_value ? options_.format_value(v) : v.canonical();
    }
    return "…";
  }
  return options_.format_value ? options_.format_value(it->second) : it->second.canonical();
}

BoundCheck Binder::bind_check(const spec::Check& c, bool active) {
  if (answers_ && active) run_check(c);
  return BoundCheck{c.loc};
}

void Binder::run_check(const spec::Check& c) {
  if (c.each_row.empty()) {
    run_check_once(c, std::nullopt);
    return;
  }
  // Per row: TABLE.COLUMN reads this row's cell, {row} is its label.
  auto it = tables_.find(c.each_row);
  if (it == tables_.end()) return;
  row_scope_table_ = c.each_row;
  for (const auto& given : it->second) {
    if (invalid_rows_.count(given.spec)) continue;  // its bad cell is already an error
    row_scope_ = &given.row;
    run_check_once(c, row_at_.count(given.spec) ? std::optional<SourceLoc>(row_at_.at(given.spec)) : std::nullopt);
  }
  row_scope_ = nullptr;
  row_scope_table_.clear();
}

void Binder::run_check_once(const spec::Check& c, const std::optional<SourceLoc>& at) {
  std::string error;
  if (c.when) {
    const EvalValue w = eval(*c.when, error);
    if (!error.empty()) sink_.error(c.when->loc, DiagCode::BadExpression, "règle « " + c.when->source + " » : " + error);
    if (!w.is_true()) return;
  }
  if (options_.partial && needs_missing(c.test)) return;  // a pre-filled bilan: decided when answered
  const EvalValue t = eval(c.test, error);
  if (!error.empty()) {
    sink_.error(c.test.loc, DiagCode::BadExpression, "règle « " + c.test.source + " » : " + error);
    return;
  }
  if (!t.is_false()) return;  // holds, or cannot be decided without more answers
  const std::string message = spec::interpolate(c.message, [this](std::string_view name) -> std::optional<std::string> {
    return value_text(std::string(name));
  });
  std::string text = message;
  if (!c.rule.empty()) text += " (règle : « " + c.rule + " »)";
  Diagnostic d{c.error ? Severity::Error : Severity::Warning, at ? *at : first_answer_loc(c.test, c.when ? &*c.when : nullptr), DiagCode::Rule, text, {}, {}, c.id, false};
  sink_.report(std::move(d));
}

// Whether the rule reads a value nobody gave (sums count a missing term as
// 0, which would make a partial bilan's totals « wrong »).
bool Binder::needs_missing(const spec::Condition& c) const {
  std::vector<const spec::Expr*> refs;
  c.expr.collect_refs(refs);
  for (const auto* r : refs)
    if (lookup(r->text).is_missing()) return true;
  return false;
}

}  // namespace bilan::data::detail

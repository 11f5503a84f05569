// data/bind/question — what the five question kinds share: label, hint and
// answer bound; a required answer missing; an answer expected by expected_when.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

void Binder::bind_question(const spec::Question& q, BoundQuestion& b) {
  b.loc = q.loc;
  b.id = q.id;
  if (for_messages()) b.label = interpolate(q.label);
  if (display()) b.hint = interpolate(q.hint);
  if (auto it = values_.find(q.id); it != values_.end()) b.value = it->second;
  if (auto it = value_at_.find(q.id); it != value_at_.end()) b.value_loc = it->second;
  b.computed = computed_ids_.count(q.id) > 0;
}

// Not for tables: their answer is their rows.
void Binder::require_answer(const spec::Question& q, const BoundQuestion& b, bool active) {
  if (q.required && active && answers_ && !options_.partial && b.value.missing() && !invalid_.count(q.id))
    sink_.error(empty_at_.count(q.id) ? empty_at_.at(q.id) : answers_->loc, DiagCode::RequiredField,
                "champ obligatoire sans réponse : « " + q.id + " » (" + b.label + ")", q.id)
        .names_field = true;
}

void Binder::expect_answer(const spec::Question& q, const BoundQuestion& b, bool active, bool answered_otherwise) {
  if (!answers_ || !active || !q.expected_when || options_.partial || !b.value.missing() || answered_otherwise) return;
  const spec::Condition& when = *q.expected_when;
  std::string error;
  const EvalValue w = eval(when, error);
  if (!error.empty()) {
    sink_.error(when.loc, DiagCode::BadExpression, "condition « " + when.source + " » : " + error);
    return;
  }
  if (!w.is_true()) return;
  sink_.warning(first_answer_loc(when), DiagCode::ExpectedAnswer,
                "« " + b.label + " » est sans réponse alors que " + when.source + " : précisez (champ « " + q.id + " »)",
                q.id)
      .names_field = true;
}

}  // namespace bilan::data::detail

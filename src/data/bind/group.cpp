// data/bind/group — <group>: its condition decides whether it applies.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

BoundGroup Binder::bind_group(const spec::Group& g, bool active) {
  BoundGroup b;
  b.loc = g.loc;
  if (display()) b.label = interpolate(g.label);
  const bool children_active = group_applies(g, b, active);
  b.children = build(g.children, children_active);
  return b;
}

// A group's presence: shown, « Sans objet » or omitted; whether its children are active.
// Blank forms decide conditions too: with no answers, only department
// settings can make one false (a part this department does not ask).
bool Binder::group_applies(const spec::Group& g, BoundGroup& b, bool active) {
  if (!g.when) return active;  // the loader gives every group its condition
  std::string error;
  const EvalValue r = eval(*g.when, error);
  if (!error.empty()) sink_.error(g.when->loc, DiagCode::BadExpression, "condition « " + g.when->source + " » : " + error);
  if (r.is_false() || (!r.is_missing() && r.kind != EvalValue::Kind::Bool)) {
    b.presence = g.else_omit ? Presence::Omitted : Presence::SansObjet;
    if (active) warn_inactive(g.children, g);
    return false;
  }
  return active;
}

// Answers given for fields inside a part that does not apply.
void Binder::warn_inactive(const std::vector<Node>& nodes, const spec::Group& group) {
  // Every question kind the same way: only its id matters here.
  spec::for_each_question(nodes, [&](const spec::Question& q) {
    if (auto it = answered_at_.find(q.id); it != answered_at_.end())
      sink_.warning(it->second, DiagCode::AnswerInInactivePart,
                    "réponse à « " + q.id + " » dans une partie sans objet (condition « " + group.when->source +
                        " » fausse) : elle n’est pas imprimée",
                    q.id)
          .names_field = true;
  });
}

}  // namespace bilan::data::detail

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
  const auto warn = [&](const std::string& key) {
    if (auto it = answered_at_.find(key); it != answered_at_.end())
      sink_.warning(it->second, DiagCode::AnswerInInactivePart,
                    "réponse à « " + key + " » dans une partie sans objet (condition « " + group.when->source +
                        " » fausse) : elle n’est pas imprimée",
                    key)
          .names_field = true;
  };
  // Every question kind by its id; a grid's answers by its rows' (GRID.ROW).
  spec::for_each_question_node(nodes, [&](const Node& n, const spec::Question& q) {
    warn(q.id);
    if (const auto* g = std::get_if<spec::Grid>(&n.kind()))
      for (const auto& r : g->rows) warn(q.id + "." + r.id);
  });
}

}  // namespace bilan::data::detail

// data/bind/group — <group>: its condition decides whether it applies.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

// A group's presence: shown, « Sans objet » or omitted; whether its children are active.
bool Binder::group(const Node& n, BoundNode& b, bool active) {
  std::string error;
  const EvalValue r = eval(*n.when, error);
  if (!error.empty()) sink_.error(n.when->loc, DiagCode::BadExpression, "condition « " + n.when->source + " » : " + error);
  if (r.is_false() || (!r.is_missing() && r.kind != EvalValue::Kind::Bool)) {
    b.presence = n.else_omit ? Presence::Omitted : Presence::SansObjet;
    if (active) warn_inactive(n.children, n);
    return false;
  }
  return active;
}

// Answers given for fields inside a part that does not apply.
void Binder::warn_inactive(const std::vector<Node>& nodes, const Node& group) {
  spec::for_each_answerable(nodes, [&](auto, const Node& n) {
    if (auto it = answered_at_.find(n.id); it != answered_at_.end())
      sink_.warning(it->second, DiagCode::AnswerInInactivePart,
                    "réponse à « " + n.id + " » dans une partie sans objet (condition « " + group.when->source +
                        " » fausse) : elle n’est pas imprimée",
                    n.id)
          .names_field = true;
  });
}

}  // namespace bilan::data::detail

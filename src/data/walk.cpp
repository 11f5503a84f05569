#include "data/walk.hpp"

namespace bilan::data {
namespace {

const BoundNode* find_in(const std::vector<BoundNode>& nodes, std::string_view id) {
  for (const auto& n : nodes) {
    if (const BoundQuestion* q = as_question(n); q && q->id == id) return &n;
    if (const auto* found = find_in(children_of(n), id)) return found;
  }
  return nullptr;
}

}  // namespace

const BoundQuestion* as_question(const BoundNode& n) {
  return std::visit(
      [](const auto& k) -> const BoundQuestion* {
        if constexpr (is_bound_question_v<std::decay_t<decltype(k)>>)
          return &k;
        else
          return nullptr;
      },
      n.kind());
}

const SourceLoc& loc_of(const BoundNode& n) {
  return std::visit([](const auto& k) -> const SourceLoc& { return k.loc; }, n.kind());
}

const std::vector<BoundNode>& children_of(const BoundNode& n) {
  static const std::vector<BoundNode> kNone;
  return std::visit(
      [](const auto& k) -> const std::vector<BoundNode>& {
        if constexpr (requires { k.children; })
          return k.children;
        else
          return kNone;
      },
      n.kind());
}

// Not for_each_node: it stops at the first.
const BoundNode* find_node(const BoundForm& form, std::string_view id) { return find_in(form.body, id); }

}  // namespace bilan::data

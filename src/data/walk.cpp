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

const BoundQuestion* as_question(const BoundNode& n) { return spec::detail::kind_as<BoundQuestion>(n.kind()); }

const SourceLoc& loc_of(const BoundNode& n) { return spec::detail::kind_loc(n.kind()); }

const std::vector<BoundNode>& children_of(const BoundNode& n) { return spec::detail::kind_children<BoundNode>(n.kind()); }

// Not for_each_node: it stops at the first.
const BoundNode* find_node(const BoundForm& form, std::string_view id) { return find_in(form.body, id); }

}  // namespace bilan::data

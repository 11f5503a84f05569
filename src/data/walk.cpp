#include "data/walk.hpp"

namespace bilan::data {
namespace {

const BoundNode* find_in(const std::vector<BoundNode>& nodes, std::string_view id) {
  for (const auto& n : nodes) {
    if (n.spec->id == id) return &n;
    if (const auto* found = find_in(n.children, id)) return found;
  }
  return nullptr;
}

}  // namespace

// Not for_each_node: it stops at the first.
const BoundNode* find_node(const BoundForm& form, std::string_view id) { return find_in(form.body, id); }

}  // namespace bilan::data

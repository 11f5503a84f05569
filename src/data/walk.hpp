// data/walk — spec/walk.hpp over the bound form: the same dispatch on kinds
// (a kind added is a compile error at every visitor), the same traversal.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "data/bind.hpp"
#include "spec/walk.hpp"

namespace bilan::data {

template <class V>
decltype(auto) visit(const BoundNode& n, V&& visitor) {
  return spec::visit_kind(n.spec->kind, n, std::forward<V>(visitor));
}

// f(node) for every bound node of `nodes` and below, depth first, in document order.
template <class F>
void for_each_node(const std::vector<BoundNode>& nodes, F&& f) {
  for (const auto& n : nodes) {
    f(n);
    for_each_node(n.children, f);
  }
}

// The first bound node with this id, in document order; nullptr when none.
const BoundNode* find_node(const BoundForm& form, std::string_view id);

}  // namespace bilan::data

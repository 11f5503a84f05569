// data/walk — spec/walk.hpp over the bound form: the same dispatch on kinds
// (a kind added is a compile error at every visitor), the same traversal.
#pragma once

#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "data/bind.hpp"
#include "spec/walk.hpp"

namespace bilan::data {

// visitor(kind) with the bound node as its kind (BoundField, BoundSection…):
// one overload per kind, no catch-all.
template <class V>
decltype(auto) visit(const BoundNode& n, V&& visitor) {
  return std::visit(std::forward<V>(visitor), n.kind());
}

// f(node) for every bound node of `nodes` and below, depth first, in document order.
template <class F>
void for_each_node(const std::vector<BoundNode>& nodes, F&& f) {
  for (const auto& n : nodes) {
    f(n);
    for_each_node(children_of(n), f);
  }
}

// The first bound node with this id, in document order; nullptr when none.
const BoundNode* find_node(const BoundForm& form, std::string_view id);

// The first bound question with this id that is of kind K; nullptr when none.
template <class K>
const K* find_as(const BoundForm& form, std::string_view id) {
  const BoundNode* n = find_node(form, id);
  return n ? std::get_if<K>(&n->kind()) : nullptr;
}

}  // namespace bilan::data

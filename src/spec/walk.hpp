// spec/walk — the one traversal of a form's tree and the one dispatch on a
// node's kind, for every reader of the spec (spec::FormSpec) and of the bound
// form (data/walk.hpp): the loader's checks, the binder, the composer, the
// fillable fields, `list`, CSV headers, `archive diff`.
//
// visit(node, visitor) calls visitor(const K&) with the node as its kind K
// (spec::Field, spec::Section…). A visitor is an overload set with one
// overload per kind and no catch-all (spec::Overloaded{…}): a kind added to
// spec::NodeVariant is then a compile error at every visitor that must handle
// it, and nowhere else. Readers that only want the questions walk them with
// for_each_question(), whose visitors handle the five question kinds only.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "spec/form_spec.hpp"

namespace bilan::spec {

// What both trees (spec::Node, data::BoundNode) answer alike, whatever the
// kind: the kind as its shared base, its location, its children.
namespace detail {

// The kind as `Base` (Question, BoundQuestion) when it derives from it; nullptr otherwise.
template <class Base, class Variant>
const Base* kind_as(const Variant& v) {
  return std::visit(
      [](const auto& k) -> const Base* {
        if constexpr (std::is_base_of_v<Base, std::decay_t<decltype(k)>>)
          return &k;
        else
          return nullptr;
      },
      v);
}

template <class Variant>
const SourceLoc& kind_loc(const Variant& v) {
  return std::visit([](const auto& k) -> const SourceLoc& { return k.loc; }, v);
}

// The kind's children (a section's, a group's…); empty for the kinds without.
template <class Child, class Variant>
const std::vector<Child>& kind_children(const Variant& v) {
  static const std::vector<Child> kNone;
  return std::visit(
      [](const auto& k) -> const std::vector<Child>& {
        if constexpr (requires { k.children; })
          return k.children;
        else
          return kNone;
      },
      v);
}

}  // namespace detail

// An overload set from lambdas: Overloaded{[](const Field&) {…}, …}.
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// visitor(kind) with the node as its kind.
template <class V>
decltype(auto) visit(const Node& n, V&& visitor) {
  return std::visit(std::forward<V>(visitor), n.kind());
}

// visitor(question) for a question: the visitor handles the five question
// kinds only. Another kind is a bug (FormSpec::find() returns questions only).
template <class V>
decltype(auto) visit_question(const Node& n, V&& visitor) {
  using Result = decltype(visitor(std::declval<const Field&>()));
  return std::visit(
      [&](const auto& k) -> Result {
        if constexpr (is_question_v<std::decay_t<decltype(k)>>)
          return visitor(k);
        else
          throw std::logic_error("spec::visit_question: not a question");
      },
      n.kind());
}

// f(node) for every node of `nodes` and below, depth first, in document order.
template <class F>
void for_each_node(const std::vector<Node>& nodes, F&& f) {
  for (const auto& n : nodes) {
    f(n);
    for_each_node(children_of(n), f);
  }
}

// f(node, question) for every question with an id of `nodes` and below, in
// document order: for readers that keep the node (an index, a column).
template <class F>
void for_each_question_node(const std::vector<Node>& nodes, F&& f) {
  for_each_node(nodes, [&](const Node& n) {
    if (const Question* q = as_question(n); q && !q->id.empty()) f(n, *q);
  });
}

// The form's question nodes: its body, then each department's own parts, by code.
template <class F>
void for_each_question_node(const FormSpec& form, F&& f) {
  for_each_question_node(form.body, f);
  for (const auto& [code, nodes] : form.department_blocks) for_each_question_node(nodes, f);
}

// visitor(question) for every question with an id, as its kind, in the order
// of for_each_question_node(). The visitor handles the question kinds only
// (or is generic over them).
template <class Nodes, class V>
void for_each_question(const Nodes& nodes, V&& visitor) {
  for_each_question_node(nodes, [&](const Node& n, const Question&) { visit_question(n, visitor); });
}

}  // namespace bilan::spec

// spec/walk — the one traversal of a form's tree and the one dispatch on a
// node's kind, for every reader of the spec (spec::FormSpec) and of the bound
// form (data/walk.hpp): the loader's checks, the binder, the composer, the
// fillable fields, `list`, CSV headers, `archive diff`.
//
// visit(node, visitor) calls visitor(kind::K{}, node) with the tag of the
// node's kind. A visitor is an overload set with one overload per kind and
// no catch-all (spec::Overloaded{…}): a kind added to NodeKind is then a
// compile error in visit_kind() (a switch without default, -Wswitch) and at
// every visitor that must handle it, and nowhere else. Readers that only want
// the questions walk them with for_each_answerable(), whose visitors handle
// the answerable kinds only.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "spec/form_spec.hpp"

namespace bilan::spec {

// One tag per kind; `answerable`: it takes an answer (is_answerable()).
namespace kind {
struct Section { static constexpr bool answerable = false; };
struct Paragraph { static constexpr bool answerable = false; };
struct List { static constexpr bool answerable = false; };
struct Field { static constexpr bool answerable = true; };
struct TextArea { static constexpr bool answerable = true; };
struct YesNo { static constexpr bool answerable = true; };
struct Choice { static constexpr bool answerable = true; };
struct Table { static constexpr bool answerable = true; };
struct Group { static constexpr bool answerable = false; };
struct Signature { static constexpr bool answerable = false; };
struct Footnote { static constexpr bool answerable = false; };
struct PageBreak { static constexpr bool answerable = false; };
struct DepartmentBlocks { static constexpr bool answerable = false; };
struct Check { static constexpr bool answerable = false; };
}  // namespace kind

// An overload set from lambdas: Overloaded{[](kind::Field, const Node&) {…}, …}.
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// visitor(kind::K{}, node) for kind `k`; `node` is what the visitor receives
// (a spec::Node, a data::BoundNode). NodeKind::None is no kind: a bug.
template <class N, class V>
decltype(auto) visit_kind(NodeKind k, N& node, V&& visitor) {
  switch (k) {
    case NodeKind::Section: return visitor(kind::Section{}, node);
    case NodeKind::Paragraph: return visitor(kind::Paragraph{}, node);
    case NodeKind::List: return visitor(kind::List{}, node);
    case NodeKind::Field: return visitor(kind::Field{}, node);
    case NodeKind::TextArea: return visitor(kind::TextArea{}, node);
    case NodeKind::YesNo: return visitor(kind::YesNo{}, node);
    case NodeKind::Choice: return visitor(kind::Choice{}, node);
    case NodeKind::Table: return visitor(kind::Table{}, node);
    case NodeKind::Group: return visitor(kind::Group{}, node);
    case NodeKind::Signature: return visitor(kind::Signature{}, node);
    case NodeKind::Footnote: return visitor(kind::Footnote{}, node);
    case NodeKind::PageBreak: return visitor(kind::PageBreak{}, node);
    case NodeKind::DepartmentBlocks: return visitor(kind::DepartmentBlocks{}, node);
    case NodeKind::Check: return visitor(kind::Check{}, node);
    case NodeKind::None: break;
  }
  throw std::logic_error("spec::visit_kind: node without a kind");
}

template <class V>
decltype(auto) visit(const Node& n, V&& visitor) {
  return visit_kind(n.kind, n, std::forward<V>(visitor));
}

// visitor(kind::K{}, node) for a question: the visitor handles the answerable
// kinds only. Another kind is a bug (FormSpec::find() returns questions only).
template <class V>
decltype(auto) visit_answerable(const Node& n, V&& visitor) {
  using Result = decltype(visitor(kind::Field{}, n));
  return visit(n, [&](auto tag, const Node& node) -> Result {
    if constexpr (decltype(tag)::answerable)
      return visitor(tag, node);
    else
      throw std::logic_error("spec::visit_answerable: not a question");
  });
}

// f(node) for every node of `nodes` and below, depth first, in document order.
template <class F>
void for_each_node(const std::vector<Node>& nodes, F&& f) {
  for (const auto& n : nodes) {
    f(n);
    for_each_node(n.children, f);
  }
}

// visitor(kind::K{}, node) for every question (answerable kind, with an id)
// of `nodes` and below, in document order. The visitor handles the
// answerable kinds only (or is generic over them).
template <class V>
void for_each_answerable(const std::vector<Node>& nodes, V&& visitor) {
  for_each_node(nodes, [&](const Node& n) {
    if (n.id.empty() || !is_answerable(n.kind)) return;
    visit_answerable(n, visitor);
  });
}

// The form's questions: its body, then each department's own parts, by code.
template <class V>
void for_each_answerable(const FormSpec& form, V&& visitor) {
  for_each_answerable(form.body, visitor);
  for (const auto& [code, nodes] : form.department_blocks) for_each_answerable(nodes, visitor);
}

}  // namespace bilan::spec

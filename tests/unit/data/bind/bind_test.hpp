// Helpers for the per-kind binder tests: a layout body and answers from
// strings, bound; the bound nodes found by id or position, as their kind.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "data/bind.hpp"
#include "data/walk.hpp"
#include "load/answers_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::data::test {

using Diags = std::vector<std::string>;

// The bound node as its kind K; throws (a failed test) when it is another kind.
template <class K>
const K& as(const BoundNode& n) {
  if (const K* k = std::get_if<K>(&n.kind())) return *k;
  throw std::runtime_error("bound node of another kind");
}

struct Bound {
  std::optional<spec::FormSpec> form;
  std::optional<AnswerSet> answers;
  BoundForm bound;
  Diags diags;  // bind's diagnostics, sorted, as printed
  std::vector<Diagnostic> items;  // the same, as data

  // The bound question with this id, whatever its kind.
  const BoundQuestion& node(const std::string& id) const {
    if (const BoundNode* n = find_node(bound, id)) return *as_question(*n);
    throw std::runtime_error("no node " + id);
  }
  // The bound question with this id as its kind K (BoundTable, BoundChoice…).
  template <class K>
  const K& node_as(const std::string& id) const {
    if (const K* k = find_as<K>(bound, id)) return *k;
    throw std::runtime_error("no node " + id + " of that kind");
  }
  // The i-th node of the body as its kind K.
  template <class K>
  const K& body_as(std::size_t i) const {
    return as<K>(bound.body.at(i));
  }
};

// `body` inside <form id="t" school-year="2024-2025"> (/mem/t.xml, line 2 on);
// `answers` inside <bilan form="t"> (/mem/r.xml, line 2 on), or a blank form
// when nullopt. Both must load without a word.
inline std::unique_ptr<Bound> bind_body(const std::string& body, const std::optional<std::string>& answers,
                                        BindOptions options = {}) {
  auto b = std::make_unique<Bound>();
  bilan::testing::MemoryEnvironment env;
  env.add_file("/mem/t.xml", "<form id=\"t\" title=\"T {school_year}\" school-year=\"2024-2025\">\n" + body + "</form>\n");
  DiagnosticSink load_sink;
  b->form = load::load_layout(env, "/mem/t.xml", load_sink);
  if (!b->form) throw std::runtime_error("layout: " + load_sink.items().front().to_string());
  if (answers) {
    b->answers = load::parse_answers(env, "/mem/r.xml", "<bilan form=\"t\">\n" + *answers + "</bilan>\n", load_sink);
    if (!b->answers) throw std::runtime_error("answers: " + load_sink.items().front().to_string());
  }
  DiagnosticSink sink;
  b->bound = bind(*b->form, b->answers ? &*b->answers : nullptr, options, sink);
  b->items = sink.sorted();
  for (const auto& d : b->items) b->diags.push_back(d.to_string());
  return b;
}

}  // namespace bilan::data::test

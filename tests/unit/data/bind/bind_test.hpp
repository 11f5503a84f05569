// Helpers for the per-kind binder tests: a layout body and answers from
// strings, bound; the bound nodes found by id or position.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/bind.hpp"
#include "load/answers_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::data::test {

using Diags = std::vector<std::string>;

struct Bound {
  std::optional<spec::FormSpec> form;
  std::optional<AnswerSet> answers;
  BoundForm bound;
  Diags diags;  // bind's diagnostics, sorted, as printed
  std::vector<Diagnostic> items;  // the same, as data

  const BoundNode& node(const std::string& id) const {
    if (const BoundNode* n = find(bound.body, id)) return *n;
    throw std::runtime_error("no node " + id);
  }

 private:
  static const BoundNode* find(const std::vector<BoundNode>& nodes, const std::string& id) {
    for (const auto& n : nodes) {
      if (n.spec->id == id) return &n;
      if (const BoundNode* c = find(n.children, id)) return c;
    }
    return nullptr;
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

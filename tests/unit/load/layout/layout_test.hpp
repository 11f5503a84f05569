// Helpers for the per-kind loader tests: a layout from a string, its
// diagnostics as printed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::load::test {

using Diags = std::vector<std::string>;

struct Loaded {
  std::optional<spec::FormSpec> form;
  Diags diags;  // sorted, as printed
};

// `body` inside <form id="t" school-year="2024-2025">, starting on line 2 of /mem/t.xml.
inline Loaded load_body(const std::string& body) {
  bilan::testing::MemoryEnvironment env;
  env.add_file("/mem/t.xml", "<form id=\"t\" school-year=\"2024-2025\">\n" + body + "</form>\n");
  DiagnosticSink sink;
  Loaded r;
  r.form = load_layout(env, "/mem/t.xml", sink);
  for (const auto& d : sink.sorted()) r.diags.push_back(d.to_string());
  return r;
}

// The only node of a body that must load without a word.
inline spec::Node only_node(const std::string& body) {
  Loaded r = load_body(body);
  if (!r.diags.empty()) throw std::runtime_error(r.diags.front());
  if (!r.form || r.form->body.size() != 1) throw std::runtime_error("not one node");
  return std::move(r.form->body.front());
}

// A node as the kind K it must be (std::bad_variant_access fails the test otherwise).
template <class K>
const K& as(const spec::Node& n) {
  return std::get<K>(n.kind());
}

// The only node of a body, as the kind K it must be (std::bad_variant_access
// fails the test otherwise).
template <class K>
K only(const std::string& body) {
  return std::get<K>(only_node(body));
}

}  // namespace bilan::load::test

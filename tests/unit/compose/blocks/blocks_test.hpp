// Helpers for the per-kind block-builder tests: a layout body and answers
// from strings, loaded, bound and built into blocks with round metrics.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "../fake_metrics.hpp"
#include "compose/blocks.hpp"
#include "compose/style.hpp"
#include "load/answers_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::compose::test {

struct Built {
  std::vector<Block> blocks;  // the title block first
  std::vector<std::string> diags;

  // The blocks after the title block: how many, and block i of them.
  std::size_t count() const { return blocks.size() - 1; }
  const Block& block(std::size_t i) const { return blocks.at(i + 1); }
  // Items of type T in every chunk of block i of the body.
  template <class T>
  std::vector<T> items(std::size_t i) const {
    std::vector<T> out;
    for (const auto& c : blocks.at(i + 1).chunks)
      for (const auto& item : c.items)
        if (const auto* t = std::get_if<T>(&item)) out.push_back(*t);
    return out;
  }
  // The words block i of the body prints, each text item followed by « | ».
  std::string text(std::size_t i) const {
    std::string out;
    for (const auto& t : items<TextItem>(i)) out += t.text + "|";
    return out;
  }
};

// `body` inside <form id="t" school-year="2024-2025"> (/mem/t.xml, line 2 on);
// `answers` inside <bilan form="t">, or a blank form when nullopt.
inline Built build(const std::string& body, const std::optional<std::string>& answers = std::nullopt,
                   ComposeOptions options = {}) {
  bilan::testing::MemoryEnvironment env;
  env.add_file("/mem/t.xml", "<form id=\"t\" school-year=\"2024-2025\">\n" + body + "</form>\n");
  DiagnosticSink sink;
  auto form = load::load_layout(env, "/mem/t.xml", sink);
  if (!form) throw std::runtime_error("layout: " + sink.items().front().to_string());
  std::optional<data::AnswerSet> set;
  if (answers) {
    set = load::parse_answers(env, "/mem/r.xml", "<bilan form=\"t\">\n" + *answers + "</bilan>\n", sink);
    if (!set) throw std::runtime_error("answers: " + sink.items().front().to_string());
  }
  const data::BoundForm bound = data::bind(*form, set ? &*set : nullptr, data::BindOptions{}, sink);
  bilan::testing::FakeMetrics metrics;
  Built b;
  b.blocks = build_blocks(bound, metrics, sink, nullptr, options);
  for (const auto& d : sink.sorted()) b.diags.push_back(d.to_string());
  return b;
}

inline ComposeOptions fillable() {
  ComposeOptions o;
  o.fields = true;
  return o;
}

}  // namespace bilan::compose::test

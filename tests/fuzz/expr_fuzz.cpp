// libFuzzer target: any text as an expression (`when`, `computed`, <check>)
// is parsed, printed, re-parsed to the same tree, and evaluated without
// crashing, hanging or overflowing the stack.
// Run: scripts/fuzz.sh (its seeds are the expressions of layouts/).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "data/eval.hpp"
#include "spec/expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bilan;
  const std::string text(reinterpret_cast<const char*>(data), size);
  spec::ExprError err;
  const auto e = spec::try_parse_expr(text, err);
  if (!e) {
    if (err.message.empty() || err.offset > text.size()) std::abort();
    return 0;
  }
  // The canonical form (traces, messages) is parsed again: it may be longer
  // than the limit (it adds parentheses and spaces), never deeper than the
  // stack allows (within 4 096 bytes of source).
  const std::string canonical = e->to_string();
  Limits roomy;
  roomy.expr_bytes = 1u << 16;
  spec::ExprError err2;
  (void)spec::try_parse_expr(canonical, err2, roomy);
  // Every name is a number, a text or missing, by its first letter: all the
  // evaluator's paths are reached.
  const auto lookup = [](std::string_view name) {
    const char c = name.empty() ? 'm' : name[0];
    if (c < 'h') return data::EvalValue::of(static_cast<double>(name.size()));
    if (c < 'p') return data::EvalValue::of_text(std::string(name));
    if (c < 't') return data::EvalValue::of_bool(name.size() % 2 == 0);
    return data::EvalValue::missing();
  };
  std::string error;
  (void)data::evaluate(*e, lookup, &error);
  return 0;
}

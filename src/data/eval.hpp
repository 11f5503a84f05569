// data/eval — evaluates spec::Expr over answers with three-valued logic: an
// expression that depends on a missing answer is Missing, neither true nor false.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/expr.hpp"

namespace bilan::data {

struct EvalValue {
  enum class Kind : std::uint8_t { Missing, Number, Text, Bool, Set, List } kind = Kind::Missing;
  double number = 0;
  std::string text;
  bool boolean = false;
  std::vector<std::string> set;  // Set: the values of a multiple choice
  std::vector<double> list;      // List: the numbers of a table column

  static EvalValue missing() { return {}; }
  static EvalValue of(double v) { EvalValue e; e.kind = Kind::Number; e.number = v; return e; }
  static EvalValue of_bool(bool v) { EvalValue e; e.kind = Kind::Bool; e.boolean = v; return e; }
  static EvalValue of_text(std::string v) { EvalValue e; e.kind = Kind::Text; e.text = std::move(v); return e; }
  bool is_missing() const { return kind == Kind::Missing; }
  bool is_true() const { return kind == Kind::Bool && boolean; }
  bool is_false() const { return kind == Kind::Bool && !boolean; }
};

using Lookup = std::function<EvalValue(std::string_view name)>;

// Errors (a text added to a number, an unknown function at run time) make the
// result Missing and set `error` when given.
EvalValue evaluate(const spec::Expr& e, const Lookup& lookup, std::string* error = nullptr);

}  // namespace bilan::data

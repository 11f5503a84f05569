// spec/expr — the small expression language of `computed` and `when`
// attributes: parse(text) → Expr (an AST of plain structs). Evaluation lives
// in data/, which knows the answers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"

namespace bilan::spec {

enum class ExprKind : std::uint8_t {
  None,     // empty expression
  Number,   // 12, 4,5
  String,   // 'texte'
  Bool,     // oui / non / true / false
  Ref,      // field_id, department.tne, choice.option
  Unary,    // -x, not x
  Binary,   // x + y, x = y, x and y …
  Call,     // sum(a, b)
};

enum class Op : std::uint8_t {
  None,  // no operator
  Add, Sub, Mul, Div,
  Eq, Ne, Lt, Le, Gt, Ge,
  And, Or, Not, Neg,
};

struct Expr {
  ExprKind kind = ExprKind::None;
  Op op = Op::None;
  double number = 0;
  bool boolean = false;
  std::string text;              // string literal, reference name or function name
  std::vector<Expr> args;        // operands or call arguments
  std::size_t offset = 0;        // byte offset of this node in the source text

  // Every reference the expression reads (for validation and dependency order).
  void collect_refs(std::vector<const Expr*>& out) const;
  std::string to_string() const;  // canonical form, for traces and messages
};

struct ExprError {
  std::size_t offset = 0;  // byte offset in the expression text
  std::string message;     // French
};

// Parses `text`; on failure returns nullopt and fills `error`. Longer or
// deeper than `limits` allow is an error naming the limit.
std::optional<Expr> try_parse_expr(std::string_view text, ExprError& error, const Limits& limits = Limits{});

// Names of the functions the language knows: answered, contains, sum, min, max,
// starts_with, postal_department.
bool is_known_function(std::string_view name);

}  // namespace bilan::spec

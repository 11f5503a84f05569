#include "data/eval.hpp"

#include <algorithm>
#include <cmath>

#include "data/value.hpp"

namespace bilan::data {
namespace {

using Kind = EvalValue::Kind;
using spec::Op;

constexpr double kEpsilon = 1e-9;  // counts and euros: exact enough, immune to 0.1 + 0.2

class Evaluator {
 public:
  Evaluator(const Lookup& lookup, std::string* error) : lookup_(lookup), error_(error) {}

  EvalValue eval(const spec::Expr& e) {
    switch (e.kind) {
      case spec::ExprKind::Number: return EvalValue::of(e.number);
      case spec::ExprKind::String: return EvalValue::of_text(e.text);
      case spec::ExprKind::Bool: return EvalValue::of_bool(e.boolean);
      case spec::ExprKind::Ref: return lookup_(e.text);
      case spec::ExprKind::Unary: return unary(e);
      case spec::ExprKind::Binary: return binary(e);
      case spec::ExprKind::Call: return call(e);
      case spec::ExprKind::None: break;
    }
    return EvalValue::missing();
  }

 private:
  EvalValue fail(std::string message) {
    if (error_ && error_->empty()) *error_ = std::move(message);
    return EvalValue::missing();
  }

  EvalValue unary(const spec::Expr& e) {
    const EvalValue v = eval(e.args[0]);
    if (v.is_missing()) return v;
    if (e.op == Op::Not) {
      if (v.kind != Kind::Bool) return fail("« not » s’applique à oui/non");
      return EvalValue::of_bool(!v.boolean);
    }
    if (v.kind != Kind::Number) return fail("« - » s’applique à un nombre");
    return EvalValue::of(-v.number);
  }

  EvalValue logic(const spec::Expr& e) {
    // Kleene logic: false and missing = false; true or missing = true.
    const EvalValue a = eval(e.args[0]);
    const EvalValue b = eval(e.args[1]);
    for (const auto* v : {&a, &b})
      if (!v->is_missing() && v->kind != Kind::Bool) return fail("« and »/« or » s’appliquent à des conditions");
    if (e.op == Op::And) {
      if (a.is_false() || b.is_false()) return EvalValue::of_bool(false);
      if (a.is_missing() || b.is_missing()) return EvalValue::missing();
      return EvalValue::of_bool(true);
    }
    if (a.is_true() || b.is_true()) return EvalValue::of_bool(true);
    if (a.is_missing() || b.is_missing()) return EvalValue::missing();
    return EvalValue::of_bool(false);
  }

  static bool equal(const EvalValue& a, const EvalValue& b) {
    if (a.kind == Kind::Number && b.kind == Kind::Number) return std::fabs(a.number - b.number) < kEpsilon;
    if (a.kind == Kind::Bool && b.kind == Kind::Bool) return a.boolean == b.boolean;
    if (a.kind == Kind::Text && b.kind == Kind::Text) return a.text == b.text;
    if (a.kind == Kind::Set && b.kind == Kind::Text) return a.set.size() == 1 && a.set[0] == b.text;
    if (a.kind == Kind::Text && b.kind == Kind::Set) return equal(b, a);
    return false;
  }

  EvalValue binary(const spec::Expr& e) {
    if (e.op == Op::And || e.op == Op::Or) return logic(e);
    const EvalValue a = eval(e.args[0]);
    const EvalValue b = eval(e.args[1]);
    switch (e.op) {
      case Op::Add:
      case Op::Sub: {
        // In sums a missing count is 0, unless nothing at all is known. A
        // difference (« date_fin - date_debut ») needs both sides.
        if (a.is_missing() && b.is_missing()) return EvalValue::missing();
        if (e.op == Op::Sub && (a.is_missing() || b.is_missing())) return EvalValue::missing();
        const double x = a.is_missing() ? 0 : a.number, y = b.is_missing() ? 0 : b.number;
        if ((!a.is_missing() && a.kind != Kind::Number) || (!b.is_missing() && b.kind != Kind::Number))
          return fail("addition ou soustraction de valeurs qui ne sont pas des nombres");
        return EvalValue::of(e.op == Op::Add ? x + y : x - y);
      }
      case Op::Mul:
      case Op::Div:
        if (a.is_missing() || b.is_missing()) return EvalValue::missing();
        if (a.kind != Kind::Number || b.kind != Kind::Number) return fail("« * » et « / » s’appliquent à des nombres");
        if (e.op == Op::Div && std::fabs(b.number) < kEpsilon) return EvalValue::missing();
        return EvalValue::of(e.op == Op::Mul ? a.number * b.number : a.number / b.number);
      case Op::Eq:
      case Op::Ne:
        if (a.is_missing() || b.is_missing()) return EvalValue::missing();
        return EvalValue::of_bool(equal(a, b) == (e.op == Op::Eq));
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: {
        if (a.is_missing() || b.is_missing()) return EvalValue::missing();
        if (a.kind != Kind::Number || b.kind != Kind::Number) return fail("comparaison de valeurs qui ne sont pas des nombres");
        const double x = a.number, y = b.number;
        bool r = false;
        if (e.op == Op::Lt) r = x < y - kEpsilon;
        if (e.op == Op::Le) r = x <= y + kEpsilon;
        if (e.op == Op::Gt) r = x > y + kEpsilon;
        if (e.op == Op::Ge) r = x >= y - kEpsilon;
        return EvalValue::of_bool(r);
      }
      default: break;
    }
    return fail("opérateur inattendu");
  }

  EvalValue call(const spec::Expr& e) {
    const std::string& f = e.text;
    if (f == "answered") {
      if (e.args.size() != 1) return fail("answered() prend un argument");
      return EvalValue::of_bool(!eval(e.args[0]).is_missing());
    }
    if (f == "contains") {
      if (e.args.size() != 2) return fail("contains() prend deux arguments");
      const EvalValue set = eval(e.args[0]);
      const EvalValue v = eval(e.args[1]);
      if (set.is_missing() || v.is_missing()) return EvalValue::missing();
      if (set.kind == Kind::Set) return EvalValue::of_bool(std::find(set.set.begin(), set.set.end(), v.text) != set.set.end());
      return EvalValue::of_bool(equal(set, v));
    }
    if (f == "starts_with") {
      if (e.args.size() != 2) return fail("starts_with() prend deux arguments");
      const EvalValue a = eval(e.args[0]);
      const EvalValue b = eval(e.args[1]);
      if (a.is_missing() || b.is_missing()) return EvalValue::missing();
      if (a.kind != Kind::Text || b.kind != Kind::Text) return fail("starts_with() s’applique à des textes");
      return EvalValue::of_bool(a.text.starts_with(b.text));
    }
    if (f == "postal_department") {
      // A code that names no department is missing: its own field says why.
      if (e.args.size() != 1) return fail("postal_department() prend un argument");
      const EvalValue v = eval(e.args[0]);
      if (v.is_missing()) return v;
      if (v.kind != Kind::Text) return fail("postal_department() s’applique à un code postal, un code Insee ou un code de département");
      if (auto d = postal_department(v.text)) return EvalValue::of_text(*d);
      return EvalValue::missing();
    }
    // sum, min, max: missing arguments are skipped; all missing gives missing.
    std::vector<double> xs;
    for (const auto& a : e.args) {
      const EvalValue v = eval(a);
      if (v.is_missing()) continue;
      if (v.kind == Kind::List) {  // a table column: its answered cells
        xs.insert(xs.end(), v.list.begin(), v.list.end());
        continue;
      }
      if (v.kind != Kind::Number) return fail(f + "() s’applique à des nombres");
      xs.push_back(v.number);
    }
    if (xs.empty()) return EvalValue::missing();
    if (f == "sum") {
      double s = 0;
      for (const double x : xs) s += x;
      return EvalValue::of(s);
    }
    if (f == "min") return EvalValue::of(*std::min_element(xs.begin(), xs.end()));
    if (f == "max") return EvalValue::of(*std::max_element(xs.begin(), xs.end()));
    return fail("fonction inconnue « " + f + " »");
  }

  const Lookup& lookup_;
  std::string* error_;
};

}  // namespace

EvalValue evaluate(const spec::Expr& e, const Lookup& lookup, std::string* error) {
  return Evaluator(lookup, error).eval(e);
}

}  // namespace bilan::data

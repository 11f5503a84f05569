#include "data/eval.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

namespace bilan::data {
namespace {

// Variables: a=2, b=3, z=0, t='texte', yes=oui, no=non, set={materiel, autres}; anything else is missing.
EvalValue lookup(std::string_view name) {
  if (name == "a") return EvalValue::of(2);
  if (name == "b") return EvalValue::of(3);
  if (name == "z") return EvalValue::of(0);
  if (name == "t") return EvalValue::of_text("texte");
  if (name == "yes") return EvalValue::of_bool(true);
  if (name == "no") return EvalValue::of_bool(false);
  if (name == "set") {
    EvalValue v;
    v.kind = EvalValue::Kind::Set;
    v.set = {"materiel", "autres"};
    return v;
  }
  if (name == "one") {
    EvalValue v;
    v.kind = EvalValue::Kind::Set;
    v.set = {"materiel"};
    return v;
  }
  return EvalValue::missing();
}

struct Result {
  EvalValue value;
  std::string error;
};

Result eval(std::string_view text) {
  spec::ExprError err;
  auto e = spec::try_parse_expr(text, err);
  EXPECT_TRUE(e) << text << ": " << err.message;
  Result r;
  if (e) r.value = evaluate(*e, lookup, &r.error);
  return r;
}

// "nombre 5", "oui", "non", "texte 'x'", "manquant", "erreur: …"
std::string show(std::string_view text) {
  const Result r = eval(text);
  if (!r.error.empty()) return "erreur: " + r.error;
  switch (r.value.kind) {
    case EvalValue::Kind::Missing: return "manquant";
    case EvalValue::Kind::Bool: return r.value.boolean ? "oui" : "non";
    case EvalValue::Kind::Number: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "nombre %g", r.value.number);
      return buf;
    }
    case EvalValue::Kind::Text: return "texte '" + r.value.text + "'";
    case EvalValue::Kind::Set: return "ensemble";
    case EvalValue::Kind::List: return "liste";
  }
  return "?";
}

TEST(Evaluate, Arithmetic) {
  EXPECT_EQ(show("1 + 2 * 3"), "nombre 7");
  EXPECT_EQ(show("(a + b) * 2"), "nombre 10");
  EXPECT_EQ(show("b - a - 1"), "nombre 0");
  EXPECT_EQ(show("b / a"), "nombre 1.5");
  EXPECT_EQ(show("-a + 4,5"), "nombre 2.5");
}

TEST(Evaluate, MissingOperandsInSumsCountAsZero) {
  EXPECT_EQ(show("a + m"), "nombre 2");
  EXPECT_EQ(show("m + b"), "nombre 3");
  EXPECT_EQ(show("m - b"), "manquant");  // a difference needs both sides (date_fin - date_debut)
  EXPECT_EQ(show("a - m"), "manquant");
  EXPECT_EQ(show("m + n + a"), "nombre 2");
  EXPECT_EQ(show("m + n"), "manquant");  // nothing known at all
}

TEST(Evaluate, MissingOperandsElsewherePropagate) {
  EXPECT_EQ(show("m * 2"), "manquant");
  EXPECT_EQ(show("a / m"), "manquant");
  EXPECT_EQ(show("-m"), "manquant");
  EXPECT_EQ(show("m > 3"), "manquant");
  EXPECT_EQ(show("m = oui"), "manquant");
  EXPECT_EQ(show("not m"), "manquant");
}

TEST(Evaluate, DivisionByZeroIsMissing) {
  EXPECT_EQ(show("a / z"), "manquant");
}

TEST(Evaluate, Comparisons) {
  EXPECT_EQ(show("a < b"), "oui");
  EXPECT_EQ(show("a > b"), "non");
  EXPECT_EQ(show("a <= 2"), "oui");
  EXPECT_EQ(show("a >= 2"), "oui");
  EXPECT_EQ(show("a < 2"), "non");
  EXPECT_EQ(show("a = 2"), "oui");
  EXPECT_EQ(show("a != 2"), "non");
  EXPECT_EQ(show("0.1 + 0.2 = 0.3"), "oui");  // no floating-point surprise
  EXPECT_EQ(show("yes = oui"), "oui");
  EXPECT_EQ(show("no = oui"), "non");
  EXPECT_EQ(show("t = 'texte'"), "oui");
  EXPECT_EQ(show("t != 'autre'"), "oui");
  EXPECT_EQ(show("a = '2'"), "non");  // a number is not a text
}

TEST(Evaluate, ChoiceComparesItsValue) {
  EXPECT_EQ(show("one = 'materiel'"), "oui");
  EXPECT_EQ(show("'materiel' = one"), "oui");
  EXPECT_EQ(show("set = 'materiel'"), "non");  // two values chosen
}

TEST(Evaluate, ThreeValuedLogic) {
  EXPECT_EQ(show("yes and yes"), "oui");
  EXPECT_EQ(show("yes and no"), "non");
  EXPECT_EQ(show("m and no"), "non");
  EXPECT_EQ(show("no and m"), "non");
  EXPECT_EQ(show("m and yes"), "manquant");
  EXPECT_EQ(show("m or yes"), "oui");
  EXPECT_EQ(show("yes or m"), "oui");
  EXPECT_EQ(show("m or no"), "manquant");
  EXPECT_EQ(show("no or no"), "non");
  EXPECT_EQ(show("not no"), "oui");
  EXPECT_EQ(show("a > 1 and b > 1"), "oui");
}

TEST(Evaluate, Answered) {
  EXPECT_EQ(show("answered(a)"), "oui");
  EXPECT_EQ(show("answered(t)"), "oui");
  EXPECT_EQ(show("answered(m)"), "non");
  EXPECT_EQ(show("not answered(m)"), "oui");
}

TEST(Evaluate, Contains) {
  EXPECT_EQ(show("contains(set, 'autres')"), "oui");
  EXPECT_EQ(show("contains(set, 'sorties')"), "non");
  EXPECT_EQ(show("contains(t, 'texte')"), "oui");
  EXPECT_EQ(show("contains(m, 'autres')"), "manquant");
}

TEST(Evaluate, StartsWith) {
  EXPECT_EQ(show("starts_with('73282932000074', '732829320')"), "oui");
  EXPECT_EQ(show("starts_with('73282932000074', '552049447')"), "non");
  EXPECT_EQ(show("starts_with(t, 'tex')"), "oui");
  EXPECT_EQ(show("starts_with(t, '')"), "oui");
  EXPECT_EQ(show("starts_with(m, 'tex')"), "manquant");
  EXPECT_EQ(show("starts_with(t, m)"), "manquant");
  EXPECT_EQ(show("starts_with(t)"), "erreur: starts_with() prend deux arguments");
  EXPECT_EQ(show("starts_with(a, 'x')"), "erreur: starts_with() s’applique à des textes");
}

TEST(Evaluate, PostalDepartment) {
  EXPECT_EQ(show("postal_department('73000')"), "texte '73'");
  EXPECT_EQ(show("postal_department('2A004')"), "texte '20'");
  EXPECT_EQ(show("postal_department('97411')"), "texte '974'");
  EXPECT_EQ(show("postal_department('73000') = postal_department('73')"), "oui");
  EXPECT_EQ(show("postal_department('20000') = postal_department('2B')"), "oui");
  EXPECT_EQ(show("postal_department('73000') = postal_department('74')"), "non");
  EXPECT_EQ(show("postal_department(t)"), "manquant");  // names no department
  EXPECT_EQ(show("postal_department(m)"), "manquant");
  EXPECT_EQ(show("postal_department(a)"),
            "erreur: postal_department() s’applique à un code postal, un code Insee ou un code de département");
  EXPECT_EQ(show("postal_department('73', '74')"), "erreur: postal_department() prend un argument");
}

TEST(Evaluate, SumMinMax) {
  EXPECT_EQ(show("sum(a, b, 4)"), "nombre 9");
  EXPECT_EQ(show("sum(a, m, b)"), "nombre 5");
  EXPECT_EQ(show("sum(m, n)"), "manquant");
  EXPECT_EQ(show("min(b, a, 7)"), "nombre 2");
  EXPECT_EQ(show("max(b, a, m)"), "nombre 3");
  EXPECT_EQ(show("max(m)"), "manquant");
  EXPECT_EQ(show("sum()"), "manquant");
}

TEST(Evaluate, TypeErrors) {
  EXPECT_EQ(show("t + 1"), "erreur: addition ou soustraction de valeurs qui ne sont pas des nombres");
  EXPECT_EQ(show("t * 2"), "erreur: « * » et « / » s’appliquent à des nombres");
  EXPECT_EQ(show("t < 2"), "erreur: comparaison de valeurs qui ne sont pas des nombres");
  EXPECT_EQ(show("a and yes"), "erreur: « and »/« or » s’appliquent à des conditions");
  EXPECT_EQ(show("not a"), "erreur: « not » s’applique à oui/non");
  EXPECT_EQ(show("-t"), "erreur: « - » s’applique à un nombre");
  EXPECT_EQ(show("sum(a, t)"), "erreur: sum() s’applique à des nombres");
  EXPECT_EQ(show("answered(a, b)"), "erreur: answered() prend un argument");
  EXPECT_EQ(show("contains(set)"), "erreur: contains() prend deux arguments");
}

TEST(Evaluate, FirstErrorIsKeptAndResultIsMissing) {
  const Result r = eval("(t + 1) + (t * 2)");
  EXPECT_EQ(r.error, "addition ou soustraction de valeurs qui ne sont pas des nombres");
  EXPECT_TRUE(r.value.is_missing());
}

TEST(Evaluate, ErrorPointerIsOptional) {
  spec::ExprError err;
  auto e = spec::try_parse_expr("t + 1", err);
  ASSERT_TRUE(e);
  EXPECT_TRUE(evaluate(*e, lookup).is_missing());
}

}  // namespace
}  // namespace bilan::data

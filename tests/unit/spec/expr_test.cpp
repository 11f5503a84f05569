#include "spec/expr.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bilan::spec {
namespace {

// Canonical form of a parse, or "ERREUR@offset: message".
std::string parsed(std::string_view text) {
  ExprError err;
  auto e = try_parse_expr(text, err);
  if (!e) return "ERREUR@" + std::to_string(err.offset) + ": " + err.message;
  return e->to_string();
}

Expr must_parse(std::string_view text) {
  ExprError err;
  auto e = try_parse_expr(text, err);
  EXPECT_TRUE(e) << text << ": " << err.message;
  return e ? std::move(*e) : Expr{};
}

TEST(ExprParser, ArithmeticPrecedence) {
  EXPECT_EQ(parsed("a + b * c"), "(a + (b * c))");
  EXPECT_EQ(parsed("a * b + c"), "((a * b) + c)");
  EXPECT_EQ(parsed("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(parsed("a / b / c"), "((a / b) / c)");
  EXPECT_EQ(parsed("(a + b) * c"), "((a + b) * c)");
  EXPECT_EQ(parsed("-a * b"), "(-a * b)");
  EXPECT_EQ(parsed("a * -b"), "(a * -b)");
}

TEST(ExprParser, MinusBetweenNamesIsSubtraction) {
  // Ids are [a-z][a-z0-9_]*: « a-b » can only mean a minus b.
  EXPECT_EQ(parsed("total-depenses"), "(total - depenses)");
  EXPECT_EQ(parsed("nb_enfants-1"), "(nb_enfants - 1)");
}

TEST(ExprParser, ComparisonBindsLooserThanArithmetic) {
  EXPECT_EQ(parsed("a + 1 >= b * 2"), "((a + 1) >= (b * 2))");
  EXPECT_EQ(parsed("a = b"), "(a = b)");
  EXPECT_EQ(parsed("a == b"), "(a = b)");
  EXPECT_EQ(parsed("a != b"), "(a != b)");
  EXPECT_EQ(parsed("a < b"), "(a < b)");
  EXPECT_EQ(parsed("a <= b"), "(a <= b)");
  EXPECT_EQ(parsed("a > b"), "(a > b)");
}

TEST(ExprParser, LogicPrecedence) {
  EXPECT_EQ(parsed("a = 1 or b = 2 and c = 3"), "((a = 1) or ((b = 2) and (c = 3)))");
  EXPECT_EQ(parsed("not a = b and c"), "(not (a = b) and c)");
  EXPECT_EQ(parsed("not not a"), "not not a");
  EXPECT_EQ(parsed("a && b || c"), "((a and b) or c)");
  EXPECT_EQ(parsed("!a"), "not a");
}

TEST(ExprParser, YesNoLiterals) {
  Expr oui = must_parse("oui");
  EXPECT_EQ(oui.kind, ExprKind::Bool);
  EXPECT_TRUE(oui.boolean);
  Expr non = must_parse("non");
  EXPECT_EQ(non.kind, ExprKind::Bool);
  EXPECT_FALSE(non.boolean);
  EXPECT_TRUE(must_parse("true").boolean);
  EXPECT_FALSE(must_parse("false").boolean);
  EXPECT_EQ(parsed("bonus = oui"), "(bonus = oui)");
  EXPECT_EQ(parsed("bonus = true"), "(bonus = oui)");
  // A name that merely starts like a literal is a reference.
  Expr ref = must_parse("ouis");
  EXPECT_EQ(ref.kind, ExprKind::Ref);
  EXPECT_EQ(ref.text, "ouis");
}

TEST(ExprParser, NumbersWithDecimalCommaOrPoint) {
  Expr comma = must_parse("4,5");
  EXPECT_EQ(comma.kind, ExprKind::Number);
  EXPECT_DOUBLE_EQ(comma.number, 4.5);
  EXPECT_EQ(comma.text, "4,5");
  Expr point = must_parse("4.25");
  EXPECT_DOUBLE_EQ(point.number, 4.25);
  Expr whole = must_parse("12");
  EXPECT_DOUBLE_EQ(whole.number, 12);
  EXPECT_EQ(parsed("a * 1,5"), "(a * 1,5)");
}

TEST(ExprParser, CommaSeparatesArgumentsUnlessADigitFollows) {
  Expr two = must_parse("sum(a, b)");
  ASSERT_EQ(two.kind, ExprKind::Call);
  EXPECT_EQ(two.text, "sum");
  ASSERT_EQ(two.args.size(), 2u);
  EXPECT_EQ(two.args[0].text, "a");
  EXPECT_EQ(two.args[1].text, "b");

  EXPECT_EQ(must_parse("sum(a,b)").args.size(), 2u);
  EXPECT_EQ(must_parse("sum(4, 5)").args.size(), 2u);
  EXPECT_EQ(must_parse("max(a, 4,5)").args.size(), 2u);
  // Documented: a comma followed by a digit is a decimal comma.
  Expr one = must_parse("sum(4,5)");
  ASSERT_EQ(one.args.size(), 1u);
  EXPECT_DOUBLE_EQ(one.args[0].number, 4.5);
  EXPECT_EQ(parsed("min(a, b + 1, 2)"), "min(a, (b + 1), 2)");
  EXPECT_EQ(must_parse("sum()").args.size(), 0u);
}

TEST(ExprParser, Strings) {
  Expr single = must_parse("'texte libre'");
  EXPECT_EQ(single.kind, ExprKind::String);
  EXPECT_EQ(single.text, "texte libre");
  Expr dbl = must_parse("\"été\"");
  EXPECT_EQ(dbl.text, "été");
  EXPECT_EQ(parsed("contains(objet, 'materiel')"), "contains(objet, 'materiel')");
  EXPECT_EQ(must_parse("''").text, "");
}

TEST(ExprParser, DottedReferences) {
  Expr e = must_parse("department.tne = oui");
  ASSERT_EQ(e.kind, ExprKind::Binary);
  EXPECT_EQ(e.args[0].kind, ExprKind::Ref);
  EXPECT_EQ(e.args[0].text, "department.tne");
  EXPECT_EQ(must_parse("objet.autres").text, "objet.autres");
}

TEST(ExprParser, OffsetsOfNodes) {
  Expr e = must_parse("  ab + sum(c, d)");
  EXPECT_EQ(e.offset, 5u);  // the operator
  EXPECT_EQ(e.args[0].offset, 2u);
  EXPECT_EQ(e.args[1].offset, 7u);
  EXPECT_EQ(e.args[1].args[1].offset, 14u);
}

TEST(ExprParser, CollectRefsInOrder) {
  Expr e = must_parse("sum(a, b * 2) > c and answered(d) and department.tne");
  std::vector<const Expr*> refs;
  e.collect_refs(refs);
  std::vector<std::string> names;
  for (const auto* r : refs) names.push_back(r->text);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c", "d", "department.tne"}));
}

TEST(ExprParser, KnownFunctions) {
  for (const char* f : {"answered", "contains", "sum", "min", "max"}) EXPECT_TRUE(is_known_function(f)) << f;
  EXPECT_FALSE(is_known_function("avg"));
  EXPECT_FALSE(is_known_function("Sum"));
}

TEST(ExprParserErrors, IncompleteOperation) {
  EXPECT_EQ(parsed("a +"), "ERREUR@3: expression incomplète");
  EXPECT_EQ(parsed("a +   "), "ERREUR@6: expression incomplète");
  EXPECT_EQ(parsed("not"), "ERREUR@3: expression incomplète");
}

TEST(ExprParserErrors, MissingClosingParenthesis) {
  EXPECT_EQ(parsed("(a"), "ERREUR@2: « ) » attendue");
  EXPECT_EQ(parsed("sum(a b)"), "ERREUR@6: « ) » attendue");
  EXPECT_EQ(parsed("sum(a, b"), "ERREUR@8: « ) » attendue");
}

TEST(ExprParserErrors, DoubledOperator) {
  EXPECT_EQ(parsed("a = = b"), "ERREUR@4: « = » inattendu");
  EXPECT_EQ(parsed("a + * b"), "ERREUR@4: « * » inattendu");
  EXPECT_EQ(parsed("a = b = c"), "ERREUR@6: « = » inattendu");
  EXPECT_EQ(parsed("a b"), "ERREUR@2: « b » inattendu");
  EXPECT_EQ(parsed("a)"), "ERREUR@1: « ) » inattendu");
  EXPECT_EQ(parsed("sum(a, )"), "ERREUR@7: « ) » inattendu");
}

TEST(ExprParserErrors, UnknownFunction) {
  EXPECT_EQ(parsed("foo(1)"), "ERREUR@0: fonction inconnue « foo » (connues : answered, contains, sum, min, max, starts_with, postal_department)");
  EXPECT_EQ(parsed("a + avg(b)"), "ERREUR@4: fonction inconnue « avg » (connues : answered, contains, sum, min, max, starts_with, postal_department)");
}

TEST(ExprParserErrors, UnterminatedString) {
  EXPECT_EQ(parsed("'abc"), "ERREUR@0: chaîne non terminée");
  EXPECT_EQ(parsed("contains(x, 'abc)"), "ERREUR@12: chaîne non terminée");
  EXPECT_EQ(parsed("a = \"x'"), "ERREUR@4: chaîne non terminée");
}

TEST(ExprParserErrors, EmptyExpression) {
  EXPECT_EQ(parsed(""), "ERREUR@0: expression vide");
  EXPECT_EQ(parsed("   "), "ERREUR@0: expression vide");
}

TEST(ExprParserErrors, KeywordWhereOperandExpected) {
  EXPECT_EQ(parsed("and a"), "ERREUR@0: opérande attendu avant « and »");
  EXPECT_EQ(parsed("a or or b"), "ERREUR@5: opérande attendu avant « or »");
}

TEST(ExprParserErrors, UnexpectedCharacter) {
  EXPECT_EQ(parsed("a # b"), "ERREUR@2: caractère inattendu « # »");
  EXPECT_EQ(parsed("a; b"), "ERREUR@1: caractère inattendu « ; »");
}

TEST(ExprParserErrors, UnexpectedNonAsciiCharacterIsQuotedWhole) {
  // The message must stay valid UTF-8: the whole character, not its first byte.
  EXPECT_EQ(parsed("a \u2265 b"), "ERREUR@2: caractère inattendu « \u2265 »");
  EXPECT_EQ(parsed("effectif_\u00e9l\u00e8ves > 3"), "ERREUR@9: caractère inattendu « \u00e9 »");
}

}  // namespace
}  // namespace bilan::spec

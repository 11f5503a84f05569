// Declared limits (core/limits.hpp, docs/limits.md): deep nesting, long and
// deep expressions, include chains. Each is a located error naming the limit,
// never a stack overflow (the suite also runs under ASan, which uses more
// stack per call: thousands of levels here).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "data/eval.hpp"
#include "load/layout_loader.hpp"
#include "spec/expr.hpp"
#include "support/test_support.hpp"

namespace bilan::load {
namespace {

using bilan::testing::MemoryEnvironment;

struct Loaded {
  std::optional<spec::FormSpec> form;
  std::vector<std::string> diags;
};

Loaded load(const MemoryEnvironment& env, const std::string& path) {
  DiagnosticSink sink;
  Loaded r;
  r.form = load_layout(env, path, sink);
  for (const auto& d : sink.sorted()) r.diags.push_back(d.to_string());
  return r;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// A form whose body is `levels` nested copies of open/close around a field.
std::string nested_form(const std::string& open, const std::string& close, int levels) {
  return "<form id=\"f\" title=\"T\">\n" + repeat(open, levels) + "<field id=\"x\" label=\"X\"/>" +
         repeat(close, levels) + "\n</form>\n";
}

bool has(const std::vector<std::string>& diags, const std::string& line) {
  return std::find(diags.begin(), diags.end(), line) != diags.end();
}

std::string joined(const std::vector<std::string>& diags) {
  std::string s;
  for (const auto& d : diags) s += d + "\n";
  return s;
}

TEST(Limits, ThousandsOfNestedGroupsAreOneErrorNotACrash) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", nested_form("<group when=\"oui\">", "</group>", 5000));
  const auto r = load(env, "/mem/f.xml");
  EXPECT_FALSE(r.form);
  // The 256th element: <form> is the first level, the groups start at column 1 of line 2.
  const std::size_t column = 1 + 18 * 255;
  EXPECT_EQ(joined(r.diags), "/mem/f.xml:2:" + std::to_string(column) +
                                 ": erreur: imbrication trop profonde (limite : 256 niveaux)\n");
}

TEST(Limits, ThousandsOfNestedSectionsAreOneErrorNotACrash) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", nested_form("<section title=\"S\">", "</section>", 20000));
  const auto r = load(env, "/mem/f.xml");
  EXPECT_FALSE(r.form);
  ASSERT_EQ(r.diags.size(), 1u) << joined(r.diags);
  EXPECT_TRUE(r.diags[0].ends_with(": erreur: imbrication trop profonde (limite : 256 niveaux)")) << r.diags[0];
}

TEST(Limits, SectionsAndGroupsNestedPastTheLimit) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", nested_form("<section title=\"S\">", "</section>", 70));
  const auto r = load(env, "/mem/f.xml");
  EXPECT_FALSE(r.form);
  // The 65th section, of 19 characters each.
  EXPECT_TRUE(has(r.diags, "/mem/f.xml:2:" + std::to_string(1 + 19 * 64) +
                               ": erreur: sections et groupes trop imbriqués (limite : 64 niveaux)"))
      << joined(r.diags);
}

TEST(Limits, LoweredLimitsComeFromTheEnvironment) {
  MemoryEnvironment env;
  Limits limits;
  limits.nesting = 3;
  env.set_limits(limits);
  env.add_file("/mem/f.xml", nested_form("<group when=\"oui\">", "</group>", 4));
  const auto r = load(env, "/mem/f.xml");
  EXPECT_TRUE(has(r.diags, "/mem/f.xml:2:55: erreur: sections et groupes trop imbriqués (limite : 3 niveaux)"))
      << joined(r.diags);
  env.add_file("/mem/f.xml", nested_form("<group when=\"oui\">", "</group>", 3));
  EXPECT_TRUE(load(env, "/mem/f.xml").form) << joined(load(env, "/mem/f.xml").diags);
}

TEST(Limits, IncludeChainPastTheLimit) {
  MemoryEnvironment env;
  const int files = 20;
  env.add_file("/mem/f.xml", "<form id=\"f\" title=\"T\">\n<include src=\"i1.xml\"/>\n</form>\n");
  for (int i = 1; i < files; ++i)
    env.add_file("/mem/i" + std::to_string(i) + ".xml", "<form id=\"i\" title=\"I\">\n<include src=\"i" +
                                                            std::to_string(i + 1) + ".xml\"/>\n</form>\n");
  env.add_file("/mem/i" + std::to_string(files) + ".xml", "<form id=\"i\" title=\"I\"><field id=\"x\" label=\"X\"/></form>");
  const auto r = load(env, "/mem/f.xml");
  EXPECT_FALSE(r.form);
  EXPECT_TRUE(has(r.diags, "/mem/i16.xml:2:15: erreur: inclusions trop imbriquées (limite : 16 niveaux)"))
      << joined(r.diags);
}

TEST(Limits, IncludesRepeatedInsideIncludesAreBounded) {
  // Each file takes the next one ten times: 10^8 elements if nothing stopped it.
  MemoryEnvironment env;
  const auto tens = [](const std::string& src) { return repeat("<include src=\"" + src + "\"/>", 10); };
  env.add_file("/mem/f.xml", "<form id=\"f\" title=\"T\">" + tens("i1.xml") + "</form>");
  for (int i = 1; i < 8; ++i)
    env.add_file("/mem/i" + std::to_string(i) + ".xml",
                 "<form id=\"i\" title=\"I\">" + tens("i" + std::to_string(i + 1) + ".xml") + "</form>");
  env.add_file("/mem/i8.xml", "<form id=\"i\" title=\"I\"><p>x</p></form>");
  const auto r = load(env, "/mem/f.xml");
  EXPECT_FALSE(r.form);
  ASSERT_FALSE(r.diags.empty());
  EXPECT_TRUE(std::any_of(r.diags.begin(), r.diags.end(), [](const std::string& d) {
    return d.ends_with(": erreur: formulaire trop grand, inclusions comprises (limite : 200\u202F000 éléments)");
  })) << joined(r.diags);
}

spec::ExprError parse_error(const std::string& text) {
  spec::ExprError err;
  EXPECT_FALSE(spec::try_parse_expr(text, err)) << text.substr(0, 40);
  return err;
}

TEST(Limits, ThousandsOfParenthesesAreTooLong) {
  const auto err = parse_error(repeat("(", 5000) + "1" + repeat(")", 5000));
  EXPECT_EQ(err.offset, 0u);
  EXPECT_EQ(err.message, "expression trop longue (10\u202F001 octets ; limite : 4\u202F096 octets)");
}

TEST(Limits, DeepExpressionsWithinTheLengthAreTooDeep) {
  for (const std::string& open : {std::string("("), std::string("-"), std::string("not "), std::string("sum(")}) {
    const std::string close = open == "(" ? ")" : open == "sum(" ? ")" : "";
    const int n = 2000 / static_cast<int>(open.size());
    const auto err = parse_error(repeat(open, n) + "1" + repeat(close, n));
    EXPECT_EQ(err.message, "expression trop imbriquée (limite : 64 niveaux)") << open;
  }
}

TEST(Limits, NestingJustUnderTheLimitParsesAndEvaluates) {
  spec::ExprError err;
  const auto e = spec::try_parse_expr(repeat("(", 20) + "1" + repeat(")", 20), err);
  ASSERT_TRUE(e) << err.message;
}

TEST(Limits, LongestChainOfOperatorsParsesAndEvaluates) {
  // 2,048 additions within 4,096 bytes: a tree 2,048 deep, evaluated recursively.
  std::string text = "1";
  while (text.size() + 2 <= 4096) text += "+1";
  spec::ExprError err;
  const auto e = spec::try_parse_expr(text, err);
  ASSERT_TRUE(e) << err.message;
  const std::size_t additions = (text.size() - 1) / 2;
  EXPECT_EQ(e->to_string().size(), 6 * additions + 1) << "« (a + b) » for each addition";
  const auto v = data::evaluate(*e, [](std::string_view) { return data::EvalValue::missing(); });
  EXPECT_EQ(v.number, static_cast<double>(additions + 1));
}

}  // namespace
}  // namespace bilan::load

namespace bilan::load {
namespace {

TEST(Limits, IncludesStayInsideTheLayoutFolders) {
  MemoryEnvironment env;
  env.set_layout_dirs({"/mem/layouts"});
  env.add_file("/mem/layouts/f.xml", "<form id=\"f\" title=\"T\">\n<include src=\"../secret.xml\"/>\n"
                                     "<include src=\"/etc/passwd\"/>\n<include src=\"sous/../p.xml\"/>\n</form>\n");
  env.add_file("/mem/secret.xml", "<form id=\"s\" title=\"S\"><field id=\"s\" label=\"S\"/></form>");
  env.add_file("/mem/layouts/p.xml", "<form id=\"p\" title=\"P\"><field id=\"p\" label=\"P\"/></form>");
  const auto r = load(env, "/mem/layouts/f.xml");
  EXPECT_EQ(joined(r.diags),
            "/mem/layouts/f.xml:2:15: erreur: inclusion de « ../secret.xml » refusée : elle sort des dossiers de layouts (« .. » ou lien symbolique)\n"
            "/mem/layouts/f.xml:3:15: erreur: inclusion de « /etc/passwd » refusée : elle sort des dossiers de layouts (« .. » ou lien symbolique)\n");
}

}  // namespace
}  // namespace bilan::load

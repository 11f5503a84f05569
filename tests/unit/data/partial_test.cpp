// Partial (pre-filled) bilans: nothing required, rules that read a missing
// answer and « expected » answers stay silent; given answers are still checked.
#include <gtest/gtest.h>

#include "data/bind.hpp"
#include "load/answers_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::data {
namespace {

using Diags = std::vector<std::string>;

const char* const kLayout = R"xml(<form id="p" title="Partiel" school-year="2024-2025">
  <field id="structure" label="Structure" required="true"/>
  <field id="a" type="integer" label="A"/>
  <field id="b" type="integer" label="B"/>
  <field id="total" type="integer" label="Total"/>
  <yesno id="ecart" label="Écart ?"/>
  <textarea id="raisons" label="Raisons" expected-when="ecart = oui"/>
  <check id="somme" test="a + b = total" message="{a} + {b} ≠ {total}"/>
  <check id="borne" test="a &lt;= 10" message="{a} de trop"/>
</form>
)xml";

Diags bind_with(const std::string& body, bool partial) {
  testing::MemoryEnvironment env;
  env.add_file("/mem/p.xml", kLayout);
  DiagnosticSink sink;
  auto form = load::load_layout(env, "/mem/p.xml", sink);
  EXPECT_TRUE(sink.empty());
  auto answers = load::parse_answers(env, "/mem/a.xml", "<bilan form=\"p\">\n" + body + "</bilan>\n", sink);
  BindOptions options;
  options.partial = partial;
  const BoundForm bound = bind(*form, &*answers, options, sink);
  EXPECT_FALSE(bound.blank);
  Diags out;
  for (const auto& d : sink.sorted()) out.push_back(d.to_string());
  return out;
}

const char* const kSome = "  <answer field=\"a\">3</answer>\n  <answer field=\"total\">5</answer>\n  <answer field=\"ecart\">oui</answer>\n";

TEST(Partial, ACompleteBilanDemandsWhatAPartialOneDoesNot) {
  const Diags full = bind_with(kSome, false);
  ASSERT_EQ(full.size(), 3u);
  EXPECT_EQ(full[0], "/mem/a.xml:1:1: erreur: champ obligatoire sans réponse : « structure » (Structure)");
  EXPECT_NE(full[1].find("3 + … ≠ 5"), std::string::npos) << full[1];  // b missing counts as 0
  EXPECT_NE(full[2].find("« Raisons » est sans réponse"), std::string::npos) << full[2];
  EXPECT_EQ(bind_with(kSome, true), Diags{});
}

TEST(Partial, GivenAnswersAreStillChecked) {
  const Diags d = bind_with("  <answer field=\"a\">douze</answer>\n  <answer field=\"b\">11</answer>\n", true);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].find("/mem/a.xml:2:"), std::string::npos) << d[0];
  const Diags rule = bind_with("  <answer field=\"a\">11</answer>\n", true);
  ASSERT_EQ(rule.size(), 1u);  // « borne » needs only a, which is given
  EXPECT_NE(rule[0].find("11 de trop"), std::string::npos) << rule[0];
}

}  // namespace
}  // namespace bilan::data

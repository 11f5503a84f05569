// <check> rules and expected-when, through bind(): messages quote the answers
// and the rule, missing answers keep a rule silent, `when` gates it.
#include "data/bind.hpp"

#include <gtest/gtest.h>

#include "load/answers_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::data {
namespace {

using Diags = std::vector<std::string>;

const char* const kLayout = R"xml(<form id="r" title="Règles" school-year="2024-2025">
  <field id="enfants" type="integer" label="Enfants"/>
  <field id="familles" type="integer" label="Familles"/>
  <field id="collectifs" type="integer" label="Collectifs"/>
  <field id="budget" type="amount" label="Budget"/>
  <field id="debut" type="date" label="Début"/>
  <field id="fin" type="date" label="Fin"/>
  <yesno id="ecart" label="Écart ?"/>
  <textarea id="ecart_raisons" label="Si oui, précisez-en les raisons :" expected-when="ecart = oui"/>
  <table id="ateliers" stub="Atelier">
    <column id="parents" type="integer" label="Parents"/>
    <row id="a" label="A"/>
    <row id="b" label="B"/>
  </table>
  <check id="regle_familles" test="familles &lt;= enfants" message="{familles} familles pour {enfants} enfants"
         rule="chaque famille a au moins un enfant"/>
  <check id="taille" when="collectifs &gt; 0" test="enfants &gt;= 8 * collectifs" message="{enfants} enfants pour {collectifs} collectif(s)"/>
  <check id="regle_budget" test="budget &lt;= 1000" message="budget de {budget}" severity="error"/>
  <check id="annee" test="debut &gt;= school_year.start and fin &lt;= school_year.end" message="du {debut} au {fin}"/>
  <check id="semaines" when="debut &lt; fin" test="(fin - debut) / 7 &gt;= 27" message="moins de 27 semaines"/>
  <check id="presences" test="familles &lt;= sum(ateliers.parents)" message="{familles} familles, {ateliers.parents} présences"/>
</form>
)xml";

Diags check(const std::string& body) {
  testing::MemoryEnvironment env;
  env.add_file("/mem/r.xml", kLayout);
  DiagnosticSink sink;
  auto form = load::load_layout(env, "/mem/r.xml", sink);
  EXPECT_TRUE(sink.empty()) << sink.items().front().to_string();
  auto answers = load::parse_answers(env, "/mem/a.xml", "<bilan form=\"r\">\n" + body + "</bilan>\n", sink);
  BindOptions options;
  options.format_value = [](const Value& v) { return v.kind == ValueKind::Amount ? v.canonical() + " €" : v.canonical(); };
  bind(*form, &*answers, options, sink);
  Diags out;
  for (const auto& d : sink.sorted()) out.push_back(d.to_string());
  return out;
}

TEST(Check, FalseRuleWarnsWithTheAnswersAndTheRule) {
  EXPECT_EQ(check("<answer field=\"enfants\">10</answer>\n<answer field=\"familles\">12</answer>\n"),
            Diags{"/mem/a.xml:3:26: avertissement: 12 familles pour 10 enfants (règle : « chaque famille a au moins un enfant »)"});
}

TEST(Check, TrueRuleIsSilent) {
  EXPECT_EQ(check("<answer field=\"enfants\">12</answer>\n<answer field=\"familles\">10</answer>\n"), Diags{});
}

TEST(Check, MissingAnswersKeepARuleSilent) {
  EXPECT_EQ(check("<answer field=\"familles\">12</answer>\n"), Diags{});
  EXPECT_EQ(check("<answer field=\"debut\">2024-10-07</answer>\n"), Diags{}) << "no end date: no week count";
}

TEST(Check, WhenGatesTheRule) {
  EXPECT_EQ(check("<answer field=\"enfants\">3</answer>\n<answer field=\"collectifs\">0</answer>\n"), Diags{});
  EXPECT_EQ(check("<answer field=\"enfants\">6</answer>\n<answer field=\"collectifs\">1</answer>\n"),
            Diags{"/mem/a.xml:2:25: avertissement: 6 enfants pour 1 collectif(s)"});
}

TEST(Check, SeverityErrorIsAnError) {
  EXPECT_EQ(check("<answer field=\"budget\">1 250,50</answer>\n"), Diags{"/mem/a.xml:2:24: erreur: budget de 1250.50 €"});
}

TEST(Check, DatesAgainstTheSchoolYearAndWeeks) {
  EXPECT_EQ(check("<answer field=\"debut\">2024-10-07</answer>\n<answer field=\"fin\">2025-06-27</answer>\n"), Diags{});
  EXPECT_EQ(check("<answer field=\"debut\">2024-08-20</answer>\n<answer field=\"fin\">2025-01-10</answer>\n"),
            (Diags{"/mem/a.xml:2:23: avertissement: du 2024-08-20 au 2025-01-10",
                   "/mem/a.xml:3:21: avertissement: moins de 27 semaines"}));
  EXPECT_EQ(check("<answer field=\"debut\">2025-06-27</answer>\n<answer field=\"fin\">2024-10-07</answer>\n"), Diags{})
      << "end before start: the week rule does not apply (when)";
}

TEST(Check, TableColumnsSum) {
  EXPECT_EQ(check("<answer field=\"familles\">9</answer>\n<table field=\"ateliers\">\n"
                  "<row id=\"a\"><cell column=\"parents\">4</cell></row>\n<row id=\"b\"><cell column=\"parents\">3</cell></row>\n</table>\n"),
            Diags{"/mem/a.xml:2:26: avertissement: 9 familles, 7 présences"});
}

TEST(Check, ExpectedWhen) {
  EXPECT_EQ(check("<answer field=\"ecart\">oui</answer>\n"),
            Diags{"/mem/a.xml:2:23: avertissement: « Si oui, précisez-en les raisons : » est sans réponse alors que "
                  "ecart = oui : précisez (champ « ecart_raisons »)"});
  EXPECT_EQ(check("<answer field=\"ecart\">non</answer>\n"), Diags{});
  EXPECT_EQ(check("<answer field=\"ecart\">oui</answer>\n<answer field=\"ecart_raisons\">Un retard.</answer>\n"), Diags{});
}

TEST(Check, LayoutErrorsInChecksAreLocated) {
  testing::MemoryEnvironment env;
  env.add_file("/mem/bad.xml", R"(<form id="bad">
  <field id="a" type="integer" label="A"/>
  <check test="a &gt; " message="{b}"/>
  <check message="x"/>
</form>)");
  DiagnosticSink sink;
  EXPECT_FALSE(load::load_layout(env, "/mem/bad.xml", sink));
  Diags out;
  for (const auto& d : sink.sorted()) out.push_back(d.to_string());
  EXPECT_EQ(out, (Diags{"/mem/bad.xml:3:3: erreur: {b} dans le message de <check> ne désigne aucun champ du formulaire",
                        "/mem/bad.xml:3:23: erreur: expression « a >  » : expression incomplète",
                        "/mem/bad.xml:4:3: erreur: attribut « test » manquant sur <check>"}));
}

}  // namespace
}  // namespace bilan::data

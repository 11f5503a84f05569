// <check> rules and expected-when, through bind(): messages quote the answers
// and the rule, missing answers keep a rule silent, `when` gates it.
#include "data/bind.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "load/answers_loader.hpp"
#include "load/departments_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

// A namespace of its own: the unity build puts test files side by side.
namespace bilan::data::check_test {
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

// --- The rules of the real layouts (layouts/, docs/layout.md) ------------------
// Each rule fires on answers that break it and stays silent on answers that keep
// it, or that lack what it needs (a fact of the action left unknown).

struct RuleRun {
  std::vector<std::string> rules;  // ids of the rules that fired, in order
  std::vector<std::string> all;    // every diagnostic, as printed
  bool fired(const std::string& id) const { return std::find(rules.begin(), rules.end(), id) != rules.end(); }
};

// `body` answered on FORM for department 47 (which has the TNE part), with the
// answers a submitted bilan requires; `facts` as a store would give them.
RuleRun rules(const std::string& body, const std::string& form = "clas-2024-2025",
              std::map<std::string, std::string> facts = {}, const std::string& root_extra = "") {
  testing::MemoryEnvironment env;
  env.add_disk_tree(testing::source_path("layouts"));
  DiagnosticSink sink;
  auto registry = load::load_departments(env, testing::source_path("layouts/departments.xml"), sink);
  auto layout = load::load_layout(env, testing::source_path("layouts/" + form + ".xml"), sink, &*registry);
  EXPECT_TRUE(layout && sink.empty()) << (sink.empty() ? "" : sink.sorted()[0].to_string());
  std::string required;
  if (form == "clas-2024-2025")
    required = "<answer field=\"structure\">S</answer><answer field=\"referent\">R</answer><answer field=\"intitule\">I</answer>"
               "<answer field=\"objectifs_atteints\">O</answer><answer field=\"bilan_global\">B</answer>\n";
  else if (form == "clas-lot-et-garonne-2021-2022")
    required = "<answer field=\"structure\">S</answer><answer field=\"numero_action\">N</answer>"
               "<answer field=\"referent\">R</answer><answer field=\"bilan_global\">B</answer>\n";
  else if (form == "questionnaire-clas-2023-2024")
    required = "<answer field=\"bilan_qualitatif\">B</answer>\n";
  else
    required = "<answer field=\"structure\">S</answer>\n";
  auto answers = load::parse_answers(env, "/mem/a.xml",
                                     "<bilan form=\"" + form + "\" department=\"47\"" + root_extra + ">\n" + required + body + "</bilan>\n",
                                     sink);
  BindOptions options;
  options.registry = &*registry;
  options.action_facts = std::move(facts);
  bind(*layout, &*answers, options, sink);
  RuleRun out;
  for (const auto& d : sink.sorted()) {
    out.all.push_back(d.to_string());
    if (d.code == DiagCode::Rule && !d.rule_id.empty()) out.rules.push_back(d.rule_id);
  }
  return out;
}

std::string answers(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::string out;
  for (const auto& [field, value] : list) out += "<answer field=\"" + std::string(field) + "\">" + value + "</answer>\n";
  return out;
}

std::string message_of(const RuleRun& r, const std::string& needle) {
  for (const auto& d : r.all)
    if (d.find(needle) != std::string::npos) return d;
  return "";
}

TEST(ClasRules, CollectifOf6IsAcceptedInARuralAreaOrWhenUnknown) {
  const std::string six = answers({{"enfants_elementaire", "6"}, {"collectifs", "1"}});
  EXPECT_FALSE(rules(six).fired("collectif_8")) << "rural area unknown: no warning";
  EXPECT_FALSE(rules("<action rural=\"oui\"/>\n" + six).fired("collectif_8"));
  EXPECT_FALSE(rules("<action rural=\"non\" handicap=\"oui\"/>\n" + six).fired("collectif_8"));
  const auto urban = rules("<action rural=\"non\" handicap=\"non\"/>\n" + six);
  EXPECT_TRUE(urban.fired("collectif_8"));
  EXPECT_EQ(urban.all.back(),
            "/mem/a.xml:5:28: avertissement: 6 enfants pour 1 collectif(s), hors milieu rural et sans enfant en situation de "
            "handicap : moins de 8 enfants par collectif (règle : « Un groupe constitué de 8 à 12 enfants se réunit durant "
            "toute l’année scolaire (27 semaines) dans un même lieu, accessible aux parents »)");
  // The same facts from a store, through BindOptions.
  EXPECT_TRUE(rules(six, "clas-2024-2025", {{"rural", "non"}, {"handicap", "non"}}).fired("collectif_8"));
  EXPECT_FALSE(rules("<action rural=\"oui\"/>\n" + six, "clas-2024-2025", {{"rural", "non"}, {"handicap", "non"}}).fired("collectif_8"))
      << "the answer file's facts win over the store's";
}

TEST(ClasRules, CollectifSizeLimits) {
  EXPECT_TRUE(rules(answers({{"enfants_elementaire", "3"}, {"collectifs", "1"}})).fired("collectif_minimum"));
  EXPECT_TRUE(rules(answers({{"enfants_elementaire", "13"}, {"collectifs", "1"}})).fired("collectif_maximum"));
  EXPECT_EQ(rules(answers({{"enfants_elementaire", "12"}, {"collectifs", "1"}})).rules, std::vector<std::string>{});
  EXPECT_EQ(rules(answers({{"enfants_elementaire", "5"}, {"collectifs", "1"}})).rules, std::vector<std::string>{});
}

TEST(ClasRules, TwoIntervenantsPerCollectifOneOnlyInRuralSmallCollectifs) {
  const std::string one_for_10 = answers({{"intervenants_salaries", "1"}, {"enfants_elementaire", "10"}, {"collectifs", "1"}});
  EXPECT_TRUE(rules(one_for_10).fired("intervenants_collectif"));
  EXPECT_TRUE(rules("<action rural=\"oui\"/>\n" + one_for_10).fired("intervenants_collectif")) << "8 children or more";
  const std::string one_for_6 = answers({{"intervenants_salaries", "1"}, {"enfants_elementaire", "6"}, {"collectifs", "1"}});
  EXPECT_FALSE(rules(one_for_6).fired("intervenants_collectif")) << "may be rural: silent";
  EXPECT_FALSE(rules("<action rural=\"oui\"/>\n" + one_for_6).fired("intervenants_collectif"));
  EXPECT_TRUE(rules("<action rural=\"non\"/>\n" + one_for_6).fired("intervenants_collectif"));
  EXPECT_FALSE(rules(answers({{"intervenants_salaries", "1"}, {"intervenants_benevoles", "1"}, {"enfants_elementaire", "10"},
                              {"collectifs", "1"}}))
                   .fired("intervenants_collectif"));
  EXPECT_FALSE(rules(answers({{"intervenants_salaries", "2"}, {"enfants_elementaire", "20"}, {"collectifs", "2"}}))
                   .fired("intervenants_collectif"))
      << "the same two may run both collectifs";
  const auto none = rules(answers({{"intervenants_salaries", "0"}, {"enfants_elementaire", "10"}, {"collectifs", "1"}}));
  EXPECT_TRUE(none.fired("intervenants_minimum"));
  EXPECT_FALSE(none.fired("intervenants_collectif")) << "one message, not two";
}

TEST(ClasRules, HoursPerCollectif81Or54InRuralAreas) {
  const std::string h60 = answers({{"heures_salaries", "60"}, {"collectifs", "1"}});
  EXPECT_FALSE(rules(h60).fired("heures_collectif")) << "rural area unknown: 54 h suffice";
  EXPECT_FALSE(rules(h60).fired("heures_minimum"));
  EXPECT_TRUE(rules("<action rural=\"non\"/>\n" + h60).fired("heures_collectif"));
  EXPECT_FALSE(rules("<action rural=\"oui\"/>\n" + h60).fired("heures_collectif"));
  const auto decimal = rules(answers({{"heures_salaries", "40,5"}, {"heures_benevoles", "12"}, {"collectifs", "1"}}));
  EXPECT_TRUE(decimal.fired("heures_minimum"));
  EXPECT_NE(message_of(decimal, "52.5 heures d’intervenants pour 1 collectif(s) : moins de 54 h"), "") << decimal.all[0];
  EXPECT_EQ(rules(answers({{"heures_salaries", "81"}, {"collectifs", "1"}}), "clas-2024-2025", {{"rural", "non"}}).rules,
            std::vector<std::string>{});
}

TEST(ClasRules, DatesWithinTheSchoolYearSayWhatWasCompared) {
  const auto r = rules(answers({{"date_debut", "2024-08-26"}, {"date_fin", "2025-06-13"}}));
  EXPECT_TRUE(r.fired("dates_annee"));
  EXPECT_NE(message_of(r, "les dates du projet (2024-08-26 – 2025-06-13) sortent de l’année scolaire 2024-2025, du 2024-09-01 au "
                          "2025-08-31"),
            "");
  EXPECT_FALSE(rules(answers({{"date_debut", "2024-09-02"}, {"date_fin", "2025-06-27"}})).fired("dates_annee"));
}

std::string all_of(const std::vector<const char*>& ids, const char* value) {
  std::string out;
  for (const auto* id : ids) out += "<answer field=\"" + std::string(id) + "\">" + value + "</answer>\n";
  return out;
}

const std::vector<const char*> kActivities = {"activite_methodologie", "activite_travail_personnel", "activite_numerique",
                                              "activite_culture_sport", "activite_sciences", "activite_jeux_educatifs",
                                              "activite_sorties", "activite_citoyennete", "activite_echanges_ecole"};
const std::vector<const char*> kSchool = {"ecole_partenariat_formalise", "ecole_partenariat_informel", "ecole_orientation",
                                          "ecole_rencontres"};
const std::vector<const char*> kParents = {
    "parents_reunion_information", "parents_contractualisation", "parents_rencontres_individuelles", "parents_outils_liaison",
    "parents_rencontres_enseignants", "parents_convivialite", "parents_participation_seances", "parents_rencontre_thematique",
    "parents_numerique", "parents_associations_parents", "parents_codes_ecole", "parents_partenaires"};

TEST(ClasRules, TheFourAxes) {
  EXPECT_TRUE(rules(all_of(kActivities, "non")).fired("axe_enfants"));
  EXPECT_FALSE(rules(all_of(kActivities, "oui")).fired("axe_enfants"));
  EXPECT_FALSE(rules(answers({{"activite_methodologie", "non"}})).fired("axe_enfants")) << "the others unanswered";
  EXPECT_TRUE(rules(all_of(kSchool, "non")).fired("axe_ecole"));
  EXPECT_FALSE(rules(all_of(kSchool, "oui")).fired("axe_ecole"));
  EXPECT_TRUE(rules(all_of(kParents, "non")).fired("axe_parents"));
  EXPECT_FALSE(rules(all_of(kParents, "oui")).fired("axe_parents"));
  EXPECT_FALSE(rules(all_of(kParents, "non"), "clas-lot-et-garonne-2021-2022").fired("axe_parents"))
      << "« Si vous êtes concerné » in the 2021/22 bilan";
  EXPECT_TRUE(rules(all_of(kActivities, "non"), "clas-lot-et-garonne-2021-2022").fired("axe_enfants"));
  EXPECT_TRUE(rules(answers({{"ecart_concertation_territoire", "non"}})).fired("axe_territoire"));
  EXPECT_FALSE(rules(answers({{"ecart_concertation_territoire", "non"}, {"territoire_acteurs", "La médiathèque"}}))
                   .fired("axe_territoire"));
  EXPECT_FALSE(rules("").fired("axe_territoire"));
}

TEST(ClasRules, MinimalActions) {
  EXPECT_TRUE(rules(answers({{"activite_methodologie", "non"}})).fired("minimum_methodologie"));
  EXPECT_FALSE(rules(answers({{"activite_methodologie", "oui"}})).fired("minimum_methodologie"));
  EXPECT_TRUE(rules(answers({{"mesure_assiduite", "non"}})).fired("minimum_assiduite"));
  EXPECT_FALSE(rules(answers({{"mesure_assiduite", "oui"}})).fired("minimum_assiduite"));
  EXPECT_TRUE(rules(answers({{"parents_reunion_information", "non"}})).fired("minimum_parents_information"));
  EXPECT_FALSE(rules(answers({{"parents_reunion_information", "oui"}})).fired("minimum_parents_information"));
  EXPECT_TRUE(rules(answers({{"ecole_partenariat_formalise", "non"}, {"ecole_partenariat_informel", "non"}})).fired("minimum_ecole"));
  EXPECT_FALSE(rules(answers({{"ecole_partenariat_formalise", "non"}, {"ecole_partenariat_informel", "oui"}})).fired("minimum_ecole"));
}

TEST(ClasRules, NotHomeworkHelpAlone) {
  std::string only_homework = all_of(kActivities, "non");
  only_homework.replace(only_homework.find("activite_travail_personnel\">non"), 31, "activite_travail_personnel\">oui");
  EXPECT_TRUE(rules(only_homework).fired("pas_seulement_devoirs"));
  EXPECT_FALSE(rules(all_of(kActivities, "oui")).fired("pas_seulement_devoirs"));
  EXPECT_FALSE(rules(answers({{"activite_travail_personnel", "oui"}})).fired("pas_seulement_devoirs")) << "others unanswered";
}

TEST(ClasRules, ChildrenComeWithANeedIdentifiedBeforehand) {
  const auto r = rules(answers({{"origine_famille", "oui"}, {"origine_enseignant", "non"}, {"origine_acteur_local", "non"},
                                {"origine_reussite_educative", "non"}, {"origine_autres", "non"}}));
  EXPECT_TRUE(r.fired("besoin_repere"));
  EXPECT_FALSE(rules(answers({{"origine_enseignant", "oui"}})).fired("besoin_repere"));
}

TEST(ClasRules, BonusCriteria) {
  const std::string funded = answers({{"bonus_enfants", "oui"}, {"bonus_enfant_finance", "oui"}});
  EXPECT_TRUE(rules(funded + answers({{"bonus_enfant_toute_annee", "non"}})).fired("bonus_enfants_annee"));
  EXPECT_FALSE(rules(funded + answers({{"bonus_enfant_toute_annee", "oui"}})).fired("bonus_enfants_annee"));
  EXPECT_TRUE(rules(funded + answers({{"bonus_enfant_objet", "autres"}, {"bonus_enfant_objet.autres", "Un goûter"}}))
                  .fired("bonus_enfants_moyens"))
      << "« Autres » alone does not qualify";
  EXPECT_FALSE(rules(funded + answers({{"bonus_enfant_objet", "autres sorties"}, {"bonus_enfant_objet.autres", "Un goûter"}}))
                   .fired("bonus_enfants_moyens"));
  EXPECT_FALSE(rules(funded).fired("bonus_enfants_moyens")) << "nothing ticked yet: silent";
  EXPECT_FALSE(rules(answers({{"bonus_enfant_finance", "non"}})).fired("bonus_enfants_annee"));

  const std::string parents = answers({{"bonus_parents", "oui"}, {"bonus_parent_finance", "oui"}});
  EXPECT_TRUE(rules(parents + answers({{"bonus_parent_toute_annee", "non"}})).fired("bonus_parents_annee"));
  EXPECT_FALSE(rules(parents + answers({{"bonus_parent_toute_annee", "oui"}})).fired("bonus_parents_annee"));
  EXPECT_TRUE(rules(parents + answers({{"bonus_parent_objet", "autres"}, {"bonus_parent_objet.autres", "Un café"}}))
                  .fired("bonus_parents_moyens"));
  EXPECT_FALSE(rules(parents + answers({{"bonus_parent_objet", "public_allophone"}})).fired("bonus_parents_moyens"));
}

TEST(ClasRules, HeaderBonusAnswersAreThoseOfTheBonusParts) {
  EXPECT_TRUE(rules(answers({{"bonus_enfants", "non"}, {"bonus_enfant_finance", "oui"}})).fired("entete_bonus_enfants"));
  EXPECT_FALSE(rules(answers({{"bonus_enfants", "oui"}, {"bonus_enfant_finance", "oui"}})).fired("entete_bonus_enfants"));
  EXPECT_TRUE(rules(answers({{"bonus_parents", "oui"}, {"bonus_parent_finance", "non"}})).fired("entete_bonus_parents"));
  EXPECT_FALSE(rules(answers({{"bonus_parents", "non"}, {"bonus_parent_finance", "non"}})).fired("entete_bonus_parents"));
  EXPECT_TRUE(rules(answers({{"bonus_tne", "oui"}, {"tne_finance", "non"}})).fired("entete_bonus_tne"));
  EXPECT_FALSE(rules(answers({{"bonus_tne", "non"}, {"tne_finance", "non"}})).fired("entete_bonus_tne"));
}

TEST(ClasRules, NewNumberOfCollectifsWhenTheProjectChanges) {
  const auto r = rules(answers({{"poursuite_identique", "non"}}));
  EXPECT_NE(message_of(r, "« Indiquez le nouveau nombre de collectifs : » est sans réponse alors que poursuite_identique = non"), "");
  EXPECT_EQ(rules(answers({{"poursuite_identique", "non"}, {"nouveau_nombre_collectifs", "3"}, {"nouveautes", "Un collectif de plus."}}))
                .all,
            std::vector<std::string>{});
  EXPECT_EQ(rules(answers({{"poursuite_identique", "oui"}})).all, std::vector<std::string>{});
}

TEST(ClasRules, TneBudgetAndSessions) {
  EXPECT_TRUE(rules(answers({{"tne_finance", "oui"}})).fired("tne_budget_donne"));
  EXPECT_FALSE(rules(answers({{"tne_finance", "oui"}, {"tne_budget", "980,50"}})).fired("tne_budget_donne"));
  const auto r = rules("<table field=\"tne_ateliers\">\n"
                       "<row id=\"cafe_parents\"><cell column=\"parents\">12</cell></row>\n"
                       "<row id=\"spectacles\"><cell column=\"seances\">1</cell><cell column=\"parents\">4</cell></row>\n"
                       "<row id=\"autres\" label=\"Atelier codage\"><cell column=\"parents\">3</cell></row>\n"
                       "<row id=\"atelier_parentalite\"><cell column=\"enfants\">3</cell></row>\n"
                       "</table>\n",
                       "tne-parentalite-numerique");
  EXPECT_EQ(r.all, (std::vector<std::string>{
                       "/mem/a.xml:4:1: avertissement: ligne « Café des parents » : 12 parents présents, mais le nombre de séances "
                       "réalisées n’est pas donné (règle : « Types d’actions/d’ateliers/séances réalisés et nombre de parents présents »)",
                       "/mem/a.xml:6:1: avertissement: ligne « Atelier codage » : 3 parents présents, mais le nombre de séances "
                       "réalisées n’est pas donné (règle : « Types d’actions/d’ateliers/séances réalisés et nombre de parents présents »)"}));
}

TEST(ClasRules, CollectifsNotified) {
  const std::string two = answers({{"collectifs", "2"}, {"ecart_frequentation", "non"}});
  EXPECT_FALSE(rules(two).fired("collectifs_notifies")) << "unknown: silent";
  const auto r = rules("<action collectifs-notifies=\"3\"/>\n" + two);
  EXPECT_NE(message_of(r, "2 collectif(s) dans le bilan, 3 notifié(s) par la Caf, sans écart déclaré"), "");
  EXPECT_FALSE(rules("<action collectifs-notifies=\"2\"/>\n" + two).fired("collectifs_notifies"));
  EXPECT_FALSE(rules("<action collectifs-notifies=\"3\"/>\n" + answers({{"collectifs", "2"}, {"ecart_frequentation", "oui"}}))
                   .fired("collectifs_notifies"));
}

TEST(ClasRules, BadFactsAreLocatedErrors) {
  const auto r = rules("<action rural=\"peut-être\" collectifs-notifies=\"deux\" urbain=\"oui\"/>\n");
  EXPECT_EQ(r.all, (std::vector<std::string>{
                       "/mem/a.xml:3:16: erreur: rural (l’action se déroule en milieu rural) : oui ou non attendu, reçu « peut-être »",
                       "/mem/a.xml:3:48: erreur: collectifs-notifies (nombre de collectifs notifiés par la Caf) : nombre entier "
                       "attendu, reçu « deux »",
                       "/mem/a.xml:3:62: erreur: attribut « urbain » inconnu sur <action> (rural, handicap, collectifs-notifies)"}));
}

TEST(ClasRules, SubmittedBilanGivesItsQualitativeParts) {
  testing::MemoryEnvironment env;
  env.add_disk_tree(testing::source_path("layouts"));
  DiagnosticSink sink;
  auto layout = load::load_layout(env, testing::source_path("layouts/clas-2024-2025.xml"), sink);
  ASSERT_TRUE(layout);
  auto answers = load::parse_answers(env, "/mem/a.xml",
                                     "<bilan form=\"clas-2024-2025\">\n<answer field=\"structure\">S</answer><answer field=\"referent\">R</answer>"
                                     "<answer field=\"intitule\">I</answer>\n</bilan>\n",
                                     sink);
  bind(*layout, &*answers, BindOptions{}, sink);
  Diags out;
  for (const auto& d : sink.sorted()) out.push_back(d.to_string());
  EXPECT_EQ(out, (Diags{"/mem/a.xml:1:1: erreur: champ obligatoire sans réponse : « objectifs_atteints » (Les objectifs de "
                        "l’action ont-ils été atteints au regard des indicateurs utilisés ?)",
                        "/mem/a.xml:1:1: erreur: champ obligatoire sans réponse : « bilan_global » (Globalement, quel bilan "
                        "tirez-vous de la mise en œuvre de votre projet CLAS ?)"}));
}

TEST(ClasRules, LotEtGaronneLocalAcceptsSeveralBoxes) {
  EXPECT_EQ(rules(answers({{"nature_local", "associatif, scolaire"}}), "clas-lot-et-garonne-2021-2022").all, std::vector<std::string>{});
}

TEST(Check, LayoutRejectsUnknownFactsAndRowsOfNoTable) {
  testing::MemoryEnvironment env;
  env.add_file("/mem/bad.xml", R"(<form id="bad">
  <field id="a" type="integer" label="A"/>
  <check test="action.urbain = oui" message="x"/>
  <check rows="a" test="a &gt; 0" message="{row}"/>
  <check test="a &gt; 0" message="{row} {action.rural}"/>
</form>)");
  DiagnosticSink sink;
  EXPECT_FALSE(load::load_layout(env, "/mem/bad.xml", sink));
  Diags out;
  for (const auto& d : sink.sorted()) out.push_back(d.to_string());
  EXPECT_EQ(out, (Diags{"/mem/bad.xml:3:16: erreur: « action.urbain » n’est pas un fait connu sur l’action (action.rural, "
                        "action.handicap, action.collectifs_notifies)",
                        "/mem/bad.xml:4:3: erreur: rows=\"a\" sur <check> ne désigne aucun tableau du formulaire",
                        "/mem/bad.xml:5:3: erreur: {row} dans le message de <check> ne désigne aucun champ du formulaire"}));
}

// The questionnaire's identifiers (department 47: Agen is 47000, code Insee 47001).
TEST(QuestionnaireRules, IdentifiersAgreeWithEachOtherAndTheDepartment) {
  const std::string q = "questionnaire-clas-2023-2024";
  const auto ok = rules(answers({{"siret", "732 829 320 00074"}, {"siren", "732829320"}, {"code_postal", "47000"}, {"code_insee", "47001"}}), q);
  EXPECT_EQ(ok.all, std::vector<std::string>{});
  const auto siret = rules(answers({{"siret", "732 829 320 00074"}, {"siren", "552 049 447"}}), q);
  EXPECT_EQ(siret.rules, std::vector<std::string>{"siret_siren"});
  EXPECT_EQ(rules(answers({{"siret", "732 829 320 00074"}}), q).all, std::vector<std::string>{}) << "no SIREN: nothing to compare";
  // Bordeaux's code postal: neither the department's nor the code Insee's.
  const auto cp = rules(answers({{"code_postal", "33000"}, {"code_insee", "47001"}}), q);
  EXPECT_EQ(cp.rules, (std::vector<std::string>{"code_postal_departement", "code_insee_code_postal"}));
  EXPECT_EQ(message_of(cp, "33000 n’est pas"),
            "/mem/a.xml:3:29: avertissement: le code postal 33000 n’est pas un code postal du Lot-et-Garonne ; certaines communes ont celui "
            "d’un département voisin : vérifiez-le (règle : « Un code postal commence par le numéro du département (20 en Corse, 971 à 976 outre-mer) »)");
  // Bordeaux's code Insee with Agen's code postal.
  const auto insee = rules(answers({{"code_postal", "47000"}, {"code_insee", "33063"}}), q);
  EXPECT_EQ(insee.rules, (std::vector<std::string>{"code_insee_departement", "code_insee_code_postal"}));
  EXPECT_NE(message_of(insee, "le code Insee 33063 n’est pas celui d’une commune du Lot-et-Garonne"), "");
}

}  // namespace
}  // namespace bilan::data::check_test

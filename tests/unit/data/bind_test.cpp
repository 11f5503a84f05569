#include "data/bind.hpp"

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "data/walk.hpp"
#include "load/answers_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::data {
namespace {

using bilan::testing::MemoryEnvironment;
using Diags = std::vector<std::string>;

const char* const kLayout = R"(<form id="t" title="Bilan {school_year}" subtitle="Suite {next_school_year}" school-year="2024-2025">
  <field id="structure" label="Structure porteuse" required="true"/>
  <field id="nb" type="integer" label="Nombre"/>
  <field id="taux" type="decimal" label="Taux"/>
  <field id="budget" type="amount" label="Budget"/>
  <field id="debut" type="date" label="Début"/>
  <field id="mail" type="email" label="Courriel"/>
  <field id="tel" type="phone" label="Téléphone"/>
  <textarea id="bilan" label="Bilan"/>
  <yesno id="bonus" label="Bonus"/>
  <choice id="public" label="Public">
    <option value="enfants" label="Enfants"/>
    <option value="parents" label="Parents"/>
  </choice>
  <choice id="objet" label="Objet" multiple="true">
    <option value="materiel" label="Matériel"/>
    <option value="sorties" label="Sorties"/>
    <option value="autres" label="Autres" other="true"/>
  </choice>
  <field id="salaries" type="integer" label="Salariés"/>
  <field id="benevoles" type="integer" label="Bénévoles"/>
  <field id="total" type="integer" label="Total" computed="salaries + benevoles"/>
  <field id="cout" type="amount" label="Coût" computed="budget * 2"/>
  <group when="bonus = oui" label="Bonus enfants">
    <field id="bonus_montant" type="amount" label="Montant"/>
  </group>
  <group when="bonus = non" else="omit">
    <field id="raison" label="Pourquoi ?"/>
  </group>
  <table id="ateliers" label="Ateliers" stub="Atelier">
    <column id="seances" label="Séances" type="integer"/>
    <column id="parents" label="Parents" type="integer"/>
    <row id="cafe" label="Café des parents {school_year}"/>
    <row id="autres" label="Autres" other="true"/>
  </table>
  <signature/>
</form>
)";

struct Bound {
  std::optional<spec::FormSpec> form;
  std::optional<AnswerSet> answers;
  BoundForm bound;
  Diags diags;  // bind's diagnostics, sorted

  // The bound question with this id, whatever its kind.
  const BoundQuestion& node(const std::string& id) const {
    const BoundNode* found = find_node(bound, id);
    if (!found) throw std::runtime_error("no node " + id);
    return *as_question(*found);
  }
  // The bound question with this id as its kind K.
  template <class K>
  const K& node_as(const std::string& id) const {
    const K* found = find_as<K>(bound, id);
    if (!found) throw std::runtime_error("no node " + id + " of that kind");
    return *found;
  }
  // The i-th node of the body as its kind K.
  template <class K>
  const K& body_as(std::size_t i) const {
    const K* k = std::get_if<K>(&bound.body.at(i).kind());
    if (!k) throw std::runtime_error("body node of another kind");
    return *k;
  }
};

// The layout, which must load without a word.
spec::FormSpec layout_of(const char* layout = kLayout) {
  MemoryEnvironment env;
  env.add_file("/mem/t.xml", layout);
  DiagnosticSink sink;
  auto form = load::load_layout(env, "/mem/t.xml", sink);
  if (!form || !sink.empty()) throw std::runtime_error(sink.empty() ? "layout" : sink.items().front().to_string());
  return std::move(*form);
}

// Loads the layout and the answers (both must be free of errors), then binds.
// `answers_body` goes inside <bilan form="t">, starting on line 2.
std::unique_ptr<Bound> bind_answers(const std::string& answers_body, const char* layout = kLayout,
                                    const std::string& root_attrs = "form=\"t\"") {
  auto b = std::make_unique<Bound>();
  MemoryEnvironment env;
  env.add_file("/mem/t.xml", layout);
  DiagnosticSink load_sink;
  b->form = load::load_layout(env, "/mem/t.xml", load_sink);
  EXPECT_TRUE(load_sink.empty()) << load_sink.items().front().to_string();
  if (!b->form) throw std::runtime_error("layout");
  b->answers = load::parse_answers(env, "/mem/r.xml", "<bilan " + root_attrs + ">\n" + answers_body + "</bilan>\n", load_sink);
  EXPECT_TRUE(load_sink.empty()) << load_sink.items().front().to_string();
  if (!b->answers) throw std::runtime_error("answers");
  DiagnosticSink sink;
  b->bound = bind(*b->form, &*b->answers, {}, sink);
  for (const auto& d : sink.sorted()) b->diags.push_back(d.to_string());
  return b;
}

TEST(Bind, BlankForm) {
  const spec::FormSpec form = layout_of();
  DiagnosticSink sink;
  BindOptions options;
  options.department = "47";
  const BoundForm b = bind(form, nullptr, options, sink);
  EXPECT_TRUE(sink.empty());
  EXPECT_TRUE(b.blank);
  EXPECT_EQ(b.form_id, form.id);
  EXPECT_EQ(b.school_year, "2024-2025");
  EXPECT_FALSE(b.department_heading);  // no registry: nothing known of the department
  EXPECT_EQ(b.title, "Bilan 2024-2025");
  EXPECT_EQ(b.subtitle, "Suite 2025-2026");
  EXPECT_EQ(b.department, "47");
  EXPECT_EQ(b.answers_sha256, "");
  ASSERT_EQ(b.body.size(), form.body.size());
  for (const auto& n : b.body) {
    if (const auto* group = std::get_if<BoundGroup>(&n.kind())) {
      EXPECT_EQ(group->presence, Presence::Shown);
    }
    if (const BoundQuestion* q = as_question(n)) {
      EXPECT_TRUE(q->value.missing()) << q->id;
    }
  }
  const auto* table = std::get_if<BoundTable>(&b.body[b.body.size() - 2].kind());
  ASSERT_TRUE(table);
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].label, "Café des parents 2024-2025");
  EXPECT_EQ(table->rows[0].cells.size(), 2u);
  EXPECT_TRUE(table->rows[0].cells[0].missing());
}

// Compose prints from the bound form alone: what it needs of the layout is copied.
TEST(Bind, TheBoundFormOwnsWhatComposePrints) {
  const spec::FormSpec form = layout_of();
  DiagnosticSink sink;
  const BoundForm b = bind(form, nullptr, {}, sink);
  EXPECT_TRUE(sink.empty());
  EXPECT_EQ(b.form_id, "t");
  EXPECT_EQ(b.form_version, form.version);
  EXPECT_EQ(b.source_digest, form.source_digest);
  EXPECT_FALSE(b.source_digest.empty());
  EXPECT_EQ(b.calculation_order, (std::vector<std::string>{"total", "cout"}));
  const auto* total = find_as<BoundField>(b, "total");
  ASSERT_TRUE(total);
  ASSERT_TRUE(total->formula);
  std::vector<const spec::Expr*> refs;
  total->formula->collect_refs(refs);
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0]->text, "salaries");
  EXPECT_EQ(refs[1]->text, "benevoles");
  const auto* objet = find_as<BoundChoice>(b, "objet");
  ASSERT_TRUE(objet);
  ASSERT_EQ(objet->options.size(), 3u);
  EXPECT_EQ(objet->options[2].label, "Autres");
  EXPECT_TRUE(objet->options[2].other);
  const auto* table = find_as<BoundTable>(b, "ateliers");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->label, "Ateliers");
  EXPECT_EQ(table->stub, "Atelier");
  ASSERT_EQ(table->columns.size(), 2u);
  EXPECT_EQ(table->columns[1].label, "Parents");
  EXPECT_EQ(table->rows[0].layout_label, "Café des parents {school_year}");
  EXPECT_EQ(table->rows[1].id, "autres");
  EXPECT_TRUE(table->rows[1].other);
  const auto* signature = std::get_if<BoundSignature>(&b.body.back().kind());
  ASSERT_TRUE(signature);
  EXPECT_EQ(signature->text.name_label, spec::SignatureText{}.name_label);
  const auto* group = std::get_if<BoundGroup>(&b.body[b.body.size() - 4].kind());
  ASSERT_TRUE(group);
  EXPECT_EQ(group->label, "Bonus enfants");
}

// `store import` wants the diagnostics only: the same ones, and no node kept.
TEST(Bind, ChecksOnlyGivesTheSameDiagnosticsAndNoBody) {
  const std::string answers = R"(<bilan form="t">
  <answer field="nb">douze</answer>
  <answer field="objet">autres</answer>
  <answer field="bonus">non</answer>
  <answer field="raison">R</answer>
  <answer field="bonus_montant">3</answer>
  <answer field="total">9</answer>
  <answer field="salaries">4</answer>
  <table field="ateliers"><row id="cafe"><cell column="seances">x</cell></row></table>
</bilan>
)";
  for (const bool partial : {false, true}) {
    MemoryEnvironment env;
    env.add_file("/mem/t.xml", kLayout);
    DiagnosticSink load_sink;
    const auto form = load::load_layout(env, "/mem/t.xml", load_sink);
    ASSERT_TRUE(form);
    const auto set = load::parse_answers(env, "/mem/r.xml", answers, load_sink);
    ASSERT_TRUE(set);
    BindOptions options;
    options.partial = partial;
    DiagnosticSink full, checks;
    const BoundForm shown = bind(*form, &*set, options, full);
    options.checks_only = true;
    const BoundForm kept = bind(*form, &*set, options, checks);
    EXPECT_FALSE(shown.body.empty());
    EXPECT_TRUE(kept.body.empty());
    Diags a, b;
    for (const auto& d : full.items()) a.push_back(d.to_string());
    for (const auto& d : checks.items()) b.push_back(d.to_string());
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, b) << "partial: " << partial;
  }
}

TEST(Bind, TypedValues) {
  const auto b = bind_answers(R"(  <answer field="structure">Les Petits Curieux</answer>
  <answer field="nb">1 234</answer>
  <answer field="taux">4,5</answer>
  <answer field="budget">2 758,28 €</answer>
  <answer field="debut">30/06/2025</answer>
  <answer field="mail">nom@exemple.fr</answer>
  <answer field="tel">05.53.12.34.56</answer>
  <answer field="bilan">Tout va bien.</answer>
  <answer field="bonus">Non</answer>
  <answer field="public">parents</answer>
)", kLayout, "form=\"t\" department=\"2A\" action=\"ACT-1\"");
  EXPECT_EQ(b->diags, Diags{});
  EXPECT_FALSE(b->bound.blank);
  EXPECT_EQ(b->bound.department, "2A");
  EXPECT_EQ(b->bound.action, "ACT-1");
  EXPECT_EQ(b->bound.answers_sha256, b->answers->sha256);
  EXPECT_EQ(b->node("structure").value.kind, ValueKind::Text);
  EXPECT_EQ(b->node("structure").value.text, "Les Petits Curieux");
  EXPECT_EQ(b->node("structure").value_loc.to_string(), "/mem/r.xml:2:29");
  EXPECT_EQ(b->node("nb").value.kind, ValueKind::Integer);
  EXPECT_EQ(b->node("nb").value.integer, 1234);
  EXPECT_EQ(b->node("taux").value.canonical(), "4.5");
  EXPECT_EQ(b->node("budget").value.kind, ValueKind::Amount);
  EXPECT_EQ(b->node("budget").value.integer, 275828);
  EXPECT_EQ(b->node("debut").value.canonical(), "2025-06-30");
  EXPECT_EQ(b->node("mail").value.text, "nom@exemple.fr");
  EXPECT_EQ(b->node("tel").value.text, "05\u00a053\u00a012\u00a034\u00a056");
  EXPECT_EQ(b->node("bilan").value.text, "Tout va bien.");
  EXPECT_EQ(b->node("bonus").value.kind, ValueKind::Bool);
  EXPECT_FALSE(b->node("bonus").value.boolean);
  EXPECT_EQ(b->node("public").value.kind, ValueKind::Choice);
  EXPECT_EQ(b->node("public").value.choices, std::vector<std::string>{"parents"});
  EXPECT_TRUE(b->node("salaries").value.missing());
}

TEST(Bind, UnknownFieldWithSuggestion) {
  const auto b = bind_answers(R"(  <answer field="structur">X</answer>
  <answer field="zzz">X</answer>
  <answer field="structure">X</answer>
)");
  EXPECT_EQ(b->diags, (Diags{
                          "/mem/r.xml:2:3: erreur: champ inconnu « structur » (vouliez-vous dire « structure » ?)",
                          "/mem/r.xml:3:3: erreur: champ inconnu « zzz »",
                      }));
}

TEST(Bind, ValueOfTheWrongType) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="nb">12,5</answer>
  <answer field="debut">
    31/06/2025
  </answer>
  <answer field="bonus">peut-être</answer>
  <answer field="budget">-5</answer>
)");
  EXPECT_EQ(b->diags, (Diags{
                          "/mem/r.xml:3:22: erreur: champ « nb » : nombre entier attendu, sans décimales, reçu « 12,5 »",
                          "/mem/r.xml:5:5: erreur: champ « debut » : date impossible, reçu « 31/06/2025 »",
                          "/mem/r.xml:7:25: erreur: champ « bonus » : oui ou non attendu, reçu « peut-être »",
                          "/mem/r.xml:8:26: erreur: champ « budget » : montant négatif, reçu « -5 »",
                      }));
  EXPECT_TRUE(b->node("nb").value.missing());
}

TEST(Bind, LongBadValueIsQuotedShortAndStaysValidUtf8) {
  // 59 ASCII bytes then « é »: a cut at 60 bytes would split the « é ».
  const std::string text = std::string(59, 'x') + "\u00e9t\u00e9 et encore du texte";
  const auto b = bind_answers("  <answer field=\"structure\">X</answer>\n  <answer field=\"nb\">" + text + "</answer>\n");
  ASSERT_EQ(b->diags.size(), 1u);
  EXPECT_EQ(b->diags[0], "/mem/r.xml:3:22: erreur: champ « nb » : nombre entier attendu, reçu « " + std::string(59, 'x') + "… »");
}

TEST(Bind, ChoiceValueNotInTheList) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="public">enfant</answer>
  <answer field="objet">materiel, voyages</answer>
)");
  EXPECT_EQ(b->diags, (Diags{
                          "/mem/r.xml:3:26: erreur: champ « public » : valeur « enfant » hors des choix possibles (enfants, parents) "
                          "(vouliez-vous dire « enfants » ?)",
                          "/mem/r.xml:4:25: erreur: champ « objet » : valeur « voyages » hors des choix possibles "
                          "(materiel, sorties, autres)",
                      }));
}

TEST(Bind, SingleChoiceTakesOneValue) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="public">enfants parents</answer>
)");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:3:26: erreur: champ « public » : un seul choix possible, reçu « enfants parents »"});
}

TEST(Bind, MultipleChoiceAndOtherText) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="objet">materiel, autres;sorties materiel</answer>
  <answer field="objet.autres">Abonnement à la médiathèque</answer>
)");
  EXPECT_EQ(b->diags, Diags{});
  const BoundChoice& objet = b->node_as<BoundChoice>("objet");
  EXPECT_EQ(objet.value.choices, (std::vector<std::string>{"materiel", "autres", "sorties"}));  // duplicates dropped
  ASSERT_EQ(objet.other_texts.size(), 1u);
  EXPECT_EQ(objet.other_texts.at("autres"), "Abonnement à la médiathèque");
}

TEST(Bind, OtherTextOfAnOptionWithoutFreeText) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="objet.sorties">Au musée</answer>
  <answer field="public.autres">Grands-parents</answer>
)");
  EXPECT_EQ(b->diags, (Diags{
                          "/mem/r.xml:3:3: erreur: champ inconnu « objet.sorties » (vouliez-vous dire « objet.autres » ?)",
                          "/mem/r.xml:4:3: erreur: champ inconnu « public.autres »",
                      }));
}

TEST(Bind, ComputedTotalWhenAbsent) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="salaries">3</answer>
  <answer field="benevoles">4</answer>
  <answer field="budget">10,25</answer>
)");
  EXPECT_EQ(b->diags, Diags{});
  const BoundQuestion& total = b->node("total");
  EXPECT_EQ(total.value.kind, ValueKind::Integer);
  EXPECT_EQ(total.value.integer, 7);
  EXPECT_TRUE(total.computed);
  const BoundQuestion& cout = b->node("cout");
  EXPECT_EQ(cout.value.kind, ValueKind::Amount);
  EXPECT_EQ(cout.value.integer, 2050);
  EXPECT_TRUE(cout.computed);
}

TEST(Bind, ComputedTotalWithOneOperandMissing) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="benevoles">4</answer>
)");
  EXPECT_EQ(b->diags, Diags{});
  EXPECT_EQ(b->node("total").value.integer, 4);
  EXPECT_TRUE(b->node("cout").value.missing());  // budget * 2: nothing to compute from
  EXPECT_FALSE(b->node("cout").computed);
}

TEST(Bind, ComputedTotalGivenAndEqual) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="salaries">3</answer>
  <answer field="benevoles">4</answer>
  <answer field="total">7</answer>
)");
  EXPECT_EQ(b->diags, Diags{});
  EXPECT_EQ(b->node("total").value.integer, 7);
  EXPECT_FALSE(b->node("total").computed);  // as answered
}

TEST(Bind, ComputedTotalGivenAndDifferent) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="salaries">3</answer>
  <answer field="benevoles">4</answer>
  <answer field="total">8</answer>
)");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:5:3: avertissement: « total » vaut 8 dans les réponses, mais salaries + benevoles "
                            "donne 7 : la valeur calculée est imprimée"});
  EXPECT_EQ(b->node("total").value.integer, 7);
  EXPECT_TRUE(b->node("total").computed);
}

TEST(Bind, ComputedFromNothingKeepsTheAnswer) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="total">8</answer>
)");
  EXPECT_EQ(b->diags, Diags{});
  EXPECT_EQ(b->node("total").value.integer, 8);
  EXPECT_FALSE(b->node("total").computed);
}

TEST(Bind, GroupWhenFalseIsSansObjetAndAnswersInsideWarn) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="bonus">non</answer>
  <answer field="bonus_montant">100</answer>
  <answer field="raison">Pas de financement</answer>
)");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:4:3: avertissement: réponse à « bonus_montant » dans une partie sans objet "
                            "(condition « bonus = oui » fausse) : elle n’est pas imprimée"});
  const auto& body = b->bound.body;
  const BoundGroup& bonus_group = b->body_as<BoundGroup>(body.size() - 4);
  EXPECT_EQ(bonus_group.presence, Presence::SansObjet);
  EXPECT_EQ(bonus_group.label, "Bonus enfants");
  const BoundGroup& raison_group = b->body_as<BoundGroup>(body.size() - 3);
  EXPECT_EQ(raison_group.presence, Presence::Shown);
  EXPECT_EQ(b->node("raison").value.text, "Pas de financement");
}

TEST(Bind, EmptyAnswerInsideAnInactivePartDoesNotWarn) {
  // An empty answer is no answer (docs/answers.md), so there is nothing to ignore.
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="bonus">non</answer>
  <answer field="bonus_montant"></answer>
)");
  EXPECT_EQ(b->diags, Diags{});
}

TEST(Bind, ElseOmit) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="bonus">oui</answer>
  <answer field="bonus_montant">150</answer>
)");
  EXPECT_EQ(b->diags, Diags{});
  const auto& body = b->bound.body;
  EXPECT_EQ(b->body_as<BoundGroup>(body.size() - 4).presence, Presence::Shown);
  EXPECT_EQ(b->body_as<BoundGroup>(body.size() - 3).presence, Presence::Omitted);
  EXPECT_EQ(b->node("bonus_montant").value.integer, 15000);
}

TEST(Bind, MissingConditionInputShowsTheGroup) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <answer field="bonus_montant">150</answer>
  <answer field="raison">R</answer>
)");
  EXPECT_EQ(b->diags, Diags{});
  const auto& body = b->bound.body;
  EXPECT_EQ(b->body_as<BoundGroup>(body.size() - 4).presence, Presence::Shown);
  EXPECT_EQ(b->body_as<BoundGroup>(body.size() - 3).presence, Presence::Shown);
}

TEST(Bind, RequiredFieldEmpty) {
  const auto b = bind_answers(R"(  <answer field="structure">  </answer>
  <answer field="bonus">oui</answer>
)");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:2:3: erreur: champ obligatoire sans réponse : « structure » (Structure porteuse)"});
}

TEST(Bind, RequiredFieldAbsent) {
  const auto b = bind_answers("  <answer field=\"nb\">3</answer>\n");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:1:1: erreur: champ obligatoire sans réponse : « structure » (Structure porteuse)"});
}

const char* const kRequiredInGroup = R"(<form id="t">
  <yesno id="bonus" label="Bonus"/>
  <group when="bonus = oui">
    <field id="montant" type="amount" label="Montant" required="true"/>
  </group>
</form>)";

TEST(Bind, RequiredFieldInsideAnActivePart) {
  const auto b = bind_answers("  <answer field=\"bonus\">oui</answer>\n", kRequiredInGroup);
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:1:1: erreur: champ obligatoire sans réponse : « montant » (Montant)"});
}

TEST(Bind, RequiredFieldInsideAnInactivePartIsNotRequired) {
  const auto b = bind_answers("  <answer field=\"bonus\">non</answer>\n", kRequiredInGroup);
  EXPECT_EQ(b->diags, Diags{});
}

TEST(Bind, TableAnswers) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <table field="ateliers">
    <row id="autres" label="Atelier « codage »"><cell column="seances">2</cell></row>
    <row id="cafe"><cell column="seances">4</cell><cell column="parents">23</cell></row>
  </table>
)");
  EXPECT_EQ(b->diags, Diags{});
  const BoundTable& t = b->node_as<BoundTable>("ateliers");
  ASSERT_EQ(t.rows.size(), 2u);  // in layout order
  EXPECT_EQ(t.rows[0].label, "Café des parents 2024-2025");
  ASSERT_EQ(t.rows[0].cells.size(), 2u);
  EXPECT_EQ(t.rows[0].cells[0].integer, 4);
  EXPECT_EQ(t.rows[0].cells[1].integer, 23);
  EXPECT_EQ(t.rows[1].label, "Atelier « codage »");
  EXPECT_EQ(t.rows[1].cells[0].integer, 2);
  EXPECT_TRUE(t.rows[1].cells[1].missing());
}

TEST(Bind, TableRowsAndColumnsUnknown) {
  const auto b = bind_answers(R"(  <answer field="structure">X</answer>
  <table field="ateliers">
    <row id="cafee"><cell column="seances">4</cell></row>
    <row id="cafe" label="Mon café"><cell column="seance">4</cell><cell column="parents">beaucoup</cell></row>
  </table>
  <table field="atelier"/>
  <table field="nb"/>
)");
  EXPECT_EQ(b->diags, (Diags{
                          "/mem/r.xml:4:5: erreur: ligne inconnue « cafee » dans le tableau « ateliers » (vouliez-vous dire « cafe » ?)",
                          "/mem/r.xml:5:5: avertissement: la ligne « cafe » a un libellé fixe : « label » est ignoré",
                          "/mem/r.xml:5:37: erreur: colonne inconnue « seance » dans le tableau « ateliers » (vouliez-vous dire « seances » ?)",
                          "/mem/r.xml:5:90: erreur: tableau « ateliers », ligne « cafe », colonne « parents » : nombre entier attendu, "
                          "reçu « beaucoup »",
                          "/mem/r.xml:7:3: erreur: tableau inconnu « atelier » (vouliez-vous dire « ateliers » ?)",
                          "/mem/r.xml:8:3: erreur: « nb » n’est pas un tableau : répondez avec <answer field=\"nb\">",
                      }));
  EXPECT_EQ(b->node_as<BoundTable>("ateliers").rows[0].label, "Café des parents 2024-2025");
}

TEST(Bind, TableAnsweredAsAField) {
  const auto b = bind_answers("  <answer field=\"structure\">X</answer>\n  <answer field=\"ateliers\">3</answer>\n");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:3:3: erreur: « ateliers » est un tableau : répondez avec <table field=\"ateliers\">"});
}

TEST(Bind, SignatureDate) {
  const auto ok = bind_answers(R"(  <answer field="structure">X</answer>
  <signature name="Marie Dupont" role="Présidente" place="Agen" date="30/06/2025"/>
)");
  EXPECT_EQ(ok->diags, Diags{});
  EXPECT_EQ(ok->bound.signature.name, "Marie Dupont");
  EXPECT_EQ(ok->bound.signature.role, "Présidente");
  EXPECT_EQ(ok->bound.signature.place, "Agen");
  ASSERT_TRUE(ok->bound.signature.date);
  EXPECT_EQ(*ok->bound.signature.date, (CivilDate{2025, 6, 30}));

  const auto bad = bind_answers(R"(  <answer field="structure">X</answer>
  <signature name="Marie Dupont" date="31/06/2025"/>
)");
  EXPECT_EQ(bad->diags, Diags{"/mem/r.xml:3:40: erreur: date de signature : date impossible, reçu « 31/06/2025 »"});
  EXPECT_FALSE(bad->bound.signature.date);
}

TEST(Bind, SignatureWithoutASignatureBlock) {
  const auto b = bind_answers("  <signature name=\"M\"/>\n", R"(<form id="t"><field id="a" label="A"/></form>)");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:2:3: avertissement: ce formulaire n’a pas de bloc de signature : <signature> est ignoré"});
}

TEST(Bind, WrongFormAndDepartment) {
  const auto b = bind_answers("  <answer field=\"structure\">X</answer>\n", kLayout, "form=\"autre\" department=\"99\"");
  EXPECT_EQ(b->diags, (Diags{
                          "/mem/r.xml:1:14: erreur: ces réponses sont celles du formulaire « autre », pas de « t »",
                          "/mem/r.xml:1:33: erreur: département « 99 » inconnu (codes : 01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976)",
                      }));
}

TEST(Bind, ValidDepartments) {
  for (const char* d : {"01", "47", "95", "2A", "2B", "971", "976"}) {
    const auto b = bind_answers("  <answer field=\"structure\">X</answer>\n", kLayout, std::string("form=\"t\" department=\"") + d + "\"");
    EXPECT_EQ(b->diags, Diags{}) << d;
  }
  for (const char* d : {"00", "20", "96", "977", "2C", "1"}) {
    const auto b = bind_answers("  <answer field=\"structure\">X</answer>\n", kLayout, std::string("form=\"t\" department=\"") + d + "\"");
    EXPECT_EQ(b->diags.size(), 1u) << d;
  }
}

TEST(Bind, ExpressionTypeErrorIsReported) {
  const char* layout = R"(<form id="t">
  <field id="nom" label="Nom"/>
  <group when="nom > 3">
    <field id="x" label="X"/>
  </group>
</form>)";
  const auto b = bind_answers("  <answer field=\"nom\">Dupont</answer>\n", layout);
  EXPECT_EQ(b->diags, Diags{"/mem/t.xml:3:16: erreur: condition « nom > 3 » : comparaison de valeurs qui ne sont pas des nombres"});
  EXPECT_EQ(b->body_as<BoundGroup>(1).presence, Presence::Shown);
}

TEST(Bind, ConditionOnAChoiceAndOnOtherText) {
  const char* layout = R"xml(<form id="t">
  <choice id="c" label="C" multiple="true">
    <option value="a" label="A"/>
    <option value="autres" label="Autres" other="true"/>
  </choice>
  <group when="contains(c, 'a')"><field id="x" label="X"/></group>
  <group when="c = 'a'"><field id="y" label="Y"/></group>
  <group when="answered(c.autres)"><field id="z" label="Z"/></group>
</form>)xml";
  const auto one = bind_answers("  <answer field=\"c\">a</answer>\n", layout);
  EXPECT_EQ(one->diags, Diags{});
  EXPECT_EQ(one->body_as<BoundGroup>(1).presence, Presence::Shown);
  EXPECT_EQ(one->body_as<BoundGroup>(2).presence, Presence::Shown);
  EXPECT_EQ(one->body_as<BoundGroup>(3).presence, Presence::SansObjet);

  const auto two = bind_answers("  <answer field=\"c\">a autres</answer>\n  <answer field=\"c.autres\">Texte</answer>\n", layout);
  EXPECT_EQ(two->diags, Diags{});
  EXPECT_EQ(two->body_as<BoundGroup>(1).presence, Presence::Shown);
  EXPECT_EQ(two->body_as<BoundGroup>(2).presence, Presence::SansObjet);  // two values: not equal to 'a'
  EXPECT_EQ(two->body_as<BoundGroup>(3).presence, Presence::Shown);
}

TEST(Bind, VariablesInLabelsAndText) {
  const char* layout = R"(<form id="t" school-year="2024-2025">
  <p>Année {school_year}, puis <b>{next_school_year}</b> {{x}}</p>
  <list><item>En {school_year}</item></list>
  <field id="a" label="Prévu en {next_school_year}" hint="Avant {school_year}"/>
</form>)";
  const auto b = bind_answers("", layout);
  EXPECT_EQ(b->diags, Diags{});
  const auto& p = b->body_as<BoundParagraph>(0).text;
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].text, "Année 2024-2025, puis ");
  EXPECT_EQ(p[1].text, "2025-2026");
  EXPECT_EQ(p[2].text, " {x}");
  EXPECT_EQ(b->body_as<BoundList>(1).items[0][0].text, "En 2024-2025");
  EXPECT_EQ(b->node("a").label, "Prévu en 2025-2026");
  EXPECT_EQ(b->node("a").hint, "Avant 2024-2025");
}

}  // namespace
}  // namespace bilan::data

#include "load/layout_loader.hpp"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace bilan::load {
namespace {

using bilan::testing::MemoryEnvironment;

// A node as the kind K it must be (std::bad_variant_access fails the test otherwise).
template <class K>
const K& as(const spec::Node& n) {
  return std::get<K>(n.kind());
}

struct Loaded {
  std::optional<spec::FormSpec> form;
  std::vector<std::string> diags;  // sorted, as printed
  std::vector<Diagnostic> items;   // the same, as data
};

Loaded load(const MemoryEnvironment& env, const std::string& path) {
  DiagnosticSink sink;
  Loaded r;
  r.form = load_layout(env, path, sink);
  r.items = sink.sorted();
  for (const auto& d : r.items) r.diags.push_back(d.to_string());
  return r;
}

Loaded load_text(const std::string& xml) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", xml);
  return load(env, "/mem/f.xml");
}

using Diags = std::vector<std::string>;

std::vector<std::string> ids(const std::vector<spec::Node>& nodes) {
  std::vector<std::string> out;
  for (const auto& n : nodes) {
    const spec::Question* q = spec::as_question(n);
    out.push_back(q ? q->id : std::string());
  }
  return out;
}

TEST(LoadLayout, SmallValidForm) {
  const auto r = load_text(R"(<?xml version="1.0" encoding="UTF-8"?>
<form id="exemple" title="Bilan CLAS {school_year}" subtitle="Sous-titre" school-year="2024-2025" version="2" lang="fr">
  <section title="Identification">
    <field id="structure" label="Structure   porteuse" required="true"/>
    <field id="nb" type="integer" label="Nombre" hint="Un entier"/>
    <yesno id="bonus" label="Bonus"/>
    <section title="Détail" break="page" bookmark="Détail court">
      <textarea id="bilan" label="Bilan" lines="8"/>
    </section>
  </section>
  <choice id="objet" label="Objet" multiple="true" layout="inline">
    <option value="materiel" label="Matériel"/>
    <option value="autres" label="Autres" other="true"/>
  </choice>
  <signature/>
</form>
)");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  const spec::FormSpec& f = *r.form;
  EXPECT_EQ(f.id, "exemple");
  EXPECT_EQ(f.title, "Bilan CLAS {school_year}");  // replaced at bind time
  EXPECT_EQ(f.subtitle, "Sous-titre");
  EXPECT_EQ(f.school_year, "2024-2025");
  EXPECT_EQ(f.next_school_year, "2025-2026");
  EXPECT_EQ(f.version, 2);
  EXPECT_EQ(f.loc.to_string(), "/mem/f.xml:2:1");
  EXPECT_EQ(f.source_digest.size(), 64u);
  ASSERT_EQ(f.body.size(), 3u);
  const auto& section = as<spec::Section>(f.body[0]);
  EXPECT_EQ(section.title, "Identification");
  EXPECT_EQ(section.level, 1);
  EXPECT_TRUE(section.caps);
  EXPECT_EQ(ids(section.children), (std::vector<std::string>{"structure", "nb", "bonus", ""}));
  const auto& structure = as<spec::Field>(section.children[0]);
  EXPECT_EQ(structure.label, "Structure porteuse");
  EXPECT_TRUE(structure.required);
  EXPECT_EQ(structure.type, spec::FieldType::Text);
  EXPECT_EQ(structure.loc.to_string(), "/mem/f.xml:4:5");
  EXPECT_EQ(as<spec::Field>(section.children[1]).type, spec::FieldType::Integer);
  EXPECT_EQ(as<spec::Field>(section.children[1]).hint, "Un entier");
  const auto& sub = as<spec::Section>(section.children[3]);
  EXPECT_EQ(sub.level, 2);
  EXPECT_FALSE(sub.caps);
  EXPECT_TRUE(sub.break_before);
  EXPECT_EQ(sub.bookmark, "Détail court");
  EXPECT_EQ(as<spec::TextArea>(sub.children[0]).lines, 8);
  const auto& objet = as<spec::Choice>(f.body[1]);
  EXPECT_TRUE(objet.multiple);
  EXPECT_TRUE(objet.inline_options);
  ASSERT_EQ(objet.options.size(), 2u);
  EXPECT_EQ(objet.options[1].value, "autres");
  EXPECT_TRUE(objet.options[1].other);
  EXPECT_EQ(as<spec::Signature>(f.body[2]).text.stamp_label, "CACHET");
  ASSERT_NE(f.find("bilan"), nullptr);
  EXPECT_NE(f.find_as<spec::TextArea>("bilan"), nullptr);
}

TEST(LoadLayout, UnknownElementSuggestsTheClosest) {
  const auto r = load_text(R"(<form id="t">
  <feild id="a" label="A"/>
  <sectoin title="S"/>
  <zzzzzz/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:2:3: erreur: élément <feild> inconnu (vouliez-vous dire « field » ?)",
                         "/mem/f.xml:3:3: erreur: élément <sectoin> inconnu (vouliez-vous dire « section » ?)",
                         "/mem/f.xml:4:3: erreur: élément <zzzzzz> inconnu",
                     }));
  // The suggestion is the diagnostic's hint, not part of its message.
  ASSERT_EQ(r.items.size(), 3u);
  EXPECT_EQ(r.items[0].message, "élément <feild> inconnu");
  EXPECT_EQ(r.items[0].hint, "vouliez-vous dire « field » ?");
  EXPECT_EQ(r.items[2].hint, "");
}

TEST(LoadLayout, UnknownAttributePointsAtItsName) {
  const auto r = load_text(R"(<form id="t">
  <choice id="c" label="C">
    <option value="a" label="A" othr="true"/>
  </choice>
  <pagebreak foo="1"/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:3:33: erreur: attribut « othr » inconnu sur <option> (vouliez-vous dire « other » ?) ; "
                         "attributs permis : value, label, other",
                         "/mem/f.xml:5:14: erreur: attribut « foo » inconnu sur <pagebreak> (aucun attribut permis)",
                     }));
}

TEST(LoadLayout, AttributeLocationAfterAGreaterThanInAnEarlierValue) {
  // '>' is legal inside an attribute value: it must not end the search for the next attribute.
  const auto r = load_text(R"(<form id="t">
  <field id="nb" type="integer" label="N"/>
  <group when="nb > 3" labl="x">
    <field id="a" label="A" hint="{annee}"/>
  </group>
</form>)");
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:3:24: erreur: attribut « labl » inconnu sur <group> (vouliez-vous dire « label » ?) ; "
                         "attributs permis : when, else, label",
                         "/mem/f.xml:4:35: erreur: variable inconnue {annee}",
                     }));
}

TEST(LoadLayout, UnknownAttributeWithSpacesAroundEquals) {
  const auto r = load_text(
      "<form id=\"t\">\n  <table id=\"tb\" label=\"T\">\n    <column id = \"a\"\n         label = 'A'  typ =\n 'integer'/>\n"
      "    <row id=\"r\" label=\"R\"/>\n  </table>\n</form>");
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:4:23: erreur: attribut « typ » inconnu sur <column> (vouliez-vous dire « type » ?) ; "
                           "attributs permis : id, label, type"});
}

TEST(LoadLayout, MissingIdAndLabel) {
  const auto r = load_text(R"(<form id="t">
  <field label="A"/>
  <yesno id="b"/>
  <textarea id="Bad-Id" label="C"/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:2:3: erreur: attribut « id » manquant sur <field>",
                         "/mem/f.xml:3:3: erreur: attribut « label » manquant sur <yesno>",
                         "/mem/f.xml:4:17: erreur: identifiant « Bad-Id » invalide : minuscules, chiffres et « _ », en commençant par une lettre",
                     }));
}

TEST(LoadLayout, MissingFormId) {
  const auto r = load_text("<form title=\"T\">\n  <field id=\"a\" label=\"A\"/>\n</form>");
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:1:1: erreur: attribut « id » manquant sur <form>"});
}

TEST(LoadLayout, VersionMustBeAPositiveInteger) {
  const auto version = [](const std::string& v) {
    return load_text("<form id=\"f\" title=\"T\" version=\"" + v + "\">\n  <field id=\"a\" label=\"A\"/>\n</form>");
  };
  EXPECT_EQ(version("1.5").diags,
            Diags{"/mem/f.xml:1:33: erreur: version « 1.5 » invalide : entier positif attendu (1 à 999999)"});
  EXPECT_EQ(version("99999999999999999999").diags,
            Diags{"/mem/f.xml:1:33: erreur: version « 99999999999999999999 » invalide : entier positif attendu (1 à 999999)"});
  for (const char* bad : {"0", "-1", "+2", " 2", "2 ", "", "1e3"}) EXPECT_EQ(version(bad).diags.size(), 1u) << bad;
  const auto ok = version("999999");
  EXPECT_EQ(ok.diags, Diags{});
  ASSERT_TRUE(ok.form);
  EXPECT_EQ(ok.form->version, 999999);
}

TEST(LoadLayout, NationalForm) {
  const auto national = load_text("<form id=\"f\" title=\"T\" national=\"true\">\n  <field id=\"a\" label=\"A\"/>\n</form>");
  ASSERT_TRUE(national.form) << ::testing::PrintToString(national.diags);
  EXPECT_TRUE(national.form->national);
  const auto plain = load_text("<form id=\"f\" title=\"T\">\n  <field id=\"a\" label=\"A\"/>\n</form>");
  ASSERT_TRUE(plain.form);
  EXPECT_FALSE(plain.form->national);
  EXPECT_EQ(load_text("<form id=\"f\" national=\"oui\">\n  <field id=\"a\" label=\"A\"/>\n</form>").diags.size(), 1u);
}

TEST(LoadLayout, BadRoot) {
  const auto r = load_text("<library>\n</library>");
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:1:1: erreur: élément racine <library> : un layout commence par <form>"});
}

TEST(LoadLayout, DuplicateIdAcrossAnInclude) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", R"(<form id="t">
  <field id="a" label="A"/>
  <include src="part.xml"/>
</form>)");
  env.add_file("/mem/part.xml", R"(<form id="part">
  <yesno id="a" label="Encore A"/>
</form>)");
  const auto r = load(env, "/mem/f.xml");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, Diags{"/mem/part.xml:2:3: erreur: identifiant « a » déjà utilisé (/mem/f.xml:2:3)"});
}

TEST(LoadLayout, DuplicateOptionAndColumn) {
  const auto r = load_text(R"(<form id="t">
  <choice id="c" label="C">
    <option value="x" label="X"/>
    <option value="x" label="Y"/>
  </choice>
  <table id="tb" label="T">
    <column id="n" label="N" type="integer"/>
    <column id="n" label="M"/>
    <row id="r" label="R"/>
  </table>
</form>)");
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:4:20: erreur: option « x » en double dans <choice id=\"c\">",
                         "/mem/f.xml:8:17: erreur: colonne « n » en double",
                     }));
}

TEST(LoadLayout, BadType) {
  const auto r = load_text(R"(<form id="t">
  <field id="a" label="A" type="integr"/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:2:33: erreur: type « integr » inconnu (vouliez-vous dire « integer » ?) ; "
                           "types permis : text, integer, decimal, amount, date, email, phone, siret, siren, postcode, insee"});
}

TEST(LoadLayout, BadBooleanAndValues) {
  const auto r = load_text(R"(<form id="t">
  <field id="a" label="A" required="yes"/>
  <textarea id="b" label="B" lines="0"/>
  <p style="gras">x</p>
</form>)");
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:2:37: erreur: valeur « yes » invalide pour « required » (true ou false)",
                         "/mem/f.xml:3:37: erreur: « lines » doit être un entier entre 1 et 60",
                         "/mem/f.xml:4:13: erreur: style « gras » inconnu ; styles permis : normal, note, hint, instruction, title, subtitle",
                     }));
}

TEST(LoadLayout, BadExpressionPointsAtTheCulprit) {
  const auto r = load_text(R"(<form id="t">
  <field id="a" type="integer" label="A"/>
  <field id="b" type="integer" label="B"/>
  <field id="total" type="integer" label="T" computed="a + * b"/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:4:60: erreur: expression « a + * b » : « * » inattendu"});
}

TEST(LoadLayout, BadExpressionColumnCountsEntitiesAsWritten) {
  // The value is « a < = 3 »; in the file the '=' comes after « &lt; ».
  const auto r = load_text(R"(<form id="t">
  <group when="a &lt; = 3">
    <field id="a" type="integer" label="A"/>
  </group>
</form>)");
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:2:23: erreur: expression « a < = 3 » : « = » inattendu"});
}

TEST(LoadLayout, BadExpressionColumnAfterACharacterReference) {
  // « &#233; » is six bytes in the file and two (« é ») in the value.
  const auto r = load_text(R"(<form id="t">
  <group when="c = '&#233;' +">
    <field id="c" label="C"/>
  </group>
</form>)");
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:2:30: erreur: expression « c = 'é' + » : expression incomplète"});
}

TEST(LoadLayout, ExpressionWithEscapedComparisonLoads) {
  const auto r = load_text(R"(<form id="t">
  <field id="a" type="integer" label="A"/>
  <group when="a &lt;= 3 and a &gt; 0">
    <field id="b" label="B"/>
  </group>
</form>)");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  const auto& when = as<spec::Group>(r.form->body[1]).when;
  ASSERT_TRUE(when);
  EXPECT_EQ(when->expr.to_string(), "((a <= 3) and (a > 0))");
  EXPECT_EQ(when->source, "a <= 3 and a > 0");
  EXPECT_EQ(when->loc.to_string(), "/mem/f.xml:3:16");
}

TEST(LoadLayout, UnknownReferenceInWhen) {
  const auto r = load_text(R"(<form id="t">
  <yesno id="bonus" label="B"/>
  <group when="bonsu = oui">
    <field id="x" label="X"/>
  </group>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:3:16: erreur: « bonsu » ne désigne aucun champ du formulaire (vouliez-vous dire « bonus » ?)"});
}

TEST(LoadLayout, ComputedReferences) {
  const auto r = load_text(R"(<form id="t">
  <field id="parents" type="integer" label="A"/>
  <field id="nom" label="Nom"/>
  <field id="t1" type="integer" label="T1" computed="parents + parnts"/>
  <field id="t2" type="integer" label="T2" computed="parents + nom"/>
  <field id="t3" type="integer" label="T3" computed="parents + t3"/>
  <field id="t4" label="T4" computed="parents"/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:4:54: erreur: « parnts » ne désigne aucun champ du formulaire (vouliez-vous dire « parents » ?)",
                         "/mem/f.xml:5:54: erreur: « nom » n’est pas un champ numérique",
                         "/mem/f.xml:6:54: erreur: le champ « t3 » se calcule à partir de lui-même",
                         "/mem/f.xml:7:39: erreur: un champ calculé doit être de type integer, decimal ou amount",
                     }));
}

TEST(LoadLayout, OtherTextAndDepartmentReferences) {
  const auto r = load_text(R"(<form id="t">
  <choice id="objet" label="O" multiple="true">
    <option value="autres" label="Autres" other="true"/>
  </choice>
  <group when="answered(objet.autres) and department.tne = oui">
    <field id="x" label="X"/>
  </group>
</form>)");
  EXPECT_EQ(r.diags, Diags{});
}

TEST(LoadLayout, IncludeOfAMissingFile) {
  const auto r = load_text(R"(<form id="t">
  <include src="absent.xml"/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/absent.xml: erreur: lecture impossible : fichier introuvable",
                         "/mem/f.xml:2:17: erreur: inclusion de « absent.xml » impossible",
                     }));
}

TEST(LoadLayout, LayoutIncludingItself) {
  const auto r = load_text(R"(<form id="t">
  <include src="f.xml"/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:2:17: erreur: inclusion circulaire : « f.xml » s’inclut lui-même (directement ou non)"});
}

TEST(LoadLayout, LayoutIncludingItselfThroughAnotherFile) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", R"(<form id="t">
  <field id="a" label="A"/>
  <include src="sub/b.xml"/>
</form>)");
  env.add_file("/mem/sub/b.xml", R"(<form id="b">
  <field id="b" label="B"/>
  <include src="../f.xml"/>
</form>)");
  const auto r = load(env, "/mem/f.xml");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, Diags{"/mem/sub/b.xml:3:17: erreur: inclusion circulaire : « ../f.xml » s’inclut lui-même (directement ou non)"});
}

TEST(LoadLayout, SameFileIncludedTwiceIsNotACycle) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", R"(<form id="t">
  <include src="p.xml"/>
  <include src="p.xml"/>
</form>)");
  env.add_file("/mem/p.xml", R"(<form id="p">
  <p>Texte</p>
</form>)");
  const auto r = load(env, "/mem/f.xml");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  EXPECT_EQ(r.form->body.size(), 2u);
}

TEST(LoadLayout, LibraryBlocks) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", R"(<form id="t">
  <section title="S">
    <include src="lib/shared.xml" block="situations"/>
  </section>
</form>)");
  env.add_file("/mem/lib/shared.xml", R"(<library>
  <block id="situations">
    <yesno id="handicap" label="Handicap"/>
    <section title="Sous-partie">
      <include src="more.xml"/>
    </section>
  </block>
  <block id="autre">
    <field id="z" label="Z"/>
  </block>
</library>)");
  env.add_file("/mem/lib/more.xml", R"(<form id="more">
  <field id="m" label="M"/>
</form>)");
  const auto r = load(env, "/mem/f.xml");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  const auto& section = as<spec::Section>(r.form->body[0]);
  EXPECT_EQ(ids(section.children), (std::vector<std::string>{"handicap", ""}));
  EXPECT_EQ(spec::loc_of(section.children[0]).to_string(), "/mem/lib/shared.xml:3:5");
  EXPECT_EQ(as<spec::Section>(section.children[1]).level, 2);  // nested under the including section
  EXPECT_NE(r.form->find("m"), nullptr);
  EXPECT_EQ(r.form->find("z"), nullptr);
}

TEST(LoadLayout, LibraryBlockErrors) {
  MemoryEnvironment env;
  env.add_file("/mem/f.xml", R"(<form id="t">
  <include src="lib.xml" block="situation"/>
  <include src="lib.xml"/>
  <include src="p.xml" block="x"/>
</form>)");
  env.add_file("/mem/lib.xml", R"(<library>
  <block id="situations"><field id="a" label="A"/></block>
  <bloc id="b"/>
</library>)");
  env.add_file("/mem/p.xml", R"(<form id="p"><field id="b" label="B"/></form>)");
  const auto r = load(env, "/mem/f.xml");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:2:17: erreur: bloc « situation » introuvable dans /mem/lib.xml (vouliez-vous dire « situations » ?)",
                         "/mem/f.xml:3:17: erreur: inclusion d’une bibliothèque sans « block » : précisez le bloc voulu",
                         "/mem/f.xml:4:17: erreur: « block » ne s’emploie qu’avec une bibliothèque <library>, or /mem/p.xml est un <form>",
                         // Once, though the library is included twice: it is read once.
                         "/mem/lib.xml:3:3: erreur: élément <bloc> inattendu dans <library> (seul <block> y est permis)",
                     }));
}

TEST(LoadLayout, StandaloneKeptAtTopLevelSkippedWhenIncluded) {
  MemoryEnvironment env;
  env.add_file("/mem/part.xml", R"(<form id="part" title="Partie {school_year}" school-year="2024-2025">
  <standalone>
    <field id="p_structure" label="S"/>
  </standalone>
  <field id="p_a" label="A"/>
</form>)");
  env.add_file("/mem/f.xml", R"(<form id="t">
  <yesno id="tne" label="TNE"/>
  <include src="part.xml" when="tne = oui"/>
</form>)");
  const auto alone = load(env, "/mem/part.xml");
  EXPECT_EQ(alone.diags, Diags{});
  ASSERT_TRUE(alone.form);
  EXPECT_EQ(ids(alone.form->body), (std::vector<std::string>{"p_structure", "p_a"}));

  const auto r = load(env, "/mem/f.xml");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  ASSERT_EQ(r.form->body.size(), 2u);
  const auto& group = as<spec::Group>(r.form->body[1]);
  ASSERT_TRUE(group.when);
  EXPECT_EQ(group.when->source, "tne = oui");
  EXPECT_EQ(group.label, "Partie {school_year}");
  EXPECT_EQ(ids(group.children), std::vector<std::string>{"p_a"});
  EXPECT_EQ(r.form->find("p_structure"), nullptr);
}

TEST(LoadLayout, RichTextRunsAndSpaces) {
  const auto r = load_text(R"(<form id="t">
  <p>Texte <b>gras</b> <i>x</i></p>
  <p style="note">
    Début <b> gras </b> fin <br/>
    suite <b><i>les deux</i></b>
  </p>
</form>)");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  ASSERT_EQ(r.form->body.size(), 2u);
  const auto& a = as<spec::Paragraph>(r.form->body[0]).text;
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[0].text, "Texte ");
  EXPECT_FALSE(a[0].bold);
  EXPECT_EQ(a[1].text, "gras");
  EXPECT_TRUE(a[1].bold);
  EXPECT_FALSE(a[1].italic);
  EXPECT_EQ(a[2].text, " ");
  EXPECT_FALSE(a[2].bold);
  EXPECT_EQ(a[3].text, "x");
  EXPECT_TRUE(a[3].italic);
  EXPECT_EQ(as<spec::Paragraph>(r.form->body[0]).style, spec::ParagraphStyle::Normal);

  const auto& b = as<spec::Paragraph>(r.form->body[1]).text;
  EXPECT_EQ(as<spec::Paragraph>(r.form->body[1]).style, spec::ParagraphStyle::Note);
  ASSERT_EQ(b.size(), 6u);
  EXPECT_EQ(b[0].text, "Début ");  // leading indentation dropped
  EXPECT_EQ(b[1].text, "gras ");   // its leading space merged with the one before
  EXPECT_TRUE(b[1].bold);
  EXPECT_EQ(b[2].text, "fin");  // no space before the forced break
  EXPECT_FALSE(b[2].bold);
  EXPECT_TRUE(b[3].line_break);
  EXPECT_EQ(b[3].text, "");
  EXPECT_EQ(b[4].text, "suite ");
  EXPECT_EQ(b[5].text, "les deux");  // trailing indentation dropped
  EXPECT_TRUE(b[5].bold);
  EXPECT_TRUE(b[5].italic);
}

TEST(LoadLayout, RichTextNestedStyles) {
  const auto r = load_text(R"(<form id="t">
  <list>
    <item>un <b>deux <i>trois</i></b></item>
    <item>quatre</item>
  </list>
</form>)");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  const auto& items = as<spec::List>(r.form->body[0]).items;
  ASSERT_EQ(items.size(), 2u);
  ASSERT_EQ(items[0].size(), 3u);
  EXPECT_EQ(items[0][0].text, "un ");
  EXPECT_EQ(items[0][1].text, "deux ");
  EXPECT_TRUE(items[0][1].bold);
  EXPECT_FALSE(items[0][1].italic);
  EXPECT_EQ(items[0][2].text, "trois");
  EXPECT_TRUE(items[0][2].bold);
  EXPECT_TRUE(items[0][2].italic);
  ASSERT_EQ(items[1].size(), 1u);
  EXPECT_EQ(items[1][0].text, "quatre");
}

TEST(LoadLayout, RichTextErrors) {
  const auto r = load_text(R"(<form id="t">
  <p>a <u>b</u></p>
  <p>   </p>
  <list></list>
  texte perdu
</form>)");
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:2:8: erreur: élément <u> inattendu dans un texte (permis : <b>, <i>, <br/>)",
                         "/mem/f.xml:3:3: erreur: paragraphe <p> vide",
                         "/mem/f.xml:4:3: erreur: liste <list> sans <item>",
                         "/mem/f.xml:5:3: erreur: texte inattendu dans <form> : écrivez-le dans un paragraphe <p>",
                     }));
}

TEST(LoadLayout, SchoolYearVariables) {
  const auto r = load_text(R"(<form id="t" title="Bilan {school_year}" school-year="2024-2025">
  <p>Année {next_school_year}, accolades {{littérales}}</p>
  <field id="a" label="Prévu pour {next_school_year}"/>
</form>)");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  EXPECT_EQ(as<spec::Paragraph>(r.form->body[0]).text[0].text, "Année {next_school_year}, accolades {{littérales}}");
  EXPECT_EQ(as<spec::Field>(r.form->body[1]).label, "Prévu pour {next_school_year}");
}

TEST(LoadLayout, UnknownVariable) {
  const auto r = load_text(R"(<form id="t" title="Bilan {school_yeer}">
  <p>Année <b>{annee}</b></p>
  <field id="a" label="a } b"/>
</form>)");
  EXPECT_FALSE(r.form);
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:1:21: erreur: variable inconnue {school_yeer} (vouliez-vous dire « school_year » ?)",
                         "/mem/f.xml:2:15: erreur: variable inconnue {annee}",
                         "/mem/f.xml:3:24: erreur: accolade non appariée dans « a } b » (écrivez {{ ou }} pour une accolade)",
                     }));
}

TEST(LoadLayout, UnknownVariableInIndentedTextPointsAtTheText) {
  const auto r = load_text(R"(<form id="t">
  <p>
    Texte {annee}
  </p>
</form>)");
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:3:5: erreur: variable inconnue {annee}"});
}

TEST(LoadLayout, BadSchoolYear) {
  const auto r = load_text(R"(<form id="t" school-year="2024-2026">
  <p>x</p>
</form>)");
  EXPECT_EQ(r.diags, Diags{"/mem/f.xml:1:27: erreur: année scolaire « 2024-2026 » invalide (attendu : 2024-2025)"});
}

TEST(LoadLayout, GroupOptions) {
  const auto r = load_text(R"(<form id="t">
  <yesno id="y" label="Y"/>
  <group when="y = oui" else="omit" label="Partie">
    <field id="a" label="A"/>
  </group>
  <group when="y = non" else="rien">
    <field id="b" label="B"/>
  </group>
  <group>
    <field id="c" label="C"/>
  </group>
</form>)");
  EXPECT_EQ(r.diags, (Diags{
                         "/mem/f.xml:6:31: erreur: valeur « rien » invalide pour « else » (sans-objet ou omit)",
                         "/mem/f.xml:9:3: erreur: attribut « when » manquant sur <group>",
                     }));
}

TEST(LoadLayout, TableStructure) {
  const auto r = load_text(R"(<form id="t">
  <table id="ateliers" label="Ateliers" stub="Atelier">
    <column id="seances" label="Séances" type="integer"/>
    <column id="parents" label="Parents" type="integer"/>
    <row id="cafe" label="Café des parents"/>
    <row id="autres" label="Autres" other="true"/>
  </table>
</form>)");
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  const auto& t = as<spec::Table>(r.form->body[0]);
  EXPECT_EQ(t.stub, "Atelier");
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[0].type, spec::FieldType::Integer);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_FALSE(t.rows[0].other);
  EXPECT_TRUE(t.rows[1].other);
}

TEST(LoadLayout, RealClasLayoutLoadsCleanly) {
  MemoryEnvironment env;
  env.add_disk_tree(bilan::testing::source_path("layouts"));
  const auto r = load(env, bilan::testing::source_path("layouts/clas-2024-2025.xml"));
  EXPECT_EQ(r.diags, Diags{});
  ASSERT_TRUE(r.form);
  EXPECT_EQ(r.form->id, "clas-2024-2025");
  for (const char* id : {"structure", "intervenants_total", "tne_ateliers"})
    EXPECT_NE(r.form->find(id), nullptr) << id;
  ASSERT_NE(r.form->find_as<spec::Field>("intervenants_total"), nullptr);
  EXPECT_TRUE(r.form->find_as<spec::Field>("intervenants_total")->computed);
  EXPECT_NE(r.form->find_as<spec::Table>("tne_ateliers"), nullptr);
  EXPECT_EQ(r.form->find("tne_structure"), nullptr);  // <standalone> of the included form
}

TEST(FindLayout, PathOrIdInLayoutDirs) {
  MemoryEnvironment env;
  env.set_layout_dirs({"/mem/a", "/mem/b"});
  env.add_file("/mem/b/x.xml", "<form id=\"x\"/>");
  EXPECT_EQ(find_layout(env, "x"), "/mem/b/x.xml");
  EXPECT_EQ(find_layout(env, "y"), "");
  EXPECT_EQ(find_layout(env, "dir/y.xml"), "dir/y.xml");
}

}  // namespace
}  // namespace bilan::load

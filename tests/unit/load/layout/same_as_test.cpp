// load/layout/same_as: same-as="FORM:ID", read on every question kind and
// checked against the other form when the layout loads.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

// The other form, /mem/layouts/autre.xml, found by its id in the layout folder.
const char* const kOtherForm = R"(<form id="autre" school-year="2024-2025">
  <field id="structure" label="Structure"/>
  <field id="enfants" type="integer" label="Enfants"/>
  <field id="total" type="integer" label="Total" computed="enfants + 1"/>
  <textarea id="bilan" label="Bilan"/>
  <yesno id="qpv" label="QPV ?"/>
  <choice id="statut" label="Statut">
    <option value="association" label="Association"/>
    <option value="public" label="Public"/>
    <option value="autre" label="Autre" other="true"/>
  </choice>
  <choice id="ages" label="Âges" multiple="true">
    <option value="a6_10" label="6-10"/>
    <option value="a11_15" label="11-15"/>
  </choice>
  <table id="effectifs" label="Effectifs">
    <column id="nb" type="integer" label="Nombre"/>
    <row id="cp" label="CP"/>
  </table>
  <grid id="actions" label="Avec les parents">
    <scale value="oui" label="Oui"/>
    <scale value="non" label="Non"/>
    <row id="reunions" label="Réunions"/>
  </grid>
  <grid id="frequence" label="Fréquence">
    <scale value="toujours" label="Toujours"/>
    <scale value="parfois" label="Parfois"/>
    <scale value="jamais" label="Jamais"/>
    <row id="devoirs" label="Devoirs"/>
  </grid>
</form>
)";

// `body` inside <form id="t">, starting on line 2 of /mem/t.xml, beside the other form.
Loaded load_beside_other(const std::string& body, const std::string& other = kOtherForm) {
  bilan::testing::MemoryEnvironment env;
  env.set_layout_dirs({"/mem/layouts"});
  env.add_file("/mem/layouts/autre.xml", other);
  env.add_file("/mem/t.xml", "<form id=\"t\" school-year=\"2024-2025\">\n" + body + "</form>\n");
  DiagnosticSink sink;
  Loaded r;
  r.form = load_layout(env, "/mem/t.xml", sink);
  for (const auto& d : sink.sorted()) r.diags.push_back(d.to_string());
  return r;
}

TEST(LoadSameAs, EveryQuestionKindKeepsFormIdAndPlace) {
  const auto r = load_beside_other(
      "<field id=\"nom\" label=\"Nom\" same-as=\"autre:structure\"/>\n"
      "<field id=\"n\" type=\"integer\" label=\"N\" same-as=\"autre:enfants\"/>\n"
      "<textarea id=\"qualitatif\" label=\"Q\" same-as=\"autre:bilan\"/>\n"
      "<textarea id=\"long\" label=\"L\" same-as=\"autre:structure\"/>\n"
      "<yesno id=\"q\" label=\"Q ?\" same-as=\"autre:qpv\"/>\n"
      "<choice id=\"s\" label=\"S\" same-as=\"autre:statut\"><option value=\"public\" label=\"P\"/>"
      "<option value=\"autre\" label=\"A\" other=\"true\"/><option value=\"association\" label=\"A\"/></choice>\n"
      "<field id=\"seul\" label=\"Sans\"/>\n");
  ASSERT_EQ(r.diags, Diags{});
  const auto& nom = as<spec::Field>(r.form->body[0]);
  ASSERT_TRUE(nom.same_as);
  EXPECT_EQ(nom.same_as->form, "autre");
  EXPECT_EQ(nom.same_as->id, "structure");
  EXPECT_EQ(nom.same_as->loc.to_string(), "/mem/t.xml:2:38");
  EXPECT_EQ(as<spec::TextArea>(r.form->body[2]).same_as->id, "bilan");
  EXPECT_EQ(as<spec::YesNo>(r.form->body[4]).same_as->id, "qpv");
  EXPECT_EQ(as<spec::Choice>(r.form->body[5]).same_as->id, "statut");  // the options' order is not the scale
  EXPECT_FALSE(as<spec::Field>(r.form->body[6]).same_as);
}

TEST(LoadSameAs, SyntaxIsFormColonQuestion) {
  const std::string why = " invalide : attendu FORMULAIRE:QUESTION (par exemple same-as=\"clas-2024-2025:structure\")";
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\"autre\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autre\"" + why}));
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\"autre:\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autre:\"" + why}));
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\":qpv\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\":qpv\"" + why}));
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\"Autre:qpv\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"Autre:qpv\"" + why}));
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\"autre:qpv.\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autre:qpv.\"" + why}));
}

TEST(LoadSameAs, NotOnATable) {
  const auto r = load_beside_other(
      "<table id=\"e\" same-as=\"autre:effectifs\"><column id=\"nb\" label=\"N\"/><row id=\"cp\" label=\"CP\"/></table>\n");
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].rfind("/mem/t.xml:2:15: erreur: attribut « same-as » inconnu sur <table>", 0), 0u) << r.diags[0];
}

TEST(LoadSameAs, TheOtherFormAndItsQuestionMustExist) {
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\"autres:qpv\"/>\n"
                              "<yesno id=\"r\" label=\"R\" same-as=\"autres:qpv\"/>\n")
                .diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autres:qpv\" : formulaire inconnu « autres » dans les dossiers de layouts "
                   "(vouliez-vous dire « autre » ?)"}));  // once per form
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\"autre:qvp\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autre:qvp\" : « autre » n’a pas de question « qvp » (vouliez-vous dire « qpv » ?)"}));
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\"t:q\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"t:q\" : same-as nomme une question d’un autre formulaire, pas de « t »"}));
  EXPECT_EQ(load_beside_other("<yesno id=\"q\" label=\"Q\" same-as=\"autre:qpv\"/>\n", "<form id=\"autre\"><bad/></form>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autre:qpv\" : le layout de « autre » est invalide (bilan blank autre pour le détail)"}));
}

TEST(LoadSameAs, SameKindSameScaleOrAnErrorSayingWhy) {
  const auto one = [](const std::string& body) {
    const auto r = load_beside_other(body);
    EXPECT_FALSE(r.form);
    return r.diags.size() == 1 ? r.diags[0] : "(" + std::to_string(r.diags.size()) + " diagnostics)";
  };
  EXPECT_EQ(one("<yesno id=\"q\" label=\"Q\" same-as=\"autre:statut\"/>\n"),
            "/mem/t.xml:2:34: erreur: same-as=\"autre:statut\" : les échelles diffèrent : choix parmi association, public, autre dans autre, "
            "oui/non ici");
  EXPECT_EQ(one("<choice id=\"c\" label=\"C\" same-as=\"autre:qpv\"><option value=\"oui\" label=\"Oui\"/><option value=\"non\" label=\"Non\"/></choice>\n"),
            "/mem/t.xml:2:35: erreur: same-as=\"autre:qpv\" : les échelles diffèrent : oui/non dans autre, choix parmi oui, non ici");
  EXPECT_EQ(one("<choice id=\"c\" label=\"C\" same-as=\"autre:statut\"><option value=\"association\" label=\"A\"/>"
                "<option value=\"public\" label=\"P\"/></choice>\n"),
            "/mem/t.xml:2:35: erreur: same-as=\"autre:statut\" : les échelles diffèrent : choix parmi association, public, autre dans autre, "
            "choix parmi association, public ici");
  EXPECT_EQ(one("<choice id=\"c\" label=\"C\" same-as=\"autre:ages\"><option value=\"a6_10\" label=\"A\"/>"
                "<option value=\"a11_15\" label=\"B\"/></choice>\n"),
            "/mem/t.xml:2:35: erreur: same-as=\"autre:ages\" : les échelles diffèrent : choix multiple parmi a6_10, a11_15 dans autre, "
            "choix parmi a6_10, a11_15 ici");
  EXPECT_EQ(one("<field id=\"n\" type=\"integer\" label=\"N\" same-as=\"autre:structure\"/>\n"),
            "/mem/t.xml:2:49: erreur: same-as=\"autre:structure\" : les types diffèrent : texte dans autre, entier ici");
  EXPECT_EQ(one("<field id=\"n\" type=\"decimal\" label=\"N\" same-as=\"autre:enfants\"/>\n"),
            "/mem/t.xml:2:49: erreur: same-as=\"autre:enfants\" : les types diffèrent : entier dans autre, décimal ici");
  EXPECT_EQ(one("<textarea id=\"t2\" label=\"T\" same-as=\"autre:qpv\"/>\n"),
            "/mem/t.xml:2:38: erreur: same-as=\"autre:qpv\" : les types diffèrent : oui/non dans autre, texte long ici");
  EXPECT_EQ(one("<field id=\"n\" type=\"integer\" label=\"N\" same-as=\"autre:total\"/>\n"),
            "/mem/t.xml:2:49: erreur: same-as=\"autre:total\" : « total » est un champ calculé dans « autre » : sa réponse ne se reprend pas");
  EXPECT_EQ(one("<field id=\"n\" type=\"integer\" label=\"N\" same-as=\"autre:effectifs\"/>\n"),
            "/mem/t.xml:2:49: erreur: same-as=\"autre:effectifs\" : « effectifs » est un tableau dans « autre » : sa réponse ne se reprend pas");
  EXPECT_EQ(one("<field id=\"a\" type=\"integer\" label=\"A\"/>\n<field id=\"n\" type=\"integer\" label=\"N\" computed=\"a + 1\" "
                "same-as=\"autre:enfants\"/>\n"),
            "/mem/t.xml:3:66: erreur: same-as=\"autre:enfants\" : un champ calculé ne reprend pas de réponse (sa valeur se calcule)");
}

// A grid's row may be the same as a yes/no, when its scale is oui/non, or as
// another grid's row on the same scale (GRID.ROW on either side).
TEST(LoadSameAs, GridRows) {
  const std::string grid =
      "<grid id=\"g\" label=\"G\"><scale value=\"non\" label=\"Non\"/><scale value=\"oui\" label=\"Oui\"/>"
      "<row id=\"qpv\" label=\"QPV\" same-as=\"autre:qpv\"/><row id=\"reu\" label=\"R\" same-as=\"autre:actions.reunions\"/></grid>\n"
      "<yesno id=\"y\" label=\"Y\" same-as=\"autre:actions.reunions\"/>\n"
      "<grid id=\"f\" label=\"F\"><scale value=\"jamais\" label=\"J\"/><scale value=\"parfois\" label=\"P\"/>"
      "<scale value=\"toujours\" label=\"T\"/><row id=\"d\" label=\"D\" same-as=\"autre:frequence.devoirs\"/></grid>\n";
  const auto r = load_beside_other(grid);
  ASSERT_EQ(r.diags, Diags{});
  const auto& g = as<spec::Grid>(r.form->body[0]);
  ASSERT_TRUE(g.rows[1].same_as);
  EXPECT_EQ(g.rows[1].same_as->form, "autre");
  EXPECT_EQ(g.rows[1].same_as->id, "actions.reunions");
  EXPECT_FALSE(g.same_as);

  EXPECT_EQ(load_beside_other("<yesno id=\"y\" label=\"Y\" same-as=\"autre:frequence.devoirs\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autre:frequence.devoirs\" : les échelles diffèrent : échelle toujours, parfois, jamais "
                   "dans autre, oui/non ici"}));
  EXPECT_EQ(load_beside_other("<grid id=\"f\" label=\"F\"><scale value=\"souvent\" label=\"S\"/><scale value=\"jamais\" label=\"J\"/>"
                              "<row id=\"d\" label=\"D\" same-as=\"autre:frequence.devoirs\"/></grid>\n")
                .diags,
            (Diags{"/mem/t.xml:2:122: erreur: same-as=\"autre:frequence.devoirs\" : les échelles diffèrent : échelle toujours, parfois, "
                   "jamais dans autre, échelle souvent, jamais ici"}));
  EXPECT_EQ(load_beside_other("<yesno id=\"y\" label=\"Y\" same-as=\"autre:actions\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autre:actions\" : « actions » est une grille dans « autre » : nommez une de ses "
                   "lignes (same-as=\"autre:actions.LIGNE\")"}));
  EXPECT_EQ(load_beside_other("<yesno id=\"y\" label=\"Y\" same-as=\"autre:actions.reunion\"/>\n").diags,
            (Diags{"/mem/t.xml:2:34: erreur: same-as=\"autre:actions.reunion\" : « autre » n’a pas de question « actions.reunion » "
                   "(vouliez-vous dire « actions.reunions » ?)"}));
  // Not on the grid itself: each row is a question of its own.
  const auto whole = load_beside_other("<grid id=\"g\" label=\"G\" same-as=\"autre:actions\"><scale value=\"oui\" label=\"O\"/>"
                                       "<scale value=\"non\" label=\"N\"/><row id=\"r\" label=\"R\"/></grid>\n");
  ASSERT_EQ(whole.diags.size(), 1u);
  EXPECT_EQ(whole.diags[0].rfind("/mem/t.xml:2:", 0), 0u);
  EXPECT_NE(whole.diags[0].find("attribut « same-as » inconnu sur <grid>"), std::string::npos) << whole.diags[0];
}

}  // namespace
}  // namespace bilan::load::test

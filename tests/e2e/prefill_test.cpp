// `fill --partial --db`: a layout's same-as questions take the store's answers
// of the same action to the form they name (docs/cli.md). Two small forms of
// their own: « ancien » (what the store holds) and « nouveau », whose layout
// declares which of its questions are ancien's.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace bilan {
namespace {

using testing::bilan_binary;
using testing::run;

struct PrefillWorld {
  std::string dir = testing::temp_dir();
  std::string layouts = dir + "/layouts";
  std::string db = dir + "/bilan.db";
};

// The two forms, the ancien answers of CLAS-73-001 in the store.
PrefillWorld prefill_world() {
  PrefillWorld w;
  std::filesystem::create_directories(w.layouts);
  testing::write_text(w.layouts + "/ancien.xml", R"(<form id="ancien" title="Bilan ancien" school-year="2024-2025">
  <field id="structure" label="Structure"/>
  <field id="mail" type="email" label="Mail"/>
  <field id="enfants" type="integer" label="Enfants accueillis"/>
  <yesno id="qpv" label="En QPV ?"/>
  <choice id="statut" label="Statut">
    <option value="association" label="Association"/>
    <option value="public" label="Public"/>
    <option value="autre" label="Autre" other="true"/>
  </choice>
  <yesno id="parents" label="Rencontres avec les parents ?"/>
  <textarea id="commentaire" label="Commentaire"/>
</form>
)");
  testing::write_text(w.layouts + "/nouveau.xml", R"(<form id="nouveau" title="Questionnaire nouveau" school-year="2024-2025">
  <field id="nom_structure" label="Nom de la structure" same-as="ancien:structure"/>
  <field id="mail" type="email" label="Mail"/>
  <field id="nb_enfants" type="integer" label="Nombre d’enfants" same-as="ancien:enfants"/>
  <yesno id="qpv" label="Action en QPV ?" same-as="ancien:qpv"/>
  <choice id="statut" label="Statut" same-as="ancien:statut">
    <option value="public" label="Public"/>
    <option value="association" label="Associatif"/>
    <option value="autre" label="Autre, précisez" other="true"/>
  </choice>
  <choice id="parents" label="Rencontres avec les parents">
    <option value="chaque_seance" label="À chaque séance"/>
    <option value="plusieurs" label="Plusieurs par mois"/>
    <option value="quelques" label="Quelques-unes dans l’année"/>
    <option value="jamais" label="Jamais"/>
  </choice>
  <grid id="avec_parents" label="Actions avec les parents">
    <scale value="oui" label="Oui"/>
    <scale value="non" label="Non"/>
    <row id="rencontres" label="Rencontres" same-as="ancien:parents"/>
    <row id="sorties" label="Sorties"/>
  </grid>
  <textarea id="bilan" label="Bilan qualitatif" same-as="ancien:commentaire"/>
</form>
)");
  testing::write_text(w.dir + "/ancien.xml", R"(<bilan form="ancien" action="CLAS-73-001">
  <answer field="structure">Maison des Savoirs de Chambéry</answer>
  <answer field="mail">contact@ancien.example</answer>
  <answer field="enfants">37</answer>
  <answer field="qpv">oui</answer>
  <answer field="statut">autre</answer>
  <answer field="statut.autre">Fédération départementale</answer>
  <answer field="parents">oui</answer>
  <answer field="commentaire">Des progrès nets en lecture à voix haute.</answer>
</bilan>
)");
  const auto imported = run({bilan_binary(), "store", "import", w.dir + "/ancien.xml", "--layouts", w.layouts, "--db", w.db});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  return w;
}

std::string pdf_text(const std::string& pdf) { return run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out; }

TEST(Prefill, SameAsQuestionsTakeTheStoredAnswersOfTheSameAction) {
  const PrefillWorld w = prefill_world();
  testing::write_text(w.dir + "/nouveau.xml", R"(<bilan form="nouveau" action="CLAS-73-001">
  <answer field="nom_structure">Maison des Savoirs</answer>
</bilan>
)");
  const std::string pdf = w.dir + "/nouveau.pdf";
  const auto r = run({bilan_binary(), "fill", w.dir + "/nouveau.xml", "--partial", "--db", w.db, "--layouts", w.layouts, "-o", pdf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // nb_enfants, qpv, statut (and its « autre » text with it), the grid's row
  // rencontres (a yes/no there), bilan: not the structure, which the answer file gives.
  EXPECT_EQ(r.err, "5 réponses reprises de ancien (CLAS-73-001)\n");
  const std::string text = pdf_text(pdf);
  EXPECT_NE(text.find("37"), std::string::npos) << text;
  EXPECT_NE(text.find("Fédération départementale"), std::string::npos) << text;
  EXPECT_NE(text.find("Des progrès nets en lecture à voix haute."), std::string::npos) << text;
  // The answer file wins; nothing without same-as is carried (mail), even with the same id.
  EXPECT_NE(text.find("Maison des Savoirs"), std::string::npos) << text;
  EXPECT_EQ(text.find("Maison des Savoirs de Chambéry"), std::string::npos) << text;
  EXPECT_EQ(text.find("contact@ancien.example"), std::string::npos) << text;

  // The same run as fillable: the PDF's fields read back give what was taken,
  // and nothing for parents (a yes/no there, a frequency here: no same-as).
  const std::string fillable = w.dir + "/nouveau-f.pdf";
  ASSERT_EQ(run({bilan_binary(), "fill", w.dir + "/nouveau.xml", "--partial", "--fillable", "--db", w.db, "--layouts", w.layouts, "-o",
                 fillable})
                .exit_code,
            0);
  const auto back = run({bilan_binary(), "import-pdf", fillable, "--partial", "--layouts", w.layouts});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("<answer field=\"qpv\">oui</answer>"), std::string::npos) << back.out;
  EXPECT_NE(back.out.find("<answer field=\"statut\">autre</answer>"), std::string::npos) << back.out;
  EXPECT_NE(back.out.find("<answer field=\"nb_enfants\">37</answer>"), std::string::npos) << back.out;
  EXPECT_NE(back.out.find("<answer field=\"avec_parents.rencontres\">oui</answer>"), std::string::npos) << back.out;
  EXPECT_EQ(back.out.find("field=\"avec_parents.sorties\""), std::string::npos) << back.out;
  EXPECT_EQ(back.out.find("field=\"parents\""), std::string::npos) << back.out;
  EXPECT_EQ(back.out.find("field=\"mail\""), std::string::npos) << back.out;

  // Without --db nothing is read from the store.
  const auto alone = run({bilan_binary(), "fill", w.dir + "/nouveau.xml", "--partial", "--layouts", w.layouts, "-o", pdf});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_EQ(alone.err, "");
  EXPECT_EQ(pdf_text(pdf).find("37"), std::string::npos);
}

TEST(Prefill, ABatchOfAnswerFilesTakesThemToo) {
  const PrefillWorld w = prefill_world();
  const std::string in = w.dir + "/in";
  std::filesystem::create_directories(in);
  testing::write_text(in + "/a.xml", "<bilan form=\"nouveau\" action=\"CLAS-73-001\"/>\n");
  testing::write_text(in + "/b.xml", "<bilan form=\"nouveau\" action=\"CLAS-73-002\"/>\n");
  const auto r = run({bilan_binary(), "batch", in, "--partial", "--db", w.db, "--layouts", w.layouts, "--out", w.dir + "/out", "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("CLAS-73-001.pdf (1 p.) ; 6 réponses reprises de ancien (CLAS-73-001)\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("CLAS-73-002.pdf (1 p.) ; rien n’est repris de la base : l’action « CLAS-73-002 » n’y est pas\n"), std::string::npos)
      << r.err;
  EXPECT_NE(pdf_text(w.dir + "/out/CLAS-73-001.pdf").find("Maison des Savoirs de Chambéry"), std::string::npos);
  EXPECT_EQ(pdf_text(w.dir + "/out/CLAS-73-002.pdf").find("Maison des Savoirs de Chambéry"), std::string::npos);
  // Without --partial the store is not read.
  const auto whole = run({bilan_binary(), "batch", in, "--db", w.db, "--layouts", w.layouts, "--out", w.dir + "/out2"});
  EXPECT_EQ(whole.err.find("reprise"), std::string::npos) << whole.err;
  EXPECT_EQ(pdf_text(w.dir + "/out2/CLAS-73-001.pdf").find("Maison des Savoirs de Chambéry"), std::string::npos);
}

TEST(Prefill, WhatIsNotTakenIsSaid) {
  const PrefillWorld w = prefill_world();
  const auto fill = [&](const std::string& bytes) {
    testing::write_text(w.dir + "/n.xml", bytes);
    return run({bilan_binary(), "fill", w.dir + "/n.xml", "--partial", "--db", w.db, "--layouts", w.layouts, "-o", w.dir + "/n.pdf"});
  };
  auto r = fill("<bilan form=\"nouveau\" action=\"CLAS-73-002\"/>\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "rien n’est repris de la base : l’action « CLAS-73-002 » n’y est pas\n");
  r = fill("<bilan form=\"nouveau\"/>\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "rien n’est repris de la base : le fichier de réponses ne nomme pas son action (attribut action de <bilan>)\n");
  r = fill("<bilan form=\"ancien\" action=\"CLAS-73-001\"/>\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "rien n’est repris de la base : le formulaire « ancien » ne déclare aucune question same-as\n");
  // Everything answered: the file wins everywhere.
  r = fill(R"(<bilan form="nouveau" action="CLAS-73-001">
  <answer field="nom_structure">MdS</answer>
  <answer field="nb_enfants">12</answer>
  <answer field="qpv">non</answer>
  <answer field="statut">public</answer>
  <answer field="avec_parents.rencontres">non</answer>
  <answer field="bilan">Rien à dire.</answer>
</bilan>
)");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "aucune réponse reprise de ancien (CLAS-73-001)\n");
}

TEST(Prefill, OnlyAPartialFillReadsTheStore) {
  const PrefillWorld w = prefill_world();
  testing::write_text(w.dir + "/n.xml", "<bilan form=\"nouveau\" action=\"CLAS-73-001\"/>\n");
  auto r = run({bilan_binary(), "fill", w.dir + "/n.xml", "--db", w.db, "--layouts", w.layouts, "-o", w.dir + "/n.pdf"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "bilan: erreur: --db va avec --partial : seul un bilan pré-rempli reprend des réponses de la base\n"
                   "Essayez « bilan fill --help ».\n");
  r = run({bilan_binary(), "fill", w.dir + "/n.xml", "--partial", "--pdfa", "--db", w.db, "--layouts", w.layouts, "-o", w.dir + "/n.pdf"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "bilan: erreur: --db ne se combine pas avec --pdfa (une archive porte son fichier de réponses tel quel)\n"
                   "Essayez « bilan fill --help ».\n");
  r = run({bilan_binary(), "fill", w.dir + "/n.xml", "--partial", "--db", w.dir + "/absente.db", "--layouts", w.layouts, "-o",
           w.dir + "/n.pdf"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "bilan: erreur: " + w.dir + "/absente.db : base introuvable (créez-la avec « bilan store import »)\n");
  EXPECT_FALSE(std::filesystem::exists(w.dir + "/absente.db"));
  // The output is never the base it reads.
  r = run({bilan_binary(), "fill", w.dir + "/n.xml", "--partial", "--db", w.db, "--layouts", w.layouts, "-o", w.db});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Prefill, ListSaysTheMapping) {
  const PrefillWorld w = prefill_world();
  const auto r = run({bilan_binary(), "list", "nouveau", "--layouts", w.layouts});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string section =
      "Réponses reprises d’autres formulaires (same-as ; bilan fill --partial --db) :\n"
      "  nom_structure                             repris de ancien:structure\n"
      "  nb_enfants                                repris de ancien:enfants\n"
      "  qpv                                       repris de ancien:qpv\n"
      "  statut                                    repris de ancien:statut\n"
      "  avec_parents.rencontres                   repris de ancien:parents\n"
      "  bilan                                     repris de ancien:commentaire\n";
  EXPECT_TRUE(r.out.ends_with(section)) << r.out;
  EXPECT_EQ(run({bilan_binary(), "list", "ancien", "--layouts", w.layouts}).out.find("reprises"), std::string::npos);
}

// What is taken is bound as this form's answer: its rules read it, and a
// message about it points at its line in the stored file.
TEST(Prefill, TakenAnswersAreCheckedAsThisFormsOwn) {
  const PrefillWorld w = prefill_world();
  std::string layout = testing::read_text(w.layouts + "/nouveau.xml");
  const std::string end = "</form>";
  layout.replace(layout.find(end), end.size(),
                 "  <check test=\"nb_enfants &lt;= 30\" message=\"{nb_enfants} enfants : au plus 30 par action\"/>\n</form>");
  testing::write_text(w.layouts + "/nouveau.xml", layout);
  testing::write_text(w.dir + "/n.xml", "<bilan form=\"nouveau\" action=\"CLAS-73-001\"/>\n");
  const auto r = run({bilan_binary(), "fill", w.dir + "/n.xml", "--partial", "--db", w.db, "--layouts", w.layouts, "-o", w.dir + "/n.pdf"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "6 réponses reprises de ancien (CLAS-73-001)\n" + w.dir +
                       "/ancien.xml:4:27: avertissement: 37 enfants : au plus 30 par action\n") << r.err;
  const auto strict = run({bilan_binary(), "fill", w.dir + "/n.xml", "--partial", "--strict", "--db", w.db, "--layouts", w.layouts, "-o",
                           w.dir + "/s.pdf"});
  EXPECT_EQ(strict.exit_code, 1);
}

TEST(Prefill, ALayoutWhoseScalesDifferIsRefused) {
  const PrefillWorld w = prefill_world();
  std::string layout = testing::read_text(w.layouts + "/nouveau.xml");
  const std::string parents = "<choice id=\"parents\" label=\"Rencontres avec les parents\">";
  layout.replace(layout.find(parents), parents.size(),
                 "<choice id=\"parents\" label=\"Rencontres avec les parents\" same-as=\"ancien:parents\">");
  testing::write_text(w.layouts + "/nouveau.xml", layout);
  testing::write_text(w.dir + "/n.xml", "<bilan form=\"nouveau\" action=\"CLAS-73-001\"/>\n");
  const auto r = run({bilan_binary(), "fill", w.dir + "/n.xml", "--partial", "--db", w.db, "--layouts", w.layouts, "-o", w.dir + "/n.pdf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(w.layouts + "/nouveau.xml:11:69: erreur: same-as=\"ancien:parents\" : les échelles diffèrent : oui/non dans ancien, "
                       "choix parmi chaque_seance, plusieurs, quelques, jamais ici\n"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(w.dir + "/n.pdf"));
}

}  // namespace
}  // namespace bilan

namespace bilan {
namespace {

// The real forms: a questionnaire of the urban sample's action takes, from the
// store, its 2024/25 answers to the questions the layout declares the same
// (structure, bonus, the nine actions with parents), and nothing else.
TEST(Prefill, TheQuestionnaireTakesTheBilansAnswersWhereTheScalesAgree) {
  const std::string dir = testing::temp_dir(), db = dir + "/bilan.db";
  const std::string bilan = testing::source_path("samples/association-urbaine-2024-2025.xml");
  const auto imported = run({bilan_binary(), "store", "import", bilan, "--db", db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  testing::write_text(dir + "/q.xml", R"(<bilan form="questionnaire-clas-2023-2024" department="47" action="CLAS-47-2024-018">
  <answer field="commune">Agen</answer>
</bilan>
)");
  const std::string pdf = dir + "/q.pdf";
  const auto r = run({bilan_binary(), "fill", dir + "/q.xml", "--partial", "--fillable", "--db", db, "-o", pdf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "12 réponses reprises de clas-2024-2025 (CLAS-47-2024-018)\n");
  const auto back = run({bilan_binary(), "import-pdf", pdf, "--partial"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("<answer field=\"structure\">Centre social Passerelles (association loi 1901)</answer>"), std::string::npos)
      << back.out;
  EXPECT_NE(back.out.find("<answer field=\"actions_parents.convivialite\">oui</answer>"), std::string::npos) << back.out;
  EXPECT_NE(back.out.find("<answer field=\"bonus_enfant\">oui</answer>"), std::string::npos) << back.out;
  EXPECT_NE(back.out.find("<answer field=\"commune\">Agen</answer>"), std::string::npos) << back.out;
  // Frequencies here, yes/no there: never guessed.
  EXPECT_EQ(back.out.find("field=\"activites."), std::string::npos) << back.out;
  EXPECT_EQ(back.out.find("field=\"origine_inscription."), std::string::npos) << back.out;
  EXPECT_EQ(back.out.find("field=\"contractualisation\""), std::string::npos) << back.out;
}

}  // namespace
}  // namespace bilan

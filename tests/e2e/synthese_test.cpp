// `bilan synthese` as a Caf runs it: a store of 40 generated actions of one
// department (and others that must be left out) summed up as a CSV whose
// counts and sums are checked one by one against the generator, and as a PDF
// that poppler and qpdf read, the same bytes on one thread or four; the
// latest validated archived versions with --archive; the errors, exact.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>

#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using testing::bilan_binary;
using testing::run;

constexpr int kActions = 40;
const char* const kEpoch = "SOURCE_DATE_EPOCH=1751625000";  // 2025-07-04T10:30:00Z

// Action i of the generated store: every kind of answer, some left out, one
// given in a part that does not apply (it must not be counted).
std::string clas_action(int i, const std::string& department = "73") {
  char id[32];
  std::snprintf(id, sizeof id, "CLAS-%s-%03d", department.c_str(), i);
  std::string x = "<bilan form=\"clas-2024-2025\" department=\"" + department + "\" action=\"" + id + "\">\n";
  const auto answer = [&](const std::string& field, const std::string& value) {
    x += "  <answer field=\"" + field + "\">" + value + "</answer>\n";
  };
  answer("structure", "Structure n° " + std::to_string(i));
  if (i % 2) answer("referent", "Référent " + std::to_string(i));
  answer("enfants_elementaire", std::to_string(i % 30));
  if (i % 3 == 0) answer("enfants_college", std::to_string(i % 17));
  if (i % 2 == 0) answer("heures_salaries", std::to_string(i % 7) + ",5");
  answer("bonus_enfants", i % 3 == 0 ? "oui" : "non");
  if (i % 4 == 0) answer("ecart_calendrier", "oui");
  if (i % 4 == 1) answer("ecart_calendrier", "non");
  if (i % 5 == 0) {
    answer("bonus_enfant_finance", "oui");
    answer("bonus_enfant_objectifs_atteints", i % 10 == 0 ? "atteints" : "partiellement_atteints");
    answer("bonus_enfant_objet", i % 10 == 0 ? "materiel sorties" : "intervenants");
  }
  if (i == 7) {  // financed: no; its objectives answered anyway, in a part that does not apply
    answer("bonus_enfant_finance", "non");
    answer("bonus_enfant_objectifs_atteints", "atteints");
  }
  return x + "</bilan>\n";
}

std::string tne_action(int i) {
  return "<bilan form=\"tne-parentalite-numerique\" department=\"73\" action=\"TNE-73-" + std::to_string(i) +
         "\">\n  <answer field=\"structure\">EVS " + std::to_string(i) +
         "</answer>\n  <table field=\"tne_ateliers\">\n    <row id=\"cafe_parents\">\n      <cell column=\"seances\">" +
         std::to_string(i + 1) + "</cell>\n      <cell column=\"parents\">" + std::to_string(10 * i) +
         "</cell>\n    </row>\n  </table>\n</bilan>\n";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// The generated store, once per test program: 40 actions of the 2024/25
// bilan in Savoie, 3 TNE bilans in Savoie, 2 bilans of Lot-et-Garonne.
struct Store {
  std::string dir = testing::temp_dir();
  std::string db = dir + "/bilan.db";
  Store() {
    fs::create_directories(dir + "/in");
    for (int i = 0; i < kActions; ++i) testing::write_text(dir + "/in/c" + std::to_string(i) + ".xml", clas_action(i));
    for (int i = 0; i < 3; ++i) testing::write_text(dir + "/in/t" + std::to_string(i) + ".xml", tne_action(i));
    for (int i = 0; i < 2; ++i) testing::write_text(dir + "/in/l" + std::to_string(i) + ".xml", clas_action(i, "47"));
    const auto r = run({bilan_binary(), "store", "import", dir + "/in", "--db", db});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  testing::CommandResult synthese(std::vector<std::string> args) const {
    std::vector<std::string> argv{"env", kEpoch, bilan_binary(), "synthese", "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }
};

const Store& store() {
  static const Store s;
  return s;
}

// The CSV's lines by « question;réponse »: « nombre;somme;moyenne ».
std::map<std::string, std::string> csv_cells(const std::string& csv, const std::string& form) {
  std::map<std::string, std::string> out;
  const std::regex line("([^;]*);([^;]*);[^;]*;([^;]*);([^;]*);([^;]*);([^;]*)");
  for (const auto& l : lines_of(csv)) {
    std::smatch m;
    if (std::regex_match(l, m, line) && m[1] == form) out[m[2].str() + ";" + m[3].str()] = m[4].str() + ";" + m[5].str() + ";" + m[6].str();
  }
  return out;
}

TEST(Synthese, CsvCountsAndSumsAreTheGeneratorsOwn) {
  const std::string out = store().dir + "/s.csv";
  const auto r = store().synthese({"--department", "73", "--form", "clas-2024-2025", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("synthèse de 40 actions écrite dans " + out + "\n"), std::string::npos) << r.err;
  const std::string csv = testing::read_text(out);
  ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF" "formulaire;question;libellé;réponse;nombre;somme;moyenne\n")) << csv.substr(0, 200);
  EXPECT_EQ(lines_of(csv)[1], "clas-2024-2025;actions;Nombre d’actions;;40;;");
  EXPECT_EQ(csv.find("CLAS-47"), std::string::npos);

  // The expected figures, from the generator's rules.
  long elem = 0, college = 0, college_n = 0, heures_tenths = 0, heures_n = 0;
  int oui = 0, ecart_oui = 0, ecart_non = 0, finance = 0, atteints = 0, partiel = 0, referents = 0;
  for (int i = 0; i < kActions; ++i) {
    elem += i % 30;
    if (i % 3 == 0) college += i % 17, ++college_n;
    if (i % 2 == 0) heures_tenths += 10 * (i % 7) + 5, ++heures_n;
    if (i % 2) ++referents;
    if (i % 3 == 0) ++oui;
    if (i % 4 == 0) ++ecart_oui;
    if (i % 4 == 1) ++ecart_non;
    if (i % 5 == 0) ++finance, ++(i % 10 == 0 ? atteints : partiel);
  }
  ASSERT_EQ(elem, 480);
  ASSERT_EQ(college, 103);
  const auto cells = csv_cells(csv, "clas-2024-2025");
  EXPECT_EQ(cells.at("enfants_elementaire;"), "40;480;12,0");
  EXPECT_EQ(cells.at("enfants_college;"), "14;103;7,4");  // 103 / 14 = 7,357…
  EXPECT_EQ(heures_tenths, 680);
  EXPECT_EQ(cells.at("heures_salaries;"), "20;68,0;3,4");
  EXPECT_EQ(cells.at("enfants_lycee;"), "0;0;");  // nobody answered: no mean
  EXPECT_EQ(cells.at("referent;texte libre"), std::to_string(referents) + ";;");
  EXPECT_EQ(cells.at("bonus_enfants;Oui"), std::to_string(oui) + ";;");
  EXPECT_EQ(cells.at("bonus_enfants;Non"), std::to_string(kActions - oui) + ";;");
  EXPECT_EQ(cells.at("bonus_enfants;sans réponse"), "0;;");
  EXPECT_EQ(cells.at("ecart_calendrier;Oui"), std::to_string(ecart_oui) + ";;");
  EXPECT_EQ(cells.at("ecart_calendrier;Non"), std::to_string(ecart_non) + ";;");
  EXPECT_EQ(cells.at("ecart_calendrier;sans réponse"), std::to_string(kActions - ecart_oui - ecart_non) + ";;");
  EXPECT_EQ(cells.at("bonus_enfant_finance;Oui"), std::to_string(finance) + ";;");
  EXPECT_EQ(cells.at("bonus_enfant_finance;Non"), "1;;");
  // Action 7's answer is in a part that does not apply: not counted.
  EXPECT_EQ(cells.at("bonus_enfant_objectifs_atteints;Atteints"), std::to_string(atteints) + ";;");
  EXPECT_EQ(cells.at("bonus_enfant_objectifs_atteints;Partiellement atteints"), std::to_string(partiel) + ";;");
  EXPECT_EQ(cells.at("bonus_enfant_objectifs_atteints;Non atteints"), "0;;");
  EXPECT_EQ(cells.at("bonus_enfant_objectifs_atteints;sans réponse"), std::to_string(kActions - finance) + ";;");
  // A multiple choice: one count per option chosen.
  EXPECT_EQ(cells.at("bonus_enfant_objet;L’achat de matériel pédagogique spécifique"), std::to_string(atteints) + ";;");
  EXPECT_EQ(cells.at("bonus_enfant_objet;L’organisation de sorties culturelles"), std::to_string(atteints) + ";;");
  EXPECT_EQ(cells.at("bonus_enfant_objet;La mobilisation d’intervenants extérieurs"), std::to_string(partiel) + ";;");
  EXPECT_EQ(cells.at("bonus_enfant_objet;sans réponse"), std::to_string(kActions - finance) + ";;");
  // Labels as printed, one line per question and answer.
  EXPECT_NE(csv.find("clas-2024-2025;enfants_elementaire;Nombre d’enfants élémentaire;;40;480;12,0\n"), std::string::npos);
}

TEST(Synthese, EveryFormPresentHasItsPartAndTableCellsAreSummed) {
  const std::string out = store().dir + "/all.csv";
  const auto r = store().synthese({"--department", "73", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = testing::read_text(out);
  EXPECT_NE(csv.find("clas-2024-2025;actions;Nombre d’actions;;40;;\n"), std::string::npos);
  EXPECT_NE(csv.find("tne-parentalite-numerique;actions;Nombre d’actions;;3;;\n"), std::string::npos);
  const auto cells = csv_cells(csv, "tne-parentalite-numerique");
  EXPECT_EQ(cells.at("tne_ateliers.cafe_parents.seances;"), "3;6;2,0");     // 1 + 2 + 3
  EXPECT_EQ(cells.at("tne_ateliers.cafe_parents.parents;"), "3;30;10,0");   // 0 + 10 + 20
  EXPECT_EQ(cells.at("tne_ateliers.spectacles.seances;"), "0;0;");
}

TEST(Synthese, PdfReadsBackIsValidAndTheSameOnAnyJobs) {
  const std::string one = store().dir + "/s1.pdf", four = store().dir + "/s4.pdf";
  const auto r1 = store().synthese({"--department", "73", "--form", "clas-2024-2025", "-o", one, "--jobs", "1"});
  const auto r4 = store().synthese({"--department", "73", "--form", "clas-2024-2025", "-o", four, "--jobs", "4"});
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  ASSERT_EQ(r4.exit_code, 0) << r4.err;
  EXPECT_EQ(testing::read_text(one), testing::read_text(four));
  const auto again = store().synthese({"--department", "73", "--form", "clas-2024-2025", "-o", store().dir + "/s1b.pdf"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(testing::read_text(one), testing::read_text(store().dir + "/s1b.pdf"));
  const auto check = run({"qpdf", "--check", one});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  // French typography puts no-break spaces where the tests write spaces.
  std::string text = run({"pdftotext", "-enc", "UTF-8", "-layout", one, "-"}).out;
  for (const std::string nbsp : {"\u00a0", "\u202f"})
    for (std::size_t at; (at = text.find(nbsp)) != std::string::npos;) text.replace(at, nbsp.size(), " ");
  EXPECT_NE(text.find("Synthèse départementale CLAS 2024-2025 — Caf de la Savoie"), std::string::npos) << text.substr(0, 600);
  EXPECT_NE(text.find("Département 73 · 40 actions"), std::string::npos);
  EXPECT_NE(text.find("Synthèse établie le 4 juillet 2025"), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex("Nombre d’enfants élémentaire +40 / 40 +480 +12,0"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("Oui : 14 \\(35 %\\)"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("Non : 26 \\(65 %\\)")));
  EXPECT_NE(text.find("Texte libre, non agrégé : 20 sur 40 actions ont répondu"), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex("Page 1 / [0-9]+")));
}

TEST(Synthese, ArchiveTakesTheLatestValidatedVersion) {
  const std::string dir = testing::temp_dir(), db = dir + "/bilan.db";
  const std::string sample = testing::read_text(testing::source_path("samples/commune-rurale-2024-2025.xml"));
  const std::string from = "<answer field=\"enfants_elementaire\">6<";
  ASSERT_NE(sample.find(from), std::string::npos);
  std::string v2 = sample;
  v2.replace(v2.find(from), from.size(), "<answer field=\"enfants_elementaire\">7<");
  testing::write_text(dir + "/v1.xml", sample);
  testing::write_text(dir + "/v2.xml", v2);
  fs::copy(testing::source_path("samples/images"), dir + "/images");
  const auto archive = [&](std::vector<std::string> args) {
    std::vector<std::string> argv{"env", kEpoch, bilan_binary(), "archive"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--db", db});
    return run(argv);
  };
  ASSERT_EQ(archive({"submit", dir + "/v1.xml"}).exit_code, 0);
  const auto none = run({bilan_binary(), "synthese", "--department", "47", "--archive", "--db", db, "-o", dir + "/a.csv"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.err, "bilan: erreur: aucune version validée de l’archive du département 47 dans " + db + "\n");
  ASSERT_EQ(archive({"validate", "CLAS-47-2024-031@1", "--by", "Caf 47"}).exit_code, 0);
  ASSERT_EQ(archive({"submit", dir + "/v2.xml"}).exit_code, 0);  // @2, not validated: the store has it
  const auto a = run({bilan_binary(), "synthese", "--department", "47", "--archive", "--db", db, "-o", dir + "/a.csv"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(testing::read_text(dir + "/a.csv").find(";enfants_elementaire;Nombre d’enfants élémentaire;;1;6;6,0\n"), std::string::npos);
  const auto s = run({bilan_binary(), "synthese", "--department", "47", "--db", db, "-o", dir + "/s.csv"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(testing::read_text(dir + "/s.csv").find(";enfants_elementaire;Nombre d’enfants élémentaire;;1;7;7,0\n"), std::string::npos);
}

// The synthesis reads the answers, not the images they name: stored actions
// whose stamp and signature moved since their import still count.
TEST(Synthese, ImagesThatMovedSinceTheImportAreNotNeeded) {
  const std::string dir = testing::temp_dir(), db = dir + "/bilan.db";
  fs::copy(testing::source_path("samples/association-urbaine-2024-2025.xml"), dir + "/urbaine.xml");
  fs::copy(testing::source_path("samples/images"), dir + "/images");
  const auto imported = run({bilan_binary(), "store", "import", dir + "/urbaine.xml", "--db", db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  fs::remove_all(dir + "/images");
  const auto s = run({bilan_binary(), "synthese", "--department", "47", "--db", db, "-o", dir + "/s.csv"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(testing::read_text(dir + "/s.csv").find("formulaire;question;libellé;réponse;nombre;somme;moyenne"), std::string::npos);
}

// A form of the test's own (beside the real ones, used by Savoie): an amount
// and a grid, whose rows are counted per step of the scale.
TEST(Synthese, GridRowsAreCountedAndAmountsSummedToTheCent) {
  const std::string dir = testing::temp_dir(), db = dir + "/bilan.db", layouts = dir + "/layouts";
  fs::create_directories(layouts);
  std::string registry = testing::read_text(testing::source_path("layouts/departments.xml"));
  const std::string defaults = "<defaults forms=\"clas-2024-2025 tne-parentalite-numerique";
  ASSERT_NE(registry.find(defaults), std::string::npos);
  registry.replace(registry.find(defaults), defaults.size(), defaults + " grille-essai");
  testing::write_text(layouts + "/departments.xml", registry);
  testing::write_text(layouts + "/grille-essai.xml",
                      "<form id=\"grille-essai\" title=\"Questionnaire d’essai {school_year}\" school-year=\"2023-2024\" version=\"1\" lang=\"fr\">\n"
                      "  <section title=\"Les enfants\">\n"
                      "    <field id=\"budget\" type=\"amount\" label=\"Budget réalisé :\"/>\n"
                      "    <grid id=\"situations\" label=\"Les enfants sont dans les situations suivantes :\">\n"
                      "      <scale value=\"tous\" label=\"Quasiment tous\"/>\n"
                      "      <scale value=\"beaucoup\" label=\"Pour beaucoup\"/>\n"
                      "      <scale value=\"aucun\" label=\"Quasiment aucun\"/>\n"
                      "      <row id=\"difficultes\" label=\"Difficultés scolaires\"/>\n"
                      "      <row id=\"logement\" label=\"Logement\"/>\n"
                      "    </grid>\n"
                      "  </section>\n"
                      "</form>\n");
  fs::create_directories(dir + "/in");
  const char* const steps[] = {"tous", "beaucoup", "aucun"};
  for (int j = 0; j < 6; ++j) {
    std::string x = "<bilan form=\"grille-essai\" department=\"73\" action=\"G-" + std::to_string(j) + "\">\n";
    x += "  <answer field=\"budget\">" + std::to_string(100 * (j + 1)) + "," + (j % 2 ? "50" : "25") + "</answer>\n";
    x += "  <answer field=\"situations.difficultes\">" + std::string(steps[j % 3]) + "</answer>\n";
    if (j < 2) x += "  <answer field=\"situations.logement\">" + std::string(steps[j]) + "</answer>\n";
    testing::write_text(dir + "/in/g" + std::to_string(j) + ".xml", x + "</bilan>\n");
  }
  const auto import = run({bilan_binary(), "store", "import", dir + "/in", "--db", db, "--layouts", layouts});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  const auto r = run({"env", kEpoch, bilan_binary(), "synthese", "--department", "73", "--db", db, "--layouts", layouts,
                      "--form", "grille-essai", "-o", dir + "/g.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = testing::read_text(dir + "/g.csv");
  const auto cells = csv_cells(csv, "grille-essai");
  // 100,25 + 200,50 + 300,25 + 400,50 + 500,25 + 600,50 = 2 102,25 over 6: 350,375 → 350,38
  EXPECT_EQ(cells.at("budget;"), "6;2102,25;350,38");
  EXPECT_EQ(cells.at("situations.difficultes;Quasiment tous"), "2;;");
  EXPECT_EQ(cells.at("situations.difficultes;Pour beaucoup"), "2;;");
  EXPECT_EQ(cells.at("situations.difficultes;Quasiment aucun"), "2;;");
  EXPECT_EQ(cells.at("situations.difficultes;sans réponse"), "0;;");
  EXPECT_EQ(cells.at("situations.logement;Quasiment tous"), "1;;");
  EXPECT_EQ(cells.at("situations.logement;Pour beaucoup"), "1;;");
  EXPECT_EQ(cells.at("situations.logement;Quasiment aucun"), "0;;");
  EXPECT_EQ(cells.at("situations.logement;sans réponse"), "4;;");
  EXPECT_NE(csv.find("grille-essai;situations.logement;Les enfants sont dans les situations suivantes — Logement;Quasiment tous;1;;\n"),
            std::string::npos);
  const auto pdf = run({"env", kEpoch, bilan_binary(), "synthese", "--department", "73", "--db", db, "--layouts", layouts,
                        "--form", "grille-essai", "-o", dir + "/g.pdf"});
  ASSERT_EQ(pdf.exit_code, 0) << pdf.err;
  std::string text = run({"pdftotext", "-enc", "UTF-8", dir + "/g.pdf", "-"}).out;
  for (const std::string nbsp : {"\u00a0", "\u202f"})
    for (std::size_t at; (at = text.find(nbsp)) != std::string::npos;) text.replace(at, nbsp.size(), " ");
  EXPECT_NE(text.find("Synthèse départementale CLAS 2023-2024 — Caf de la Savoie"), std::string::npos) << text;
  EXPECT_NE(text.find("2 102,25 €"), std::string::npos) << text;
  EXPECT_NE(text.find("350,38 €"), std::string::npos);
  // The grid's statement once, then each row under it.
  EXPECT_NE(text.find("Les enfants sont dans les situations suivantes\nDifficultés scolaires\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Logement\n2 sur 6 actions ont répondu"), std::string::npos);
  EXPECT_NE(text.find("Quasiment tous : 1 (17 %)"), std::string::npos);
}

TEST(Synthese, ErrorsAreExact) {
  const std::string out = store().dir + "/e.pdf";
  const auto unknown = store().synthese({"--department", "99", "-o", out});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "bilan: erreur: département « 99 » inconnu (codes : 01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976)\n");
  const auto none = store().synthese({"--department", "33", "-o", out});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.err, "bilan: erreur: aucune action du département 33 dans " + store().db + "\n");
  const auto none_form = store().synthese({"--department", "47", "--form", "tne-parentalite-numerique", "-o", out});
  EXPECT_EQ(none_form.exit_code, 1);
  EXPECT_EQ(none_form.err, "bilan: erreur: aucune action du département 47 pour le formulaire « tne-parentalite-numerique » dans " +
                               store().db + "\n");
  const auto ext = store().synthese({"--department", "73", "-o", store().dir + "/s.txt"});
  EXPECT_EQ(ext.exit_code, 2);
  EXPECT_EQ(ext.err, "bilan: erreur: -o attend un fichier .pdf (le document) ou .csv (le tableau), reçu « " + store().dir +
                         "/s.txt »\nEssayez « bilan synthese --help ».\n");
  const auto no_department = store().synthese({"-o", out});
  EXPECT_EQ(no_department.exit_code, 2);
  EXPECT_EQ(no_department.err, "bilan: erreur: indiquez le département avec --department CODE\nEssayez « bilan synthese --help ».\n");
  const auto no_output = store().synthese({"--department", "73"});
  EXPECT_EQ(no_output.exit_code, 2);
  EXPECT_EQ(no_output.err,
            "bilan: erreur: indiquez le fichier à écrire avec -o synthese.pdf ou -o synthese.csv\nEssayez « bilan synthese --help ».\n");
  const auto no_db = run({bilan_binary(), "synthese", "--department", "73", "--db", store().dir + "/absent.db", "-o", out});
  EXPECT_EQ(no_db.exit_code, 2);
  EXPECT_EQ(no_db.err, "bilan: erreur: " + store().dir + "/absent.db : base introuvable (créez-la avec « bilan store import »)\n");
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace bilan

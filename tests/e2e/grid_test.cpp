// Grids (<grid>, docs/layout.md) through every way in and out: check's
// located errors, the printed matrix, pdf.js's radio groups (one per row,
// GRID.ROW) typed into and read back by import-pdf, CSV columns headed by
// the statement, and archive diff in the scale's words.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "support/test_support.hpp"

namespace bilan {
namespace {

using testing::bilan_binary;
using testing::run;

const char* const kLayout = R"x(<?xml version="1.0" encoding="UTF-8"?>
<form id="grille" title="Grilles {school_year}" school-year="2023-2024">
  <grid id="origine" label="Qui est à l’origine de la demande d’inscription des enfants ou des jeunes au Clas :" required="true">
    <scale value="toujours" label="Toujours ou presque"/>
    <scale value="souvent" label="Assez souvent"/>
    <scale value="parfois" label="Parfois"/>
    <scale value="jamais" label="Jamais"/>
    <row id="familles" label="Les familles"/>
    <row id="enfants" label="Les enfants"/>
    <row id="enseignants" label="Sur proposition des enseignants"/>
  </grid>
  <grid id="parents" label="Parmi les actions suivantes lesquelles ont-été réalisées au cours de l’année scolaire ?">
    <scale value="oui" label="Oui"/>
    <scale value="non" label="Non"/>
    <row id="temps" label="Temps de convivialité avec les parents"/>
  </grid>
</form>
)x";

struct Fixture {
  std::string dir = testing::temp_dir();
  Fixture() { testing::write_text(dir + "/grille.xml", kLayout); }
  std::string answers(const std::string& name, const std::string& body, const std::string& action = "") const {
    const std::string path = dir + "/" + name;
    testing::write_text(path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"grille\"" +
                                  (action.empty() ? std::string() : " action=\"" + action + "\"") + ">\n" + body + "</bilan>\n");
    return path;
  }
  testing::CommandResult bilan(std::vector<std::string> args) const {
    args.insert(args.begin(), {bilan_binary(), "--layouts", dir});
    return run(args);
  }
};

TEST(Grid, CheckReportsEachRowWhereItIsWritten) {
  const Fixture f;
  const std::string a = f.answers("r.xml", R"x(  <answer field="origine.familles">toujours, parfois</answer>
  <answer field="origine.enfant">souvent</answer>
  <answer field="origine.enseignants">Parfois</answer>
  <answer field="origine.familles">jamais</answer>
)x");
  const auto r = f.bilan({"check", a});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, a + ":2:1: erreur: ligne obligatoire sans réponse : « origine.enfants » (Les enfants)\n" +
                   a + ":3:36: erreur: champ « origine.familles » : une seule réponse par ligne, reçu « toujours, parfois »\n" +
                   a + ":4:3: erreur: ligne inconnue « enfant » dans la grille « origine » (vouliez-vous dire « enfants » ?)\n" +
                   a + ":5:39: erreur: champ « origine.enseignants » : valeur « Parfois » hors de l’échelle de la grille (toujours, souvent, parfois, jamais) (vouliez-vous dire « parfois » ?)\n" +
                   a + ":6:3: erreur: réponse au champ « origine.familles » déjà donnée en " + a + ":3:3\n");
}

TEST(Grid, ListShowsTheScaleAndEveryRow) {
  const Fixture f;
  const auto r = f.bilan({"list", f.dir + "/grille.xml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("      échelle : toujours, souvent, parfois, jamais\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    origine.enseignants                     ligne             Sur proposition des enseignants (obligatoire)\n"),
            std::string::npos)
      << r.out;
}

TEST(Grid, PrintedAsAMatrixWithTheChosenBoxTicked) {
  const Fixture f;
  const std::string a = f.answers("r.xml", R"x(  <answer field="origine.familles">toujours</answer>
  <answer field="origine.enfants">jamais</answer>
  <answer field="origine.enseignants">souvent</answer>
)x");
  const std::string pdf = f.dir + "/r.pdf";
  const auto r = f.bilan({"fill", a, "-o", pdf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run({"qpdf", "--check", pdf}).exit_code, 0);
  const auto text = run({"pdftotext", "-layout", pdf, "-"});
  // Heads in the scale's order, then each row: its statement and one box per step.
  std::istringstream lines(text.out);
  std::map<std::string, std::string> boxes;
  for (std::string line; std::getline(lines, line);)
    for (const char* row : {"Les familles", "Les enfants", "Sur proposition des enseignants", "Temps de convivialité"})
      if (line.find(row) != std::string::npos) {
        std::string marks;
        for (std::size_t at = 0; (at = line.find("\xE2\x98", at)) != std::string::npos; at += 3) marks += line[at + 2] == '\x92' ? 'x' : 'o';
        boxes[row] = marks;
      }
  EXPECT_EQ(boxes["Les familles"], "xooo");
  EXPECT_EQ(boxes["Les enfants"], "ooox");
  EXPECT_EQ(boxes["Sur proposition des enseignants"], "oxoo");
  EXPECT_EQ(boxes["Temps de convivialité"], "oo");
  EXPECT_NE(text.out.find("Toujours ou"), std::string::npos);  // the head, on two lines in its column
  EXPECT_NE(text.out.find("Assez souvent"), std::string::npos);
}

// pdf.js: one radio group per row, its on-values the steps, its tooltips
// « statement — step »; what it types comes back through import-pdf.
TEST(Grid, PdfJsTypesIntoTheRadioGroupsAndImportPdfReadsThemBack) {
  ASSERT_TRUE(std::ifstream(testing::source_path("tests/pdfjs/node_modules/pdfjs-dist/package.json")).good())
      << "pdf.js missing: run scripts/setup.sh (npm install in tests/pdfjs)";
  const Fixture f;
  const std::string blank = f.dir + "/blank.pdf", typed = f.dir + "/typed.pdf";
  ASSERT_EQ(f.bilan({"blank", "grille", "--fillable", "-o", blank}).exit_code, 0);
  const auto fields = run({"node", testing::source_path("tests/pdfjs/fields.mjs"), blank});
  ASSERT_EQ(fields.exit_code, 0) << fields.err;
  std::map<std::string, std::vector<std::string>> groups;  // name → on-values, in order
  std::istringstream lines(fields.out);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) cols.push_back(line.substr(start, tab - start));
    cols.push_back(line.substr(start));
    ASSERT_EQ(cols.size(), 7u) << line;
    EXPECT_EQ(cols[1], "radiobutton") << line;
    groups[cols[0]].push_back(cols[4]);
    if (cols[0] == "origine.enseignants" && cols[4] == "parfois") {
      EXPECT_EQ(cols[6], "Sur proposition des enseignants — Parfois");
    }
  }
  EXPECT_EQ(groups, (std::map<std::string, std::vector<std::string>>{
                        {"origine.familles", {"toujours", "souvent", "parfois", "jamais"}},
                        {"origine.enfants", {"toujours", "souvent", "parfois", "jamais"}},
                        {"origine.enseignants", {"toujours", "souvent", "parfois", "jamais"}},
                        {"parents.temps", {"oui", "non"}}}));
  testing::write_text(f.dir + "/values.json", R"({"origine.familles": "parfois", "origine.enseignants": "jamais", "parents.temps": "oui"})");
  const auto filled = run({"node", testing::source_path("tests/pdfjs/fill.mjs"), blank, typed, f.dir + "/values.json"});
  ASSERT_EQ(filled.exit_code, 0) << filled.err;
  const auto imported = f.bilan({"import-pdf", typed, "--partial"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<bilan form=\"grille\">\n"
            "  <answer field=\"origine.familles\">parfois</answer>\n"
            "  <answer field=\"origine.enseignants\">jamais</answer>\n"
            "  <answer field=\"parents.temps\">oui</answer>\n"
            "</bilan>\n");
}

TEST(Grid, CsvColumnsByIdOrByStatementStepsByTheirWords) {
  const Fixture f;
  const std::string csv = f.dir + "/actions.csv", db = f.dir + "/b.db";
  testing::write_text(csv,
                      "form;action;origine.familles;Les enfants;Sur proposition des enseignants;parents.temps\n"
                      "grille;A1;toujours;Assez souvent;jamais;Oui\n");
  const auto imported = f.bilan({"store", "import", csv, "--db", db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto shown = f.bilan({"store", "show", "A1", "--db", db});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("<answer field=\"origine.familles\">toujours</answer>"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("<answer field=\"origine.enfants\">souvent</answer>"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("<answer field=\"origine.enseignants\">jamais</answer>"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("<answer field=\"parents.temps\">oui</answer>"), std::string::npos) << shown.out;
}

TEST(Grid, ArchiveDiffSaysTheStepsInWords) {
  const Fixture f;
  const std::string db = f.dir + "/b.db";
  const std::string rows = "  <answer field=\"origine.enfants\">jamais</answer>\n  <answer field=\"origine.enseignants\">souvent</answer>\n";
  const std::string v1 = f.answers("v1.xml", "  <answer field=\"origine.familles\">toujours</answer>\n" + rows, "A1");
  const std::string v2 = f.answers("v2.xml", "  <answer field=\"origine.familles\">parfois</answer>\n" + rows, "A1");
  setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
  ASSERT_EQ(f.bilan({"archive", "submit", v1, "--db", db}).exit_code, 0);
  ASSERT_EQ(f.bilan({"archive", "submit", v2, "--db", db}).exit_code, 0);
  const auto diff = f.bilan({"archive", "diff", "A1@1", "A1@2", "--db", db});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_NE(diff.out.find("Qui est à l’origine de la demande d’inscription des enfants ou des jeunes au Clas — Les familles "
                          "(origine.familles) : « Toujours ou presque » → « Parfois »"),
            std::string::npos)
      << diff.out;
}

}  // namespace
}  // namespace bilan

// Blank forms per department through the `bilan` program.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using testing::bilan_binary;
using testing::run;

std::string first_page_text(const std::string& pdf) {
  return run({"pdftotext", "-enc", "UTF-8", "-l", "1", pdf, "-"}).out;
}

TEST(Departments, EveryDepartmentGetsItsBlankForm) {
  const std::string dir = testing::temp_dir() + "/vierges";
  const auto r = run({bilan_binary(), "blank", "clas-2024-2025", "--all-departments", "--out", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Not a terminal: one line per file, no progress line.
  EXPECT_TRUE(r.err.starts_with("[1/101] " + dir + "/01.pdf\n")) << r.err.substr(0, 200);
  EXPECT_TRUE(r.err.ends_with("[101/101] " + dir + "/976.pdf\n101 formulaires écrits dans " + dir + "\n"));
  EXPECT_EQ(r.err.find('\r'), std::string::npos);
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path().filename().string());
  EXPECT_EQ(files.size(), 101u);
  // Names and articles, as people write them.
  const std::pair<const char*, const char*> expected[] = {
      {"01", "Caf de l’Ain · département 01"},        {"2A", "Caf de la Corse-du-Sud · département 2A"},
      {"2B", "Caf de la Haute-Corse · département 2B"}, {"32", "Caf du Gers · département 32"},
      {"40", "Caf des Landes · département 40"},      {"73", "Caf de la Savoie · département 73"},
      {"75", "Caf de Paris · département 75"},        {"90", "Caf du Territoire de Belfort · département 90"},
      {"95", "Caf du Val-d’Oise · département 95"},   {"971", "Caf de la Guadeloupe · département 971"},
      {"974", "Caf de La Réunion · département 974"},
      // Each organisme as it names itself.
      {"28", "Caf d’Eure-et-Loir · département 28"},  {"37", "Caf Touraine · département 37"},
      {"64", "Caf du Béarn et de la Soule ou Caf du Pays basque et du Seignanx · département 64"},
      {"976", "Caisse de sécurité sociale de Mayotte (CSSM) · département 976"},
  };
  for (const auto& [code, header] : expected) {
    const std::string pdf = dir + "/" + code + ".pdf";
    ASSERT_TRUE(fs::exists(pdf)) << pdf;
    EXPECT_NE(first_page_text(pdf).find(header), std::string::npos) << code;
  }
  // Only Lot-et-Garonne has its network part.
  const auto text47 = run({"pdftotext", "-enc", "UTF-8", dir + "/47.pdf", "-"}).out;
  EXPECT_NE(text47.find("RÉSEAU CLAS DÉPARTEMENTAL DU LOT-ET-GARONNE"), std::string::npos);
  const auto text32 = run({"pdftotext", "-enc", "UTF-8", dir + "/32.pdf", "-"}).out;
  EXPECT_EQ(text32.find("LOT-ET-GARONNE"), std::string::npos);
  // TNE only where the registry says so (47): neither its part nor the header's question elsewhere.
  EXPECT_NE(text47.find("(Financement TNE)"), std::string::npos);
  EXPECT_NE(text47.find("Bonus parentalité numérique (TNE)"), std::string::npos);
  EXPECT_EQ(text32.find("TNE"), std::string::npos) << text32;
}

TEST(Departments, VariantsBelongToTheirDepartments) {
  const std::string dir = testing::temp_dir();
  const auto only47 = run({bilan_binary(), "blank", "clas-lot-et-garonne-2021-2022", "--all-departments", "--out", dir + "/lg"});
  ASSERT_EQ(only47.exit_code, 0) << only47.err;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir + "/lg")) files.push_back(e.path().filename().string());
  EXPECT_EQ(files, std::vector<std::string>{"47.pdf"});

  // Used by 47 only: printed for 47 even when no department is given.
  ASSERT_EQ(run({bilan_binary(), "blank", "clas-lot-et-garonne-2021-2022", "-o", dir + "/lg.pdf"}).exit_code, 0);
  const auto lg = run({"pdftotext", "-enc", "UTF-8", dir + "/lg.pdf", "-"}).out;
  EXPECT_NE(lg.find("Caf du Lot-et-Garonne · département 47"), std::string::npos);
  EXPECT_NE(lg.find("RÉSEAU CLAS DÉPARTEMENTAL DU LOT-ET-GARONNE"), std::string::npos);
  fs::remove(dir + "/lg.pdf");

  const auto gers = run({bilan_binary(), "blank", "clas-lot-et-garonne-2021-2022", "--department", "32", "-o", dir + "/x.pdf"});
  EXPECT_EQ(gers.exit_code, 1);
  EXPECT_EQ(gers.err,
            "bilan: erreur: le département 32 (Gers) n’utilise pas le formulaire « clas-lot-et-garonne-2021-2022 » ; "
            "ses formulaires : clas-2024-2025, tne-parentalite-numerique\n");
  const auto unknown = run({bilan_binary(), "blank", "clas-2024-2025", "--department", "20", "-o", dir + "/x.pdf"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "bilan: erreur: département « 20 » inconnu (codes : 01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976)\n");
  EXPECT_FALSE(fs::exists(dir + "/x.pdf"));
  const auto usage = run({bilan_binary(), "blank", "clas-2024-2025", "--all-departments"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_NE(usage.err.find("indiquez le dossier avec --out DIR"), std::string::npos);
}

TEST(Departments, ListShowsDepartments) {
  const auto r = run({bilan_binary(), "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("clas-lot-et-garonne-2021-2022"), std::string::npos);
  EXPECT_NE(r.out.find("Départements (101) :"), std::string::npos);
  EXPECT_NE(r.out.find("  2B    Caf de la Haute-Corse\n"), std::string::npos);
  EXPECT_NE(r.out.find("  37    Caf Touraine\n"), std::string::npos);
  EXPECT_NE(r.out.find("  64    Caf du Béarn et de la Soule ou Caf du Pays basque et du Seignanx\n"),
            std::string::npos);
  EXPECT_NE(r.out.find("  976   Caisse de sécurité sociale de Mayotte (CSSM)\n"), std::string::npos);
  EXPECT_NE(r.out.find("  47    Caf du Lot-et-Garonne  (clas-lot-et-garonne-2021-2022, partie TNE, partie propre « reseau »)\n"),
            std::string::npos);
}

TEST(Departments, AnswersForAnotherDepartmentsPartAreRefused) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/r.xml";
  testing::write_text(answers,
                      "<bilan form=\"clas-2024-2025\" department=\"32\">\n"
                      "  <answer field=\"structure\">A</answer><answer field=\"referent\">B</answer>"
                      "<answer field=\"intitule\">C</answer><answer field=\"objectifs_atteints\">D</answer>"
                      "<answer field=\"bilan_global\">E</answer>\n"
                      "  <answer field=\"reseau_formations\">Très utiles</answer>\n"
                      "</bilan>\n");
  const auto r = run({bilan_binary(), "check", answers});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, answers + ":3:3: erreur: le champ « reseau_formations » n’existe que sur les formulaires du département 47, pas du 32\n");
}

}  // namespace
}  // namespace bilan

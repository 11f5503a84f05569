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
  // Lot-et-Garonne's network part is its 2021/22 form's, not the 2024/25 model's.
  const auto text47 = run({"pdftotext", "-enc", "UTF-8", dir + "/47.pdf", "-"}).out;
  EXPECT_EQ(text47.find("RÉSEAU CLAS DÉPARTEMENTAL"), std::string::npos);
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
  EXPECT_NE(r.out.find("  47    Caf du Lot-et-Garonne  (clas-lot-et-garonne-2021-2022, partie TNE, partie propre « reseau » dans clas-lot-et-garonne-2021-2022)\n"),
            std::string::npos);
}

// `bilan check` of one answer to « reseau_formations » in FORM for DEPARTMENT,
// written as `answers`.
testing::CommandResult check_reseau_answer(const std::string& answers, const std::string& form, const std::string& department) {
  testing::write_text(answers, "<bilan form=\"" + form + "\" department=\"" + department + "\">\n"
                               "  <answer field=\"reseau_formations\">Très utiles</answer>\n"
                               "</bilan>\n");
  return run({bilan_binary(), "check", answers});
}

TEST(Departments, AnswersForAnotherDepartmentsPartAreRefused) {
  const std::string answers = testing::temp_dir() + "/r.xml";
  const auto r = check_reseau_answer(answers, "clas-lot-et-garonne-2021-2022", "32");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(answers + ":2:3: erreur: le champ « reseau_formations » n’existe que sur les formulaires du département 47, pas du 32\n"),
            std::string::npos) << r.err;
}

// Lot-et-Garonne's « Réseau » part belongs to its 2021/22 bilan (forms= on its
// <block>): the 2024/25 model has no such part, even for department 47.
TEST(Departments, ReseauPartIsOnlyInTheLotEtGaronneForm) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/r.xml";
  const auto r = check_reseau_answer(answers, "clas-2024-2025", "47");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(answers + ":2:3: erreur: champ inconnu « reseau_formations » : c’est un champ du formulaire "
                                  "« clas-lot-et-garonne-2021-2022 », pas de « clas-2024-2025 » (vérifiez l’attribut form de <bilan>)\n"),
            std::string::npos) << r.err;
  const std::string pdf = dir + "/b.pdf";
  ASSERT_EQ(run({bilan_binary(), "blank", "clas-2024-2025", "--department", "47", "-o", pdf}).exit_code, 0);
  EXPECT_EQ(run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out.find("RÉSEAU CLAS DÉPARTEMENTAL"), std::string::npos);
  const std::string lot = dir + "/l.pdf";
  ASSERT_EQ(run({bilan_binary(), "blank", "clas-lot-et-garonne-2021-2022", "-o", lot}).exit_code, 0);
  EXPECT_NE(run({"pdftotext", "-enc", "UTF-8", lot, "-"}).out.find("RÉSEAU CLAS DÉPARTEMENTAL DU LOT-ET-GARONNE"), std::string::npos);
}

// After « Bonification de l’axe parent », « si NON allez à … » names the part that
// really comes next: the TNE part where it is printed (the model's blank, 47), else
// « Actions de concertation » (a deliberate fix of the model, noted in the layout).
TEST(Departments, BonusParentInstructionPointsToThePartThatComesNext) {
  const std::string dir = testing::temp_dir();
  const std::string tne = "Bonus parentalité numérique (TNE)";
  const std::string concertation = "Actions de concertation";
  for (const auto& [department, next] : std::vector<std::pair<std::string, std::string>>{
           {"", tne}, {"47", tne}, {"32", concertation}}) {
    const std::string pdf = dir + "/b" + department + ".pdf";
    std::vector<std::string> args{bilan_binary(), "blank", "clas-2024-2025", "-o", pdf};
    if (!department.empty()) args.insert(args.end(), {"--department", department});
    ASSERT_EQ(run(args).exit_code, 0);
    const std::string text = run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out;
    // The first instruction after the parent bonus question, wherever
    // pdftotext puts the page break between them.
    const std::size_t question = text.find("votre projet Bonus Parent :");
    ASSERT_NE(question, std::string::npos) << department << "\n" << text;
    const std::string lead = "Si OUI, complétez la partie ci-dessous, si NON allez à partie « ";
    const std::size_t instruction = text.find(lead, question);
    ASSERT_NE(instruction, std::string::npos) << department << "\n" << text;
    const std::size_t from = instruction + lead.size();
    EXPECT_EQ(text.substr(from, text.find(" »", from) - from), next) << department;
  }
}

// « À RETOURNER POUR LE …… » of the 2021/22 Lot-et-Garonne bilan is the registry's
// return date when it has one, on a filled bilan too, department given or implied.
TEST(Departments, LotEtGaronneReturnDateIsPrintedWhenTheRegistryHasOne) {
  const std::string dir = testing::temp_dir();
  fs::copy(testing::source_dir() + "/layouts", dir + "/layouts", fs::copy_options::recursive);
  std::string registry = testing::read_text(dir + "/layouts/departments.xml");
  const std::string code47 = "<department code=\"47\" name=\"Lot-et-Garonne\" article=\"le\"";
  ASSERT_NE(registry.find(code47), std::string::npos);
  registry.replace(registry.find(code47), code47.size(), code47 + " return-date=\"2022-07-08\"");
  testing::write_text(dir + "/layouts/departments.xml", registry);
  std::string answers = testing::read_text(testing::source_dir() + "/samples/clas-lot-et-garonne-2021-2022-association-agen.xml");
  const std::string with_department = dir + "/agen.xml";
  testing::write_text(with_department, answers);
  answers.erase(answers.find(" department=\"47\""), std::string(" department=\"47\"").size());
  const std::string implied = dir + "/agen-implicite.xml";
  testing::write_text(implied, answers);
  for (const std::string& in : {with_department, implied}) {
    const std::string pdf = in + ".pdf";
    const auto r = run({bilan_binary(), "fill", in, "--layouts", dir + "/layouts", "-o", pdf});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(first_page_text(pdf).find("À RETOURNER POUR LE 8 juillet 2022"), std::string::npos) << in;
  }
  // The shipped registry has no date for 47: the seed's dots stay, to be written by hand.
  const std::string plain = dir + "/plain.pdf";
  ASSERT_EQ(run({bilan_binary(), "fill", testing::source_dir() + "/samples/clas-lot-et-garonne-2021-2022-association-agen.xml",
                 "-o", plain}).exit_code, 0);
  EXPECT_EQ(first_page_text(plain).find("À RETOURNER POUR LE 8"), std::string::npos);
}

}  // namespace
}  // namespace bilan

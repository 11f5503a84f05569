// The national questionnaire (layouts/questionnaire-clas-2023-2024.xml): its blank PDF
// carries every label of the seed's questionnaire pages, and the checks of its
// identifiers (SIRET, SIREN, code postal, code Insee) give located, exact messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

using testing::bilan_binary;
using testing::run;

// Folds text as the reviewers' seed_labels.py does: accents off (the letters of
// French and Latin-1), ’ → ', œ → oe, lower case, anything but [a-z0-9'] a space,
// spaces collapsed.
std::string fold_label(std::string_view text) {
  // Base letters of U+00C0…U+00FF as NFKD gives them; Æ, Ð, ×, Ø, Þ, ß… have none.
  static constexpr std::string_view kLatin1 = "aaaaaa ceeeeiiii nooooo  uuuuy  aaaaaa ceeeeiiii nooooo  uuuuy y";
  std::string out;
  const auto put = [&out](char c) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) return;
    out += c;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = utf8::next(text, i);
    if ((cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9') || cp == U'\'') {
      put(static_cast<char>(cp));
    } else if (cp >= U'A' && cp <= U'Z') {
      put(static_cast<char>(cp - U'A' + U'a'));
    } else if (cp == U'’') {
      put('\'');
    } else if (cp == U'œ' || cp == U'Œ') {
      put('o');
      put('e');
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      put(kLatin1[cp - 0xC0]);
    } else {
      put(' ');
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The labels of a seed text, as seed_labels.py finds them: each tab-separated
// cell of a line, without the Word marks (*, …, ..., →), folded; shorter than 6
// characters (« Oui », « Voie », an empty cell) is no label; repeats once.
std::vector<std::string> seed_labels(const std::string& seed) {
  std::vector<std::string> out;
  std::istringstream lines(seed);
  std::string line;
  while (std::getline(lines, line)) {
    std::size_t start = 0;
    while (start <= line.size()) {
      const std::size_t tab = std::min(line.find('\t', start), line.size());
      std::string cell = line.substr(start, tab - start);
      for (const std::string_view mark : {"*", "…", "...", "→"})
        for (std::size_t at = cell.find(mark); at != std::string::npos; at = cell.find(mark)) cell.replace(at, mark.size(), " ");
      const std::string label = fold_label(cell);
      if (label.size() >= 6 && std::find(out.begin(), out.end(), label) == out.end()) out.push_back(label);
      start = tab + 1;
    }
  }
  return out;
}

// Whether `label` is a run of whole words of `text` (both folded).
bool has_words(const std::string& text, const std::string& label) {
  const std::string padded = " " + text + " ";
  return padded.find(" " + label + " ") != std::string::npos;
}

TEST(Questionnaire, BlankCarriesEveryLabelOfTheSeed) {
  // tests/e2e/expected/questionnaire-clas-2023-2024.seed.txt: lines 310-466 of
  // ../shared/seeds/webinaire-clas-savoie-2024.txt (the pages « Présentation du
  // questionnaire SPHINX »), without the slide titles and the radio buttons' HTML.
  const auto labels = seed_labels(testing::read_text(testing::source_path("tests/e2e/expected/questionnaire-clas-2023-2024.seed.txt")));
  ASSERT_EQ(labels.size(), 79u);
  // The seed's typo the layout fixes (its header comment says so): the corrected label counts.
  const std::vector<std::pair<std::string, std::string>> fixed = {
      {"les animateurs ont ils beneficies d'une", "les animateurs ont ils beneficie d'une"}};
  const std::string dir = testing::temp_dir();
  for (const char* fillable : {"", "--fillable"}) {
    const std::string pdf = dir + "/questionnaire" + fillable + ".pdf";
    std::vector<std::string> argv = {bilan_binary(), "blank", "questionnaire-clas-2023-2024", "-o", pdf};
    if (*fillable) argv.push_back(fillable);
    const auto r = run(argv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // -raw keeps a wrapped cell's words together, -layout a line's.
    const std::string raw = fold_label(run({"pdftotext", "-enc", "UTF-8", "-raw", pdf, "-"}).out);
    const std::string layout = fold_label(run({"pdftotext", "-enc", "UTF-8", "-layout", pdf, "-"}).out);
    std::size_t found = 0;
    for (std::string label : labels) {
      for (const auto& [seed, form] : fixed)
        if (const auto at = label.find(seed); at != std::string::npos) label.replace(at, seed.size(), form);
      if (has_words(raw, label) || has_words(layout, label)) ++found;
      else ADD_FAILURE() << "absent du questionnaire " << fillable << " : " << label;
    }
    EXPECT_EQ(found, labels.size()) << fillable;
  }
}

TEST(Questionnaire, FoldingIsSeedLabels) {
  EXPECT_EQ(fold_label("Si 'Autre' précisez :"), "si 'autre' precisez");
  EXPECT_EQ(fold_label("L’ACTION CLAS — Maîtrise, exiguïté… œuvre"), "l'action clas maitrise exiguite oeuvre");
  EXPECT_EQ(seed_labels("\tOui\tNon\nDes jeux éducatifs\t<x>\n\nDes jeux éducatifs\n"),
            (std::vector<std::string>{"des jeux educatifs"}));
  EXPECT_TRUE(has_words("a bonus enfant b", "bonus enfant"));
  EXPECT_FALSE(has_words("a bonus enfants b", "bonus enfant"));
}

// An answer file of the questionnaire for department 73 with the given answers.
std::string questionnaire_answers(const std::string& dir, const std::string& name, const std::string& answers,
                                  const std::string& department = "73") {
  const std::string path = dir + "/" + name;
  testing::write_text(path, "<bilan form=\"questionnaire-clas-2023-2024\"" +
                                (department.empty() ? std::string() : " department=\"" + department + "\"") + ">\n" +
                                "<answer field=\"bilan_qualitatif\">Bilan.</answer>\n" + answers + "</bilan>\n");
  return path;
}

TEST(Questionnaire, SampleChecksClean) {
  const auto r = run({bilan_binary(), "check", testing::source_path("samples/questionnaire-clas-2023-2024-savoie.xml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST(Questionnaire, IdentifiersAreCheckedWhereTheyAreWritten) {
  const std::string dir = testing::temp_dir();
  const std::string f = questionnaire_answers(dir, "ids.xml",
                                              "<answer field=\"siret\">732 829 320 00075</answer>\n"
                                              "<answer field=\"siren\">732 829 32</answer>\n"
                                              "<answer field=\"code_postal\">7300</answer>\n"
                                              "<answer field=\"code_insee\">20004</answer>\n");
  const auto r = run({bilan_binary(), "check", f});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            f + ":3:23: erreur: champ « siret » : clé de contrôle du SIRET fausse (formule de Luhn) : un chiffre est sans doute mal recopié, reçu « 732 829 320 00075 »\n" +
            f + ":4:23: erreur: champ « siren » : numéro SIREN attendu : 9 chiffres (732 829 320), 8 donnés, reçu « 732 829 32 »\n" +
            f + ":5:29: erreur: champ « code_postal » : code postal attendu : 5 chiffres (73000), 4 donnés, reçu « 7300 »\n" +
            f + ":6:28: erreur: champ « code_insee » : code Insee de Corse attendu avec 2A ou 2B (2A004), pas 20 : c’est le code postal qui commence par 20, reçu « 20004 »\n");
}

TEST(Questionnaire, CrossRulesAreWarningsNamingTheirRule) {
  const std::string dir = testing::temp_dir();
  // A SIRET of another SIREN; Annecy's code postal and Chambéry's code Insee, for Savoie.
  const std::string f = questionnaire_answers(dir, "croise.xml",
                                              "<answer field=\"siret\">732 829 320 00074</answer>\n"
                                              "<answer field=\"siren\">552 049 447</answer>\n"
                                              "<answer field=\"code_postal\">74000</answer>\n"
                                              "<answer field=\"code_insee\">73065</answer>\n");
  const auto r = run({bilan_binary(), "check", f});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            f + ":3:23: avertissement: le numéro SIRET 73282932000074 ne commence pas par le numéro SIREN 552049447 "
                "(règle : « Le SIRET d’un établissement est le SIREN de la structure (9 chiffres) suivi de 5 chiffres »)\n" +
            f + ":5:29: avertissement: le code postal 74000 n’est pas un code postal de la Savoie ; certaines communes ont celui "
                "d’un département voisin : vérifiez-le (règle : « Un code postal commence par le numéro du département (20 en Corse, 971 à 976 outre-mer) »)\n" +
            f + ":6:28: avertissement: le code Insee 73065 et le code postal 74000 ne sont pas du même département : le code Insee n’est pas "
                "le code postal (règle : « Un code postal commence par le numéro du département (20 en Corse, 971 à 976 outre-mer) »)\n");
  EXPECT_EQ(run({bilan_binary(), "check", "--strict", f}).exit_code, 1);
  const auto json = run({bilan_binary(), "check", "--format", "json", f});
  EXPECT_NE(json.out.find("\"line\": 3, \"column\": 23, \"severity\": \"warning\", \"code\": \"rule:siret_siren\""), std::string::npos) << json.out;
}

TEST(Questionnaire, DepartmentRulesFollowTheAnswerFile) {
  const std::string dir = testing::temp_dir();
  const std::string ids = "<answer field=\"code_postal\">20000</answer>\n<answer field=\"code_insee\">2A004</answer>\n";
  // Ajaccio in Corse-du-Sud: its code postal starts with 20, its code Insee with 2A.
  const auto corse = run({bilan_binary(), "check", questionnaire_answers(dir, "2a.xml", ids, "2A")});
  EXPECT_EQ(corse.exit_code, 0);
  EXPECT_EQ(corse.err, "");
  // In Haute-Corse the code postal may be right (20), the code Insee is not.
  const std::string hc = questionnaire_answers(dir, "2b.xml", ids, "2B");
  EXPECT_EQ(run({bilan_binary(), "check", hc}).err,
            hc + ":4:28: avertissement: le code Insee 2A004 n’est pas celui d’une commune de la Haute-Corse (règle : « Le code Insee "
                 "d’une commune commence par le code de son département (2A, 2B en Corse, 971 à 976 outre-mer) »)\n");
  // Overseas: three digits. Saint-Denis de La Réunion.
  const std::string re = "<answer field=\"code_postal\">97400</answer>\n<answer field=\"code_insee\">97411</answer>\n";
  EXPECT_EQ(run({bilan_binary(), "check", questionnaire_answers(dir, "974.xml", re, "974")}).err, "");
  const std::string gp = questionnaire_answers(dir, "971.xml", re, "971");
  const auto guadeloupe = run({bilan_binary(), "check", gp});
  EXPECT_NE(guadeloupe.err.find(gp + ":3:29: avertissement: le code postal 97400 n’est pas un code postal de la Guadeloupe"), std::string::npos)
      << guadeloupe.err;
  // National: a department whose forms departments.xml lists without it prints it too.
  const auto gers = run({bilan_binary(), "blank", "questionnaire-clas-2023-2024", "--department", "32", "-o", dir + "/32.pdf"});
  EXPECT_EQ(gers.exit_code, 0) << gers.err;
  EXPECT_NE(run({"pdftotext", "-enc", "UTF-8", "-l", "1", dir + "/32.pdf", "-"}).out.find("Caf du Gers"), std::string::npos);
  // No department: the rules that need it say nothing.
  EXPECT_EQ(run({bilan_binary(), "check", questionnaire_answers(dir, "sans.xml", ids, "")}).err, "");
}

}  // namespace
}  // namespace bilan

// CSV rows as answers: ids or labels as headers, exact messages located at
// the cell with its header, all or nothing per file.
#include "engine/csv_import.hpp"

#include <gtest/gtest.h>

#include "core/environment.hpp"
#include "load/answers_loader.hpp"
#include "load/answers_writer.hpp"
#include "support/test_support.hpp"

namespace bilan::engine {
namespace {

// The answer file the store keeps for a row.
std::string xml(const CsvAnswers& row) { return load::write_answers(row.answers, load::AnswerLayout::OnePerLine); }

std::vector<std::string> texts(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const auto& d : sink.sorted()) out.push_back(d.to_string());
  return out;
}

TEST(CsvImport, LabelsMatchWithoutAccentsOrCaseAndIdsName) {
  DiagnosticSink sink;
  const auto rows = csv_to_answers(*testing::source_forms().catalog, "f.csv",
                                   "action;departement;FORMULAIRE;STRUCTURE PORTEUSE;nombre d'enfants elementaire;"
                                   "Nombre moyen d’enfants par accompagnateurs;bonus_enfants;tne_ateliers.autres.label;"
                                   "tne_ateliers.autres.seances\n"
                                   "A-1;47;clas-2024-2025;Centre « X » & Cie;12;2,5;Oui;Jeux;3\n",
                                   sink);
  ASSERT_TRUE(rows) << texts(sink)[0];
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(xml((*rows)[0]),
            "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"A-1\">\n"
            "  <answer field=\"structure\">Centre « X » &amp; Cie</answer>\n"
            "  <answer field=\"enfants_elementaire\">12</answer>\n"
            "  <answer field=\"enfants_par_accompagnateur\">2,5</answer>\n"
            "  <answer field=\"bonus_enfants\">oui</answer>\n"
            "  <table field=\"tne_ateliers\">\n"
            "    <row id=\"autres\" label=\"Jeux\">\n"
            "      <cell column=\"seances\">3</cell>\n"
            "    </row>\n"
            "  </table>\n"
            "</bilan>\n");
  EXPECT_TRUE(sink.empty());
}

TEST(CsvImport, RepeatedLabelsAreTheQuestionsInTheFormsOrder) {
  DiagnosticSink sink;
  const auto rows = csv_to_answers(*testing::source_forms().catalog, "f.csv",
                                   "action;form;Référent de l’action :;Référent de l’action :\nA-1;clas-2024-2025;Mme A;M. B\n", sink);
  ASSERT_TRUE(rows);
  EXPECT_NE(xml((*rows)[0]).find("<answer field=\"referent\">Mme A</answer>\n  <answer field=\"tne_referent\">M. B</answer>"),
            std::string::npos)
      << xml((*rows)[0]);
}

TEST(CsvImport, AnUnknownHeaderSaysWhatWasMeant) {
  DiagnosticSink sink;
  EXPECT_FALSE(csv_to_answers(*testing::source_forms().catalog, "f.csv", "action;form;Structure porteuze\nA-1;clas-2024-2025;X\n", sink));
  EXPECT_EQ(texts(sink), (std::vector<std::string>{
                             "f.csv:1:3: erreur: colonne « Structure porteuze » : aucun champ ni question du formulaire "
                             "« clas-2024-2025 » ne porte ce nom (vouliez-vous dire « Structure porteuse : » ?)"}));
  DiagnosticSink keys;
  EXPECT_FALSE(csv_to_answers(*testing::source_forms().catalog, "f.csv", "structure\nX\n", keys));
  EXPECT_EQ(texts(keys), (std::vector<std::string>{
                             "f.csv:1:1: erreur: il manque la colonne « action » (l’identifiant de chaque action)",
                             "f.csv:1:1: erreur: il manque la colonne « form » (l’identifiant du formulaire)"}));
}

TEST(CsvImport, ABrokenCellIsReportedWithItsHeaderAndNothingOfTheFileIsKept) {
  DiagnosticSink sink;
  const auto records = prepare_csv_import(testing::source_forms().renderer, "f.csv",
                                          "action;form;department;structure;Nombre d’enfants lycée\n"
                                          "A-1;clas-2024-2025;47;Centre social;3\n"
                                          "A-2;clas-2024-2025;47;Mairie;trois\n"
                                          "A-2;clas-2024-2025;47;Mairie;3\n",
                                          sink);
  EXPECT_FALSE(records);
  EXPECT_EQ(texts(sink),
            (std::vector<std::string>{
                "f.csv:3:5: erreur: champ « enfants_lycee » : nombre entier attendu, reçu « trois » (colonne « Nombre d’enfants lycée »)",
                "f.csv:4:1: erreur: l’action « A-2 » est déjà à la ligne 3 (colonne « action »)"}));
}

TEST(CsvImport, ValidRowsBecomeStoreRecords) {
  DiagnosticSink sink;
  const auto records = prepare_csv_import(testing::source_forms().renderer, "/d/f.csv",
                                          "action,form,department,structure,action.rural\r\n"
                                          "A-1,clas-2024-2025,47,\"Centre social, Agen\",oui\r\n",
                                          sink);
  ASSERT_TRUE(records) << texts(sink)[0];
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].action.id, "A-1");
  EXPECT_EQ((*records)[0].action.structure, "Centre social, Agen");
  EXPECT_EQ((*records)[0].action.department, "47");
  EXPECT_EQ((*records)[0].action.school_year, "2024-2025");
  EXPECT_EQ((*records)[0].source, "/d/f.csv#2");
  EXPECT_EQ((*records)[0].action.facts, (std::map<std::string, std::string>{{"rural", "oui"}}));
}

// The department is stored as written: a form's sole department (Lot-et-
// Garonne's) is assumed to check it, not written into the store.
TEST(CsvImport, TheDepartmentIsStoredAsWritten) {
  DiagnosticSink sink;
  const auto records = prepare_csv_import(testing::source_forms().renderer, "f.csv",
                                          "action;form;structure\nLG-1;clas-lot-et-garonne-2021-2022;S\n", sink);
  ASSERT_TRUE(records) << texts(sink)[0];
  EXPECT_EQ((*records)[0].action.department, "");
  EXPECT_EQ((*records)[0].action.school_year, "2021-2022");
}

// Issue 18: facts are checked as an answer file's <action> is, each at its cell.
TEST(CsvImport, FactsAreCheckedAsAnAnswerFilesAndLocated) {
  DiagnosticSink sink;
  EXPECT_FALSE(prepare_csv_import(testing::source_forms().renderer, "f.csv",
                                  "action;form;action.rural;action.collectifs_notifies\n"
                                  "A-1;clas-2024-2025;peut-etre;2\n"
                                  "A-2;clas-2024-2025;oui;-5\n"
                                  "A-3;clas-2024-2025;non;1 000\n",
                                  sink));
  EXPECT_EQ(texts(sink),
            (std::vector<std::string>{
                "f.csv:2:3: erreur: rural (l’action se déroule en milieu rural) : oui ou non attendu, reçu « peut-etre » "
                "(colonne « action.rural »)",
                "f.csv:3:4: erreur: collectifs-notifies (nombre de collectifs notifiés par la Caf) : nombre négatif : un "
                "effectif ou un nombre d’heures est positif, reçu « -5 » (colonne « action.collectifs_notifies »)"}));
  DiagnosticSink unknown;
  EXPECT_FALSE(csv_to_answers(*testing::source_forms().catalog, "f.csv", "action;form;action.ruralite;action.collectifs-notifies\nA-1;clas-2024-2025;oui;2\n",
                              unknown));
  EXPECT_EQ(texts(unknown),
            (std::vector<std::string>{
                "f.csv:1:3: erreur: colonne « action.ruralite » : fait « ruralite » inconnu sur l’action (rural, handicap, "
                "collectifs_notifies)",
                "f.csv:1:4: erreur: colonne « action.collectifs-notifies » : fait « collectifs-notifies » inconnu sur l’action "
                "(rural, handicap, collectifs_notifies) (vouliez-vous dire « collectifs_notifies » ?)"}));
  // A batch leaves the bad row out, located; the good one goes on.
  DiagnosticSink batch;
  const auto rows = csv_to_answers(*testing::source_forms().catalog, "f.csv",
                                   "action;form;action.rural\nA-1;clas-2024-2025;peut-etre\nA-2;clas-2024-2025;Oui\n", batch);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].action, "A-2");
  EXPECT_EQ(texts(batch), (std::vector<std::string>{"f.csv:2:3: erreur: rural (l’action se déroule en milieu rural) : oui ou non "
                                                    "attendu, reçu « peut-etre » (colonne « action.rural »)"}));
}

// Issue 18: an action id is the same whatever spaces or Unicode form the cell has.
TEST(CsvImport, ActionIdsAreNormalisedBeforeTheyAreCompared) {
  DiagnosticSink sink;
  const auto rows = csv_to_answers(*testing::source_forms().catalog, "f.csv",
                                   "action;form\n  Caf\xC3\xA9  A ;clas-2024-2025\nCafe\xCC\x81 A;clas-2024-2025\n", sink);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].action, "Caf\xC3\xA9 A");
  EXPECT_EQ(texts(sink), (std::vector<std::string>{"f.csv:3:1: erreur: l’action « Caf\xC3\xA9 A » est déjà à la ligne 2 (colonne « action »)"}));
}

// A row's answers carry their cells: every message about one is at that
// cell, with its header (a table cell, a control character, two columns for
// one answer).
TEST(CsvImport, EachAnswerIsLocatedAtItsCell) {
  DiagnosticSink sink;
  EXPECT_FALSE(prepare_csv_import(testing::source_forms().renderer, "f.csv",
                                  "action;form;department;structure;tne_ateliers.autres.label;tne_ateliers.autres.seances;"
                                  "Structure porteuse :\n"
                                  "A-1;clas-2024-2025;47;S\x01T;Jeux;trois;\n"
                                  "A-2;clas-2024-2025;47;X;;;Y\n",
                                  sink));
  EXPECT_EQ(texts(sink),
            (std::vector<std::string>{
                "f.csv:2:4: avertissement: caractère de contrôle U+0001 supprimé (colonne « structure »)",
                "f.csv:2:6: erreur: tableau « tne_ateliers », ligne « autres », colonne « seances » : nombre entier attendu, "
                "reçu « trois » (colonne « tne_ateliers.autres.seances »)",
                "f.csv:3:7: erreur: réponse au champ « structure » déjà donnée en f.csv:3:4 (colonne « Structure porteuse : »)"}));
}

// What the store keeps of a row, read back as a file, is what the row's
// answers were checked as (load::as_loaded), for every odd cell of the seeds.
TEST(CsvImport, RowsReadTheSameWithoutTheFile) {
  const std::string dir = testing::source_path("tests/fuzz/seeds/csv");
  std::vector<std::string> csvs;
  for (const char* name : {"formulas.csv", "cjk-growth.csv", "same-action.csv", "utf16-lone-surrogate.csv", "utf16le-tabs.csv"})
    csvs.push_back(testing::read_text(dir + "/" + name));
  csvs.push_back("action;form;structure;Coordonnées :;tne_ateliers.autres.label;tne_ateliers.autres.seances\n"
                 "A-1;clas-2024-2025;\"Les \"\"Curieux\"\" <&> 'x'\";\"  indent\r\n    deux  \r\n\";\"deux\nlignes >\";\t3\x01\n"
                 "A-2;clas-2024-2025;Cafe\xCC\x81;\"\n\n\";;\n");
  std::size_t compared = 0;
  for (const auto& csv : csvs) {
    DiagnosticSink sink;
    const auto rows = csv_to_answers(*testing::source_forms().catalog, "f.csv", csv, sink);
    if (!rows) continue;
    for (const auto& row : *rows) {
      DiagnosticSink from_file, direct;
      const auto read = load::parse_answers(testing::source_forms().env, row.source, xml(row), from_file);
      const auto loaded = load::as_loaded(row.answers, testing::source_forms().env.limits(), direct);
      ASSERT_TRUE(read && loaded);
      EXPECT_EQ(from_file.items().size(), direct.items().size()) << xml(row);
      ASSERT_EQ(read->answers.size(), loaded->answers.size());
      for (std::size_t i = 0; i < read->answers.size(); ++i) {
        EXPECT_EQ(read->answers[i].field, loaded->answers[i].field);
        EXPECT_EQ(read->answers[i].text, loaded->answers[i].text) << xml(row);
      }
      ASSERT_EQ(read->tables.size(), loaded->tables.size());
      for (std::size_t t = 0; t < read->tables.size(); ++t) {
        ASSERT_EQ(read->tables[t].rows.size(), loaded->tables[t].rows.size());
        for (std::size_t r = 0; r < read->tables[t].rows.size(); ++r) {
          EXPECT_EQ(read->tables[t].rows[r].label, loaded->tables[t].rows[r].label);
          ASSERT_EQ(read->tables[t].rows[r].cells.size(), loaded->tables[t].rows[r].cells.size());
          for (std::size_t c = 0; c < read->tables[t].rows[r].cells.size(); ++c)
            EXPECT_EQ(read->tables[t].rows[r].cells[c].text, loaded->tables[t].rows[r].cells[c].text);
        }
      }
      EXPECT_EQ(read->action, loaded->action);
      EXPECT_EQ(read->department, loaded->department);
      ++compared;
    }
  }
  EXPECT_GE(compared, 8u);
}

// The fuzz target's hostile seeds (tests/fuzz/seeds/csv): each read, checked
// and refused or kept without a crash; what each gives, exactly.
TEST(CsvImport, HostileSeeds) {
  const std::string dir = testing::source_path("tests/fuzz/seeds/csv");
  const auto first_error = [&](const std::string& name) {
    DiagnosticSink sink;
    const auto records = prepare_csv_import(testing::source_forms().renderer, name, testing::read_text(dir + "/" + name), sink);
    for (const auto& d : sink.sorted())
      if (d.severity == Severity::Error) return d.to_string();
    return records ? "ok:" + std::to_string(records->size()) : std::string("refused without error");
  };
  EXPECT_EQ(first_error("utf16le-tabs.csv"), "ok:1");
  EXPECT_EQ(first_error("utf16be-tabs.csv"), "ok:1");
  // The odd byte, U+FFFD, is a row of its own, after the last line break.
  EXPECT_EQ(first_error("utf16-odd-byte.csv"), "utf16-odd-byte.csv:3:2: erreur: formulaire non indiqué (colonne « form »)");
  EXPECT_EQ(first_error("utf16-bom-only.csv"), "utf16-bom-only.csv: erreur: fichier CSV vide : il faut au moins la ligne d’en-tête");
  EXPECT_EQ(first_error("utf16-no-bom.csv"),
            "utf16-no-bom.csv: erreur: octet nul à l’octet 1 : ce n’est pas du texte, ou de l’UTF-16 sans BOM ; enregistrez le "
            "fichier en UTF-8 (CSV UTF-8) ou en texte Unicode");
  EXPECT_EQ(first_error("bad-facts.csv"),
            "bad-facts.csv:1:5: erreur: colonne « action.inconnu » : fait « inconnu » inconnu sur l’action (rural, handicap, "
            "collectifs_notifies)");
  EXPECT_EQ(first_error("same-action.csv"), "same-action.csv:3:1: erreur: l’action « A&B » est déjà à la ligne 2 (colonne « action »)");
  DiagnosticSink same;
  const auto rows = csv_to_answers(*testing::source_forms().catalog, "same-action.csv", testing::read_text(dir + "/same-action.csv"), same);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 3u);  // A&B, Café (twice: NFD and NFC), A (controls dropped)
  EXPECT_EQ((*rows)[2].action, "A");
  EXPECT_EQ(same.error_count(), 2u);
  for (const char* name : {"utf16-lone-surrogate.csv", "formulas.csv", "cjk-growth.csv"}) {
    DiagnosticSink sink;
    (void)prepare_csv_import(testing::source_forms().renderer, name, testing::read_text(dir + "/" + name), sink);
  }
}

}  // namespace
}  // namespace bilan::engine

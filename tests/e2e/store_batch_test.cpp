// `bilan store` and `bilan batch` as users run them: answers kept and given
// back unchanged, a second import replaces, bad files refused with their
// message, one PDF per action whatever the thread count, a summary table.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <regex>
#include <thread>

#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using testing::bilan_binary;
using testing::run;

std::string sample(const std::string& name) { return testing::source_path("samples/" + name); }

// A copy of the samples that name an action, with their images.
std::string samples_copy() {
  const std::string dir = testing::temp_dir() + "/answers";
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(testing::source_path("samples")))
    if (e.path().extension() == ".xml" && e.path().filename() != "minimal-2024-2025.xml")
      fs::copy_file(e.path(), dir + "/" + e.path().filename().string());
  fs::copy(testing::source_path("samples/images"), dir + "/images");
  return dir;
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

TEST(Store, ImportExportGivesTheAnswerFilesBack) {
  const std::string answers = samples_copy();
  const std::string db = testing::temp_dir() + "/bilan.db";
  const auto imported = run({bilan_binary(), "store", "import", answers, "--db", db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.err.find("7 actions importées dans " + db), std::string::npos) << imported.err;
  const auto list = run({bilan_binary(), "store", "list", "--db", db});
  const auto rows = lines_of(list.out);
  ASSERT_EQ(rows.size(), 7u) << list.out;
  EXPECT_EQ(rows[3], "CLAS-47-2024-018        47   clas-2024-2025                  Centre social Passerelles (association loi 1901)");
  const std::string out = testing::temp_dir() + "/export";
  const auto exported = run({bilan_binary(), "store", "export", "--out", out, "--db", db});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(testing::read_text(out + "/CLAS-47-2024-018.xml"), testing::read_text(sample("association-urbaine-2024-2025.xml")));
  EXPECT_EQ(testing::read_text(out + "/TNE-47-2024-007.xml"), testing::read_text(sample("tne-parentalite-numerique-2024-2025.xml")));
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(out)) files += e.path().extension() == ".xml";
  EXPECT_EQ(files, 7u);
  // Equal in meaning: the exported file checks as the original does.
  fs::copy(answers + "/images", out + "/images");
  EXPECT_EQ(run({bilan_binary(), "check", out + "/CLAS-47-2024-018.xml"}).exit_code, 0);
  const auto show = run({bilan_binary(), "store", "show", "CLAS-47-2024-018", "--db", db});
  EXPECT_TRUE(show.out.starts_with("action       CLAS-47-2024-018\nstructure    Centre social Passerelles")) << show.out;
  // An id typed on the command line is read as action="…" is (trimmed, NFC).
  const auto spaced = run({bilan_binary(), "store", "show", "  CLAS-47-2024-018 ", "--db", db});
  EXPECT_EQ(spaced.out, show.out);
  const auto batch = run({bilan_binary(), "batch", "--out", testing::temp_dir() + "/b", "--action", "CLAS-47-2024-018\t",
                          "--partial", "--db", db});
  EXPECT_EQ(batch.exit_code, 0) << batch.err;
  EXPECT_NE(batch.err.find("[1/1] CLAS-47-2024-018.pdf"), std::string::npos) << batch.err;
  const auto unknown = run({bilan_binary(), "store", "show", "CLAS-47-2024-019", "--db", db});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "bilan: erreur: action inconnue « CLAS-47-2024-019 » (vouliez-vous dire « CLAS-47-2024-018 » ?) dans " + db + "\n");
}

TEST(Store, ASecondImportReplacesAndABadFileIsRefused) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/bilan.db";
  std::string text = testing::read_text(sample("tne-parentalite-numerique-2024-2025.xml"));
  testing::write_text(dir + "/a.xml", text);
  ASSERT_EQ(run({bilan_binary(), "store", "import", dir + "/a.xml", "--db", db}).exit_code, 0);
  const std::string before = "Espace de vie sociale Les Tilleuls";
  ASSERT_NE(text.find(before), std::string::npos);
  text.replace(text.find(before), before.size(), "EVS Les Tilleuls");
  testing::write_text(dir + "/a.xml", text);
  testing::write_text(dir + "/bad.xml", "<bilan form=\"clas-2024-2025\" action=\"X-1\">\n  <answer field=\"enfants_total\">beaucoup</answer>\n</bilan>\n");
  const auto second = run({bilan_binary(), "store", "import", dir + "/a.xml", dir + "/bad.xml", "--db", db});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find(dir + "/bad.xml:2:33: erreur: champ « enfants_total » : nombre entier attendu, reçu « beaucoup »\n"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("1 action importée dans " + db + " ; 1 fichier refusé"), std::string::npos) << second.err;
  const auto list = run({bilan_binary(), "store", "list", "--db", db});
  EXPECT_EQ(list.out, "TNE-47-2024-007         47   tne-parentalite-numerique       EVS Les Tilleuls\n");
  const auto no_action = run({bilan_binary(), "store", "import", sample("minimal-2024-2025.xml"), "--db", db});
  EXPECT_EQ(no_action.exit_code, 1);
  EXPECT_NE(no_action.err.find("réponses sans action : la base range chaque bilan sous son action"), std::string::npos);
}

TEST(Store, DbIsCreatedInTheCurrentFolderByDefault) {
  const std::string dir = testing::temp_dir();
  // Reading creates nothing: a mistyped --db is said, not listed as an empty store.
  auto r = run({"sh", "-c", "cd '" + dir + "' && '" + bilan_binary() + "' store list"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "bilan: erreur: bilan.db : base introuvable (créez-la avec « bilan store import »)\n");
  EXPECT_FALSE(fs::exists(dir + "/bilan.db"));
  r = run({"sh", "-c", "cd '" + dir + "' && '" + bilan_binary() + "' store import '" + sample("tne-parentalite-numerique-2024-2025.xml") + "'"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir + "/bilan.db"));
  r = run({"sh", "-c", "cd '" + dir + "' && '" + bilan_binary() + "' store list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "TNE-47-2024-007         47   tne-parentalite-numerique       Espace de vie sociale Les Tilleuls\n");
}

// 60 actions from the samples (each sample several times), three of them
// broken: the others are written, the summary lists all, and the bytes do not
// depend on --jobs. Thousands are bench/batch.sh's (1,000 then 10,000 files).
TEST(Batch, SixtyActionsWithBrokenOnesAndTheSameBytesOnOneOrFourThreads) {
  const std::string src = samples_copy();
  const std::string dir = testing::temp_dir() + "/many";
  fs::create_directories(dir);
  fs::copy(src + "/images", dir + "/images");
  std::vector<std::string> bases;
  for (const auto& e : fs::directory_iterator(src))
    if (e.path().extension() == ".xml") bases.push_back(testing::read_text(e.path().string()));
  std::sort(bases.begin(), bases.end());
  const std::regex action_attr("action=\"[^\"]*\"");
  for (int i = 0; i < 60; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "ACT-%03d", i);
    std::string text = std::regex_replace(bases[static_cast<std::size_t>(i) % bases.size()], action_attr,
                                          std::string("action=\"") + id + "\"", std::regex_constants::format_first_only);
    if (i == 17 || i == 41 || i == 58) text.replace(text.find("<answer "), 0, "<answer field=\"nulle_part\">x</answer>\n");
    testing::write_text(dir + "/" + id + ".xml", text);
  }
  const std::string one = testing::temp_dir(), four = testing::temp_dir();
  const auto r1 = run({bilan_binary(), "batch", dir, "--out", one, "--jobs", "1"});
  const auto r4 = run({bilan_binary(), "batch", dir, "--out", four, "--jobs", "4"});
  EXPECT_EQ(r1.exit_code, 1);
  EXPECT_EQ(r4.exit_code, 1);
  EXPECT_NE(r1.err.find("57 PDF écrits dans " + one), std::string::npos) << r1.err.substr(r1.err.size() - 300);
  EXPECT_NE(r1.err.find("3 actions en échec"), std::string::npos);
  EXPECT_NE(r1.err.find(dir + "/ACT-017.xml:"), std::string::npos);
  std::size_t pdfs = 0;
  for (const auto& e : fs::directory_iterator(one)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".pdf") continue;
    ++pdfs;
    EXPECT_EQ(testing::read_text(one + "/" + name), testing::read_text(four + "/" + name)) << name;
  }
  EXPECT_EQ(pdfs, 57u);
  EXPECT_FALSE(fs::exists(one + "/ACT-017.pdf"));
  const std::string summary = testing::read_text(one + "/bilan-batch.csv");
  EXPECT_EQ(summary, testing::read_text(four + "/bilan-batch.csv"));
  const auto rows = lines_of(summary);
  ASSERT_EQ(rows.size(), 61u);
  EXPECT_EQ(rows[0], "\xEF\xBB\xBF" "action;fichier;statut;erreurs;avertissements;pages;octets");
  EXPECT_EQ(rows[18], "ACT-017;;échec;1;0;0;0");
  EXPECT_TRUE(std::regex_match(rows[1], std::regex("ACT-000;ACT-000\\.pdf;écrit;0;[0-9]+;[0-9]+;[0-9]+"))) << rows[1];
  // Not a terminal: one line per document, no progress bar.
  EXPECT_NE(r1.err.find("] ACT-000.pdf ("), std::string::npos);
  EXPECT_EQ(r1.err.find("\r"), std::string::npos);
}

TEST(Batch, FromTheStoreFilteredAndPartial) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/bilan.db";
  // A pre-filled bilan: what the Caf knows, nothing else.
  testing::write_text(dir + "/pre.xml",
                      "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"PRE-1\">\n"
                      "  <answer field=\"structure\">Centre social Ferdinand-Buisson</answer>\n</bilan>\n");
  ASSERT_EQ(run({bilan_binary(), "store", "import", dir + "/pre.xml", sample("tne-parentalite-numerique-2024-2025.xml"), "--db", db}).exit_code, 0);
  const std::string out = dir + "/out";
  const auto full = run({bilan_binary(), "batch", "--out", out, "--db", db, "--action", "PRE-1"});
  EXPECT_EQ(full.exit_code, 1);  // a complete bilan demands the required answers
  EXPECT_NE(full.err.find("champ obligatoire sans réponse"), std::string::npos);
  const auto partial = run({bilan_binary(), "batch", "--out", out, "--db", db, "--form", "clas-2024-2025", "--partial"});
  EXPECT_EQ(partial.exit_code, 0) << partial.err;
  EXPECT_EQ(lines_of(testing::read_text(out + "/bilan-batch.csv")).size(), 2u);
  const auto text = run({"pdftotext", "-enc", "UTF-8", out + "/PRE-1.pdf", "-"}).out;
  EXPECT_NE(text.find("Centre social Ferdinand-Buisson"), std::string::npos);
  const auto tne = run({bilan_binary(), "batch", "--out", dir + "/tne", "--db", db, "--department", "47", "--form", "tne-parentalite-numerique"});
  EXPECT_EQ(tne.exit_code, 0) << tne.err;
  EXPECT_TRUE(fs::exists(dir + "/tne/TNE-47-2024-007.pdf"));
  const auto none = run({bilan_binary(), "batch", "--out", out, "--db", db, "--department", "33"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.err, "bilan: erreur: aucune action de " + db + " ne correspond\n");
  // A code that is no department is said so, not « no action matches ».
  const auto unknown = run({bilan_binary(), "batch", "--out", out, "--db", db, "--department", "99"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "bilan: erreur: département « 99 » inconnu (codes : 01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976)\n");
  const auto lower = run({bilan_binary(), "batch", "--out", out, "--db", db, "--department", "2a"});
  EXPECT_EQ(lower.exit_code, 1);
  EXPECT_EQ(lower.err, "bilan: erreur: département « 2a » inconnu (vouliez-vous dire « 2A » ?)\n");
}

TEST(Fill, PartialLeavesUnansweredQuestionsBlank) {
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/pre.xml",
                      "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"PRE-1\">\n"
                      "  <answer field=\"structure\">Centre social Ferdinand-Buisson</answer>\n</bilan>\n");
  const auto full = run({bilan_binary(), "fill", dir + "/pre.xml"});
  EXPECT_EQ(full.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir + "/pre.pdf"));
  const auto partial = run({bilan_binary(), "fill", dir + "/pre.xml", "--partial"});
  EXPECT_EQ(partial.exit_code, 0) << partial.err;
  EXPECT_EQ(partial.err, "");
  const auto filled = run({"pdftotext", "-enc", "UTF-8", dir + "/pre.pdf", "-"}).out;
  ASSERT_EQ(run({bilan_binary(), "blank", "clas-2024-2025", "--department", "47", "-o", dir + "/blank.pdf"}).exit_code, 0);
  const auto blank = run({"pdftotext", "-enc", "UTF-8", dir + "/blank.pdf", "-"}).out;
  EXPECT_NE(filled.find("Centre social Ferdinand-Buisson"), std::string::npos);
  // Every question of the blank form is there, with its blank area.
  EXPECT_NE(filled.find("Référent de l’action"), std::string::npos);
  EXPECT_EQ(blank.find("Centre social Ferdinand-Buisson"), std::string::npos);
}

// 60 actions from one CSV file, three with a broken cell: the others are
// written, each failure is located at its cell, the summary lists all.
TEST(Batch, SixtyActionsFromACsvFile) {
  const std::string dir = testing::temp_dir();
  std::string csv = "action;form;department;Structure porteuse :;Nombre d’enfants élémentaire;Intitulé du projet :\r\n";
  for (int i = 0; i < 60; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "C-%03d", i);
    const bool broken = i == 5 || i == 37 || i == 50;
    csv += std::string(id) + ";clas-2024-2025;47;\"Structure " + id + "; quartier\r\nnord\";" + (broken ? "douze" : std::to_string(i % 30)) +
           ";Projet " + id + "\r\n";
  }
  testing::write_text(dir + "/actions.csv", csv);
  const std::string one = dir + "/one", four = dir + "/four";
  const auto r1 = run({bilan_binary(), "batch", dir + "/actions.csv", "--out", one, "--jobs", "1", "--partial"});
  const auto r4 = run({bilan_binary(), "batch", dir + "/actions.csv", "--out", four, "--jobs", "4", "--partial"});
  EXPECT_EQ(r1.exit_code, 1);
  EXPECT_EQ(r4.exit_code, 1);
  EXPECT_NE(r1.err.find(dir + "/actions.csv:7:5: erreur: champ « enfants_elementaire » : nombre entier attendu, reçu « douze » "
                              "(colonne « Nombre d’enfants élémentaire »)\n"),
            std::string::npos)
      << r1.err.substr(0, 600);
  EXPECT_NE(r1.err.find("57 PDF écrits dans " + one), std::string::npos);
  const auto rows = lines_of(testing::read_text(one + "/bilan-batch.csv"));
  ASSERT_EQ(rows.size(), 61u);
  EXPECT_EQ(rows[6], "C-005;;échec;1;0;0;0");
  EXPECT_EQ(rows[38], "C-037;;échec;1;0;0;0");
  EXPECT_EQ(rows[51], "C-050;;échec;1;0;0;0");
  EXPECT_TRUE(std::regex_match(rows[1], std::regex("C-000;C-000\\.pdf;écrit;0;0;[0-9]+;[0-9]+"))) << rows[1];
  EXPECT_EQ(testing::read_text(one + "/bilan-batch.csv"), testing::read_text(four + "/bilan-batch.csv"));
  for (int i : {0, 42, 59}) {
    char name[16];
    std::snprintf(name, sizeof name, "C-%03d.pdf", i);
    EXPECT_EQ(testing::read_text(one + "/" + name), testing::read_text(four + "/" + name)) << name;
  }
  const auto text = run({"pdftotext", "-enc", "UTF-8", one + "/C-042.pdf", "-"}).out;
  EXPECT_NE(text.find("Structure C-042 ; quartier"), std::string::npos) << text.substr(0, 500);
}

// What a Caf saves from its spreadsheet: Windows-1252, « ; », labels as
// headers, a quoted cell with a line break, a decimal comma, empty cells.
TEST(Store, ASpreadsheetCsvImportsAndRendersPrefilled) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/bilan.db";
  const std::string csv =
      "action;D\xE9partement;Formulaire;STRUCTURE PORTEUSE;R\xE9" "f\xE9rent de l\x92" "action :;Coordonn\xE9" "es :;"
      "Nombre moyen d\x92" "enfants par accompagnateurs\r\n"
      "CLAS-47-001;47;clas-2024-2025;Centre social \xAB Les Tilleuls \xBB;Mme Dupr\xE9;\"3 rue des Lilas\r\n47000 Agen\";2,5\r\n"
      "CLAS-47-002;47;clas-2024-2025;Mairie de N\xE9rac;;;\r\n";
  testing::write_text(dir + "/caf.csv", csv);
  const auto imported = run({bilan_binary(), "store", "import", dir + "/caf.csv", "--db", db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.err, dir + "/caf.csv: avertissement: fichier en Windows-1252 (pas en UTF-8) : converti en UTF-8\n"
                              "2 actions importées dans " + db + "\n");
  const auto show = run({bilan_binary(), "store", "show", "CLAS-47-001", "--db", db});
  EXPECT_NE(show.out.find("<answer field=\"coordonnees\">3 rue des Lilas\n47000 Agen</answer>"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("<answer field=\"enfants_par_accompagnateur\">2,5</answer>"), std::string::npos);
  const auto batch = run({bilan_binary(), "batch", "--db", db, "--out", dir + "/out", "--partial"});
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  const auto text = run({"pdftotext", "-enc", "UTF-8", dir + "/out/CLAS-47-001.pdf", "-"}).out;
  EXPECT_NE(text.find("Centre social « Les Tilleuls »"), std::string::npos);
  EXPECT_NE(text.find("2,5"), std::string::npos);
  // Round trip: exported answers import again to the same store content.
  ASSERT_EQ(run({bilan_binary(), "store", "export", "--out", dir + "/xml", "--db", db}).exit_code, 0);
  const std::string db2 = dir + "/again.db";
  ASSERT_EQ(run({bilan_binary(), "store", "import", dir + "/xml", "--db", db2}).exit_code, 0);
  EXPECT_EQ(run({bilan_binary(), "store", "list", "--db", db2}).out, run({bilan_binary(), "store", "list", "--db", db}).out);
  // A broken cell: reported with its row, column and header; nothing of the file is stored.
  testing::write_text(dir + "/bad.csv", "action;form;Nombre d’enfants lycée\nB-1;clas-2024-2025;3\nB-2;clas-2024-2025;trois\n");
  const auto bad = run({bilan_binary(), "store", "import", dir + "/bad.csv", "--db", db});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find(dir + "/bad.csv:3:3: erreur: "), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("(colonne « Nombre d’enfants lycée »)"), std::string::npos) << bad.err;
  EXPECT_EQ(lines_of(run({bilan_binary(), "store", "list", "--db", db}).out).size(), 2u);
}

// Ctrl-C or SIGTERM: the PDFs finished stay whole, no temporary file is
// left, the summary says what was not done, the exit code says it was
// interrupted (128 + the signal).
void interrupt_batch(int signal) {
  const std::string dir = testing::temp_dir() + "/many";
  fs::create_directories(dir);
  const std::string base = testing::read_text(sample("tne-parentalite-numerique-2024-2025.xml"));
  for (int i = 0; i < 400; ++i) {
    std::string text = base;
    const std::string from = "action=\"TNE-47-2024-007\"";
    text.replace(text.find(from), from.size(), "action=\"T-" + std::to_string(1000 + i) + "\"");
    testing::write_text(dir + "/" + std::to_string(1000 + i) + ".xml", text);
  }
  const std::string out = testing::temp_dir();
  const std::string log = testing::temp_dir() + "/stderr.txt";
  const std::string binary = bilan_binary();
  std::vector<std::string> args{binary, "batch", dir, "--out", out, "--jobs", "2"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  const auto pdf_count = [&] {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(out)) n += e.path().extension() == ".pdf";
    return n;
  };
  for (int i = 0; i < 3000 && pdf_count() < 5; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ::kill(pid, signal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by the signal instead of stopping";
  EXPECT_EQ(WEXITSTATUS(status), 128 + signal);
  const std::size_t written = pdf_count();
  EXPECT_GE(written, 5u);
  EXPECT_LT(written, 400u);
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    EXPECT_FALSE(name.starts_with(".bilan-")) << "temporary file left: " << name;
    if (e.path().extension() == ".pdf") {
      const std::string pdf = testing::read_text(e.path().string());
      EXPECT_TRUE(pdf.starts_with("%PDF-") && pdf.find("%%EOF", pdf.size() - 8) != std::string::npos) << name;
    }
  }
  const auto rows = lines_of(testing::read_text(out + "/bilan-batch.csv"));
  ASSERT_EQ(rows.size(), 401u);
  EXPECT_EQ(static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const std::string& r) {
              return r.find(";écrit;") != std::string::npos;
            })),
            written);
  EXPECT_EQ(rows.back(), "T-1399;;non traité;0;0;0;0");
  EXPECT_NE(testing::read_text(log).find(" non traitées"), std::string::npos);
}

TEST(Batch, InterruptedCleanlyByCtrlC) { interrupt_batch(SIGINT); }

TEST(Batch, StoppedCleanlyBySigterm) { interrupt_batch(SIGTERM); }

TEST(Batch, FileNamesAreSafeAndNeverShared) {
  const std::string dir = testing::temp_dir() + "/odd";
  fs::create_directories(dir);
  const std::string body = "  <answer field=\"structure\">S</answer>\n</bilan>\n";
  for (const auto& [file, id] : std::vector<std::pair<std::string, std::string>>{
           {"a.xml", "../../etc/passwd"}, {"b.xml", "ab"}, {"c.xml", "AB"}, {"d.xml", "ok-1"}, {"e.xml", "ok-1"}})
    testing::write_text(dir + "/" + file, "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"" + id + "\">\n" + body);
  const std::string out = testing::temp_dir();
  const auto r = run({bilan_binary(), "batch", dir, "--out", out, "--partial"});
  ASSERT_EQ(r.exit_code, 1) << r.err;  // ok-1 twice: rendered once, the second fails
  EXPECT_NE(r.err.find(dir + "/e.xml:1:54: erreur: l’action « ok-1 » est aussi celle de " + dir + "/d.xml:1:54 : elle n’est rendue qu’une fois"),
            std::string::npos)
      << r.err;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names.size(), 5u);
  const std::regex hashed("-[0-9a-f]{12}\\.pdf");
  EXPECT_TRUE(names[0].starts_with("AB-") && std::regex_search(names[0], hashed)) << names[0];
  EXPECT_TRUE(names[1].starts_with("_._.._etc_passwd-") && std::regex_search(names[1], hashed)) << names[1];
  EXPECT_TRUE(names[2].starts_with("ab-") && std::regex_search(names[2], hashed)) << names[2];
  EXPECT_EQ(names[3], "bilan-batch.csv");
  EXPECT_EQ(names.back(), "ok-1.pdf");
}

// Issue 18: « A&amp;B » and «   A&#38;B   » are one action: one PDF, the
// second file refused where it names it, with the first's place.
TEST(Batch, ActionIdsAreNormalisedAndADuplicateIsLocated) {
  const std::string dir = testing::temp_dir() + "/same";
  fs::create_directories(dir);
  const std::string body = "  <answer field=\"structure\">S</answer>\n</bilan>\n";
  testing::write_text(dir + "/a.xml", "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"A&amp;B\">\n" + body);
  testing::write_text(dir + "/b.xml", "<bilan form=\"clas-2024-2025\" department=\"47\"\n       action=\"  A&#38;B  \">\n" + body);
  const std::string out = testing::temp_dir();
  const auto r = run({bilan_binary(), "batch", dir, "--out", out, "--partial"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(dir + "/b.xml:2:16: erreur: l’action « A&B » est aussi celle de " + dir +
                       "/a.xml:1:54 : elle n’est rendue qu’une fois\n"),
            std::string::npos)
      << r.err;
  std::size_t pdfs = 0;
  for (const auto& e : fs::directory_iterator(out)) pdfs += e.path().extension() == ".pdf";
  EXPECT_EQ(pdfs, 1u);
  const auto rows = lines_of(testing::read_text(out + "/bilan-batch.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[1].starts_with("A&B;A_B-")) << rows[1];
  EXPECT_EQ(rows[2], "A&B;;échec;1;0;0;0");
  // The store keeps it under the same id, once.
  const std::string db = testing::temp_dir() + "/bilan.db";
  const auto imported = run({bilan_binary(), "store", "import", dir + "/a.xml", dir + "/b.xml", "--db", db});
  EXPECT_EQ(imported.exit_code, 1);
  EXPECT_NE(imported.err.find(dir + "/b.xml: erreur: l’action « A&B » est déjà importée par " + dir + "/a.xml\n"), std::string::npos)
      << imported.err;
  EXPECT_EQ(run({bilan_binary(), "store", "list", "--db", db}).out.substr(0, 4), "A&B ");
}

// Issue 18: Excel's « texte Unicode » (UTF-16 LE with a BOM, tabs, .txt).
TEST(Store, ExcelUnicodeTextImports) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/bilan.db";
  const std::u16string text = u"action\tform\tdepartment\tStructure porteuse :\taction.rural\r\n"
                              u"CLAS-47-001\tclas-2024-2025\t47\tCentre social « Les Tilleuls » à Agen\tOui\r\n";
  std::string bytes("\xFF\xFE", 2);
  for (const char16_t u : text) {
    bytes += static_cast<char>(u & 0xFF);
    bytes += static_cast<char>(u >> 8);
  }
  testing::write_text(dir + "/export.txt", bytes);
  const auto imported = run({bilan_binary(), "store", "import", dir + "/export.txt", "--db", db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.err, "1 action importée dans " + db + "\n");
  EXPECT_EQ(run({bilan_binary(), "store", "list", "--db", db}).out,
            "CLAS-47-001             47   clas-2024-2025                  Centre social « Les Tilleuls » à Agen\n");
}

// Issue 18: a formula as an action id is written after an apostrophe in the
// summary, which starts with a BOM.
TEST(Batch, TheSummaryNeutralisesFormulas) {
  const std::string dir = testing::temp_dir() + "/formulas";
  fs::create_directories(dir);
  const std::string body = "  <answer field=\"structure\">S</answer>\n</bilan>\n";
  testing::write_text(dir + "/a.xml", "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"=cmd|' /C calc'!A0\">\n" + body);
  testing::write_text(dir + "/b.xml", "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"@SUM(1+1)\">\n" + body);
  const std::string out = testing::temp_dir();
  const auto r = run({bilan_binary(), "batch", dir, "--out", out, "--partial"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = lines_of(testing::read_text(out + "/bilan-batch.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], "\xEF\xBB\xBF" "action;fichier;statut;erreurs;avertissements;pages;octets");
  EXPECT_TRUE(rows[1].starts_with("'=cmd|' /C calc'!A0;_cmd__")) << rows[1];
  EXPECT_TRUE(rows[2].starts_with("'@SUM(1+1);_SUM_1_1_-")) << rows[2];
}

}  // namespace
}  // namespace bilan

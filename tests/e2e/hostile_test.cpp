// Hostile input (issue 9): files that are not regular files, outputs that
// would replace an input or a device, form ids that are paths, very many
// answers. Exact messages; a hang is caught by the test timeout, not timed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using testing::bilan_binary;
using testing::run;

const char* kHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

std::string sample(const std::string& name) { return testing::source_path("samples/" + name); }

// A copy of the minimal sample in a fresh folder.
std::string minimal_copy(const std::string& dir) {
  const std::string path = dir + "/bilan.xml";
  testing::write_text(path, testing::read_text(sample("minimal-2024-2025.xml")));
  return path;
}

std::string expected_usage_error(const std::string& message) { return "bilan: erreur: " + message + "\n"; }

TEST(HostileFiles, FifoAsAnswerFileIsRefusedAtOnce) {
  const std::string dir = testing::temp_dir();
  const std::string fifo = dir + "/reponses.xml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::vector<std::string>& args : {std::vector<std::string>{bilan_binary(), "check", fifo},
                                               std::vector<std::string>{bilan_binary(), "fill", fifo, "-o", dir + "/out.pdf"}}) {
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 1) << args[1];
    EXPECT_EQ(r.err, fifo + ": erreur: lecture impossible : ce n’est pas un fichier ordinaire (tube, périphérique ou socket)\n");
  }
  EXPECT_FALSE(fs::exists(dir + "/out.pdf"));
}

TEST(HostileFiles, DevZeroAndAFolderAreRefused) {
  auto r = run({bilan_binary(), "check", "/dev/zero"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "/dev/zero: erreur: lecture impossible : ce n’est pas un fichier ordinaire (tube, périphérique ou socket)\n");
  const std::string dir = testing::temp_dir();
  r = run({bilan_binary(), "check", dir});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, dir + ": erreur: lecture impossible : c’est un dossier, pas un fichier\n");
}

TEST(HostileFiles, DeviceNodeIsNeitherReadNorReplaced) {
  if (::geteuid() != 0) GTEST_SKIP() << "mknod needs root";
  const std::string dir = testing::temp_dir();
  const std::string device = dir + "/null";
  ASSERT_EQ(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);  // like /dev/null
  auto r = run({bilan_binary(), "check", device});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, device + ": erreur: lecture impossible : ce n’est pas un fichier ordinaire (tube, périphérique ou socket)\n");
  r = run({bilan_binary(), "fill", minimal_copy(dir), "-o", device});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, expected_usage_error(device + " : ce n’est pas un fichier ordinaire (périphérique, tube ou socket) : il ne sera pas remplacé"));
  struct stat st {};
  ASSERT_EQ(::lstat(device.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "the node is still a device";
}

TEST(HostileFiles, DevNullAsOutputIsNotReplaced) {
  const std::string dir = testing::temp_dir();
  const auto r = run({bilan_binary(), "fill", minimal_copy(dir), "-o", "/dev/null"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, expected_usage_error("/dev/null : ce n’est pas un fichier ordinaire (périphérique, tube ou socket) : il ne sera pas remplacé"));
  struct stat st {};
  ASSERT_EQ(::lstat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(HostileFiles, HardLinkToTheAnswersIsNotReplaced) {
  const std::string dir = testing::temp_dir();
  const std::string answers = minimal_copy(dir);
  const std::string link = dir + "/lien.pdf";
  ASSERT_EQ(::link(answers.c_str(), link.c_str()), 0);
  const std::string before = testing::read_text(answers);
  const auto r = run({bilan_binary(), "fill", answers, "-o", link});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("écraserait le fichier de réponses"), std::string::npos) << r.err;
  EXPECT_EQ(testing::read_text(answers), before);
}

TEST(HostileFiles, LinksToTheStampImageAreNotReplaced) {
  // The stamp is read by the run: neither its name, a hard link nor a symbolic link to it may be the output.
  const std::string dir = testing::temp_dir();
  fs::copy(testing::source_path("samples/images"), dir + "/images");
  const std::string answers = dir + "/bilan.xml";
  testing::write_text(answers, testing::read_text(sample("association-urbaine-2024-2025.xml")));
  const std::string stamp = dir + "/images/cachet-association.png";
  const std::string before = testing::read_text(stamp);
  ASSERT_EQ(::link(stamp.c_str(), (dir + "/dur.pdf").c_str()), 0);
  ASSERT_EQ(::symlink("images/cachet-association.png", (dir + "/symbolique.pdf").c_str()), 0);
  for (const std::string& out : {stamp, dir + "/dur.pdf", dir + "/symbolique.pdf"}) {
    const auto r = run({bilan_binary(), "fill", answers, "-o", out});
    EXPECT_EQ(r.exit_code, 2) << out;
    // The sample's own warning (its bonus parents project) comes first; then the refusal.
    EXPECT_TRUE(r.err.ends_with(expected_usage_error(out + " : c’est « " + stamp + " », lu par cette commande : il ne sera pas "
                                                     "remplacé ; choisissez un autre nom")))
        << r.err;
    EXPECT_EQ(testing::read_text(stamp), before);
  }
  EXPECT_TRUE(fs::is_symlink(dir + "/symbolique.pdf"));
}

TEST(HostileFiles, BlankDoesNotReplaceItsLayout) {
  const std::string dir = testing::temp_dir();
  const std::string layout = dir + "/formulaire.xml";
  testing::write_text(layout, kHeader + std::string("<form id=\"essai\" title=\"Essai\"><field id=\"x\" label=\"X\"/></form>\n"));
  const std::string before = testing::read_text(layout);
  const auto r = run({bilan_binary(), "blank", layout, "-o", layout});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, expected_usage_error(layout + " : c’est « " + layout + " », lu par cette commande : il ne sera pas "
                                                 "remplacé ; choisissez un autre nom"));
  EXPECT_EQ(testing::read_text(layout), before);
}

TEST(HostileFiles, LongestFileNameWorks) {
  const std::string dir = testing::temp_dir();
  const std::string out = dir + "/" + std::string(246, 'b') + ".pdf";  // 250 bytes
  const auto r = run({bilan_binary(), "fill", minimal_copy(dir), "-o", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_regular_file(out));
}

TEST(HostileFiles, FormIsAnIdNeverAPath) {
  const std::string dir = testing::temp_dir();
  for (const char* form : {"/etc/passwd", "../../layouts/clas-2024-2025", "../../x", "clas-2024-2025.xml"}) {
    const std::string answers = dir + "/bilan.xml";
    testing::write_text(answers, kHeader + std::string("<bilan form=\"") + std::string(form) + "\">\n</bilan>\n");
    const auto r = run({bilan_binary(), "check", answers});
    EXPECT_EQ(r.exit_code, 1) << form;
    EXPECT_TRUE(r.err.starts_with(answers + ":2:14: erreur: formulaire inconnu « " + std::string(form) + " »")) << r.err;
    EXPECT_EQ(r.err.find("ligne"), std::string::npos) << "nothing of the file is revealed: " << r.err;
  }
}

TEST(HostileFiles, HundredThousandAnswersOnOneLine) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/bilan.xml";
  std::string xml = kHeader + std::string("<bilan form=\"clas-2024-2025\">");
  for (int i = 0; i < 100000; ++i) xml += "<answer field=\"inconnu" + std::to_string(i) + "\">x</answer>";
  xml += "</bilan>\n";
  testing::write_text(answers, xml);
  const auto r = run({bilan_binary(), "check", answers});
  EXPECT_EQ(r.exit_code, 1);
  // The 50 001st answer, each 34 characters and its number.
  std::size_t column = 30;
  for (int i = 0; i < 50000; ++i) column += 34 + std::to_string(i).size();
  EXPECT_EQ(r.err, answers + ":2:" + std::to_string(column) +
                       ": erreur: trop de réponses dans le fichier (limite : 50\u202F000 réponses, lignes et cellules)\n");
}

TEST(HostileFiles, FortyThousandUnknownAnswersAreSummarized) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/bilan.xml";
  std::string xml = kHeader + std::string("<bilan form=\"clas-2024-2025\" department=\"47\">");
  for (int i = 0; i < 40000; ++i) xml += "<answer field=\"structur" + std::to_string(i) + "\">x</answer>";
  xml += "</bilan>\n";
  testing::write_text(answers, xml);
  const auto r = run({bilan_binary(), "check", answers});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(": erreur: champ inconnu « structur0 » (vouliez-vous dire « structure » ?)\n"), std::string::npos);
  EXPECT_NE(r.err.find(": erreur: et 39\u202F950 autres noms inconnus (champs, tableaux, lignes ou colonnes)\n"),
            std::string::npos)
      << r.err.substr(0, 2000);
  EXPECT_EQ(r.err.find("structur50 "), std::string::npos);
}

TEST(HostilePaths, IncludeThroughASymbolicLinkLeadingOut) {
  const std::string dir = testing::temp_dir();
  fs::create_directory(dir + "/layouts");
  testing::write_text(dir + "/dehors.xml", kHeader + std::string("<form id=\"d\" title=\"D\"><field id=\"d\" label=\"D\"/></form>\n"));
  ASSERT_EQ(::symlink("../dehors.xml", (dir + "/layouts/lien.xml").c_str()), 0);
  const std::string layout = dir + "/layouts/f.xml";
  testing::write_text(layout, kHeader + std::string("<form id=\"f\" title=\"F\">\n  <include src=\"lien.xml\"/>\n</form>\n"));
  const auto r = run({bilan_binary(), "blank", layout, "-o", dir + "/f.pdf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, layout + ":3:17: erreur: inclusion de « lien.xml » refusée : elle sort des dossiers de layouts "
                            "(« .. » ou lien symbolique)\n");
  EXPECT_FALSE(fs::exists(dir + "/f.pdf"));
}

TEST(HostilePaths, ImageThroughASymbolicLinkLeadingOut) {
  const std::string dir = testing::temp_dir();
  fs::create_directory(dir + "/envoi");
  fs::copy_file(testing::source_path("samples/images/cachet-association.png"), dir + "/cachet.png");
  ASSERT_EQ(::symlink("../cachet.png", (dir + "/envoi/cachet.png").c_str()), 0);
  std::string xml = testing::read_text(sample("minimal-2024-2025.xml"));
  const std::string answers = dir + "/envoi/bilan.xml";
  xml.replace(xml.find("<signature "), 11, "<signature stamp=\"cachet.png\" ");
  testing::write_text(answers, xml);
  auto r = run({bilan_binary(), "check", answers});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(": erreur: image « cachet.png » hors du dossier du fichier de réponses (chemin absolu, « .. » "
                       "ou lien symbolique) ; placez-la à côté du fichier, ou permettez-le avec --images-anywhere\n"),
            std::string::npos)
      << r.err;
  r = run({bilan_binary(), "check", "--images-anywhere", answers});
  EXPECT_EQ(r.err.find("cachet.png"), std::string::npos) << r.err;
}

// The minimal sample with `structure`'s answer (or <bilan>'s action) replaced.
std::string with_long_text(const std::string& dir, const std::string& text, bool action) {
  std::string xml = testing::read_text(sample("minimal-2024-2025.xml"));
  if (action) {
    xml.replace(xml.find("<bilan "), 7, "<bilan action=\"" + text + "\" ");
  } else {
    const std::size_t at = xml.find("<answer field=\"structure\">") + 26;
    xml.replace(at, xml.find('<', at) - at, text);
  }
  const std::string path = dir + "/long.xml";
  testing::write_text(path, xml);
  return path;
}

TEST(HostileText, MegabyteActionAndStructureMakeACorrectPdf) {
  const std::string dir = testing::temp_dir();
  // Over libharu's 65,535-byte strings; `structure` is also the PDF's author.
  // (100 KB only in `structure`: a megabyte there takes 13 s to compose.)
  std::string words;
  while (words.size() < 100000) words += "Association des parents ";
  for (const auto& [text, action] : {std::pair{std::string(1000000, 'x'), true}, std::pair{words, false},
                                     std::pair{std::string(100000, 'y'), false}}) {
    const std::string answers = with_long_text(dir, text, action);
    const std::string pdf = dir + "/long.pdf";
    const auto r = run({bilan_binary(), "fill", answers, "-o", pdf});
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 500);
    EXPECT_EQ(r.err.find("libharu"), std::string::npos);
    const auto q = run({"qpdf", "--check", pdf});
    EXPECT_EQ(q.exit_code, 0) << q.out;
  }
}

TEST(HostileText, FiveMegabyteTokenIsTheAnswerLengthLimit) {
  const std::string dir = testing::temp_dir();
  const std::string answers = with_long_text(dir, std::string(5000000, 'y'), false);
  const auto r = run({bilan_binary(), "fill", answers, "-o", dir + "/long.pdf"});
  EXPECT_EQ(r.exit_code, 1);
  const std::size_t line = r.err.find(": erreur: réponse trop longue (5\u202F000\u202F000 octets ; limite : 1\u202F048\u202F576 octets)\n");
  EXPECT_NE(line, std::string::npos) << r.err;
  EXPECT_TRUE(r.err.starts_with(answers + ":")) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/long.pdf"));
}

// --- The database (--db): SQLite reads it, output never replaces it (issue 18).

// A store holding the TNE sample, and a fillable PDF of it to import.
struct StoreFolder {
  std::string dir = testing::temp_dir();
  std::string db = dir + "/bilan.db";
  std::string answers = dir + "/tne.xml";
  std::string pdf = dir + "/tne.pdf";
  StoreFolder() {
    testing::write_text(answers, testing::read_text(sample("tne-parentalite-numerique-2024-2025.xml")));
    EXPECT_EQ(run({bilan_binary(), "store", "import", answers, "--db", db}).exit_code, 0);
    EXPECT_EQ(run({bilan_binary(), "fill", answers, "--partial", "--fillable", "-o", pdf}).exit_code, 0);
  }
  std::string refusal(const std::string& out) const {
    return expected_usage_error(out + " : c’est la base « " + db + " » de cette commande : elle ne sera pas remplacée ; choisissez un autre nom");
  }
};

TEST(HostileDatabase, ImportPdfNeverWritesItsAnswersOverTheDatabase) {
  const StoreFolder f;
  const std::string before = testing::read_text(f.db);
  auto r = run({bilan_binary(), "import-pdf", f.pdf, "--db", f.db, "-o", f.db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, f.refusal(f.db));
  // A hard link is the same file; a journal that does not exist yet is refused by name.
  ASSERT_EQ(::link(f.db.c_str(), (f.dir + "/lien.xml").c_str()), 0);
  r = run({bilan_binary(), "import-pdf", f.pdf, "--db", f.db, "-o", f.dir + "/lien.xml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, f.refusal(f.dir + "/lien.xml"));
  r = run({bilan_binary(), "import-pdf", f.pdf, "--db", f.db, "-o", f.db + "-wal"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, expected_usage_error(f.db + "-wal : c’est « " + f.db + "-wal », un journal de la base « " + f.db +
                                        " » : il ne sera pas remplacé ; choisissez un autre nom"));
  EXPECT_EQ(testing::read_text(f.db), before) << "refused before the base was written";
  EXPECT_FALSE(fs::exists(f.db + "-wal"));
  EXPECT_EQ(run({bilan_binary(), "store", "list", "--db", f.db}).out,
            "TNE-47-2024-007         47   tne-parentalite-numerique       Espace de vie sociale Les Tilleuls\n");
}

TEST(HostileDatabase, StoreExportAndBatchNeverWriteOverTheDatabase) {
  const StoreFolder f;
  const std::string before = testing::read_text(f.db);
  // store export: the action's file is the base.
  fs::create_directories(f.dir + "/export");
  ASSERT_EQ(::link(f.db.c_str(), (f.dir + "/export/TNE-47-2024-007.xml").c_str()), 0);
  auto r = run({bilan_binary(), "store", "export", "--out", f.dir + "/export", "--db", f.db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, f.refusal(f.dir + "/export/TNE-47-2024-007.xml"));
  // --out naming the base itself.
  for (const char* command : {"store", "batch"}) {
    r = command == std::string("store") ? run({bilan_binary(), "store", "export", "--out", f.db, "--db", f.db})
                                        : run({bilan_binary(), "batch", "--out", f.db, "--db", f.db});
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_EQ(r.err, expected_usage_error(f.db + " : ce n’est pas un dossier ; --out attend le dossier où écrire")) << command;
  }
  // batch: the summary is the base; refused before anything is rendered.
  fs::create_directories(f.dir + "/out");
  ASSERT_EQ(::symlink(f.db.c_str(), (f.dir + "/out/bilan-batch.csv").c_str()), 0);
  r = run({bilan_binary(), "batch", "--out", f.dir + "/out", "--db", f.db, "--partial"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, f.refusal(f.dir + "/out/bilan-batch.csv"));
  EXPECT_FALSE(fs::exists(f.dir + "/out/TNE-47-2024-007.pdf"));
  // batch: an action's PDF is the base: that action fails, the summary says so.
  fs::create_directories(f.dir + "/pdf");
  ASSERT_EQ(::link(f.db.c_str(), (f.dir + "/pdf/TNE-47-2024-007.pdf").c_str()), 0);
  r = run({bilan_binary(), "batch", "--out", f.dir + "/pdf", "--db", f.db, "--partial"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("[1/1] TNE-47-2024-007 : échec\nbilan: erreur: " + f.dir + "/pdf/TNE-47-2024-007.pdf : c’est la base « " +
                       f.db + " » de cette commande : elle ne sera pas remplacée ; choisissez un autre nom\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(testing::read_text(f.dir + "/pdf/bilan-batch.csv"),
            "\xEF\xBB\xBF" "action;fichier;statut;erreurs;avertissements;pages;octets\nTNE-47-2024-007;;échec;1;0;2;0\n");
  EXPECT_EQ(testing::read_text(f.db), before);
}

TEST(HostileDatabase, ADeviceOrAFolderIsNeverOpenedAsTheDatabase) {
  const StoreFolder f;
  const bool journal_before = fs::exists("/dev/null-journal"), wal_before = fs::exists("/dev/null-wal");
  const std::string device = expected_usage_error(
      "/dev/null : ce n’est pas un fichier ordinaire (périphérique, tube ou socket) : ce ne peut pas être une base");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"store", "import", f.answers}, {"store", "list"}, {"batch", "--out", f.dir + "/out"},
        {"archive", "submit", f.answers}, {"archive", "verify"}, {"import-pdf", f.pdf}}) {
    std::vector<std::string> argv{bilan_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--db", "/dev/null"});
    auto r = run(argv);
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args[1];
    EXPECT_EQ(r.err, device) << args[0] << " " << args[1];
    argv.back() = f.dir;
    r = run(argv);
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args[1];
    EXPECT_EQ(r.err, expected_usage_error(f.dir + " : c’est un dossier ; indiquez le fichier de la base, par exemple --db bilan.db"));
  }
  EXPECT_EQ(fs::exists("/dev/null-journal"), journal_before);
  EXPECT_EQ(fs::exists("/dev/null-wal"), wal_before);
  if (::geteuid() == 0) {  // a node of our own, where SQLite would have put NODE-journal
    const std::string node = f.dir + "/null";
    ASSERT_EQ(::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
    const auto r = run({bilan_binary(), "store", "import", f.answers, "--db", node});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_FALSE(fs::exists(node + "-journal"));
    EXPECT_FALSE(fs::exists(node + "-wal"));
  }
  EXPECT_FALSE(fs::exists(f.dir + "/out"));
  const auto folder = run({bilan_binary(), "store", "import", f.answers, "--db", f.dir + "/absent/bilan.db"});
  EXPECT_EQ(folder.exit_code, 2);
  EXPECT_EQ(folder.err, expected_usage_error(f.dir + "/absent/bilan.db : création de la base impossible : le dossier « " + f.dir +
                                             "/absent » n’existe pas"));
}

TEST(HostileDatabase, CommandsThatReadNeverCreateADatabase) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/faute.db";
  for (const std::vector<std::string>& args : {std::vector<std::string>{"store", "list"}, {"store", "show", "A-1"},
                                               {"store", "export", "--out", dir + "/x"}}) {
    std::vector<std::string> argv{bilan_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--db", db});
    const auto r = run(argv);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    EXPECT_EQ(r.err, expected_usage_error(db + " : base introuvable (créez-la avec « bilan store import »)")) << args[1];
  }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"list"}, {"show", "A@1"}, {"diff", "A@1", "A@2"}, {"head"}, {"verify"}, {"export", "A@1", "-o", dir + "/a.pdf"}}) {
    std::vector<std::string> argv{bilan_binary(), "archive"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--db", db});
    const auto r = run(argv);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_EQ(r.err, expected_usage_error(db + " : base introuvable (une archive se crée avec « bilan archive submit »)")) << args[0];
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 0) << "nothing created";
}

TEST(HostileDatabase, AFileThatIsNoDatabaseIsSaidSoNeverATamperedArchive) {
  const std::string dir = testing::temp_dir();
  const std::string text = dir + "/notes.txt";
  testing::write_text(text, "pas une base\n");
  auto r = run({bilan_binary(), "archive", "verify", "--db", text});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, expected_usage_error(text + " : ce n’est pas une base SQLite (ni une base de bilan)"));
  r = run({bilan_binary(), "store", "import", minimal_copy(dir), "--db", text});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, expected_usage_error(text + " : ce n’est pas une base SQLite (ni une base de bilan)"));
  EXPECT_EQ(testing::read_text(text), "pas une base\n");
  const std::string empty = dir + "/vide.db";
  testing::write_text(empty, "");
  r = run({bilan_binary(), "store", "list", "--db", empty});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, expected_usage_error(empty + " : ce n’est pas une base SQLite (fichier vide)"));
  // Unreadable (root reads every file, but not through a loop of links).
  ASSERT_EQ(::symlink("boucle.db", (dir + "/boucle.db").c_str()), 0);
  r = run({bilan_binary(), "archive", "verify", "--db", dir + "/boucle.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, expected_usage_error(dir + "/boucle.db : base inaccessible (trop de niveaux de liens symboliques)"));
  // Another program's SQLite file: not ours to add tables to.
  const std::string other = dir + "/autre.db";
  ASSERT_EQ(run({"sqlite3", other, "CREATE TABLE t(x); INSERT INTO t VALUES (1);"}).exit_code, 0);
  const std::string before = testing::read_text(other);
  const std::string tne = dir + "/tne.xml";
  testing::write_text(tne, testing::read_text(sample("tne-parentalite-numerique-2024-2025.xml")));
  r = run({bilan_binary(), "store", "import", tne, "--db", other});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, expected_usage_error(other + " : base SQLite d’un autre programme, pas une base de bilan"));
  EXPECT_TRUE(testing::read_text(other) == before) << "not a byte changed";
}

// Issue 18: a CSV in UTF-16 without its BOM is refused by name (it was
// « il manque la colonne « action » »); with its BOM, big endian, it is read.
TEST(HostileFiles, Utf16CsvWithoutABomIsRefusedByName) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/bilan.db";
  const std::string text = "action;form;structure\nA-1;clas-2024-2025;S\n";
  std::string le, be("\xFE\xFF", 2);
  for (const char c : text) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  testing::write_text(dir + "/sans-bom.csv", le);
  const auto refused = run({bilan_binary(), "store", "import", dir + "/sans-bom.csv", "--db", db});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err, dir + "/sans-bom.csv: erreur: octet nul à l’octet 1 : ce n’est pas du texte, ou de l’UTF-16 sans BOM ; "
                               "enregistrez le fichier en UTF-8 (CSV UTF-8) ou en texte Unicode\n"
                               "0 action importée dans " + db + " ; 1 fichier refusé\n");
  testing::write_text(dir + "/be.csv", be);
  const auto read = run({bilan_binary(), "store", "import", dir + "/be.csv", "--db", db});
  EXPECT_EQ(read.exit_code, 0) << read.err;
  EXPECT_EQ(read.err, "1 action importée dans " + db + "\n");
}

}  // namespace
}  // namespace bilan

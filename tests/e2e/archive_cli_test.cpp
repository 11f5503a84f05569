// `bilan archive`: submit, list, diff, validate, head, export, verify; a byte
// altered in the file named; the fonts changed told apart; submits killed at
// random moments and concurrent submitters leave a consistent, valid chain.
#include <gtest/gtest.h>

#include <iostream>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include <sqlite3.h>

#include "support/test_support.hpp"

namespace bilan {
namespace {

using testing::run;

const char* const kEpoch = "SOURCE_DATE_EPOCH=1751625000";  // 2025-07-04T10:30:00Z

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

struct Folder {
  std::string dir = testing::temp_dir();
  std::string db = dir + "/bilan.db";
  std::string v1 = dir + "/commune.xml";
  std::string v2 = dir + "/commune-2.xml";
  Folder() {
    const std::string sample = testing::read_text(testing::source_path("samples/commune-rurale-2024-2025.xml"));
    testing::write_text(v1, sample);
    testing::write_text(v2, replaced(sample, "<answer field=\"enfants_elementaire\">6<", "<answer field=\"enfants_elementaire\">7<"));
  }
  testing::CommandResult archive(std::vector<std::string> args, const char* epoch = kEpoch) const {
    std::vector<std::string> argv{"env", epoch, BILAN_BINARY, "archive"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--db");
    argv.push_back(db);
    return run(argv);
  }
};

// SQL on the file with the archive's triggers dropped, as someone with the file could.
void tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string all =
      "DROP TRIGGER archive_versions_no_update; DROP TRIGGER archive_versions_no_delete; DROP TRIGGER archive_files_no_delete;"
      "DROP TRIGGER archive_events_no_update; DROP TRIGGER archive_events_no_delete;" + sql;
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, all.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

// bilan with its output thrown away, not waited for.
pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    setenv("SOURCE_DATE_EPOCH", "1751625000", 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

TEST(ArchiveCli, SubmitListDiffValidateHeadExportVerify) {
  const Folder f;
  const auto s1 = f.archive({"submit", f.v1});
  ASSERT_EQ(s1.exit_code, 0) << s1.err;
  EXPECT_TRUE(std::regex_match(s1.out, std::regex("CLAS-47-2024-031@1  2025-07-04T10:30:00Z  [0-9a-f]{12}  non validée\n"))) << s1.out;
  const auto s2 = f.archive({"submit", f.v2}, "SOURCE_DATE_EPOCH=1751625060");
  ASSERT_EQ(s2.exit_code, 0) << s2.err;
  EXPECT_TRUE(s2.out.starts_with("CLAS-47-2024-031@2  2025-07-04T10:31:00Z  ")) << s2.out;

  const auto diff = f.archive({"diff", "CLAS-47-2024-031@1", "CLAS-47-2024-031@2"});
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(diff.out,
            "CLAS-47-2024-031@1 → CLAS-47-2024-031@2 : 1 réponse change\n"
            "  Nombre d’enfants élémentaire (enfants_elementaire) : « 6 » → « 7 »\n");

  const auto validate = f.archive({"validate", "CLAS-47-2024-031@2", "--by", "Caf 47"}, "SOURCE_DATE_EPOCH=1751702400");
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  EXPECT_EQ(validate.out, "CLAS-47-2024-031@2 validée par Caf 47 le 2025-07-05T08:00:00Z\n");

  // The receipt: the validation is the chain's last record, and counted.
  const auto head = f.archive({"head"}, "SOURCE_DATE_EPOCH=1751706000");
  ASSERT_EQ(head.exit_code, 0);
  EXPECT_TRUE(std::regex_match(head.out, std::regex("tête      [0-9a-f]{64}\n"
                                                    "contenu   2 versions, 1 événement \\(3 enregistrements dans la chaîne\\)\n"
                                                    "le        2025-07-05T09:00:00Z\n")))
      << head.out;
  const std::string hash = head.out.substr(std::string("tête      ").size(), 64);
  const auto list = f.archive({"list"});
  EXPECT_EQ(list.out, s1.out + s2.out.substr(0, s2.out.size() - std::string("non validée\n").size()) +
                          "validée par Caf 47 le 2025-07-05T08:00:00Z\n");
  EXPECT_EQ(list.out.find(hash.substr(0, 12)), std::string::npos) << "the head is the validation's, not a version's";
  EXPECT_EQ(f.archive({"list", "--action", "AUTRE"}).out, "");

  const auto verify = f.archive({"verify", "--head", hash}, "SOURCE_DATE_EPOCH=1893456000");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(verify.out, "CLAS-47-2024-031@1 : vérifiée\nCLAS-47-2024-031@2 : vérifiée\n"
                        "reçu : tête " + hash.substr(0, 12) + " retrouvée à la position 3 de la chaîne, rien d’ajouté depuis\n"
                        "archive vérifiée : 2 versions rendues de nouveau à l’identique, chaîne intacte (tête " +
                            hash.substr(0, 12) + ")\n");
  const auto one = f.archive({"verify", "CLAS-47-2024-031@1"});
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_TRUE(one.out.starts_with("CLAS-47-2024-031@1 : vérifiée\narchive vérifiée : 1 version")) << one.out;

  // The archived PDF: read without a word by qpdf and poppler, its answers those submitted.
  const std::string pdf = f.dir + "/v1.pdf";
  const auto exported = f.archive({"export", "CLAS-47-2024-031@1", "-o", pdf});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto check = run({"qpdf", "--check", pdf});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_EQ(run({"pdfinfo", pdf}).err, "");
  const auto back = run({BILAN_BINARY, "extract", pdf});
  EXPECT_EQ(back.out, testing::read_text(f.v1)) << "byte for byte";
  const auto to_device = f.archive({"export", "CLAS-47-2024-031@1", "-o", "/dev/null"});
  EXPECT_EQ(to_device.exit_code, 2);
  EXPECT_EQ(to_device.err,
            "bilan: erreur: /dev/null : ce n’est pas un fichier ordinaire (périphérique, tube ou socket) : il ne sera pas remplacé\n");

  const auto over_db = f.archive({"export", "CLAS-47-2024-031@1", "-o", f.db});
  EXPECT_EQ(over_db.exit_code, 2);
  EXPECT_EQ(over_db.err, "bilan: erreur: le PDF « " + f.db + " » écraserait la base « " + f.db +
                             " »\nEssayez « bilan archive --help ».\n");
  EXPECT_EQ(f.archive({"verify", "CLAS-47-2024-031@1"}).exit_code, 0);

  const auto unknown = f.archive({"show", "CLAS-47-2024-031@3"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "bilan: erreur: version inconnue « CLAS-47-2024-031@3 » dans " + f.db +
                             " (vouliez-vous dire « CLAS-47-2024-031@1 » ?)\n");
  const auto show = f.archive({"show", "CLAS-47-2024-031@2"});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("validée          par Caf 47 le 2025-07-05T08:00:00Z\n"), std::string::npos) << show.out;
  const auto bad_name = f.archive({"show", "CLAS-47-2024-031"});
  EXPECT_EQ(bad_name.exit_code, 2);
  EXPECT_TRUE(bad_name.err.starts_with("bilan: erreur: « CLAS-47-2024-031 » n’est pas une version : ACTION@N attendu")) << bad_name.err;
}

TEST(ArchiveCli, ARefusedBilanArchivesNothing) {
  const Folder f;
  testing::write_text(f.v1, replaced(testing::read_text(f.v1), "<answer field=\"enfants_elementaire\">6<",
                                     "<answer field=\"enfants_elementaire\">six<"));
  const auto r = f.archive({"submit", f.v1});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(": erreur: "), std::string::npos);
  EXPECT_TRUE(r.err.ends_with("bilan: erreur: bilan refusé : rien n’est archivé\n")) << r.err;
  // The first bilan refused: no archive is left behind to read as an empty one.
  EXPECT_FALSE(std::filesystem::exists(f.db));
  EXPECT_EQ(f.archive({"list"}).exit_code, 2);
  // Refused on an existing archive: the archive stays as it was.
  ASSERT_EQ(f.archive({"submit", f.v2}).exit_code, 0);
  const std::string before = f.archive({"list"}).out;
  EXPECT_EQ(f.archive({"submit", f.v1}).exit_code, 1);
  ASSERT_TRUE(std::filesystem::exists(f.db));
  EXPECT_EQ(f.archive({"list"}).out, before);
  EXPECT_EQ(f.archive({"verify"}).exit_code, 0);
}

TEST(ArchiveCli, ARefusedBilanOnAnEmptyArchiveKeepsIt) {
  const Folder f;
  testing::write_text(f.v1, replaced(testing::read_text(f.v1), "<answer field=\"enfants_elementaire\">6<",
                                     "<answer field=\"enfants_elementaire\">six<"));
  // A file the user made for the archive (empty): it was there, it stays.
  testing::write_text(f.db, "");
  EXPECT_EQ(f.archive({"submit", f.v1}).exit_code, 1);
  EXPECT_TRUE(std::filesystem::exists(f.db));
  EXPECT_EQ(f.archive({"list"}).out, "");
  EXPECT_EQ(f.archive({"head"}).out, "tête      " + std::string(64, '0') +
                                        "\ncontenu   0 version, 0 événement (0 enregistrement dans la chaîne)\nle        2025-07-04T10:30:00Z\n");
  EXPECT_EQ(f.archive({"verify"}).out, "archive vide : aucune version à vérifier\n");
}

TEST(ArchiveCli, OnlySubmitCreatesTheArchive) {
  const Folder f;
  const auto r = f.archive({"verify"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "bilan: erreur: " + f.db + " : base introuvable (une archive se crée avec « bilan archive submit »)\n");
  EXPECT_FALSE(std::filesystem::exists(f.db));
  const auto usage = f.archive({"verify", "A@1", "B@1"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_EQ(usage.err, "bilan: erreur: usage : bilan archive verify [ACTION@N] ; voir « bilan archive --help »\n"
                       "Essayez « bilan archive --help ».\n");
  const auto by = f.archive({"list", "--by", "X"});
  EXPECT_EQ(by.exit_code, 2);
  EXPECT_EQ(by.err, "bilan: erreur: --by NOM va avec « bilan archive validate »\nEssayez « bilan archive --help ».\n");
  const auto help = run({BILAN_BINARY, "archive", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(help.out.starts_with("Utilisation : bilan archive COMMANDE [options]\n")) << help.out;
  EXPECT_NE(help.out.find("\n  validate ACTION@N --by NOM       la validation de la Caf"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("  --by NOM"), std::string::npos) << "an option of validate";
  EXPECT_NE(run({BILAN_BINARY, "archive", "validate", "--help"}).out.find("\n  --by NOM  "), std::string::npos);
  EXPECT_NE(run({BILAN_BINARY, "--help"}).out.find("\n  archive COMMANDE       archive des bilans déposés (versions ACTION@N)\n"), std::string::npos);
}

TEST(ArchiveCli, OneByteAlteredInTheDatabaseFileIsTamperingNamingTheVersion) {
  const Folder f;
  ASSERT_EQ(f.archive({"submit", f.v1}).exit_code, 0);
  ASSERT_EQ(f.archive({"submit", f.v2}).exit_code, 0);
  ASSERT_FALSE(std::filesystem::exists(f.db + "-wal")) << "checkpointed when the last connection closed";
  // As with a hex editor: one byte of the file, in the canonical answers of
  // the second version (the only place where they are written so).
  std::string bytes = testing::read_text(f.db);
  const std::size_t at = bytes.find("enfants_elementaire\t7\n");
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(bytes.find("enfants_elementaire\t7\n", at + 1), std::string::npos);
  bytes[at + 20] = '9';
  testing::write_text(f.db, bytes);
  const auto verify = f.archive({"verify"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.out.find("CLAS-47-2024-031@2 : ALTÉRÉE : "), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("CLAS-47-2024-031@1 : vérifiée\n"), std::string::npos) << verify.out;
  EXPECT_TRUE(verify.out.ends_with("archive ALTÉRÉE : 1 version altérée\n")) << verify.out;
}

TEST(ArchiveCli, OtherFontsAreAChangedEnvironmentNotTampering) {
  const Folder f;
  ASSERT_EQ(f.archive({"submit", f.v1}).exit_code, 0);
  std::string manifest = testing::read_text(testing::source_path("fonts/fonts.conf"));
  manifest = replaced(manifest, "DejaVuSans.ttf", "DejaVuSans-TMP.ttf");
  manifest = replaced(manifest, "DejaVuSans-Bold.ttf", "DejaVuSans.ttf");
  manifest = replaced(manifest, "DejaVuSans-TMP.ttf", "DejaVuSans-Bold.ttf");
  testing::write_text(f.dir + "/fonts.conf", manifest);
  const auto verify = f.archive({"verify", "--fonts", f.dir + "/fonts.conf"});
  EXPECT_EQ(verify.exit_code, 3);
  EXPECT_TRUE(verify.out.starts_with("CLAS-47-2024-031@1 : environnement changé : polices différentes (empreinte ")) << verify.out;
  EXPECT_TRUE(verify.out.ends_with("environnement changé : 1 version non comparable (polices ou moteur différents) ; "
                                   "empreintes et chaîne intactes\n"))
      << verify.out;
}

// Submits killed by SIGKILL at random moments (fixed seed) never leave a half
// version: every version there verifies, numbers run from 1 without a gap.
TEST(ArchiveCli, SubmitsKilledAtRandomMomentsLeaveAConsistentArchive) {
  const Folder f;
  // Each run submits other answers: the same again would append nothing.
  const std::string sample = testing::read_text(f.v1);
  int made = 0;
  const auto next_argv = [&] {
    const std::string file = f.dir + "/run-" + std::to_string(++made) + ".xml";
    testing::write_text(file, replaced(sample, "Élodie Marty,", "Élodie Marty (" + std::to_string(made) + "),"));
    return std::vector<std::string>{BILAN_BINARY, "archive", "submit", file, "--db", f.db};
  };
  // How long one submit takes here, the archive created: the shortest of three.
  long one = 0;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    waitpid(spawn(next_argv()), &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const long took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    one = i == 0 ? took : std::min(one, took);
  }
  std::mt19937 random(20251129);
  std::uniform_int_distribution<long> delay(0, one);
  int kills = 0, finished = 3, runs = 3;
  while (kills < 50 && runs < 300) {
    ++runs;
    const pid_t pid = spawn(next_argv());
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++kills;
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++finished;
  }
  ASSERT_GE(kills, 50);
  std::cerr << kills << " kills in " << runs << " submits of about " << one / 1000 << " ms; " << finished << " finished\n";
  const auto list = f.archive({"list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  std::vector<std::string> lines;
  for (std::size_t s = 0, nl; (nl = list.out.find('\n', s)) != std::string::npos; s = nl + 1) lines.push_back(list.out.substr(s, nl - s));
  ASSERT_GE(static_cast<int>(lines.size()), finished);
  ASSERT_LE(static_cast<int>(lines.size()), runs);
  for (std::size_t i = 0; i < lines.size(); ++i)
    EXPECT_TRUE(lines[i].starts_with("CLAS-47-2024-031@" + std::to_string(i + 1) + "  ")) << lines[i];
  const auto verify = f.archive({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("archive vérifiée : " + std::to_string(lines.size()) + " versions"), std::string::npos) << verify.out;
  // And the archive still takes submissions.
  EXPECT_EQ(f.archive({"submit", f.v2}).exit_code, 0);
}

TEST(ArchiveCli, ConcurrentSubmittersBothSucceedWithDistinctNumbers) {
  const Folder f;
  std::vector<pid_t> pids;
  // Three different bilans (the same answers twice in a row would append nothing).
  const std::string v3 = f.dir + "/commune-3.xml";
  testing::write_text(v3, replaced(testing::read_text(f.v1), "<answer field=\"enfants_elementaire\">6<", "<answer field=\"enfants_elementaire\">8<"));
  for (const auto& file : {f.v1, f.v2, v3}) pids.push_back(spawn({BILAN_BINARY, "archive", "submit", file, "--db", f.db}));
  for (const pid_t pid : pids) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  const auto list = f.archive({"list"});
  std::set<std::string> names;
  for (std::size_t s = 0, nl; (nl = list.out.find('\n', s)) != std::string::npos; s = nl + 1)
    names.insert(list.out.substr(s, list.out.find(' ', s) - s));
  EXPECT_EQ(names, (std::set<std::string>{"CLAS-47-2024-031@1", "CLAS-47-2024-031@2", "CLAS-47-2024-031@3"}));
  EXPECT_EQ(f.archive({"verify"}).exit_code, 0);
}

// Issue 17, point 7: a validation is a link of the chain; deleted, it is named
// (not blamed on the record after it); a version deleted likewise.
TEST(ArchiveCli, ARecordDeletedIsNamedAndTheOthersStillVerify) {
  const std::pair<const char*, const char*> cases[] = {
      {"DELETE FROM archive_events WHERE id = 1",
       "archive : ALTÉRÉE : validation n° 1 de CLAS-47-2024-031@1 supprimée (position 2 de la chaîne)\n"
       "CLAS-47-2024-031@2 : vérifiée\n"},
      {"DELETE FROM archive_files WHERE seq = 1; DELETE FROM archive_versions WHERE seq = 1",
       "archive : ALTÉRÉE : CLAS-47-2024-031@1 manquante (position 1 de la chaîne)\n"
       "CLAS-47-2024-031@2 : vérifiée\n"},
  };
  for (const auto& [sql, expected] : cases) {
    SCOPED_TRACE(sql);
    const Folder f;
    ASSERT_EQ(f.archive({"submit", f.v1}).exit_code, 0);
    ASSERT_EQ(f.archive({"validate", "CLAS-47-2024-031@1", "--by", "Caf 47"}).exit_code, 0);
    ASSERT_EQ(f.archive({"submit", f.v2}).exit_code, 0);
    tamper(f.db, sql);
    const auto verify = f.archive({"verify", "CLAS-47-2024-031@2"});
    EXPECT_EQ(verify.exit_code, 1) << verify.err;
    EXPECT_EQ(verify.out, std::string(expected) + "archive ALTÉRÉE : chaîne atteinte\n");
  }
}

// Issue 17, point 8: the last record deleted leaves nothing in the file to
// tell; the receipt kept elsewhere does.
TEST(ArchiveCli, TheReceiptProvesNothingWasCutFromTheEnd) {
  const Folder f;
  ASSERT_EQ(f.archive({"submit", f.v1}).exit_code, 0);
  const auto validated = f.archive({"validate", "CLAS-47-2024-031@1", "--by", "Caf 47"});
  ASSERT_EQ(validated.exit_code, 0);
  const std::string hash = f.archive({"head"}).out.substr(std::string("tête      ").size(), 64);
  ASSERT_EQ(f.archive({"submit", f.v2}).exit_code, 0);
  const auto later = f.archive({"verify", "--head", hash});
  EXPECT_EQ(later.exit_code, 0) << later.out;
  EXPECT_NE(later.out.find("reçu : tête " + hash.substr(0, 12) + " retrouvée à la position 2 de la chaîne, 1 enregistrement ajouté depuis\n"),
            std::string::npos)
      << later.out;
  tamper(f.db, "DELETE FROM archive_files WHERE seq = 3; DELETE FROM archive_versions WHERE seq = 3; DELETE FROM archive_events");
  EXPECT_EQ(f.archive({"verify"}).exit_code, 0) << "nothing in the file says the end was cut";
  const auto verify = f.archive({"verify", "--head", hash});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.out, "archive : ALTÉRÉE : la tête du reçu (" + hash.substr(0, 12) +
                            ") n’est plus dans la chaîne : des enregistrements ont été retirés de sa fin ou altérés depuis le reçu "
                            "(elle s’arrête à la position 1)\n"
                            "CLAS-47-2024-031@1 : vérifiée\n"
                            "archive ALTÉRÉE : chaîne atteinte\n");
  const auto bad = f.archive({"verify", "--head", hash.substr(0, 12)});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "bilan: erreur: --head HASH : l’empreinte de 64 chiffres hexadécimaux qu’affiche « bilan archive head » est attendue\n"
                     "Essayez « bilan archive --help ».\n");
  const auto elsewhere = f.archive({"list", "--head", hash});
  EXPECT_EQ(elsewhere.exit_code, 2);
  EXPECT_EQ(elsewhere.err, "bilan: erreur: --head HASH va avec « bilan archive verify »\nEssayez « bilan archive --help ».\n");
}

// Issue 17, point 10.
TEST(ArchiveCli, TheSameAnswersAgainAppendNothing) {
  const Folder f;
  ASSERT_EQ(f.archive({"submit", f.v1}).exit_code, 0);
  const auto again = f.archive({"submit", f.v1}, "SOURCE_DATE_EPOCH=1751625060");
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "aucune modification depuis CLAS-47-2024-031@1 : rien n’est ajouté à l’archive\n");
  EXPECT_EQ(again.err, "");
  const auto list = f.archive({"list"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1) << list.out;
}

// Issue 17, point 11: --by is one line of printable text, 200 characters at
// most; list and show escape what the database holds, whatever it is.
TEST(ArchiveCli, ByIsOneLineOfPrintableTextAndOutputIsEscaped) {
  const Folder f;
  ASSERT_EQ(f.archive({"submit", f.v1}).exit_code, 0);
  const std::string usage = "\nEssayez « bilan archive --help ».\n";
  const std::pair<std::string, std::string> refused[] = {
      {"Caf\n47", "--by NOM : une ligne de texte imprimable est attendue, le caractère U+000A ne s’imprime pas (caractère 4)"},
      {"\x1b[2JCaf", "--by NOM : une ligne de texte imprimable est attendue, le caractère U+001B ne s’imprime pas (caractère 1)"},
      {"Caf \u202e74", "--by NOM : une ligne de texte imprimable est attendue, le caractère U+202E ne s’imprime pas (caractère 5)"},
      {"Caf \xff", "--by NOM : une ligne de texte imprimable est attendue, l’octet 0xFF n’est pas de l’UTF-8 (caractère 5)"},
      {"   ", "--by NOM : un nom est attendu, pas seulement des espaces"},
      {std::string(201, 'a'), "--by NOM : 200 caractères au plus, reçu 201"},
  };
  for (const auto& [by, message] : refused) {
    const auto r = f.archive({"validate", "CLAS-47-2024-031@1", "--by", by});
    EXPECT_EQ(r.exit_code, 2) << by;
    EXPECT_EQ(r.err, "bilan: erreur: " + message + usage);
  }
  std::string longest;
  for (int i = 0; i < 200; ++i) longest += "é";
  EXPECT_EQ(f.archive({"validate", "CLAS-47-2024-031@1", "--by", longest}).exit_code, 0) << "200 characters, 400 bytes";
  EXPECT_NE(f.archive({"list"}).out.find("validée par " + longest + " le "), std::string::npos);

  // What someone with the file wrote: controls, a line break, an invalid byte.
  tamper(f.db, "UPDATE archive_events SET author = 'Caf' || char(27) || '[2J' || char(10) || 'faux' || CAST(x'ff' AS TEXT);"
               "UPDATE archive_versions SET structure = 'Commune' || char(7) || char(8238) || '\\x';");
  for (const char* what : {"list", "show"}) {
    const auto r = std::string(what) == "show" ? f.archive({what, "CLAS-47-2024-031@1"}) : f.archive({what});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char c : r.out) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << what << ": " << static_cast<int>(c);
    EXPECT_NE(r.out.find("par Caf\\x1b[2J\\nfaux\\xff le "), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("\u202e"), std::string::npos) << r.out;
  }
  const auto show = f.archive({"show", "CLAS-47-2024-031@1"});
  EXPECT_NE(show.out.find("structure        Commune\\x07\\u{202E}\\\\x\n"), std::string::npos) << show.out;
}

// Issue 17, point 9: the same values written otherwise are no change; a
// change is said in the words the bilan prints.
TEST(ArchiveCli, DiffReadsValuesAsTheFormDoes) {
  const Folder f;
  std::filesystem::copy(testing::source_path("samples/images"), f.dir + "/images", std::filesystem::copy_options::recursive);
  const std::string urban = testing::read_text(testing::source_path("samples/association-urbaine-2024-2025.xml"));
  testing::write_text(f.v1, urban);
  std::string same = replaced(urban, ">2024-10-07<", ">07/10/2024<");
  same = replaced(same, ">4,4<", ">4.4<");
  same = replaced(same, "<answer field=\"ecart_frequentation\">non<", "<answer field=\"ecart_frequentation\">false<");
  same = replaced(same, ">intervenants, sorties, autres<", ">sorties autres intervenants<");
  testing::write_text(f.v2, replaced(same, ">partiellement_atteints<", ">atteints<"));
  ASSERT_EQ(f.archive({"submit", f.v1}).exit_code, 0);
  ASSERT_EQ(f.archive({"submit", f.v2}).exit_code, 0);
  const auto diff = f.archive({"diff", "CLAS-47-2024-018@1", "CLAS-47-2024-018@2"});
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(diff.out,
            "CLAS-47-2024-018@1 → CLAS-47-2024-018@2 : 1 réponse change\n"
            "  Ces objectifs ont été (bonus_enfant_objectifs_atteints) : « Partiellement atteints » → « Atteints »\n");
}

}  // namespace
}  // namespace bilan

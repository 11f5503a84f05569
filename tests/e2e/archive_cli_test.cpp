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

  const auto head = f.archive({"head"});
  ASSERT_EQ(head.exit_code, 0);
  ASSERT_EQ(head.out.size(), 65u);
  const auto list = f.archive({"list"});
  EXPECT_EQ(list.out, s1.out + s2.out.substr(0, s2.out.size() - std::string("non validée\n").size()) +
                          "validée par Caf 47 le 2025-07-05T08:00:00Z\n");
  EXPECT_EQ(list.out.substr(list.out.find('\n') + 1 + 42, 12), head.out.substr(0, 12)) << "the last record is the head";
  EXPECT_EQ(f.archive({"list", "--action", "AUTRE"}).out, "");

  const auto verify = f.archive({"verify"}, "SOURCE_DATE_EPOCH=1893456000");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(verify.out, "CLAS-47-2024-031@1 : vérifiée\nCLAS-47-2024-031@2 : vérifiée\n"
                        "archive vérifiée : 2 versions rendues de nouveau à l’identique, chaîne intacte (tête " +
                            head.out.substr(0, 12) + ")\n");
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
  EXPECT_EQ(f.archive({"list"}).out, "");
  EXPECT_EQ(f.archive({"head"}).out, std::string(64, '0') + "\n");
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
  EXPECT_TRUE(help.out.starts_with("Usage : bilan archive submit ANSWERS.xml [--db FILE]\n")) << help.out;
  EXPECT_NE(help.out.find("  --by NOM"), std::string::npos) << help.out;
  EXPECT_NE(run({BILAN_BINARY, "--help"}).out.find("  bilan archive submit|list|show|export|diff|validate|head|verify"), std::string::npos);
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
  const std::vector<std::string> argv{BILAN_BINARY, "archive", "submit", f.v1, "--db", f.db};
  // How long one submit takes here, the archive created: the shortest of three.
  long one = 0;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    waitpid(spawn(argv), &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const long took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    one = i == 0 ? took : std::min(one, took);
  }
  std::mt19937 random(20251129);
  std::uniform_int_distribution<long> delay(0, one);
  int kills = 0, finished = 3, runs = 3;
  while (kills < 50 && runs < 300) {
    ++runs;
    const pid_t pid = spawn(argv);
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
  for (int i = 0; i < 3; ++i) pids.push_back(spawn({BILAN_BINARY, "archive", "submit", i % 2 ? f.v2 : f.v1, "--db", f.db}));
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

}  // namespace
}  // namespace bilan

#include "core/environment.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace bilan {
namespace {

std::string read_error(const FileSystemEnvironment& env, const std::string& path) {
  std::string data, error;
  EXPECT_FALSE(env.try_read_file(path, data, error)) << path;
  EXPECT_TRUE(data.empty() || data.size() <= env.max_input_bytes() + 1);
  return error;
}

TEST(FileSystemEnvironment, OnlyRegularFilesAreRead) {
  const FileSystemEnvironment env({}, "");
  const std::string dir = testing::temp_dir();
  ASSERT_EQ(::mkfifo((dir + "/tube").c_str(), 0600), 0);
  EXPECT_EQ(read_error(env, dir + "/tube"), "ce n’est pas un fichier ordinaire (tube, périphérique ou socket)");
  EXPECT_EQ(read_error(env, "/dev/zero"), "ce n’est pas un fichier ordinaire (tube, périphérique ou socket)");
  EXPECT_EQ(read_error(env, dir), "c’est un dossier, pas un fichier");
  EXPECT_EQ(read_error(env, dir + "/absent.xml"), "fichier introuvable");
}

TEST(FileSystemEnvironment, SymbolicLinkToARegularFileIsRead) {
  const FileSystemEnvironment env({}, "");
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/vrai.xml", "<bilan/>");
  ASSERT_EQ(::symlink("vrai.xml", (dir + "/lien.xml").c_str()), 0);
  std::string data, error;
  ASSERT_TRUE(env.try_read_file(dir + "/lien.xml", data, error)) << error;
  EXPECT_EQ(data, "<bilan/>");
}

TEST(FileSystemEnvironment, SizeLimitAppliesWhenTheSizeIsUnknown) {
  // /proc files say they are empty: the limit is kept while reading.
  FileSystemEnvironment env({}, "");
  Limits limits;
  limits.file_bytes = 10;
  env.set_limits(limits);
  EXPECT_EQ(read_error(env, "/proc/self/maps"), "fichier trop volumineux (plus de 10 octets ; limite : 10 octets)");
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/onze.xml", "0123456789A");
  EXPECT_EQ(read_error(env, dir + "/onze.xml"), "fichier trop volumineux (11 octets ; limite : 10 octets)");
  testing::write_text(dir + "/dix.xml", "0123456789");
  std::string data, error;
  EXPECT_TRUE(env.try_read_file(dir + "/dix.xml", data, error)) << error;
}

TEST(FileSystemEnvironment, RemembersTheInputsByDeviceAndInode) {
  const FileSystemEnvironment env({}, "");
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/a.xml", "<a/>");
  ASSERT_EQ(::link((dir + "/a.xml").c_str(), (dir + "/b.xml").c_str()), 0);
  std::string data, error;
  ASSERT_TRUE(env.try_read_file(dir + "/a.xml", data, error));
  struct stat st {};
  ASSERT_EQ(::stat((dir + "/b.xml").c_str(), &st), 0);
  EXPECT_EQ(env.input_read_as(static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)), dir + "/a.xml");
  EXPECT_EQ(env.input_read_as(static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino) + 1), std::nullopt);
}

TEST(FileSystemEnvironment, TheDatabaseAndItsJournalsAreNoOutput) {
  FileSystemEnvironment env({}, "");
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/bilan.db", "x");
  EXPECT_EQ(env.database_conflict(dir + "/bilan.db"), "") << "no database given";
  env.set_database(dir + "/bilan.db");
  const std::string base = "c’est la base « " + dir + "/bilan.db » de cette commande : elle ne sera pas remplacée ; choisissez un autre nom";
  EXPECT_EQ(env.database_conflict(dir + "/bilan.db"), base);
  EXPECT_EQ(env.database_conflict(dir + "/./sous/../bilan.db"), base);
  ASSERT_EQ(::link((dir + "/bilan.db").c_str(), (dir + "/dur.pdf").c_str()), 0);
  ASSERT_EQ(::symlink("bilan.db", (dir + "/lien.pdf").c_str()), 0);
  EXPECT_EQ(env.database_conflict(dir + "/dur.pdf"), base);
  EXPECT_EQ(env.database_conflict(dir + "/lien.pdf"), base);
  // Journals, whether they exist or not yet.
  EXPECT_EQ(env.database_conflict(dir + "/bilan.db-journal"),
            "c’est « " + dir + "/bilan.db-journal », un journal de la base « " + dir +
                "/bilan.db » : il ne sera pas remplacé ; choisissez un autre nom");
  testing::write_text(dir + "/bilan.db-wal", "");
  ASSERT_EQ(::link((dir + "/bilan.db-wal").c_str(), (dir + "/wal.pdf").c_str()), 0);
  EXPECT_NE(env.database_conflict(dir + "/wal.pdf").find("un journal de la base"), std::string::npos);
  EXPECT_EQ(env.database_conflict(dir + "/autre.pdf"), "");
  EXPECT_EQ(env.database_conflict(dir + "/bilan.db.pdf"), "");
}

TEST(SystemReason, SaysTheErrorsUsersMeetInFrench) {
  EXPECT_EQ(system_reason(ENOENT), "fichier ou dossier introuvable");
  EXPECT_EQ(system_reason(EACCES), "permission refusée");
  EXPECT_EQ(system_reason(EPERM), "opération non permise");
  EXPECT_EQ(system_reason(EROFS), "système de fichiers en lecture seule");
  EXPECT_EQ(system_reason(ENOSPC), "plus de place sur le disque");
  EXPECT_EQ(system_reason(EISDIR), "c’est un dossier");
  EXPECT_EQ(system_reason(ENOTDIR), "un élément du chemin n’est pas un dossier");
  EXPECT_EQ(system_reason(EEXIST), "le fichier existe déjà");
  EXPECT_EQ(system_reason(EXDEV), "déplacement d’un système de fichiers à un autre impossible");
  EXPECT_EQ(system_reason(ENAMETOOLONG), "nom de fichier trop long");
  EXPECT_EQ(system_reason(ELOOP), "trop de niveaux de liens symboliques");
  EXPECT_EQ(system_reason(EMFILE), "trop de fichiers ouverts par le programme");
  EXPECT_EQ(system_reason(EIO), "erreur d’entrée-sortie du disque");
  EXPECT_EQ(system_reason(EDQUOT), "quota de disque dépassé");
  // Any other: its number and symbolic name, never strerror()'s English.
  EXPECT_EQ(system_reason(ENOMSG), "erreur système " + std::to_string(ENOMSG) + " (ENOMSG)");
  EXPECT_EQ(system_reason(99999), "erreur système 99999");
  for (int e = 1; e < 134; ++e) {
    const std::string text = system_reason(e);
    EXPECT_EQ(text.find(std::strerror(e)), std::string::npos) << e << " " << text;
  }
}

// Fonts are mapped, not read: the same checks, the same messages, the same bytes.
TEST(FileSystemEnvironment, MappedFilesFollowTheRulesOfReadFiles) {
  FileSystemEnvironment env({}, "");
  const std::string dir = testing::temp_dir();
  const auto map_error = [&](const std::string& path) {
    std::string error;
    EXPECT_EQ(env.try_map_file(path, error), nullptr) << path;
    return error;
  };
  ASSERT_EQ(::mkfifo((dir + "/tube").c_str(), 0600), 0);
  EXPECT_EQ(map_error(dir + "/tube"), "ce n’est pas un fichier ordinaire (tube, périphérique ou socket)");
  EXPECT_EQ(map_error("/dev/zero"), "ce n’est pas un fichier ordinaire (tube, périphérique ou socket)");
  EXPECT_EQ(map_error(dir), "c’est un dossier, pas un fichier");
  EXPECT_EQ(map_error(dir + "/absent.ttf"), "fichier introuvable");

  testing::write_text(dir + "/police.ttf", std::string("\0\1\0\0octets", 9));
  std::string error;
  const auto mapped = env.try_map_file(dir + "/police.ttf", error);
  ASSERT_NE(mapped, nullptr) << error;
  EXPECT_EQ(mapped->bytes(), std::string_view("\0\1\0\0octets", 9));
  struct stat st {};
  ASSERT_EQ(::stat((dir + "/police.ttf").c_str(), &st), 0);
  EXPECT_EQ(env.input_read_as(static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)), dir + "/police.ttf");

  testing::write_text(dir + "/vide.ttf", "");
  const auto empty = env.try_map_file(dir + "/vide.ttf", error);
  ASSERT_NE(empty, nullptr) << error;
  EXPECT_EQ(empty->bytes(), "");

  Limits limits;
  limits.file_bytes = 8;
  env.set_limits(limits);
  EXPECT_EQ(map_error(dir + "/police.ttf"), "fichier trop volumineux (9 octets ; limite : 8 octets)");
}

TEST(PathInside, ResolvesDotDotAndLinks) {
  const std::string dir = testing::temp_dir();
  ::mkdir((dir + "/d").c_str(), 0700);
  ASSERT_EQ(::symlink("/etc", (dir + "/d/dehors").c_str()), 0);
  EXPECT_TRUE(path_inside(dir + "/d/x.png", dir + "/d"));
  EXPECT_TRUE(path_inside(dir + "/d/sous/../x.png", dir + "/d"));
  EXPECT_FALSE(path_inside(dir + "/d/../x.png", dir + "/d"));
  EXPECT_FALSE(path_inside(dir + "/d/dehors/passwd", dir + "/d"));
  EXPECT_FALSE(path_inside(dir + "/dd/x.png", dir + "/d"));
}

}  // namespace
}  // namespace bilan

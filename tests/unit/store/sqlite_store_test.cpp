// The SQLite store: created on first use, migrated, every write all or nothing.
#include "store/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "core/error.hpp"
#include "support/test_support.hpp"

namespace bilan::store {
namespace {

StoredAnswers record(const std::string& id, const std::string& department, const std::string& bytes) {
  StoredAnswers r;
  r.action = {id, "Structure " + id, department, "clas-2024-2025", "2024-2025", {{"rural", "oui"}}};
  r.source = id + ".xml";
  r.bytes = bytes;
  r.sha256 = "0";
  return r;
}

TEST(SqliteStore, IsCreatedOnFirstUseAtTheCurrentSchemaVersion) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  ASSERT_FALSE(std::filesystem::exists(path));
  { auto s = SqliteStore::open(path); EXPECT_TRUE(s->list({}).empty()); }
  EXPECT_TRUE(std::filesystem::exists(path));
  auto again = SqliteStore::open(path);  // a second open migrates nothing
  EXPECT_TRUE(again->list({}).empty());
  EXPECT_EQ(schema_version(), 3);
}

TEST(SqliteStore, OnlyARegularFileOrANewNameIsOpened) {
  const std::string dir = testing::temp_dir();
  const auto refusal = [](const std::string& path, OpenMode mode) -> std::string {
    try {
      SqliteStore::open(path, mode);
    } catch (const IoError& e) {
      return e.what();
    }
    return "opened";
  };
  EXPECT_EQ(refusal("/dev/null", OpenMode::Create),
            "/dev/null : ce n’est pas un fichier ordinaire (périphérique, tube ou socket) : ce ne peut pas être une base");
  EXPECT_FALSE(std::filesystem::exists("/dev/null-journal"));
  EXPECT_EQ(refusal(dir, OpenMode::Create), dir + " : c’est un dossier ; indiquez le fichier de la base, par exemple --db bilan.db");
  EXPECT_EQ(refusal(dir + "/a.db", OpenMode::Existing), dir + "/a.db : base introuvable");
  EXPECT_FALSE(std::filesystem::exists(dir + "/a.db"));
  EXPECT_EQ(refusal(dir + "/non/a.db", OpenMode::Create),
            dir + "/non/a.db : création de la base impossible : le dossier « " + dir + "/non » n’existe pas");
  testing::write_text(dir + "/texte.db", "SQLite format 2\n");
  EXPECT_EQ(refusal(dir + "/texte.db", OpenMode::Create), dir + "/texte.db : ce n’est pas une base SQLite (ni une base de bilan)");
  testing::write_text(dir + "/vide.db", "");
  EXPECT_EQ(refusal(dir + "/vide.db", OpenMode::Existing), dir + "/vide.db : ce n’est pas une base SQLite (fichier vide)");
  EXPECT_EQ(refusal(dir + "/vide.db", OpenMode::Create), "opened");  // SQLite makes an empty file a new base
  EXPECT_EQ(refusal(dir + "/vide.db", OpenMode::Existing), "opened");
  EXPECT_EQ(refusal(dir + "/b.db", OpenMode::Create), "opened");
}

TEST(SqliteStore, KeepsActionsFactsAndAnswerBytes) {
  auto s = SqliteStore::open(testing::temp_dir() + "/bilan.db");
  s->put({record("B-2", "47", std::string("<bilan/>\0x", 10)), record("A-1", "33", "<bilan a='1'/>")});
  const auto all = s->list({});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "A-1");  // sorted by id
  EXPECT_EQ(all[1].facts.at("rural"), "oui");
  const auto got = s->get("B-2");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->bytes, std::string("<bilan/>\0x", 10));
  EXPECT_EQ(got->action.structure, "Structure B-2");
  EXPECT_EQ(got->action.school_year, "2024-2025");
  EXPECT_FALSE(s->get("C-3"));
  EXPECT_EQ(s->list({"47", "", {}}).size(), 1u);
  EXPECT_EQ(s->list({"", "clas-2024-2025", {"A-1"}}).size(), 1u);
  EXPECT_EQ(s->list({"", "autre", {}}).size(), 0u);
}

TEST(SqliteStore, ASecondPutOfAnActionReplacesItsAnswersAndFacts) {
  auto s = SqliteStore::open(testing::temp_dir() + "/bilan.db");
  s->put({record("A-1", "33", "v1")});
  StoredAnswers r = record("A-1", "47", "v2");
  r.action.facts = {{"collectifs_notifies", "3"}};
  s->put({r});
  const auto got = s->get("A-1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->bytes, "v2");
  EXPECT_EQ(got->action.department, "47");
  EXPECT_EQ(got->action.facts, (std::map<std::string, std::string>{{"collectifs_notifies", "3"}}));
  EXPECT_EQ(s->list({}).size(), 1u);
}

TEST(SqliteStore, AFailedPutWritesNothing) {
  auto s = SqliteStore::open(testing::temp_dir() + "/bilan.db");
  s->put({record("A-1", "33", "v1")});
  StoredAnswers bad = record("B-2", "47", "v2");
  bad.action.form.clear();  // refused by the schema, after A-1 was rewritten
  EXPECT_THROW(s->put({record("A-1", "33", "changed"), bad}), IoError);
  EXPECT_EQ(s->get("A-1")->bytes, "v1");
  EXPECT_FALSE(s->get("B-2"));
  s->put({record("C-3", "33", "v3")});  // the store is still usable
  EXPECT_EQ(s->list({}).size(), 2u);
}

// A writer killed in the middle of its transaction (SIGKILL: no cleanup at
// all) leaves the store exactly as it was.
// Issue 18: records written one at a time in one transaction; a refused
// file's records dropped, the others kept; nothing without commit().
TEST(SqliteStore, AWriterKeepsOrDropsEachFileAndWritesOnlyOnCommit) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  auto s = SqliteStore::open(path);
  {
    auto w = s->writer();
    w->begin_file();
    w->put(record("A-1", "33", "a"));
    w->keep_file();
    w->begin_file();
    w->put(record("B-2", "47", "b"));
    w->put(record("A-1", "33", "changed by a refused file"));
    w->drop_file();
    w->begin_file();
    w->put(record("C-3", "47", "c"));
    w->keep_file();
    w->commit();
  }
  const auto all = s->list({});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "A-1");
  EXPECT_EQ(all[1].id, "C-3");
  EXPECT_EQ(s->get("A-1")->bytes, "a");
  EXPECT_EQ(s->get("C-3")->action.facts, (std::map<std::string, std::string>{{"rural", "oui"}}));
  {
    auto w = s->writer();
    w->begin_file();
    w->put(record("D-4", "47", "d"));
    w->keep_file();
  }  // no commit
  EXPECT_EQ(s->list({}).size(), 2u);
  s->put({record("E-5", "47", "e")});  // the lock was given back
  EXPECT_EQ(s->list({}).size(), 3u);
}

TEST(SqliteStore, AnImportKilledHalfwayLeavesTheStoreAsBefore) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  { SqliteStore::open(path)->put({record("A-1", "33", "v1"), record("B-2", "47", "v2")}); }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto s = SqliteStore::open(path);
    std::vector<StoredAnswers> many;
    for (int i = 0; i < 400; ++i) many.push_back(record("N-" + std::to_string(i), "33", std::string(1 << 18, 'x')));
    many.push_back(record("A-1", "33", "changed"));
    s->put(many);
    _exit(0);
  }
  // Wait until the transaction has written several megabytes, then kill it.
  const auto killed = testing::kill_when_file_grows(child, path + "-wal", 8u << 20);
  ASSERT_TRUE(killed.grew) << "the child wrote nothing";
  ASSERT_TRUE(killed.signaled) << "the child finished before it was killed";
  auto s = SqliteStore::open(path);
  const auto all = s->list({});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(s->get("A-1")->bytes, "v1");
  EXPECT_EQ(s->get("B-2")->bytes, "v2");
}

TEST(SqliteStore, RefusesADatabaseFromANewerBilan) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  testing::write_text(path, "");
  { auto s = SqliteStore::open(path); }
  // Raise user_version behind the store's back through a fresh file: the
  // first migration of an empty file is what open() does; a newer one is
  // simulated by writing the header field (offset 60, big-endian).
  std::string bytes = testing::read_text(path);
  ASSERT_GE(bytes.size(), 64u);
  bytes[63] = 9;
  testing::write_text(path, bytes);
  try {
    SqliteStore::open(path);
    FAIL() << "opened";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("version plus récente de bilan (schéma 9, celle-ci connaît le 3)"), std::string::npos)
        << e.what();
  }
}

TEST(SqliteStore, AnUnopenableFileIsAnIoError) {
  EXPECT_THROW(SqliteStore::open(testing::temp_dir() + "/no/such/folder/bilan.db"), IoError);
}

}  // namespace
}  // namespace bilan::store

namespace bilan::store {
namespace {

// SQLite's result codes (sqlite3.h stays inside src/store): NOTADB 26,
// CANTOPEN 14, FULL 13, BUSY 5, IOERR_READ 266 (IOERR 10 | 1 << 8).
TEST(SqliteReason, SaysWhySqliteFailedInFrench) {
  EXPECT_EQ(detail::sqlite_reason(26), "ce n’est pas une base SQLite");
  EXPECT_EQ(detail::sqlite_reason(14, EACCES), "ouverture impossible : permission refusée");
  EXPECT_EQ(detail::sqlite_reason(14), "ouverture impossible");
  EXPECT_EQ(detail::sqlite_reason(13), "plus de place sur le disque");
  EXPECT_EQ(detail::sqlite_reason(5), "la base est occupée par un autre programme");
  EXPECT_EQ(detail::sqlite_reason(266, EIO), "erreur du disque : erreur d’entrée-sortie du disque");
  EXPECT_EQ(detail::sqlite_reason(255), "erreur SQLite n° 255");
}

// A database file cut in the middle is said damaged in French, never in SQLite's English.
TEST(SqliteReason, ADamagedBaseIsSaidInFrench) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/bilan.db";
  SqliteStore::open(db, OpenMode::Create).reset();
  std::string bytes = testing::read_text(db);
  ASSERT_GT(bytes.size(), 200u);
  for (std::size_t i = 100; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);
  testing::write_text(db, bytes);
  try {
    SqliteStore::open(db, OpenMode::Existing)->list({});
    ADD_FAILURE() << "a damaged base opened";
  } catch (const IoError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("malformed"), std::string::npos) << what;
    EXPECT_EQ(what.find("not a database"), std::string::npos) << what;
    EXPECT_NE(what.find(db + " : "), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace bilan::store

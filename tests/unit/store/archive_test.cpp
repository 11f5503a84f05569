// The archive's tables: versions numbered per action and chained across the
// archive, append only (triggers), the migration from the store's first schema.
#include "store/archive.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "core/sha256.hpp"
#include "store/sqlite_store.hpp"
#include "support/test_support.hpp"

namespace bilan::store {
namespace {

Submission submission(const std::string& action, const std::string& answers) {
  Submission s;
  ArchivedVersion& v = s.version;
  v.action = action;
  v.form = "clas-2024-2025";
  v.submitted_at = "2025-06-30T14:05:00Z";
  v.source = action + ".xml";
  v.answers_sha256 = Sha256::hex(Sha256::of(answers));
  v.canonical_sha256 = v.answers_sha256;
  v.pdf_sha256 = Sha256::hex(Sha256::of("%PDF " + answers));
  v.files = {{"layouts/a.xml", "layout", Sha256::hex(Sha256::of("<form/>"))}};
  s.blobs = {{v.answers_sha256, answers}, {v.pdf_sha256, "%PDF " + answers}, {v.files[0].sha256, "<form/>"}};
  s.current.action = {action, "", "", "clas-2024-2025", "", {}};
  s.current.source = v.source;
  s.current.bytes = answers;
  s.current.sha256 = v.answers_sha256;
  return s;
}

// SQL straight on the file, as someone with the file (not bilan) could.
void raw_sql(const std::string& path, const std::string& sql, bool expect_ok = true) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc == SQLITE_OK, expect_ok) << sql << " : " << (error ? error : "ok");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST(Archive, VersionsAreNumberedPerActionAndChainedAcrossTheArchive) {
  auto s = SqliteStore::open(testing::temp_dir() + "/bilan.db");
  EXPECT_EQ(s->head(), kGenesis);
  const auto a1 = s->append_version(submission("A", "a1"));
  const auto b1 = s->append_version(submission("B", "b1"));
  const auto a2 = s->append_version(submission("A", "a2"));
  EXPECT_EQ(a1.name(), "A@1");
  EXPECT_EQ(b1.name(), "B@1");
  EXPECT_EQ(a2.name(), "A@2");
  EXPECT_EQ(a1.prev_hash, kGenesis);
  EXPECT_EQ(b1.prev_hash, a1.record_hash);
  EXPECT_EQ(a2.prev_hash, b1.record_hash);
  EXPECT_EQ(s->head(), a2.record_hash);
  EXPECT_EQ(record_hash(a2), a2.record_hash);
  const auto all = s->versions();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(record_text(all[2]), record_text(a2)) << "read back as written";
  EXPECT_EQ(s->versions("A").size(), 2u);
  EXPECT_EQ(*s->blob(a2.answers_sha256), "a2");
  EXPECT_EQ(s->get("A")->bytes, "a2") << "the action's current answers";
  EXPECT_FALSE(s->version("A", 3));
}

TEST(Archive, RecordHashCoversEveryField) {
  const auto base = submission("A", "a1").version;
  const std::string h = record_hash(base);
  auto v = base;
  v.submitted_at = "2025-06-30T14:05:01Z";
  EXPECT_NE(record_hash(v), h);
  v = base;
  v.files[0].sha256[0] = 'f';
  EXPECT_NE(record_hash(v), h);
  v = base;
  v.prev_hash = std::string(64, '1');
  EXPECT_NE(record_hash(v), h);
  v = base;
  v.facts["rural"] = "oui";
  EXPECT_NE(record_hash(v), h);
  v = base;
  v.action = "A\n";  // lengths are hashed: fields never run into each other
  EXPECT_NE(record_hash(v), h);
}

TEST(Archive, TheDatabaseRefusesUpdateAndDeleteOfTheArchive) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  {
    auto s = SqliteStore::open(path);
    const auto v = s->append_version(submission("A", "a1"));
    s->append_event(v.seq, "validation", "Caf 47", "2025-07-01T09:00:00Z");
  }
  raw_sql(path, "UPDATE archive_versions SET structure = 'x'", false);
  raw_sql(path, "DELETE FROM archive_versions", false);
  raw_sql(path, "UPDATE archive_blobs SET bytes = x'00'", false);
  raw_sql(path, "DELETE FROM archive_blobs", false);
  raw_sql(path, "UPDATE archive_files SET path = 'x'", false);
  raw_sql(path, "DELETE FROM archive_files", false);
  raw_sql(path, "UPDATE archive_events SET author = 'x'", false);
  raw_sql(path, "DELETE FROM archive_events", false);
  auto s = SqliteStore::open(path);
  ASSERT_EQ(s->versions().size(), 1u);
  EXPECT_EQ(s->versions()[0].structure, "");
  EXPECT_EQ(s->events().size(), 1u);
  EXPECT_EQ(s->events()[0].event_hash, event_hash(s->events()[0]));
}

TEST(Archive, AStoreOfTheFirstSchemaIsMigratedWithItsActions) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  raw_sql(path,
          "CREATE TABLE actions (id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''), structure TEXT NOT NULL DEFAULT '',"
          " department TEXT NOT NULL DEFAULT '', form TEXT NOT NULL CHECK (form <> ''), school_year TEXT NOT NULL DEFAULT '')"
          " WITHOUT ROWID;"
          "CREATE INDEX actions_department_form ON actions(department, form);"
          "CREATE TABLE action_facts (action TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE, name TEXT NOT NULL,"
          " value TEXT NOT NULL, PRIMARY KEY (action, name)) WITHOUT ROWID;"
          "CREATE TABLE answers (action TEXT PRIMARY KEY NOT NULL REFERENCES actions(id) ON DELETE CASCADE,"
          " source TEXT NOT NULL, bytes BLOB NOT NULL, sha256 TEXT NOT NULL) WITHOUT ROWID;"
          "INSERT INTO actions VALUES ('A', 'S', '47', 'clas-2024-2025', '2024-2025');"
          "INSERT INTO answers VALUES ('A', 'a.xml', 'v1', '0');"
          "PRAGMA user_version = 1;");
  auto s = SqliteStore::open(path);
  EXPECT_EQ(s->get("A")->bytes, "v1");
  EXPECT_EQ(s->append_version(submission("A", "a1")).name(), "A@1");
  EXPECT_EQ(s->get("A")->bytes, "a1");
}

// A submitter killed in the middle of its transaction (SIGKILL) leaves no half
// version: the chain ends where it did and the next version follows it.
TEST(Archive, AnAppendKilledHalfwayLeavesNoHalfVersion) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  std::string head;
  { head = SqliteStore::open(path)->append_version(submission("A", "a1")).record_hash; }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto s = SqliteStore::open(path);
    Submission big = submission("A", "a2");
    for (int i = 0; i < 400; ++i) {
      const std::string bytes(1 << 18, static_cast<char>('a' + i % 26));
      const std::string name = "layouts/" + std::to_string(i) + ".xml";
      const std::string sha = Sha256::hex(Sha256::of(bytes + std::to_string(i)));
      big.version.files.push_back({name, "layout", sha});
      big.blobs[sha] = bytes + std::to_string(i);
    }
    s->append_version(std::move(big));
    _exit(0);
  }
  const auto killed = testing::kill_when_file_grows(child, path + "-wal", 8u << 20);
  ASSERT_TRUE(killed.grew) << "the child wrote nothing";
  ASSERT_TRUE(killed.signaled) << "the child finished before it was killed";
  auto s = SqliteStore::open(path);
  EXPECT_EQ(s->integrity_check(), "ok");
  ASSERT_EQ(s->versions().size(), 1u);
  EXPECT_EQ(s->head(), head);
  EXPECT_EQ(s->get("A")->bytes, "a1");
  const auto next = s->append_version(submission("A", "a2"));
  EXPECT_EQ(next.name(), "A@2");
  EXPECT_EQ(next.prev_hash, head);
}

TEST(Archive, AVersionNameIsActionAtNumber) {
  std::string action;
  int n = 0;
  EXPECT_TRUE(parse_version_name("CLAS-47@12", action, n));
  EXPECT_EQ(action, "CLAS-47");
  EXPECT_EQ(n, 12);
  EXPECT_TRUE(parse_version_name("a@b@3", action, n));
  EXPECT_EQ(action, "a@b");
  for (const char* bad : {"CLAS-47", "@1", "A@", "A@0", "A@01", "A@1x", "A@99999999999"})
    EXPECT_FALSE(parse_version_name(bad, action, n)) << bad;
}

TEST(Archive, TwoProcessesAppendingAtOnceGetDistinctNumbers) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  { auto s = SqliteStore::open(path); }
  std::vector<pid_t> children;
  for (int c = 0; c < 4; ++c) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int status = 0;
      try {
        auto s = SqliteStore::open(path);
        for (int i = 0; i < 10; ++i) s->append_version(submission("A", "c" + std::to_string(c) + "-" + std::to_string(i)));
      } catch (...) {
        status = 1;
      }
      _exit(status);
    }
    children.push_back(pid);
  }
  for (const pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto s = SqliteStore::open(path);
  const auto all = s->versions();
  ASSERT_EQ(all.size(), 40u);
  std::string prev = kGenesis;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].number, static_cast<int>(i) + 1);
    EXPECT_EQ(all[i].prev_hash, prev);
    EXPECT_EQ(record_hash(all[i]), all[i].record_hash);
    prev = all[i].record_hash;
  }
}

}  // namespace
}  // namespace bilan::store

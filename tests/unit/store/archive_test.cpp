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
#include <functional>
#include <thread>

#include "core/error.hpp"
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
// Four processes, each opening `path` and running `append(c, store)`; every
// one must exit 0.
void in_four_processes(const std::string& path, const std::function<void(int, SqliteStore&)>& append) {
  std::vector<pid_t> children;
  for (int c = 0; c < 4; ++c) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int status = 0;
      try {
        auto s = SqliteStore::open(path);
        append(c, *s);
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
}

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
  EXPECT_EQ(s->head().hash, kGenesis);
  const auto a1 = s->append_version(submission("A", "a1")).version;
  const auto b1 = s->append_version(submission("B", "b1")).version;
  const auto a2 = s->append_version(submission("A", "a2")).version;
  EXPECT_EQ(a1.name(), "A@1");
  EXPECT_EQ(b1.name(), "B@1");
  EXPECT_EQ(a2.name(), "A@2");
  EXPECT_EQ(a1.prev_hash, kGenesis);
  EXPECT_EQ(b1.prev_hash, a1.record_hash);
  EXPECT_EQ(a2.prev_hash, b1.record_hash);
  EXPECT_EQ(s->head().hash, a2.record_hash);
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
    const auto v = s->append_version(submission("A", "a1")).version;
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
  EXPECT_EQ(s->append_version(submission("A", "a1")).version.name(), "A@1");
  EXPECT_EQ(s->get("A")->bytes, "a1");
}

// A submitter killed in the middle of its transaction (SIGKILL) leaves no half
// version: the chain ends where it did and the next version follows it.
TEST(Archive, AnAppendKilledHalfwayLeavesNoHalfVersion) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  std::string head;
  { head = SqliteStore::open(path)->append_version(submission("A", "a1")).version.record_hash; }
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
  EXPECT_EQ(s->head().hash, head);
  EXPECT_EQ(s->get("A")->bytes, "a1");
  const auto next = s->append_version(submission("A", "a2")).version;
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

// Issue 17, point 10: the same answers as the action's last version append
// nothing, also when several submitters send them at once.
TEST(Archive, TheSameAnswersAppendOneVersionEvenFromProcessesAtOnce) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  { auto s = SqliteStore::open(path); }
  in_four_processes(path, [](int, SqliteStore& s) {
    for (int i = 0; i < 5; ++i) s.append_version(submission("A", "same"));
  });
  auto s = SqliteStore::open(path);
  ASSERT_EQ(s->versions().size(), 1u);
  const auto again = s->append_version(submission("A", "same"));
  EXPECT_FALSE(again.appended);
  EXPECT_EQ(again.version.name(), "A@1");
  EXPECT_EQ(again.version.record_hash, s->versions()[0].record_hash);
  // Other facts of the Caf: the rendering may differ, a version.
  auto with_facts = submission("A", "same");
  with_facts.version.facts["rural"] = "oui";
  EXPECT_TRUE(s->append_version(with_facts).appended);
  EXPECT_EQ(s->versions().size(), 2u);
}

TEST(Archive, TwoProcessesAppendingAtOnceGetDistinctNumbers) {
  const std::string path = testing::temp_dir() + "/bilan.db";
  { auto s = SqliteStore::open(path); }
  in_four_processes(path, [](int c, SqliteStore& s) {
    for (int i = 0; i < 10; ++i) s.append_version(submission("A", "c" + std::to_string(c) + "-" + std::to_string(i)));
  });
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

namespace bilan::store {
namespace {

const char* const kDropTriggers =
    "DROP TRIGGER archive_versions_no_update; DROP TRIGGER archive_versions_no_delete; DROP TRIGGER archive_files_no_update;"
    "DROP TRIGGER archive_files_no_delete; DROP TRIGGER archive_events_no_update; DROP TRIGGER archive_events_no_delete;";

// The chain of issue 17's tests: versions and validations alternate, so that
// each kind has a first, a middle and a last record.
//   1 A@1, 2 validation n° 1 de A@1, 3 A@2, 4 validation n° 2 de A@2, 5 A@3, 6 validation n° 3 de A@3
struct Chain {
  std::string path = testing::temp_dir() + "/bilan.db";
  std::string head;  // the receipt's, before any change
  Chain() {
    auto s = SqliteStore::open(path);
    for (int n = 1; n <= 3; ++n) {
      const auto v = s->append_version(submission("A", "a" + std::to_string(n))).version;
      s->append_event(v.seq, "validation", "Caf 47", "2025-07-0" + std::to_string(n) + "T09:00:00Z");
    }
    head = s->head().hash;
  }
  // `sql` run on the file with the triggers dropped, as someone with the file could.
  ChainReport after(const std::string& sql, const std::string& receipt = {}) const {
    raw_sql(path, kDropTriggers + sql);
    auto s = SqliteStore::open(path);
    return check_chain(s->versions(), s->events(), receipt);
  }
};

using Problems = std::map<std::int64_t, std::vector<std::string>>;

TEST(ArchiveChain, EveryRecordIsALinkAndTheHeadCoversTheEvents) {
  const Chain c;
  auto s = SqliteStore::open(c.path);
  const auto versions = s->versions();
  const auto events = s->events();
  ASSERT_EQ(versions.size(), 3u);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(versions[1].seq, 3);
  EXPECT_EQ(versions[1].prev_hash, events[0].event_hash);
  EXPECT_EQ(versions[1].prev_name, "validation n° 1 de A@1");
  EXPECT_EQ(events[1].link, 4);
  EXPECT_EQ(events[1].prev_hash, versions[1].record_hash);
  EXPECT_EQ(events[1].prev_name, "version A@2");
  const auto head = s->head();
  EXPECT_EQ(head.hash, events[2].event_hash) << "the last validation is the head";
  EXPECT_EQ(head.position, 6);
  EXPECT_EQ(head.versions, 3);
  EXPECT_EQ(head.events, 3);
  const auto report = check_chain(versions, events, c.head);
  EXPECT_TRUE(report.archive_problems.empty());
  EXPECT_TRUE(report.version_problems.empty());
  EXPECT_EQ(report.receipt, 6);
  // A version after an event chains to it.
  const auto v4 = s->append_version(submission("B", "b1")).version;
  EXPECT_EQ(v4.seq, 7);
  EXPECT_EQ(v4.prev_hash, head.hash);
  EXPECT_EQ(check_chain(s->versions(), s->events(), c.head).receipt, 6) << "the receipt's head is still in the chain";
}

TEST(ArchiveChain, ARecordDeletedIsNamed) {
  struct Case {
    const char* sql;
    std::vector<std::string> problems;
  };
  const Case cases[] = {
      {"DELETE FROM archive_files WHERE seq = 1; DELETE FROM archive_versions WHERE seq = 1", {"A@1 manquante (position 1 de la chaîne)"}},
      {"DELETE FROM archive_events WHERE id = 1", {"validation n° 1 de A@1 supprimée (position 2 de la chaîne)"}},
      {"DELETE FROM archive_files WHERE seq = 3; DELETE FROM archive_versions WHERE seq = 3", {"A@2 manquante (position 3 de la chaîne)"}},
      {"DELETE FROM archive_events WHERE id = 2", {"validation n° 2 de A@2 supprimée (position 4 de la chaîne)"}},
      {"DELETE FROM archive_files WHERE seq = 5; DELETE FROM archive_versions WHERE seq = 5", {"A@3 manquante (position 5 de la chaîne)"}},
      {"DELETE FROM archive_events WHERE id IN (1, 2)",
       {"validation n° 1 de A@1 supprimée (position 2 de la chaîne)", "validation n° 2 de A@2 supprimée (position 4 de la chaîne)"}},
      // Two in a row: the first is said by nothing after it but the numbers.
      {"DELETE FROM archive_files WHERE seq = 3; DELETE FROM archive_versions WHERE seq = 3; DELETE FROM archive_events WHERE id = 2",
       {"enregistrement manquant à la position 3 de la chaîne", "validation n° 2 de A@2 supprimée (position 4 de la chaîne)",
        "A@2 manquante"}},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.sql);
    const Chain c;
    const auto report = c.after(k.sql);
    EXPECT_EQ(report.archive_problems, k.problems);
    EXPECT_EQ(report.version_problems, Problems{}) << "the records that remain are not blamed";
  }
}

// The end of the chain cut: nothing in the file tells, the receipt does.
TEST(ArchiveChain, TheEndCutIsSeenWithTheReceipt) {
  {
    const Chain c;
    const auto report = c.after("DELETE FROM archive_events WHERE id = 3");
    EXPECT_TRUE(report.archive_problems.empty());
  }
  const std::string lost = "la tête du reçu (";
  for (const char* sql : {"DELETE FROM archive_events WHERE id = 3",
                          "DELETE FROM archive_events WHERE id = 3; DELETE FROM archive_files WHERE seq = 5; DELETE FROM archive_versions WHERE seq = 5"}) {
    SCOPED_TRACE(sql);
    const Chain c;
    const auto report = c.after(sql, c.head);
    const std::string end = std::string(sql).find("seq = 5") != std::string::npos ? "4" : "5";
    EXPECT_EQ(report.archive_problems,
              std::vector<std::string>{lost + c.head.substr(0, 12) +
                                       ") n’est plus dans la chaîne : des enregistrements ont été retirés de sa fin ou altérés "
                                       "depuis le reçu (elle s’arrête à la position " + end + ")"});
    EXPECT_FALSE(report.receipt);
  }
  // The last version, last of the chain.
  const std::string path = testing::temp_dir() + "/bilan.db";
  std::string head;
  {
    auto s = SqliteStore::open(path);
    s->append_version(submission("A", "a1"));
    head = s->append_version(submission("A", "a2")).version.record_hash;
  }
  raw_sql(path, std::string(kDropTriggers) + "DELETE FROM archive_files WHERE seq = 2; DELETE FROM archive_versions WHERE seq = 2");
  auto s = SqliteStore::open(path);
  EXPECT_TRUE(check_chain(s->versions(), s->events(), "").archive_problems.empty());
  EXPECT_EQ(check_chain(s->versions(), s->events(), head).archive_problems.size(), 1u);
  // A record appended after the cut does not hide it.
  s->append_version(submission("A", "a3"));
  const auto report = check_chain(s->versions(), s->events(), head);
  ASSERT_EQ(report.archive_problems.size(), 1u);
  EXPECT_TRUE(report.archive_problems[0].starts_with(lost + head.substr(0, 12) + ") n’est plus dans la chaîne")) << report.archive_problems[0];
}

TEST(ArchiveChain, ARecordMovedIsNamedWithItsPlace) {
  struct Case {
    const char* sql;
    Problems problems;
  };
  // A version's place is its seq, that its files carry too: moved with them.
  const Case cases[] = {
      {"UPDATE archive_versions SET seq = 100 WHERE seq = 1; UPDATE archive_files SET seq = 100 WHERE seq = 1;"
       "UPDATE archive_events SET link = 1 WHERE link = 2;"
       "UPDATE archive_versions SET seq = 2 WHERE seq = 100; UPDATE archive_files SET seq = 2 WHERE seq = 100",
       {{2, {"validation n° 1 déplacée : à la position 1 de la chaîne au lieu de 2", "déplacée : à la position 2 de la chaîne au lieu de 1"}}}},
      {"UPDATE archive_events SET link = 100 WHERE link = 2; UPDATE archive_events SET link = 2 WHERE link = 4;"
       "UPDATE archive_events SET link = 4 WHERE link = 100",
       {{1, {"validation n° 1 déplacée : à la position 4 de la chaîne au lieu de 2"}},
        {3, {"validation n° 2 déplacée : à la position 2 de la chaîne au lieu de 4"}}}},
      {"UPDATE archive_versions SET seq = 100 WHERE seq = 5; UPDATE archive_files SET seq = 100 WHERE seq = 5;"
       "UPDATE archive_events SET link = 5 WHERE link = 6;"
       "UPDATE archive_versions SET seq = 6 WHERE seq = 100; UPDATE archive_files SET seq = 6 WHERE seq = 100",
       {{6, {"validation n° 3 déplacée : à la position 5 de la chaîne au lieu de 6", "déplacée : à la position 6 de la chaîne au lieu de 5"}}}},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.sql);
    const Chain c;
    const auto report = c.after(k.sql);
    EXPECT_EQ(report.archive_problems, std::vector<std::string>{});
    EXPECT_EQ(report.version_problems, k.problems);
  }
}

TEST(ArchiveChain, ARecordEditedIsNamed) {
  struct Case {
    const char* sql;
    Problems problems;
  };
  const std::string altered = "enregistrement altéré : son empreinte ne correspond plus à son contenu";
  const Case cases[] = {
      {"UPDATE archive_versions SET structure = 'x' WHERE seq = 1", {{1, {altered}}}},
      {"UPDATE archive_versions SET submitted_at = '2025-01-01T00:00:00Z' WHERE seq = 3", {{3, {altered}}}},
      {"UPDATE archive_versions SET prev_name = 'version A@9' WHERE seq = 5", {{5, {altered}}}},
      {"UPDATE archive_events SET author = 'x' WHERE id = 1", {{1, {"validation n° 1 altérée : son empreinte ne correspond plus"}}}},
      {"UPDATE archive_events SET at = 'x' WHERE id = 2", {{3, {"validation n° 2 altérée : son empreinte ne correspond plus"}}}},
      {"UPDATE archive_events SET kind = 'refus' WHERE id = 3", {{5, {"refus n° 3 altérée : son empreinte ne correspond plus"}}}},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.sql);
    const Chain c;
    const auto report = c.after(k.sql, c.head);
    EXPECT_EQ(report.archive_problems, std::vector<std::string>{});
    EXPECT_EQ(report.version_problems, k.problems);
  }
}

// Rewritten with its hash computed again: the record after it tells, and for
// the last one, the receipt.
TEST(ArchiveChain, ARecordRewrittenWithItsHashIsNamedByTheNext) {
  const Chain c;
  ArchiveEvent e;
  {
    auto s = SqliteStore::open(c.path);
    e = s->events()[1];
  }
  e.by = "Quelqu’un d’autre";
  const std::string rewritten = event_hash(e);
  const auto report = c.after("UPDATE archive_events SET author = 'Quelqu’un d’autre', event_hash = '" + rewritten + "' WHERE id = 2");
  EXPECT_EQ(report.archive_problems, std::vector<std::string>{});
  EXPECT_EQ(report.version_problems,
            (Problems{{3, {"validation n° 2 réécrite : ce n’est plus l’enregistrement que A@3 (position 5) a chaîné"}}}));

  const Chain last;
  {
    auto s = SqliteStore::open(last.path);
    e = s->events()[2];
  }
  e.by = "Quelqu’un d’autre";
  const auto end = last.after("UPDATE archive_events SET author = 'Quelqu’un d’autre', event_hash = '" + event_hash(e) + "' WHERE id = 3",
                              last.head);
  ASSERT_EQ(end.archive_problems.size(), 1u);
  EXPECT_TRUE(end.archive_problems[0].starts_with("la tête du reçu (")) << end.archive_problems[0];
}

}  // namespace
}  // namespace bilan::store

namespace bilan::store {
namespace {

// A database written before events were chained (schema 2), by the engine of
// commit 636e6aa: CLAS-69-2024-001@1 submitted and validated, then @2
// submitted and validated. Its head then, a receipt a Caf may have kept:
const char* const kSchema2Head = "db798d1566b6a359d18ba14578eccd65658cb087ad5e706deddf7a5e009e0149";

std::string schema2_copy() {
  const std::string path = testing::temp_dir() + "/bilan.db";
  std::filesystem::copy_file(testing::source_path("tests/unit/store/archive-schema-2.db"), path);
  return path;
}

int user_version(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, nullptr);
  const int version = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
  sqlite3_finalize(q);
  sqlite3_close(db);
  return version;
}

TEST(ArchiveChain, AnArchiveOfSchema2IsMigratedItsEventsChainedAfterItsVersions) {
  const std::string path = schema2_copy();
  ASSERT_EQ(user_version(path), 2);
  {
    auto s = SqliteStore::open(path);
    const auto versions = s->versions();
    const auto events = s->events();
    ASSERT_EQ(versions.size(), 2u);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(versions[0].format, 1) << "their text and hash as written";
    EXPECT_EQ(versions[1].record_hash, kSchema2Head);
    EXPECT_EQ(events[0].format, 2);
    EXPECT_EQ(events[0].link, 3);
    EXPECT_EQ(events[0].prev_hash, kSchema2Head);
    EXPECT_EQ(events[0].prev_name, "version CLAS-69-2024-001@2");
    EXPECT_EQ(events[1].link, 4);
    EXPECT_EQ(events[1].prev_name, "validation n° 1 de CLAS-69-2024-001@1");
    const auto report = check_chain(versions, events, kSchema2Head);
    EXPECT_EQ(report.archive_problems, std::vector<std::string>{});
    EXPECT_EQ(report.version_problems, Problems{});
    EXPECT_EQ(report.receipt, 2) << "a receipt of before the migration still proves the same";
    EXPECT_EQ(s->head().hash, events[1].event_hash);
    const auto next = s->append_version(submission("B", "b1")).version;
    EXPECT_EQ(next.seq, 5);
    EXPECT_EQ(next.prev_hash, events[1].event_hash);
    EXPECT_EQ(next.prev_name, "validation n° 2 de CLAS-69-2024-001@2");
    EXPECT_EQ(check_chain(s->versions(), s->events(), kSchema2Head).archive_problems, std::vector<std::string>{});
  }
  EXPECT_EQ(user_version(path), 3);
  raw_sql(path, "UPDATE archive_events SET author = 'x'", false);  // the trigger is back
  raw_sql(path, std::string(kDropTriggers) + "DELETE FROM archive_events WHERE id = 1");
  auto s = SqliteStore::open(path);
  EXPECT_EQ(check_chain(s->versions(), s->events(), "").archive_problems,
            std::vector<std::string>{"validation n° 1 de CLAS-69-2024-001@1 supprimée (position 3 de la chaîne)"});
}

// An event altered before the migration is not chained (its hash would vouch
// for the change): left as it was, it is said altered.
TEST(ArchiveChain, AnEventOfSchema2AlteredBeforeTheMigrationIsSaidAltered) {
  const std::string path = schema2_copy();
  raw_sql(path, "DROP TRIGGER archive_events_no_update; UPDATE archive_events SET author = 'Quelqu’un d’autre' WHERE id = 1;"
                "CREATE TRIGGER archive_events_no_update BEFORE UPDATE ON archive_events BEGIN SELECT RAISE(ABORT, 'x'); END;");
  auto s = SqliteStore::open(path);
  const auto events = s->events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].format, 1);
  EXPECT_EQ(events[0].link, 0);
  EXPECT_EQ(events[1].link, 3);
  EXPECT_EQ(events[1].prev_name, "version CLAS-69-2024-001@2");
  const auto report = check_chain(s->versions(), s->events(), kSchema2Head);
  EXPECT_EQ(report.archive_problems, std::vector<std::string>{});
  EXPECT_EQ(report.version_problems, (Problems{{1, {"validation n° 1 altérée : son empreinte ne correspond plus"}}}));
}

}  // namespace
}  // namespace bilan::store

namespace bilan::store {
namespace {

// A place altered to the largest there is: one line for the run of places
// missing, no loop over them, and appending refuses to follow it.
TEST(ArchiveChain, APlaceFarAwayIsSaidWithoutCountingToIt) {
  const Chain c;
  const auto report = c.after("UPDATE archive_versions SET seq = 9223372036854775807 WHERE seq = 5;"
                              "UPDATE archive_files SET seq = 9223372036854775807 WHERE seq = 5");
  EXPECT_EQ(report.archive_problems,
            (std::vector<std::string>{"enregistrements manquants aux positions 7 à 9223372036854775805 de la chaîne",
                                      "enregistrement manquant à la position 9223372036854775806 de la chaîne"}));
  EXPECT_EQ(report.version_problems,
            (Problems{{9223372036854775807, {"déplacée : à la position 9223372036854775807 de la chaîne au lieu de 5"}}}));
  auto s = SqliteStore::open(c.path);
  EXPECT_THROW(s->append_version(submission("A", "a4")), IoError);
}

}  // namespace
}  // namespace bilan::store

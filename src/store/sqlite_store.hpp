// store/sqlite_store — Store in one SQLite file: WAL journal, a busy timeout
// for concurrent writers, every write one transaction, the schema versioned
// with PRAGMA user_version and migrated forward on open (docs/store.md).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "store/archive.hpp"
#include "store/store.hpp"

struct sqlite3;

namespace bilan::store {

// The schema version this build writes (docs/store.md lists each migration).
int schema_version();

// What a command may do with a database file that does not exist yet.
enum class OpenMode : std::uint8_t {
  Create,    // create it (store import, import-pdf --db, archive submit)
  Existing,  // it must exist: a command that only reads never creates one
};

class SqliteStore : public Store {
 public:
  // Opens the database, creating the file on first use (OpenMode::Create)
  // and migrating an older schema. Throws IoError (a French message naming
  // `path`) when check_file() refuses it, when it cannot be opened or was
  // written by a newer bilan.
  static std::unique_ptr<SqliteStore> open(const std::string& path, OpenMode mode = OpenMode::Create);
  // Before SQLite touches `path` (it would create PATH-journal beside
  // /dev/null, or report a text file as a damaged base): throws IoError
  // unless it is a readable regular file that starts as a SQLite database
  // does, or, with OpenMode::Create, an empty file or a missing name in a
  // writable folder. `missing_hint` ends the « base introuvable » message.
  static void check_file(const std::string& path, OpenMode mode, const std::string& missing_hint = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  void put(const std::vector<StoredAnswers>& records) override;
  std::unique_ptr<StoreWriter> writer() override;
  std::vector<ActionRecord> list(const ActionFilter& filter) const override;
  std::optional<StoredAnswers> get(const std::string& action) const override;

  // --- The archive (docs/store.md): append only, the code never updates or
  // deletes there and triggers refuse it.
  // Appends a version and replaces the action's current answers, in one
  // transaction: its number, place in the chain and hashes are set here,
  // under the write lock, so two submitters get distinct numbers. Nothing is
  // written when the action's last version has the same canonical answers and
  // facts (Appended::appended false).
  Appended append_version(Submission submission);
  // Versions in chain order (of one action when `action` is not empty).
  std::vector<ArchivedVersion> versions(const std::string& action = {}) const;
  std::optional<ArchivedVersion> version(const std::string& action, int number) const;
  std::optional<std::string> blob(const std::string& sha256) const;
  ArchiveEvent append_event(std::int64_t seq, const std::string& kind, const std::string& by, const std::string& at);
  // Events in order; of one version when `seq` is not 0.
  std::vector<ArchiveEvent> events(std::int64_t seq = 0) const;
  // The last record of the chain (version or event); kGenesis when the archive is empty.
  ArchiveHead head() const;
  // SQLite's own check of the file: "ok", or what it found.
  std::string integrity_check() const;

 private:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  // Throws IoError when the file is another program's SQLite base (tables,
  // no schema version of ours): its tables are not ours to add to.
  void refuse_foreign() const;
  void migrate();
  void begin_immediate();
  // `work` between BEGIN IMMEDIATE and COMMIT; rolled back, and the exception
  // passed on, when it throws.
  void write_transaction(const std::function<void()>& work);
  class Writer;
  // Inside a transaction begun by the caller (append_version).
  void put_rows(const std::vector<StoredAnswers>& records);
  std::vector<ArchivedVersion> read_versions(const char* where, const std::string& action, int number) const;
  // The last record of the chain: its place, hash and description (prev_name of the next).
  struct LastLink {
    std::int64_t position = 0;
    std::string hash = kGenesis;
    std::string description;
  };
  LastLink last_link() const;
  void chain_events();  // migration 3: the events already there become links, in their order
  void exec(const char* sql) const;
  void exec_waiting(const char* sql) const;  // exec(), trying again while another process has the base
  [[noreturn]] void fail(const std::string& what) const;
  std::map<std::string, std::string> facts_of(const std::string& action) const;

  sqlite3* db_;
  std::string path_;
};

namespace detail {
// Why SQLite failed, in French, from its result code (and, for the disk, the
// system's errno): sqlite3_errmsg() answers in English (« file is not a
// database »). `code` is a primary or extended result code.
std::string sqlite_reason(int code, int system_errno = 0);
}  // namespace detail

}  // namespace bilan::store

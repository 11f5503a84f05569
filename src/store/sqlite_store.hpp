// store/sqlite_store — Store in one SQLite file: WAL journal, a busy timeout
// for concurrent writers, every write one transaction, the schema versioned
// with PRAGMA user_version and migrated forward on open (docs/store.md).
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

struct sqlite3;

namespace bilan::store {

// The schema version this build writes (docs/store.md lists each migration).
int schema_version();

class SqliteStore : public Store {
 public:
  // Opens the database, creating the file on first use and migrating an
  // older schema. Throws IoError (a French message naming `path`) when it
  // cannot be opened or was written by a newer bilan.
  static std::unique_ptr<SqliteStore> open(const std::string& path);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  void put(const std::vector<StoredAnswers>& records) override;
  std::vector<ActionRecord> list(const ActionFilter& filter) const override;
  std::optional<StoredAnswers> get(const std::string& action) const override;

 private:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void migrate();
  void exec(const char* sql) const;
  [[noreturn]] void fail(const std::string& what) const;
  std::map<std::string, std::string> facts_of(const std::string& action) const;

  sqlite3* db_;
  std::string path_;
};

}  // namespace bilan::store

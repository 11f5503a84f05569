// store/store — the answers store: actions (id, structure, department, form,
// school year, the Caf's own facts about them) and their current answers.
// An interface, so that a server database can be added later without
// touching the commands; SqliteStore (store/sqlite_store.hpp) is the
// embedded default. Schema and migrations: docs/store.md.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bilan::store {

struct ActionRecord {
  std::string id;          // the key: the answer file's action attribute
  std::string structure;   // the « structure » answer, when given
  std::string department;  // code, may be empty
  std::string form;        // form id
  std::string school_year; // the form's school year (« 2024-2025 »)
  // The Caf's facts about the action, that rules read as action.NAME
  // (rural, collectifs_notifies…): name → value as written.
  std::map<std::string, std::string> facts;
};

// An action and its current answers: the answer file's bytes as imported.
struct StoredAnswers {
  ActionRecord action;
  std::string source;  // where they came from (file name), for messages
  std::string bytes;   // answer XML (docs/answers.md)
  std::string sha256;  // of `bytes`, hex
};

// Which actions a command works on; empty members do not filter.
struct ActionFilter {
  std::string department;
  std::string form;
  std::vector<std::string> actions;
};

// Records written one at a time inside one transaction, so that an import of
// 100,000 rows never holds them all: what is put between begin_file() and
// keep_file() is kept, drop_file() forgets it (a file refused after some of
// its rows were put). Nothing is written unless commit() is called; the
// write lock is held from Store::writer() to commit() or destruction.
class StoreWriter {
 public:
  virtual ~StoreWriter() = default;
  // Replaces the earlier answers and facts of the record's action.
  virtual void put(const StoredAnswers& record) = 0;
  virtual void begin_file() = 0;
  virtual void keep_file() = 0;
  virtual void drop_file() = 0;
  virtual void commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Writes every record in one transaction: all of them or none. A record
  // replaces the earlier answers and facts of its action.
  virtual void put(const std::vector<StoredAnswers>& records) = 0;
  // A transaction open for writing records one at a time (StoreWriter).
  virtual std::unique_ptr<StoreWriter> writer() = 0;
  // Actions matching `filter`, sorted by id.
  virtual std::vector<ActionRecord> list(const ActionFilter& filter) const = 0;
  // One action and its answers; nullopt when unknown.
  virtual std::optional<StoredAnswers> get(const std::string& action) const = 0;
};

}  // namespace bilan::store

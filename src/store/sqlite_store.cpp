#include "store/sqlite_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "core/environment.hpp"
#include "core/error.hpp"
#include "store/statement.hpp"

namespace bilan::store {
namespace {

using detail::Statement;

// Migration N takes the schema from version N-1 to N. Append only: a
// released migration is never edited (docs/store.md).
const char* const kMigrations[] = {
    // 1: actions, their facts, their current answers.
    "CREATE TABLE actions ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
    "  structure TEXT NOT NULL DEFAULT '',"
    "  department TEXT NOT NULL DEFAULT '',"
    "  form TEXT NOT NULL CHECK (form <> ''),"
    "  school_year TEXT NOT NULL DEFAULT ''"
    ") WITHOUT ROWID;"
    "CREATE INDEX actions_department_form ON actions(department, form);"
    "CREATE TABLE action_facts ("
    "  action TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (action, name)"
    ") WITHOUT ROWID;"
    "CREATE TABLE answers ("
    "  action TEXT PRIMARY KEY NOT NULL REFERENCES actions(id) ON DELETE CASCADE,"
    "  source TEXT NOT NULL,"
    "  bytes BLOB NOT NULL,"
    "  sha256 TEXT NOT NULL"
    ") WITHOUT ROWID;",
    // 2: the archive of submitted bilans, append only (docs/store.md).
    "CREATE TABLE archive_blobs ("
    "  sha256 TEXT PRIMARY KEY NOT NULL,"
    "  bytes BLOB NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE TABLE archive_versions ("
    "  seq INTEGER PRIMARY KEY CHECK (seq > 0),"
    "  action TEXT NOT NULL CHECK (action <> ''),"
    "  number INTEGER NOT NULL CHECK (number > 0),"
    "  form TEXT NOT NULL,"
    "  department TEXT NOT NULL,"
    "  structure TEXT NOT NULL,"
    "  submitted_at TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  answers_sha256 TEXT NOT NULL,"
    "  canonical_sha256 TEXT NOT NULL,"
    "  pdf_sha256 TEXT NOT NULL,"
    "  fingerprint TEXT NOT NULL,"
    "  engine TEXT NOT NULL,"
    "  fonts TEXT NOT NULL,"
    "  layout_dirs TEXT NOT NULL,"
    "  srgb_profile TEXT NOT NULL,"
    "  facts TEXT NOT NULL,"
    "  prev_hash TEXT NOT NULL UNIQUE,"
    "  record_hash TEXT NOT NULL UNIQUE,"
    "  UNIQUE (action, number)"
    ");"
    "CREATE TABLE archive_files ("
    "  seq INTEGER NOT NULL REFERENCES archive_versions(seq),"
    "  path TEXT NOT NULL,"
    "  role TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  PRIMARY KEY (seq, path)"
    ") WITHOUT ROWID;"
    "CREATE TABLE archive_events ("
    "  id INTEGER PRIMARY KEY CHECK (id > 0),"
    "  seq INTEGER NOT NULL REFERENCES archive_versions(seq),"
    "  kind TEXT NOT NULL,"
    "  author TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  version_hash TEXT NOT NULL,"
    "  event_hash TEXT NOT NULL"
    ");"
    "CREATE TRIGGER archive_blobs_no_update BEFORE UPDATE ON archive_blobs BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;"
    "CREATE TRIGGER archive_blobs_no_delete BEFORE DELETE ON archive_blobs BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;"
    "CREATE TRIGGER archive_versions_no_update BEFORE UPDATE ON archive_versions BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;"
    "CREATE TRIGGER archive_versions_no_delete BEFORE DELETE ON archive_versions BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;"
    "CREATE TRIGGER archive_files_no_update BEFORE UPDATE ON archive_files BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;"
    "CREATE TRIGGER archive_files_no_delete BEFORE DELETE ON archive_files BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;"
    "CREATE TRIGGER archive_events_no_update BEFORE UPDATE ON archive_events BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;"
    "CREATE TRIGGER archive_events_no_delete BEFORE DELETE ON archive_events BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;",
    // 3: events are links of the chain too, and each record describes the one
    // before it (docs/store.md); chain_events() then chains the events already
    // there and puts back the trigger dropped here.
    "ALTER TABLE archive_versions ADD COLUMN format INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE archive_versions ADD COLUMN prev_name TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE archive_events ADD COLUMN format INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE archive_events ADD COLUMN link INTEGER CHECK (link > 0);"
    "ALTER TABLE archive_events ADD COLUMN prev_name TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE archive_events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX archive_events_link ON archive_events(link);"
    "DROP TRIGGER archive_events_no_update;",
};
constexpr int kEventsChained = 3;  // the migration after which chain_events() runs
constexpr int kVersion = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

}  // namespace

int schema_version() { return kVersion; }

void SqliteStore::check_file(const std::string& path, OpenMode mode, const std::string& missing_hint) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err != ENOENT) throw IoError(path + " : base inaccessible (" + system_reason(err) + ")");
    if (mode == OpenMode::Existing)
      throw IoError(path + " : base introuvable" + (missing_hint.empty() ? "" : " (" + missing_hint + ")"));
    // A new file, with its journals beside it: the folder must take files.
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    const std::string dir = parent.empty() ? "." : parent.string();
    struct stat ds {};
    if (::stat(dir.c_str(), &ds) != 0)
      throw IoError(path + " : création de la base impossible : le dossier « " + dir + " » " +
                    (errno == ENOENT ? std::string("n’existe pas") : "est inaccessible (" + system_reason(errno) + ")"));
    if (!S_ISDIR(ds.st_mode)) throw IoError(path + " : création de la base impossible : « " + dir + " » n’est pas un dossier");
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
      throw IoError(path + " : création de la base impossible dans le dossier « " + dir + " » (" + system_reason(errno) + ")");
    return;
  }
  if (S_ISDIR(st.st_mode)) throw IoError(path + " : c’est un dossier ; indiquez le fichier de la base, par exemple --db bilan.db");
  if (!S_ISREG(st.st_mode))
    throw IoError(path + " : ce n’est pas un fichier ordinaire (périphérique, tube ou socket) : ce ne peut pas être une base");
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw IoError(path + " : lecture de la base impossible (" + system_reason(errno) + ")");
  char header[16];
  ssize_t n;
  do n = ::read(fd, header, sizeof header);
  while (n < 0 && errno == EINTR);
  const int err = errno;
  ::close(fd);
  if (n < 0) throw IoError(path + " : lecture de la base impossible (" + system_reason(err) + ")");
  if (n == 0 && mode == OpenMode::Create) return;  // SQLite makes an empty file a new database
  if (n == 0) throw IoError(path + " : ce n’est pas une base SQLite (fichier vide)");
  if (n != sizeof header || std::memcmp(header, "SQLite format 3", sizeof header) != 0)
    throw IoError(path + " : ce n’est pas une base SQLite (ni une base de bilan)");
}

namespace detail {

std::string sqlite_reason(int code, int system_errno) {
  switch (code & 0xFF) {
    case SQLITE_OK: return "aucune erreur";
    case SQLITE_BUSY: return "la base est occupée par un autre programme";
    case SQLITE_LOCKED: return "la base est verrouillée";
    case SQLITE_NOMEM: return "mémoire épuisée";
    case SQLITE_READONLY: return "la base est en lecture seule";
    case SQLITE_INTERRUPT: return "opération interrompue";
    case SQLITE_IOERR:
      return system_errno ? "erreur du disque : " + system_reason(system_errno) : "erreur d’entrée-sortie du disque";
    case SQLITE_CORRUPT: return "la base est endommagée";
    case SQLITE_FULL: return "plus de place sur le disque";
    case SQLITE_CANTOPEN:
      return system_errno ? "ouverture impossible : " + system_reason(system_errno) : "ouverture impossible";
    case SQLITE_PROTOCOL: return "verrouillage de la base impossible";
    case SQLITE_SCHEMA: return "le schéma a changé pendant la lecture";
    case SQLITE_TOOBIG: return "donnée trop grande";
    case SQLITE_CONSTRAINT: return "contrainte de la base non respectée";
    case SQLITE_MISMATCH: return "type de donnée inattendu";
    case SQLITE_MISUSE: return "usage incorrect de SQLite";
    case SQLITE_NOLFS: return "fichier trop grand pour ce système";
    case SQLITE_AUTH:
    case SQLITE_PERM: return "accès refusé";
    case SQLITE_RANGE: return "paramètre hors limites";
    case SQLITE_NOTADB: return "ce n’est pas une base SQLite";
    default: return "erreur SQLite n° " + std::to_string(code);
  }
}

}  // namespace detail

namespace {
std::string reason_of(sqlite3* db) {
  return detail::sqlite_reason(sqlite3_extended_errcode(db), sqlite3_system_errno(db));
}
}  // namespace

std::unique_ptr<SqliteStore> SqliteStore::open(const std::string& path, OpenMode mode) {
  check_file(path, mode);
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == OpenMode::Create ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db ? reason_of(db) : detail::sqlite_reason(rc);
    sqlite3_close(db);
    throw IoError(path + " : ouverture de la base impossible (" + why + ")");
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db, path));
  // Another writer holds the lock for a moment: wait for it rather than fail.
  sqlite3_busy_timeout(db, 10000);
  store->exec("PRAGMA foreign_keys = ON");
  store->refuse_foreign();
  store->exec_waiting("PRAGMA journal_mode = WAL");
  store->exec("PRAGMA synchronous = NORMAL");
  store->migrate();
  return store;
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

void SqliteStore::fail(const std::string& what) const {
  throw IoError(path_ + " : " + what + " (" + reason_of(db_) + ")");
}

void SqliteStore::exec(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = reason_of(db_);
    sqlite3_free(error);
    throw IoError(path_ + " : base inutilisable (" + why + ")");
  }
}

void SqliteStore::exec_waiting(const char* sql) const {
  // Switching a new database to WAL needs it to itself, and SQLite answers
  // SQLITE_BUSY there without asking the busy handler when another process
  // is opening the same new file: wait and try again, up to the busy timeout.
  for (int waited_ms = 0;; waited_ms += 10) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
    const std::string why = error ? error : "erreur inconnue";
    sqlite3_free(error);
    if (rc == SQLITE_OK) return;
    if ((rc & 0xFF) != SQLITE_BUSY && (rc & 0xFF) != SQLITE_LOCKED) throw IoError(path_ + " : base inutilisable (" + why + ")");
    if (waited_ms >= 10000) throw IoError(path_ + " : base inutilisable (" + why + ")");
    sqlite3_sleep(10);
  }
}

void SqliteStore::refuse_foreign() const {
  // Read before anything is written (even the switch to WAL changes the file).
  Statement q(db_, "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)");
  if (!q.ok() || q.step() != SQLITE_ROW) fail("schéma illisible");
  if (q.integer(0) == 0 && q.integer(1) > 0) throw IoError(path_ + " : base SQLite d’un autre programme, pas une base de bilan");
}

void SqliteStore::migrate() {
  // BEGIN IMMEDIATE: two first uses at once do not both create the tables.
  write_transaction([&] {
    Statement q(db_, "PRAGMA user_version");
    if (!q.ok() || q.step() != SQLITE_ROW) fail("version du schéma illisible");
    const int version = q.integer(0);
    if (version > kVersion)
      throw IoError(path_ + " : base écrite par une version plus récente de bilan (schéma " + std::to_string(version) +
                    ", celle-ci connaît le " + std::to_string(kVersion) + ")");
    for (int v = version; v < kVersion; ++v) {
      exec(kMigrations[v]);
      if (v + 1 == kEventsChained) chain_events();
      exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    }
  });
}


void SqliteStore::write_transaction(const std::function<void()>& work) {
  begin_immediate();
  try {
    work();
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void SqliteStore::begin_immediate() {
  // The busy timeout waits up to 10 s for another writer; a writer that keeps
  // the lock longer (a slow disk, many submitters) gets a few more tries.
  for (int attempt = 1;; ++attempt) {
    const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt == 5) fail("base occupée ou inutilisable");
  }
}

namespace {

// The four statements of a put, prepared once for every record of a transaction.
class PutStatements {
 public:
  explicit PutStatements(sqlite3* db)
      : del_facts_(db, "DELETE FROM action_facts WHERE action = ?1"),
        upsert_(db,
                "INSERT INTO actions(id, structure, department, form, school_year) VALUES (?1, ?2, ?3, ?4, ?5) "
                "ON CONFLICT(id) DO UPDATE SET structure = excluded.structure, department = excluded.department, "
                "form = excluded.form, school_year = excluded.school_year"),
        fact_(db, "INSERT INTO action_facts(action, name, value) VALUES (?1, ?2, ?3)"),
        answers_(db, "INSERT OR REPLACE INTO answers(action, source, bytes, sha256) VALUES (?1, ?2, ?3, ?4)") {}
  bool ok() const { return del_facts_.ok() && upsert_.ok() && fact_.ok() && answers_.ok(); }

  // The failure's French message, or empty.
  std::string put(const StoredAnswers& r) {
    const ActionRecord& a = r.action;
    upsert_.bind(1, a.id);
    upsert_.bind(2, a.structure);
    upsert_.bind(3, a.department);
    upsert_.bind(4, a.form);
    upsert_.bind(5, a.school_year);
    const int upserted = upsert_.step();
    upsert_.reset();
    if (upserted != SQLITE_DONE) return "écriture de l’action « " + a.id + " » impossible";
    del_facts_.bind(1, a.id);
    const int deleted = del_facts_.step();
    del_facts_.reset();
    if (deleted != SQLITE_DONE) return "écriture de l’action « " + a.id + " » impossible";
    for (const auto& [name, value] : a.facts) {
      fact_.bind(1, a.id);
      fact_.bind(2, name);
      fact_.bind(3, value);
      const int put = fact_.step();
      fact_.reset();
      if (put != SQLITE_DONE) return "écriture de l’action « " + a.id + " » impossible";
    }
    answers_.bind(1, a.id);
    answers_.bind(2, r.source);
    answers_.bind_blob(3, r.bytes);
    answers_.bind(4, r.sha256);
    const int written = answers_.step();
    answers_.reset();
    if (written != SQLITE_DONE) return "écriture des réponses de « " + a.id + " » impossible";
    return {};
  }

 private:
  Statement del_facts_, upsert_, fact_, answers_;
};

}  // namespace

class SqliteStore::Writer : public StoreWriter {
 public:
  explicit Writer(SqliteStore& store) : store_(store), statements_((store.begin_immediate(), store.db_)) {
    if (!statements_.ok()) {
      rollback();
      store_.fail("écriture impossible");
    }
  }
  ~Writer() override {
    if (!done_) rollback();
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void put(const StoredAnswers& record) override {
    if (const std::string error = statements_.put(record); !error.empty()) store_.fail(error);
  }
  void begin_file() override { store_.exec("SAVEPOINT file"); }
  void keep_file() override { store_.exec("RELEASE file"); }
  void drop_file() override {
    store_.exec("ROLLBACK TO file");
    store_.exec("RELEASE file");
  }
  void commit() override {
    store_.exec("COMMIT");
    done_ = true;
  }

 private:
  void rollback() {
    sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
    done_ = true;
  }

  SqliteStore& store_;
  PutStatements statements_;
  bool done_ = false;
};

std::unique_ptr<StoreWriter> SqliteStore::writer() { return std::make_unique<Writer>(*this); }

void SqliteStore::put_rows(const std::vector<StoredAnswers>& records) {
  PutStatements statements(db_);
  if (!statements.ok()) fail("écriture impossible");
  for (const auto& r : records)
    if (const std::string error = statements.put(r); !error.empty()) fail(error);
}

void SqliteStore::put(const std::vector<StoredAnswers>& records) {
  Writer w(*this);
  for (const auto& r : records) w.put(r);
  w.commit();
}

std::map<std::string, std::string> SqliteStore::facts_of(const std::string& action) const {
  std::map<std::string, std::string> out;
  Statement q(db_, "SELECT name, value FROM action_facts WHERE action = ?1 ORDER BY name");
  if (!q.ok()) fail("lecture impossible");
  q.bind(1, action);
  while (q.step() == SQLITE_ROW) out[q.text(0)] = q.text(1);
  return out;
}

std::vector<ActionRecord> SqliteStore::list(const ActionFilter& filter) const {
  Statement q(db_,
              "SELECT id, structure, department, form, school_year FROM actions "
              "WHERE (?1 = '' OR department = ?1) AND (?2 = '' OR form = ?2) ORDER BY id");
  if (!q.ok()) fail("lecture impossible");
  q.bind(1, filter.department);
  q.bind(2, filter.form);
  std::vector<ActionRecord> out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    ActionRecord a{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), {}};
    if (!filter.actions.empty()) {
      bool wanted = false;
      for (const auto& id : filter.actions) wanted = wanted || id == a.id;
      if (!wanted) continue;
    }
    out.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) fail("lecture impossible");
  for (auto& a : out) a.facts = facts_of(a.id);
  return out;
}

std::optional<StoredAnswers> SqliteStore::get(const std::string& action) const {
  Statement q(db_,
              "SELECT a.id, a.structure, a.department, a.form, a.school_year, r.source, r.bytes, r.sha256 "
              "FROM actions a JOIN answers r ON r.action = a.id WHERE a.id = ?1");
  if (!q.ok()) fail("lecture impossible");
  q.bind(1, action);
  const int rc = q.step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) fail("lecture impossible");
  StoredAnswers out;
  out.action = {q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), facts_of(action)};
  out.source = q.text(5);
  out.bytes = q.text(6);
  out.sha256 = q.text(7);
  return out;
}

}  // namespace bilan::store

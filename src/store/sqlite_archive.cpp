// SqliteStore's archive (docs/store.md): versions, blobs, events, append only.
#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include "core/error.hpp"
#include "store/statement.hpp"

namespace bilan::store {
namespace {

using detail::Statement;

std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += s + "\n";
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) out.push_back(text.substr(start, nl - start));
  return out;
}

// Facts as NAME=VALUE lines; a value is one line (answer-file attributes).
std::string facts_text(const std::map<std::string, std::string>& facts) {
  std::string out;
  for (const auto& [name, value] : facts) out += name + "=" + value + "\n";
  return out;
}

std::map<std::string, std::string> parse_facts(const std::string& text) {
  std::map<std::string, std::string> out;
  for (const auto& line : split_lines(text))
    if (const std::size_t eq = line.find('='); eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  return out;
}

constexpr const char* kVersionColumns =
    "seq, action, number, form, department, structure, submitted_at, source, answers_sha256, canonical_sha256, "
    "pdf_sha256, fingerprint, engine, fonts, layout_dirs, srgb_profile, facts, prev_hash, record_hash";

}  // namespace

ArchivedVersion SqliteStore::append_version(Submission submission) {
  ArchivedVersion& v = submission.version;
  // A submission acknowledged survives a power loss too (the store's other
  // writes keep NORMAL: they can be imported again).
  exec("PRAGMA synchronous = FULL");
  write_transaction([&] {
    {
      Statement last(db_, "SELECT seq, record_hash FROM archive_versions ORDER BY seq DESC LIMIT 1");
      if (!last.ok()) fail("lecture de l’archive impossible");
      const int rc = last.step();
      if (rc == SQLITE_ROW) {
        v.seq = last.int64(0) + 1;
        v.prev_hash = last.text(1);
      } else if (rc == SQLITE_DONE) {
        v.seq = 1;
        v.prev_hash = kGenesis;
      } else {
        fail("lecture de l’archive impossible");
      }
      Statement number(db_, "SELECT COALESCE(MAX(number), 0) FROM archive_versions WHERE action = ?1");
      if (!number.ok()) fail("lecture de l’archive impossible");
      number.bind(1, v.action);
      if (number.step() != SQLITE_ROW) fail("lecture de l’archive impossible");
      v.number = number.integer(0) + 1;
    }
    v.record_hash = record_hash(v);

    Statement blob(db_, "INSERT OR IGNORE INTO archive_blobs(sha256, bytes) VALUES (?1, ?2)");
    if (!blob.ok()) fail("écriture de l’archive impossible");
    for (const auto& [sha, bytes] : submission.blobs) {
      blob.bind(1, sha);
      blob.bind_blob(2, bytes);
      if (blob.step() != SQLITE_DONE) fail("écriture de l’archive impossible");
      blob.reset();
    }
    Statement row(db_, (std::string("INSERT INTO archive_versions(") + kVersionColumns +
                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)")
                           .c_str());
    if (!row.ok()) fail("écriture de l’archive impossible");
    row.bind_int(1, v.seq);
    row.bind(2, v.action);
    row.bind_int(3, v.number);
    row.bind(4, v.form);
    row.bind(5, v.department);
    row.bind(6, v.structure);
    row.bind(7, v.submitted_at);
    row.bind(8, v.source);
    row.bind(9, v.answers_sha256);
    row.bind(10, v.canonical_sha256);
    row.bind(11, v.pdf_sha256);
    row.bind(12, v.fingerprint);
    row.bind(13, v.engine);
    row.bind(14, v.fonts);
    row.bind(15, join_lines(v.layout_dirs));
    row.bind(16, v.srgb_profile);
    row.bind(17, facts_text(v.facts));
    row.bind(18, v.prev_hash);
    row.bind(19, v.record_hash);
    if (row.step() != SQLITE_DONE) fail("écriture de la version " + v.name() + " impossible");
    Statement file(db_, "INSERT INTO archive_files(seq, path, role, sha256) VALUES (?1, ?2, ?3, ?4)");
    if (!file.ok()) fail("écriture de l’archive impossible");
    for (const auto& f : v.files) {
      file.bind_int(1, v.seq);
      file.bind(2, f.path);
      file.bind(3, f.role);
      file.bind(4, f.sha256);
      if (file.step() != SQLITE_DONE) fail("écriture de la version " + v.name() + " impossible");
      file.reset();
    }
    put_rows({submission.current});
  });
  return v;
}

std::vector<ArchivedVersion> SqliteStore::read_versions(const char* where, const std::string& action, int number) const {
  Statement q(db_, (std::string("SELECT ") + kVersionColumns + " FROM archive_versions " + where + " ORDER BY seq").c_str());
  if (!q.ok()) fail("lecture de l’archive impossible");
  q.bind(1, action);
  q.bind_int(2, number);
  std::vector<ArchivedVersion> out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    ArchivedVersion v;
    v.seq = q.int64(0);
    v.action = q.text(1);
    v.number = q.integer(2);
    v.form = q.text(3);
    v.department = q.text(4);
    v.structure = q.text(5);
    v.submitted_at = q.text(6);
    v.source = q.text(7);
    v.answers_sha256 = q.text(8);
    v.canonical_sha256 = q.text(9);
    v.pdf_sha256 = q.text(10);
    v.fingerprint = q.text(11);
    v.engine = q.text(12);
    v.fonts = q.text(13);
    v.layout_dirs = split_lines(q.text(14));
    v.srgb_profile = q.text(15);
    v.facts = parse_facts(q.text(16));
    v.prev_hash = q.text(17);
    v.record_hash = q.text(18);
    out.push_back(std::move(v));
  }
  if (rc != SQLITE_DONE) fail("lecture de l’archive impossible");
  Statement files(db_, "SELECT path, role, sha256 FROM archive_files WHERE seq = ?1 ORDER BY path");
  if (!files.ok()) fail("lecture de l’archive impossible");
  for (auto& v : out) {
    files.bind_int(1, v.seq);
    while ((rc = files.step()) == SQLITE_ROW) v.files.push_back({files.text(0), files.text(1), files.text(2)});
    if (rc != SQLITE_DONE) fail("lecture de l’archive impossible");
    files.reset();
  }
  return out;
}

std::vector<ArchivedVersion> SqliteStore::versions(const std::string& action) const {
  return read_versions("WHERE ?1 = '' OR action = ?1", action, 0);
}

std::optional<ArchivedVersion> SqliteStore::version(const std::string& action, int number) const {
  auto found = read_versions("WHERE action = ?1 AND number = ?2", action, number);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<std::string> SqliteStore::blob(const std::string& sha256) const {
  Statement q(db_, "SELECT bytes FROM archive_blobs WHERE sha256 = ?1");
  if (!q.ok()) fail("lecture de l’archive impossible");
  q.bind(1, sha256);
  const int rc = q.step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) fail("lecture de l’archive impossible");
  return q.text(0);
}

ArchiveEvent SqliteStore::append_event(std::int64_t seq, const std::string& kind, const std::string& by, const std::string& at) {
  ArchiveEvent e;
  e.seq = seq;
  e.kind = kind;
  e.by = by;
  e.at = at;
  exec("PRAGMA synchronous = FULL");
  write_transaction([&] {
    Statement version(db_, "SELECT record_hash FROM archive_versions WHERE seq = ?1");
    Statement next(db_, "SELECT COALESCE(MAX(id), 0) + 1 FROM archive_events");
    if (!version.ok() || !next.ok()) fail("lecture de l’archive impossible");
    version.bind_int(1, seq);
    if (version.step() != SQLITE_ROW) fail("version inconnue");
    e.version_hash = version.text(0);
    if (next.step() != SQLITE_ROW) fail("lecture de l’archive impossible");
    e.id = next.int64(0);
    e.event_hash = event_hash(e);
    Statement insert(db_,
                     "INSERT INTO archive_events(id, seq, kind, author, at, version_hash, event_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert.ok()) fail("écriture de l’archive impossible");
    insert.bind_int(1, e.id);
    insert.bind_int(2, e.seq);
    insert.bind(3, e.kind);
    insert.bind(4, e.by);
    insert.bind(5, e.at);
    insert.bind(6, e.version_hash);
    insert.bind(7, e.event_hash);
    if (insert.step() != SQLITE_DONE) fail("écriture de l’archive impossible");
  });
  return e;
}

std::vector<ArchiveEvent> SqliteStore::events(std::int64_t seq) const {
  Statement q(db_,
              "SELECT id, seq, kind, author, at, version_hash, event_hash FROM archive_events WHERE ?1 = 0 OR seq = ?1 ORDER BY id");
  if (!q.ok()) fail("lecture de l’archive impossible");
  q.bind_int(1, seq);
  std::vector<ArchiveEvent> out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW)
    out.push_back({q.int64(0), q.int64(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)});
  if (rc != SQLITE_DONE) fail("lecture de l’archive impossible");
  return out;
}

std::string SqliteStore::head() const {
  Statement q(db_, "SELECT record_hash FROM archive_versions ORDER BY seq DESC LIMIT 1");
  if (!q.ok()) fail("lecture de l’archive impossible");
  const int rc = q.step();
  if (rc == SQLITE_DONE) return kGenesis;
  if (rc != SQLITE_ROW) fail("lecture de l’archive impossible");
  return q.text(0);
}

std::string SqliteStore::integrity_check() const {
  Statement q(db_, "PRAGMA integrity_check");
  if (!q.ok()) return sqlite3_errmsg(db_);
  std::string out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) out += (out.empty() ? "" : "; ") + q.text(0);
  if (rc != SQLITE_DONE) return sqlite3_errmsg(db_);
  return out;
}

}  // namespace bilan::store

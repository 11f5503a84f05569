// SqliteStore's archive (docs/store.md): versions, blobs, events, append only.
#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include <limits>

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
    "pdf_sha256, fingerprint, engine, fonts, layout_dirs, srgb_profile, facts, prev_hash, record_hash, format, prev_name";

constexpr const char* kEventColumns =
    "e.id, e.seq, e.kind, e.author, e.at, e.version_hash, e.event_hash, e.format, COALESCE(e.link, 0), e.prev_name, e.prev_hash";

ArchiveEvent read_event(const Statement& q) {
  ArchiveEvent e;
  e.id = q.int64(0);
  e.seq = q.int64(1);
  e.kind = q.text(2);
  e.by = q.text(3);
  e.at = q.text(4);
  e.version_hash = q.text(5);
  e.event_hash = q.text(6);
  e.format = q.integer(7);
  e.link = q.int64(8);
  e.prev_name = q.text(9);
  e.prev_hash = q.text(10);
  return e;
}

}  // namespace

SqliteStore::LastLink SqliteStore::last_link() const {
  LastLink out;
  // Two lookups by index rather than one over both tables: appending stays
  // as fast with a long archive.
  Statement version(db_, "SELECT seq, record_hash, action, number FROM archive_versions ORDER BY seq DESC LIMIT 1");
  Statement event(db_,
                  "SELECT e.link, e.event_hash, e.kind, e.id, v.action, v.number FROM archive_events e "
                  "LEFT JOIN archive_versions v ON v.seq = e.seq WHERE e.link IS NOT NULL ORDER BY e.link DESC LIMIT 1");
  if (!version.ok() || !event.ok()) fail("lecture de l’archive impossible");
  int rc = version.step();
  if (rc == SQLITE_ROW) {
    out.position = version.int64(0);
    out.hash = version.text(1);
    out.description = version_description(version.text(2) + "@" + std::to_string(version.int64(3)));
  } else if (rc != SQLITE_DONE) {
    fail("lecture de l’archive impossible");
  }
  rc = event.step();
  if (rc == SQLITE_ROW && event.int64(0) > out.position) {
    out.position = event.int64(0);
    out.hash = event.text(1);
    out.description = event_description(event.text(2), event.int64(3), event.text(4) + "@" + std::to_string(event.int64(5)));
  } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    fail("lecture de l’archive impossible");
  }
  // A place no append can follow: written by no bilan (verify says where).
  if (out.position > std::numeric_limits<std::int64_t>::max() / 2)
    fail("chaîne de l’archive altérée : position " + std::to_string(out.position) + " (voir bilan archive verify)");
  return out;
}

void SqliteStore::chain_events() {
  // Written before events were links: the versions alone were chained, so
  // the events follow the last version, in their order. An event whose hash
  // no longer matches its text is left out (format 1): verify says it altered.
  LastLink last = last_link();
  std::vector<std::pair<ArchiveEvent, std::string>> events;  // and the name of their version
  {
    Statement q(db_, (std::string("SELECT ") + kEventColumns +
                      ", v.action, v.number FROM archive_events e LEFT JOIN archive_versions v ON v.seq = e.seq ORDER BY e.id")
                         .c_str());
    if (!q.ok()) fail("lecture de l’archive impossible");
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) events.emplace_back(read_event(q), q.text(11) + "@" + std::to_string(q.int64(12)));
    if (rc != SQLITE_DONE) fail("lecture de l’archive impossible");
  }
  Statement update(db_, "UPDATE archive_events SET format = 2, link = ?1, prev_name = ?2, prev_hash = ?3, event_hash = ?4 WHERE id = ?5");
  if (!update.ok()) fail("migration de l’archive impossible");
  for (auto& [e, version] : events) {
    if (event_hash(e) != e.event_hash) continue;
    e.format = 2;
    e.link = ++last.position;
    e.prev_name = last.description;
    e.prev_hash = last.hash;
    e.event_hash = event_hash(e);
    update.bind_int(1, e.link);
    update.bind(2, e.prev_name);
    update.bind(3, e.prev_hash);
    update.bind(4, e.event_hash);
    update.bind_int(5, e.id);
    if (update.step() != SQLITE_DONE) fail("migration de l’archive impossible");
    update.reset();
    last.hash = e.event_hash;
    last.description = event_description(e.kind, e.id, version);
  }
  exec("CREATE TRIGGER archive_events_no_update BEFORE UPDATE ON archive_events BEGIN SELECT RAISE(ABORT, 'archive en ajout seul'); END;");
}

Appended SqliteStore::append_version(Submission submission) {
  ArchivedVersion& v = submission.version;
  bool appended = true;
  // A submission acknowledged survives a power loss too (the store's other
  // writes keep NORMAL: they can be imported again).
  exec("PRAGMA synchronous = FULL");
  write_transaction([&] {
    {
      // The same answers again: nothing to keep (read under the write lock,
      // so two identical submitters at once append one version).
      Statement current(db_, "SELECT number, canonical_sha256, facts FROM archive_versions WHERE action = ?1 ORDER BY number DESC LIMIT 1");
      if (!current.ok()) fail("lecture de l’archive impossible");
      current.bind(1, v.action);
      const int rc = current.step();
      if (rc == SQLITE_ROW && current.text(1) == v.canonical_sha256 && current.text(2) == facts_text(v.facts)) {
        v = read_versions("WHERE action = ?1 AND number = ?2", v.action, current.integer(0)).at(0);
        appended = false;
        return;
      }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail("lecture de l’archive impossible");
      v.number = rc == SQLITE_ROW ? current.integer(0) + 1 : 1;
    }
    const LastLink last = last_link();
    v.format = 2;
    v.seq = last.position + 1;
    v.prev_hash = last.hash;
    v.prev_name = last.description;
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
                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)")
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
    row.bind_int(20, v.format);
    row.bind(21, v.prev_name);
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
  return {std::move(v), appended};
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
    v.format = q.integer(19);
    v.prev_name = q.text(20);
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
    const LastLink last = last_link();
    e.format = 2;
    e.link = last.position + 1;
    e.prev_name = last.description;
    e.prev_hash = last.hash;
    e.event_hash = event_hash(e);
    Statement insert(db_,
                     "INSERT INTO archive_events(id, seq, kind, author, at, version_hash, event_hash, format, link, prev_name, prev_hash) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!insert.ok()) fail("écriture de l’archive impossible");
    insert.bind_int(1, e.id);
    insert.bind_int(2, e.seq);
    insert.bind(3, e.kind);
    insert.bind(4, e.by);
    insert.bind(5, e.at);
    insert.bind(6, e.version_hash);
    insert.bind(7, e.event_hash);
    insert.bind_int(8, e.format);
    insert.bind_int(9, e.link);
    insert.bind(10, e.prev_name);
    insert.bind(11, e.prev_hash);
    if (insert.step() != SQLITE_DONE) fail("écriture de l’archive impossible");
  });
  return e;
}

std::vector<ArchiveEvent> SqliteStore::events(std::int64_t seq) const {
  Statement q(db_, (std::string("SELECT ") + kEventColumns + " FROM archive_events e WHERE ?1 = 0 OR e.seq = ?1 ORDER BY e.id").c_str());
  if (!q.ok()) fail("lecture de l’archive impossible");
  q.bind_int(1, seq);
  std::vector<ArchiveEvent> out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) out.push_back(read_event(q));
  if (rc != SQLITE_DONE) fail("lecture de l’archive impossible");
  return out;
}

ArchiveHead SqliteStore::head() const {
  const LastLink last = last_link();
  ArchiveHead out{last.hash, last.position, 0, 0};
  Statement q(db_, "SELECT (SELECT COUNT(*) FROM archive_versions), (SELECT COUNT(*) FROM archive_events)");
  if (!q.ok() || q.step() != SQLITE_ROW) fail("lecture de l’archive impossible");
  out.versions = q.int64(0);
  out.events = q.int64(1);
  return out;
}

std::string SqliteStore::integrity_check() const {
  Statement q(db_, "PRAGMA integrity_check");
  if (!q.ok()) return detail::sqlite_reason(sqlite3_extended_errcode(db_), sqlite3_system_errno(db_));
  std::string out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) out += (out.empty() ? "" : "; ") + q.text(0);
  if (rc != SQLITE_DONE) return detail::sqlite_reason(sqlite3_extended_errcode(db_), sqlite3_system_errno(db_));
  return out;
}

}  // namespace bilan::store

// store/archive — the archive of submitted bilans (docs/store.md): immutable
// versions ACTION@N, each naming the SHA-256 of every blob it holds (answers as
// submitted, their canonical form, the archived PDF, the files the rendering
// read) and the hash of the record before it, so that the versions form one
// chain across the whole archive. What a record is made of, and its hash, live
// here (std only); SqliteStore keeps them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace bilan::store {

// A file the rendering read, kept in the archive (its bytes are a blob).
struct ArchivedFile {
  std::string path;    // as the renderer read it
  std::string role;    // layout, registry, image, profile
  std::string sha256;  // of its bytes, hex
};

struct ArchivedVersion {
  std::int64_t seq = 0;  // place in the chain, from 1 (set by the store)
  std::string action;
  int number = 0;        // N of ACTION@N, from 1 per action (set by the store)
  std::string form, department, structure;
  std::string submitted_at;      // 2026-11-29T17:35:00Z, from the Environment's clock
  std::string source;            // the answer file as named at submission (images are beside it)
  std::string answers_sha256;    // the answer bytes as submitted
  std::string canonical_sha256;  // their canonical form (engine::canonical_answers)
  std::string pdf_sha256;        // the archived PDF/A-3b
  std::string fingerprint;       // render fingerprint (the PDF's /ID)
  std::string engine;            // engine version (« bilan 0.1.0 »)
  std::string fonts;             // fonts fingerprint (environment: not archived)
  std::vector<std::string> layout_dirs;  // searched at submission, in order
  std::string srgb_profile;      // path of the output intent's profile (a file below)
  std::map<std::string, std::string> facts;  // the Caf's facts the rules read
  std::vector<ArchivedFile> files;           // sorted by path
  std::string prev_hash;    // record_hash of the version before (kGenesis for the first)
  std::string record_hash;  // SHA-256 of record_text()

  std::string name() const { return action + "@" + std::to_string(number); }
};

// The Caf's validation of a version: appended, never a change of it.
struct ArchiveEvent {
  std::int64_t id = 0;
  std::int64_t seq = 0;  // the version's
  std::string kind;      // validation
  std::string by;
  std::string at;            // from the Environment's clock
  std::string version_hash;  // record_hash of the version
  std::string event_hash;    // SHA-256 of event_text()
};

// The previous hash of the first version.
inline const std::string kGenesis(64, '0');

// What is hashed: every field, each as NAME=LENGTH:VALUE\n in a fixed order,
// so that no two records can serialise alike (docs/store.md).
std::string record_text(const ArchivedVersion& v);
std::string record_hash(const ArchivedVersion& v);
std::string event_text(const ArchiveEvent& e);
std::string event_hash(const ArchiveEvent& e);

// A version to append: the record (seq, number, prev_hash and record_hash
// are the store's to set), every blob it names (sha256 → bytes), and the
// action's current answers, replaced in the same transaction.
struct Submission {
  ArchivedVersion version;
  std::map<std::string, std::string> blobs;
  StoredAnswers current;
};

// Parses ACTION@N; false when `text` is not of that shape.
bool parse_version_name(const std::string& text, std::string& action, int& number);

}  // namespace bilan::store

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

// What a record of the chain was, as the next record names it (prev_name):
// « version A@2 », « validation n° 1 de A@2 ».
std::string version_description(const std::string& name);
std::string event_description(const std::string& kind, std::int64_t id, const std::string& version_name);

// A file the rendering read, kept in the archive (its bytes are a blob).
struct ArchivedFile {
  std::string path;    // as the renderer read it
  std::string role;    // layout, registry, image, profile
  std::string sha256;  // of its bytes, hex
};

// Versions and events are the links of one chain across the whole archive:
// each has a place in it (from 1, shared: seq for a version, link for an
// event), the hash of the record before it and, in words, what that record was.
// Format 1 is the record text of archives written before events were chained
// (docs/store.md): its versions are checked with it, never rewritten.
struct ArchivedVersion {
  int format = 2;
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
  std::string prev_name;    // the record before, described (format 2)
  std::string prev_hash;    // hash of the record before (kGenesis for the first)
  std::string record_hash;  // SHA-256 of record_text()

  std::string name() const { return action + "@" + std::to_string(number); }
};

// The Caf's validation of a version: appended, never a change of it.
struct ArchiveEvent {
  int format = 2;
  std::int64_t id = 0;   // n° of the event, from 1
  std::int64_t link = 0; // place in the chain (format 2)
  std::int64_t seq = 0;  // the version's
  std::string kind;      // validation
  std::string by;
  std::string at;            // from the Environment's clock
  std::string version_hash;  // record_hash of the version
  std::string prev_name;     // the record before, described (format 2)
  std::string prev_hash;     // hash of the record before (format 2)
  std::string event_hash;    // SHA-256 of event_text()
};

// The end of the chain: what `bilan archive head` puts on its receipt.
struct ArchiveHead {
  std::string hash;            // the last record's hash; kGenesis when empty
  std::int64_t position = 0;   // its place in the chain
  std::int64_t versions = 0, events = 0;
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

// What append_version did: `version` is the one appended, or, when `appended`
// is false, the action's last version, whose answers the submission repeats.
struct Appended {
  ArchivedVersion version;
  bool appended = true;
};

// What the chain says, checked whole: problems of the archive (a record
// missing, a position taken twice, the receipt's head no longer there), and
// problems of each version (by seq), its events' included. French, one line
// each (docs/store.md, « What archive verify checks »).
struct ChainReport {
  std::vector<std::string> archive_problems;
  std::map<std::int64_t, std::vector<std::string>> version_problems;
  ArchiveHead head;                      // as found
  std::optional<std::int64_t> receipt;   // where the receipt's head is, when asked and found
};

// `receipt`: a head given by `bilan archive head` earlier, empty when none.
ChainReport check_chain(const std::vector<ArchivedVersion>& versions, const std::vector<ArchiveEvent>& events,
                        const std::string& receipt);

// Parses ACTION@N; false when `text` is not of that shape.
bool parse_version_name(const std::string& text, std::string& action, int& number);

}  // namespace bilan::store

// engine/archive — the archive of submitted bilans (docs/store.md): submit a
// bilan (its archival PDF/A-3b and a snapshot of every file the rendering
// read), verify the archive (blobs, records, chain, and a re-render of each
// version from its own snapshot), compare two versions answer by answer.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "data/answer_set.hpp"
#include "store/sqlite_store.hpp"

namespace bilan::engine {

// The canonical form of answers: one line per answer, KEY<TAB>VALUE, sorted by
// key (field id; TABLE.ROW.COLUMN and TABLE.ROW.label; signature.PART;
// action.FACT; @form, @department, @action), tabs, line breaks and
// backslashes escaped. Two files that say the same thing have the same form,
// whatever their layout, order or comments.
std::string canonical_answers(const data::AnswerSet& answers);
// One line of that form: KEY<TAB>VALUE<LF>, both escaped.
std::string canonical_line(const std::string& key, const std::string& value);
// KEY → VALUE of a canonical form.
std::map<std::string, std::string> parse_canonical(const std::string& canonical);

// Passes reads to `base` and keeps every file read (path → bytes); its clock
// is read once, so that the PDF and the record carry the same moment.
class RecordingEnvironment : public Environment {
 public:
  explicit RecordingEnvironment(const Environment& base);
  bool try_read_file(const std::string& path, std::string& out, std::string& error) const override;
  // Mapped files are the font faces: environment, fingerprinted, never kept.
  std::unique_ptr<const FileBytes> try_map_file(const std::string& path, std::string& error) const override {
    return base_.try_map_file(path, error);
  }
  bool file_exists(const std::string& path) const override { return base_.file_exists(path); }
  std::vector<std::string> layout_dirs() const override { return base_.layout_dirs(); }
  std::vector<std::string> list_files(const std::string& dir) const override { return base_.list_files(dir); }
  std::string font_manifest_path() const override { return base_.font_manifest_path(); }
  std::optional<CivilDate> today() const override { return base_.today(); }
  std::optional<UtcTime> now() const override { return now_; }
  std::string srgb_profile_path() const override { return base_.srgb_profile_path(); }
  std::map<std::string, std::string> files() const;

 private:
  const Environment& base_;
  std::optional<UtcTime> now_;
  mutable std::mutex mutex_;  // the Catalog reads from two threads
  mutable std::map<std::string, std::string> files_;
};

// The world of an archived version: its files from the archive, by the paths
// they were read under; the fonts (environment, compared by fingerprint) from
// `base`; the clock stopped at the submission.
class SnapshotEnvironment : public Environment {
 public:
  SnapshotEnvironment(const Environment& base, std::map<std::string, std::string> files, std::vector<std::string> layout_dirs,
                      std::string srgb_profile, std::optional<UtcTime> now);
  bool try_read_file(const std::string& path, std::string& out, std::string& error) const override;
  std::unique_ptr<const FileBytes> try_map_file(const std::string& path, std::string& error) const override;
  bool file_exists(const std::string& path) const override;
  std::vector<std::string> layout_dirs() const override { return layout_dirs_; }
  std::vector<std::string> list_files(const std::string& dir) const override;
  std::string font_manifest_path() const override { return base_.font_manifest_path(); }
  std::optional<UtcTime> now() const override { return now_; }
  std::string srgb_profile_path() const override { return srgb_profile_; }

 private:
  const Environment& base_;
  std::map<std::string, std::string> files_;
  std::vector<std::string> layout_dirs_;
  std::string srgb_profile_;
  std::optional<UtcTime> now_;
  std::set<std::string> fonts_;  // the manifest and its faces: read from base_
};

// 2026-11-29T17:35:00Z and back.
std::string iso_time(const UtcTime& t);
std::optional<UtcTime> parse_iso_time(const std::string& text);

// Checks, renders and appends `answers_path` as the next version of its
// action; nullopt with diagnostics when the bilan has an error (required
// answers are demanded) or names no action; nothing appended (`appended`
// false, the action's last version) when its canonical answers and facts are
// those of the action's last version. Throws IoError when the archive cannot
// be written.
std::optional<store::Appended> submit_version(const Environment& env, store::SqliteStore& db, const std::string& answers_path,
                                              DiagnosticSink& sink);

enum class VerifyOutcome : std::uint8_t {
  None,                // not checked
  Verified,            // hashes, chain and re-render agree
  EnvironmentChanged,  // fonts or engine differ: the re-render cannot be compared
  Tampered,            // a blob, record or link no longer matches
};

struct VersionVerdict {
  std::string name;  // ACTION@N
  VerifyOutcome outcome = VerifyOutcome::None;
  // One per finding, without a place: an error when the version is
  // tampered (BlobMissing, BlobAltered, CanonicalMismatch, RenderFailed,
  // PdfDiffers, ChainBroken, ArchiveUnreadable), a warning when the
  // environment changed (EngineDiffers, FontsDiffer, FontsUnusable).
  DiagnosticSink problems;
};

struct VerifyReport {
  // Errors about the file itself, records missing, the receipt's head lost:
  // ArchiveDamaged, ArchiveUnreadable, ChainBroken, CurrentAnswersAltered.
  DiagnosticSink archive_problems;
  std::vector<VersionVerdict> versions;
  store::ArchiveHead head;                    // the chain's end as found
  std::optional<std::int64_t> receipt;        // the receipt's head found at this place (VerifyOptions::receipt)
  // The worst outcome found (Tampered over EnvironmentChanged over Verified).
  VerifyOutcome overall() const;
};

struct VerifyOptions {
  std::string action;  // only this action's versions are re-rendered (the chain is always checked whole)
  int number = 0;      // and only this one, when not 0
  std::string engine;  // the running engine's version; empty: engine_version()
  std::string receipt; // a head printed by `bilan archive head` earlier: nothing may be cut since
};

VerifyReport verify_archive(const Environment& env, const store::SqliteStore& db, const VerifyOptions& options);

struct AnswerChange {
  std::string key;    // canonical key (field id…)
  std::string label;  // the question's French label, as printed
  std::string before, after;  // empty: no answer
};

// What changed from `a` to `b`, in the order of `b`'s form (labels from `b`'s snapshot).
std::vector<AnswerChange> diff_versions(const Environment& env, const store::SqliteStore& db, const store::ArchivedVersion& a,
                                        const store::ArchivedVersion& b, DiagnosticSink& sink);

}  // namespace bilan::engine

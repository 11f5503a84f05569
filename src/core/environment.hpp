// core/environment — the world the stages see: files, layout folders, fonts
// and the clock. Stages never call time() or open hard-coded paths; tests pass
// their own Environment, which is what makes output reproducible.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"

namespace bilan {

// A moment in UTC, to the second.
struct UtcTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  friend bool operator==(const UtcTime&, const UtcTime&) = default;
};

struct CivilDate {
  int year = 0, month = 0, day = 0;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// A file's bytes, read-only, for as long as the object lives.
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  virtual std::string_view bytes() const = 0;
};

// Read from several threads at once (the Catalog loads fonts and layouts side
// by side; batches read answer files on every worker): implementations keep
// their const members free of unsynchronised state.
class Environment {
 public:
  virtual ~Environment() = default;
  // Reads a whole file. False with a French reason in `error` when it cannot.
  virtual bool try_read_file(const std::string& path, std::string& out, std::string& error) const = 0;
  // The same file, for data kept for the whole process and read only in part
  // (fonts): the real file system maps it, so that pages never touched never
  // count in memory; this default reads it whole.
  virtual std::unique_ptr<const FileBytes> try_map_file(const std::string& path, std::string& error) const;
  // Whether `path` names a readable file, without reading it.
  virtual bool file_exists(const std::string& path) const {
    std::string data, error;
    return try_read_file(path, data, error);
  }
  // Folders searched, in order, for `FORM.xml` when a form is named by id.
  virtual std::vector<std::string> layout_dirs() const = 0;
  // The regular files of `dir` (not recursive), as DIR/NAME, in no set order;
  // empty when it cannot be listed. The archive lists its snapshot instead.
  virtual std::vector<std::string> list_files(const std::string& dir) const;
  // The font manifest (fonts/fonts.conf): which TrueType file plays which role.
  virtual std::string font_manifest_path() const = 0;
  // Today's date if the run is allowed to know it; never used for output bytes
  // unless the user asked for it.
  virtual std::optional<CivilDate> today() const { return std::nullopt; }
  // The time a run may state in its output (an archived PDF's dates); none
  // unless the environment gives one.
  virtual std::optional<UtcTime> now() const { return std::nullopt; }
  // The sRGB ICC profile of PDF/A output intents (Debian icc-profiles-free).
  virtual std::string srgb_profile_path() const { return "/usr/share/color/icc/sRGB.icc"; }
  // What one input may cost (core/limits.hpp); tests lower them.
  const Limits& limits() const { return limits_; }
  void set_limits(const Limits& limits) { limits_ = limits; }
  // Whether the stamp and signature images may be outside the answer file's
  // folder (an absolute path, « .. »); off unless the user asks (--images-anywhere).
  bool images_anywhere() const { return images_anywhere_; }
  void set_images_anywhere(bool allowed) { images_anywhere_ = allowed; }
  // Files larger than this are refused before they are read (bounded memory).
  std::uint64_t max_input_bytes() const { return limits_.file_bytes; }

 private:
  Limits limits_;
  bool images_anywhere_ = false;
};

class DiagnosticSink;

// An input file's bytes through `env`; false with a located error
// (« PATH: erreur: lecture impossible : … », code unreadable-file) when it
// cannot be read. What every command that reads a file it was given calls.
bool try_read_input(const Environment& env, const std::string& path, std::string& bytes, DiagnosticSink& sink);

// The real file system; layout folders and manifest given by the caller.
class FileSystemEnvironment : public Environment {
 public:
  FileSystemEnvironment(std::vector<std::string> layout_dirs, std::string font_manifest);
  bool try_read_file(const std::string& path, std::string& out, std::string& error) const override;
  std::unique_ptr<const FileBytes> try_map_file(const std::string& path, std::string& error) const override;
  bool file_exists(const std::string& path) const override;
  std::vector<std::string> layout_dirs() const override { return layout_dirs_; }
  std::string font_manifest_path() const override { return font_manifest_; }
  // $SOURCE_DATE_EPOCH when set (reproducible output), else the system clock.
  std::optional<UtcTime> now() const override;
  // The path under which the file (device, inode) was read by this run, if it
  // was: output must never replace an input, whatever name it is given.
  std::optional<std::string> input_read_as(std::uint64_t device, std::uint64_t inode) const;
  // The database of this run (--db): SQLite reads it, not this Environment,
  // yet output must never replace it nor its journals either.
  void set_database(std::string path) { database_ = std::move(path); }
  // Why an output must not be written at `path`: it is the database or one of
  // its journals (-wal, -shm, -journal), by device and inode, or by name when
  // either does not exist yet. The message's end (« c’est la base… »); empty
  // when it is none of them.
  std::string database_conflict(const std::string& path) const;

 private:
  // Opens `path` for reading if it is a regular file within the size limit
  // (and records it as an input); -1 with a French reason otherwise.
  int open_input(const std::string& path, std::uint64_t& size, std::string& error) const;

  std::vector<std::string> layout_dirs_;
  std::string font_manifest_;
  std::string database_;
  struct Inputs {
    std::mutex mutex;  // renderers read from several threads
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::string> read;
  };
  std::shared_ptr<Inputs> inputs_ = std::make_shared<Inputs>();
};

// A system error (errno) said in French, as users read it in messages
// (« permission refusée »): strerror() would answer in English.
std::string system_reason(int errnum);

// bilan's own data: layouts/ (the forms and the department registry) and
// fonts/fonts.conf. Looked for, in order: in $BILAN_DATA_DIR; beside the
// program as `cmake --install` lays it out (PREFIX/bin/bilan reads
// PREFIX/share/bilan, found through /proc/self/exe, wherever PREFIX was
// copied); in the source tree when the program is the one of its build
// folder. A program moved elsewhere never reads a path compiled into it.
struct DataDir {
  std::string path;   // the folder; empty when none was found
  std::string error;  // then why, in French, naming where it was looked for
  bool from_variable = false;  // $BILAN_DATA_DIR was set (an error then is always one)
};
DataDir find_data_dir();

// Whether `path`, once its symbolic links and « .. » are resolved, is inside
// `folder` (resolved likewise). Paths that do not exist are resolved as far as they do.
bool path_inside(const std::string& path, const std::string& folder);

// Reads `path` through env or throws IoError.
std::string must_read_file(const Environment& env, const std::string& path);

}  // namespace bilan

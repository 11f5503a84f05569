// Shared helpers for the test executables: an in-memory Environment, paths of
// the source tree, running a command and capturing its output.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compose/paged_document.hpp"
#include "core/environment.hpp"
#include "engine/catalog.hpp"
#include "engine/renderer.hpp"

namespace bilan::testing {

// Files live in a map and nowhere else: a path not given to it is « fichier
// introuvable », whatever the disk holds, so a test reads exactly what it gave.
// Its layout folder is the source tree's layouts/ and its font manifest the
// source tree's fonts/fonts.conf, both empty until the test gives their files
// (add_disk_tree(), with_fonts()).
class MemoryEnvironment : public Environment {
 public:
  MemoryEnvironment();
  // An environment holding the font manifest and the fonts it names, read from
  // the disk: what FontSet::must_load(env, env.font_manifest_path()) needs.
  // Throws std::runtime_error naming the file and the Debian package when a font is missing.
  static MemoryEnvironment with_fonts();
  // Paths are kept lexically normal (« a/../b » is « b »), as the disk resolves them.
  void add_file(const std::string& path, std::string content);
  // Copies a file of the disk into memory, under the same path; throws when it cannot be read.
  void add_disk_file(const std::string& path);
  // Every regular file under `dir`, recursively, under the same paths.
  void add_disk_tree(const std::string& dir);
  // The font manifest (font_manifest_path()) and every font file it names.
  void add_fonts();
  bool try_read_file(const std::string& path, std::string& out, std::string& error) const override;
  bool file_exists(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir) const override;
  std::vector<std::string> layout_dirs() const override { return layout_dirs_; }
  std::string font_manifest_path() const override { return font_manifest_; }
  void set_layout_dirs(std::vector<std::string> dirs) { layout_dirs_ = std::move(dirs); }

 private:
  std::map<std::string, std::string> files_;
  std::vector<std::string> layout_dirs_;
  std::string font_manifest_;
};

std::string source_dir();                       // the repository root
std::string source_path(const std::string& rel);  // repository root + rel
std::string read_text(const std::string& path);   // throws on failure
void write_text(const std::string& path, const std::string& content);

// A ZIP archive of `entries` (name, bytes), stored (no compression), in that
// order, with its central directory: what an ODT (first entry `mimetype`)
// or a DOCX (`[Content_Types].xml`, `word/document.xml`) is made of.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries);
// The smallest ODT and DOCX bilan recognises, `tag` in their body.
std::string tiny_odt(const std::string& tag);
std::string tiny_docx(const std::string& tag);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs argv (no shell), capturing stdout and stderr.
CommandResult run(const std::vector<std::string>& argv, const std::string& stdin_text = {});
std::string bilan_binary();
std::string temp_dir();  // a fresh folder per call, removed at exit

// Waits (up to ~4 s) until `file` is larger than `bytes`, then kills `child`
// with SIGKILL and reaps it: a writer stopped in the middle of a transaction.
struct KillResult {
  bool grew = false;      // the file reached the size
  bool signaled = false;  // the child died of the signal, not on its own
};
KillResult kill_when_file_grows(int child, const std::string& file, std::uintmax_t bytes);

// The PDF writer paints a page's shapes and images first and its text last
// (one text object per page): that looks the same only because nothing is
// drawn over text printed before it. One message per shape that covers an
// earlier text's body (a rule may touch descenders, not letters).
std::vector<std::string> shapes_over_text(const compose::PagedDocument& doc);

// The source tree's forms (layouts/) and fonts, loaded once per test program,
// and a renderer over them, for the tests that need the real forms. The
// renderer belongs to the test's one thread.
struct SourceForms {
  FileSystemEnvironment env{{source_path("layouts")}, source_path("fonts/fonts.conf")};
  std::unique_ptr<const engine::Catalog> catalog = engine::Catalog::load(env);
  engine::Renderer renderer{*catalog};
};
SourceForms& source_forms();

}  // namespace bilan::testing

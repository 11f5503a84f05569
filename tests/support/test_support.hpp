// Shared helpers for the test executables: an in-memory Environment, paths of
// the source tree, running a command and capturing its output.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "compose/paged_document.hpp"
#include "core/environment.hpp"

namespace bilan::testing {

// Files live in a map; layout folders and font manifest point into the real tree
// unless the test adds its own files.
class MemoryEnvironment : public Environment {
 public:
  MemoryEnvironment();
  void add_file(const std::string& path, std::string content) { files_[path] = std::move(content); }
  bool try_read_file(const std::string& path, std::string& out, std::string& error) const override;
  std::vector<std::string> layout_dirs() const override { return layout_dirs_; }
  std::string font_manifest_path() const override;
  void set_layout_dirs(std::vector<std::string> dirs) { layout_dirs_ = std::move(dirs); }

 private:
  std::map<std::string, std::string> files_;
  std::vector<std::string> layout_dirs_;
};

std::string source_dir();                       // the repository root
std::string source_path(const std::string& rel);  // repository root + rel
std::string read_text(const std::string& path);   // throws on failure
void write_text(const std::string& path, const std::string& content);

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

}  // namespace bilan::testing

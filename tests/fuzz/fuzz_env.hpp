// tests/fuzz — an Environment for fuzz targets: the fuzzed bytes under one
// name, every other file from the repository (fonts, shared layouts).
#pragma once

#include <map>
#include <string>
#include <utility>

#include "core/environment.hpp"

namespace bilan::fuzz {

class FuzzEnvironment : public Environment {
 public:
  FuzzEnvironment()
      : files_({std::string(BILAN_SOURCE_DIR) + "/layouts"}, std::string(BILAN_SOURCE_DIR) + "/fonts/fonts.conf") {}
  void set(const std::string& path, std::string bytes) { files_in_memory_[path] = std::move(bytes); }
  bool try_read_file(const std::string& path, std::string& out, std::string& error) const override {
    if (const auto it = files_in_memory_.find(path); it != files_in_memory_.end()) {
      out = it->second;
      return true;
    }
    return files_.try_read_file(path, out, error);
  }
  std::vector<std::string> layout_dirs() const override { return files_.layout_dirs(); }
  std::string font_manifest_path() const override { return files_.font_manifest_path(); }

 private:
  FileSystemEnvironment files_;
  std::map<std::string, std::string> files_in_memory_;
};

}  // namespace bilan::fuzz

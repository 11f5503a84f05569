// serve/sealed_environment — the file system as `bilan serve` sees it: the
// real one while the Catalog loads (layouts, registry, fonts, sRGB profile),
// then, once sealed, only the layout folders (a same-as form read on first
// use) and the files the request under way brought (RequestFiles: the parts
// of a multipart body, on this thread). A request names no file the server
// reads: any other image or attachment path is refused with a French reason,
// never looked up in the server's working folder.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/environment.hpp"

namespace bilan::serve {

// The files of the request this thread answers, by path (as the answer file
// names them, normalised), for as long as this object lives.
class RequestFiles {
 public:
  explicit RequestFiles(const std::map<std::string, std::string>& files);
  ~RequestFiles();
  RequestFiles(const RequestFiles&) = delete;
  RequestFiles& operator=(const RequestFiles&) = delete;

 private:
  const std::map<std::string, std::string>* previous_;
};

class SealedEnvironment : public Environment {
 public:
  explicit SealedEnvironment(const Environment& inner);
  // From now on, only the layout folders are read.
  void seal() { sealed_.store(true); }

  bool try_read_file(const std::string& path, std::string& out, std::string& error) const override;
  std::unique_ptr<const FileBytes> try_map_file(const std::string& path, std::string& error) const override;
  bool file_exists(const std::string& path) const override;
  std::vector<std::string> layout_dirs() const override { return inner_.layout_dirs(); }
  std::vector<std::string> list_files(const std::string& dir) const override;
  std::string font_manifest_path() const override { return inner_.font_manifest_path(); }
  std::optional<CivilDate> today() const override { return inner_.today(); }
  std::optional<UtcTime> now() const override { return inner_.now(); }
  std::string srgb_profile_path() const override { return inner_.srgb_profile_path(); }

  // The reason a sealed read is refused.
  static const char* refusal();
  // The reason a sealed read is refused while the request brought files.
  static const char* missing_part();

 private:
  bool allowed(const std::string& path) const;

  const Environment& inner_;
  std::atomic<bool> sealed_{false};
};

}  // namespace bilan::serve

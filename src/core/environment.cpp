#include "core/environment.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"

namespace bilan {

FileSystemEnvironment::FileSystemEnvironment(std::vector<std::string> layout_dirs, std::string font_manifest)
    : layout_dirs_(std::move(layout_dirs)), font_manifest_(std::move(font_manifest)) {}

bool FileSystemEnvironment::try_read_file(const std::string& path, std::string& out, std::string& error) const {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    error = "fichier introuvable";
    return false;
  }
  if (std::filesystem::is_directory(status)) {
    error = "c’est un dossier, pas un fichier";
    return false;
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_input_bytes()) {
    error = "fichier trop volumineux (" + std::to_string(size / (1024 * 1024)) + " Mo, limite " +
            std::to_string(max_input_bytes() / (1024 * 1024)) + " Mo)";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("lecture impossible (") + std::strerror(errno) + ")";
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = "erreur de lecture";
    return false;
  }
  return true;
}

bool FileSystemEnvironment::file_exists(const std::string& path) const {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

std::string must_read_file(const Environment& env, const std::string& path) {
  std::string data, error;
  if (!env.try_read_file(path, data, error)) throw IoError(path + ": " + error);
  return data;
}

}  // namespace bilan

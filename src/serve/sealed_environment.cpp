#include "serve/sealed_environment.hpp"

#include <filesystem>

namespace bilan::serve {

namespace {
thread_local const std::map<std::string, std::string>* t_request_files = nullptr;

const std::string* request_file(const std::string& path) {
  if (!t_request_files) return nullptr;
  const auto it = t_request_files->find(std::filesystem::path(path).lexically_normal().string());
  return it == t_request_files->end() ? nullptr : &it->second;
}
}  // namespace

RequestFiles::RequestFiles(const std::map<std::string, std::string>& files) : previous_(t_request_files) {
  t_request_files = files.empty() ? nullptr : &files;
}
RequestFiles::~RequestFiles() { t_request_files = previous_; }

const char* SealedEnvironment::missing_part() {
  return "fichier absent de la requête (joignez-le comme une partie dont le nom de fichier est ce chemin)";
}

SealedEnvironment::SealedEnvironment(const Environment& inner) : inner_(inner) {
  set_limits(inner.limits());
  set_images_anywhere(false);  // never for a request
}

const char* SealedEnvironment::refusal() {
  return "le service ne lit pas les fichiers du serveur (envoyez les réponses et les fichiers qu’elles nomment en multipart/form-data)";
}

bool SealedEnvironment::allowed(const std::string& path) const {
  if (!sealed_.load()) return true;
  if (path.find("..") != std::string::npos) return false;
  for (const auto& dir : inner_.layout_dirs())
    if (!dir.empty() && path.starts_with(dir + "/")) return true;
  return false;
}

bool SealedEnvironment::try_read_file(const std::string& path, std::string& out, std::string& error) const {
  if (const std::string* sent = request_file(path)) {
    out = *sent;
    return true;
  }
  if (!allowed(path)) {
    error = t_request_files ? missing_part() : refusal();
    return false;
  }
  return inner_.try_read_file(path, out, error);
}

std::unique_ptr<const FileBytes> SealedEnvironment::try_map_file(const std::string& path, std::string& error) const {
  if (request_file(path)) return Environment::try_map_file(path, error);  // read through try_read_file
  if (!allowed(path)) {
    error = refusal();
    return nullptr;
  }
  return inner_.try_map_file(path, error);
}

bool SealedEnvironment::file_exists(const std::string& path) const {
  return request_file(path) || (allowed(path) && inner_.file_exists(path));
}

std::vector<std::string> SealedEnvironment::list_files(const std::string& dir) const {
  if (!allowed(dir + "/")) return {};
  return inner_.list_files(dir);
}

}  // namespace bilan::serve

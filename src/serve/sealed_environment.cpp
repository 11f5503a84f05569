#include "serve/sealed_environment.hpp"

namespace bilan::serve {

SealedEnvironment::SealedEnvironment(const Environment& inner) : inner_(inner) {
  set_limits(inner.limits());
  set_images_anywhere(false);  // never for a request
}

const char* SealedEnvironment::refusal() {
  return "le service ne lit pas les fichiers du serveur (images et pièces jointes dans la requête : pas encore)";
}

bool SealedEnvironment::allowed(const std::string& path) const {
  if (!sealed_.load()) return true;
  if (path.find("..") != std::string::npos) return false;
  for (const auto& dir : inner_.layout_dirs())
    if (!dir.empty() && path.starts_with(dir + "/")) return true;
  return false;
}

bool SealedEnvironment::try_read_file(const std::string& path, std::string& out, std::string& error) const {
  if (!allowed(path)) {
    error = refusal();
    return false;
  }
  return inner_.try_read_file(path, out, error);
}

std::unique_ptr<const FileBytes> SealedEnvironment::try_map_file(const std::string& path, std::string& error) const {
  if (!allowed(path)) {
    error = refusal();
    return nullptr;
  }
  return inner_.try_map_file(path, error);
}

bool SealedEnvironment::file_exists(const std::string& path) const { return allowed(path) && inner_.file_exists(path); }

std::vector<std::string> SealedEnvironment::list_files(const std::string& dir) const {
  if (!allowed(dir + "/")) return {};
  return inner_.list_files(dir);
}

}  // namespace bilan::serve

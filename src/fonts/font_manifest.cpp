#include "fonts/font_manifest.hpp"

#include <filesystem>
#include <sstream>

#include "core/error.hpp"

namespace bilan::fonts {

FontManifest must_load_font_manifest(const Environment& env, const std::string& path) {
  const std::string text = must_read_file(env, path);

  const struct {
    const char* key;
    Face face;
  } kRoles[] = {{"regular", Face::Regular},   {"bold", Face::Bold},
                {"italic", Face::Italic},     {"bold-italic", Face::BoldItalic},
                {"fallback", Face::FallbackRegular}, {"fallback-bold", Face::FallbackBold}};
  FontManifest m;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  const auto trim = [](std::string s) {
    const auto b = s.find_first_not_of(" \t\r");
    const auto e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  while (std::getline(in, line)) {
    ++number;
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos)
      throw IoError(path + ":" + std::to_string(number) + ": ligne sans « = » (attendu : rôle = fichier.ttf)");
    const std::string key = trim(line.substr(0, eq));
    std::string file = trim(line.substr(eq + 1));
    if (!file.empty() && file[0] != '/') file = (std::filesystem::path(path).parent_path() / file).string();
    bool known = false;
    for (const auto& r : kRoles) {
      if (key == r.key) {
        m.files[static_cast<std::size_t>(r.face)] = file;
        known = true;
      }
    }
    if (!known) throw IoError(path + ":" + std::to_string(number) + ": rôle de police inconnu « " + key + " »");
  }
  for (const auto& r : kRoles)
    if (m.file(r.face).empty()) throw IoError(path + ": le rôle « " + std::string(r.key) + " » n’a pas de fichier");
  return m;
}

}  // namespace bilan::fonts

// fonts/font_manifest — fonts/fonts.conf: which TrueType file plays which
// role (regular, bold, italic, bold-italic, fallback, fallback-bold).
#pragma once

#include <array>
#include <string>

#include "fonts/face.hpp"
#include "core/environment.hpp"

namespace bilan::fonts {

struct FontManifest {
  std::array<std::string, kFaceCount> files;  // indexed by Face
  const std::string& file(Face f) const { return files[static_cast<std::size_t>(f)]; }
};

// Reads and checks the manifest; throws IoError naming the line at fault.
FontManifest must_load_font_manifest(const Environment& env, const std::string& path);

}  // namespace bilan::fonts

#include "core/image_info.hpp"

namespace bilan {
namespace {

std::uint32_t be16(std::string_view b, std::size_t i) {
  return (std::uint32_t{static_cast<unsigned char>(b[i])} << 8) | static_cast<unsigned char>(b[i + 1]);
}
std::uint32_t be32(std::string_view b, std::size_t i) { return (be16(b, i) << 16) | be16(b, i + 2); }

}  // namespace

std::optional<ImageInfo> try_read_image_info(std::string_view b, std::string& error) {
  static constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  if (b.substr(0, 8) == kPng) {
    if (b.size() < 24 || b.substr(12, 4) != "IHDR") {
      error = "image PNG tronquée";
      return std::nullopt;
    }
    ImageInfo info{ImageFormat::Png, be32(b, 16), be32(b, 20)};
    if (info.width == 0 || info.height == 0) {
      error = "image PNG de taille nulle";
      return std::nullopt;
    }
    return info;
  }
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") {
    // Walk the JPEG segments up to the first start-of-frame marker.
    std::size_t i = 2;
    while (i + 4 <= b.size()) {
      if (static_cast<unsigned char>(b[i]) != 0xFF) break;
      const unsigned char marker = static_cast<unsigned char>(b[i + 1]);
      if (marker == 0xFF) { ++i; continue; }
      const std::uint32_t len = be16(b, i + 2);
      const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        if (i + 9 > b.size()) break;
        ImageInfo info{ImageFormat::Jpeg, be16(b, i + 7), be16(b, i + 5)};
        if (info.width == 0 || info.height == 0) break;
        return info;
      }
      i += 2 + len;
    }
    error = "image JPEG illisible (dimensions introuvables)";
    return std::nullopt;
  }
  error = "format d’image non pris en charge (PNG ou JPEG attendu)";
  return std::nullopt;
}

}  // namespace bilan

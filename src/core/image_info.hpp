// core/image_info — format and pixel size of a PNG or JPEG from its header,
// so the composer can scale a stamp or signature without decoding it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bilan {

enum class ImageFormat : std::uint8_t {
  Unknown,  // neither PNG nor JPEG
  Png,
  Jpeg,
};

struct ImageInfo {
  ImageFormat format = ImageFormat::Unknown;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// nullopt with a French reason in `error` when the bytes are not a usable image.
std::optional<ImageInfo> try_read_image_info(std::string_view bytes, std::string& error);

}  // namespace bilan

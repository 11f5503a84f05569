// libFuzzer target: any bytes as a stamp or signature image go through
// image::try_decode without crashing, hanging, leaking or printing, and what it
// accepts is consistent (sizes match the dimensions).
// Build: CXX=clang++ cmake -S . -B build-fuzz -DBILAN_FUZZ=ON -DBILAN_TESTS=OFF && cmake --build build-fuzz
// Run:   build-fuzz/tests/fuzz/image_fuzz -rss_limit_mb=2048 -timeout=10 -max_total_time=300 CORPUS \
//          samples/images tests/inputs/images tests/unit/image/data
#include <cstdint>
#include <cstdlib>
#include <string>

#include "image/decode.hpp"

namespace {

using namespace bilan::image;

std::uint32_t crc32(const char* p, std::size_t n) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    c ^= static_cast<unsigned char>(p[i]);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

// Mutated PNGs nearly always stop at the first checksum; a copy with every
// chunk's CRC recomputed lets the mutations reach libpng's chunk and pixel code.
std::string with_fixed_crcs(std::string png) {
  std::size_t i = 8;
  while (i + 12 <= png.size()) {
    const auto at = [&](std::size_t k) { return std::uint32_t{static_cast<unsigned char>(png[k])}; };
    const std::uint32_t len = (at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3);
    if (len > png.size() - i - 12) break;
    const std::uint32_t crc = crc32(png.data() + i + 4, len + 4);
    for (int k = 0; k < 4; ++k) png[i + 8 + len + static_cast<std::size_t>(k)] = static_cast<char>(crc >> (24 - 8 * k));
    i += 12 + len;
  }
  return png;
}

void check(std::string_view bytes) {
  DecodedImage img;
  std::string error;
  const bool ok = try_decode(bytes, ImageLimits{}, img, error);
  if (!ok) {
    if (error.empty() || img.width != 0) std::abort();
    return;
  }
  const ImageLimits limits;
  const std::uint64_t pixels = std::uint64_t{img.width} * img.height;
  if (pixels == 0 || pixels > limits.max_pixels || img.bits != 8 || img.digest.size() != 64) std::abort();
  if (img.encoding == Encoding::Raw) {
    if (img.samples.size() != pixels * static_cast<unsigned>(img.components())) std::abort();
    if (!img.alpha.empty() && img.alpha.size() != pixels) std::abort();
    if (img.space == ColorSpace::Cmyk) std::abort();
    // A palette covers every index (the PDF writer's /Indexed hival, its 1- and
    // 4-bit packing): whole RGB triples, at most 256, no index past them.
    if (!img.palette.empty()) {
      if (img.palette.size() % 3 != 0 || img.palette.size() > 768 || img.space != ColorSpace::Rgb) std::abort();
      for (const char c : img.samples)
        if (static_cast<std::size_t>(static_cast<unsigned char>(c)) >= img.palette.size() / 3) std::abort();
    }
  } else if (img.encoding != Encoding::Dct || img.samples.size() != bytes.size() || !img.alpha.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  check(bytes);
  if (bytes.starts_with("\x89PNG")) check(with_fixed_crcs(bytes));
  return 0;
}

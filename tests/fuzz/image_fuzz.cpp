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

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bilan::image;
  DecodedImage img;
  std::string error;
  const bool ok = try_decode(std::string_view(reinterpret_cast<const char*>(data), size), ImageLimits{}, img, error);
  if (!ok) {
    if (error.empty() || img.width != 0) std::abort();
    return 0;
  }
  const ImageLimits limits;
  const std::uint64_t pixels = std::uint64_t{img.width} * img.height;
  if (pixels == 0 || pixels > limits.max_pixels || img.bits != 8 || img.digest.size() != 64) std::abort();
  if (img.encoding == Encoding::Raw) {
    if (img.samples.size() != pixels * static_cast<unsigned>(img.components())) std::abort();
    if (!img.alpha.empty() && img.alpha.size() != pixels) std::abort();
    if (img.space == ColorSpace::Cmyk) std::abort();
  } else if (img.encoding != Encoding::Dct || img.samples.size() != size || !img.alpha.empty()) {
    std::abort();
  }
  return 0;
}

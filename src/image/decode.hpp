// image/decode — the stamp and signature images of an answer file, read once at
// load time into what the PDF writer embeds: PNG decoded by libpng (our own
// error handler, limits checked from the header before any allocation) to 8-bit
// gray or RGB samples plus a separate alpha; JPEG checked from its markers and
// passed through as DCT data. The only folder that sees libpng.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bilan::image {

enum class Encoding : std::uint8_t {
  None,  // unset
  Raw,   // `samples` are uncompressed 8-bit samples, rows top to bottom (from a PNG)
  Dct,   // `samples` are the JPEG file's bytes, passed through (DCTDecode)
};

enum class ColorSpace : std::uint8_t {
  None,  // unset
  Gray,
  Rgb,
  Cmyk,  // JPEG only
};

// What an image may cost. A stamp or signature is printed a few centimetres
// wide: 16 megapixels is a 12-megapixel phone photo with room to spare (4000 ×
// 4000, at most 64 MiB of RGB + alpha while decoding), far beyond 600 dpi over
// the signature box; a PNG bomb declaring 100000 × 100000 is refused from its
// header. 16384 is the side most PDF viewers still draw; 16 MiB of file is more
// than any sane stamp (the sample's is 7 KB).
struct ImageLimits {
  std::uint64_t max_pixels = 16'000'000;
  std::uint64_t max_bytes = 16ull << 20;
  std::uint32_t max_side = 16384;
};

struct DecodedImage {
  std::uint32_t width = 0, height = 0;
  ColorSpace space = ColorSpace::None;
  int bits = 8;  // per sample; always 8
  Encoding encoding = Encoding::None;
  std::string samples;         // Raw: width × height × components bytes; Dct: the file
  std::string alpha;           // Raw only: width × height 8-bit alpha; empty when opaque
  // Raw from a palette PNG: the colours as RGB triples, and `samples` one
  // index per pixel into them (a PDF /Indexed image: a third of the bytes to
  // deflate). Empty otherwise.
  std::string palette;
  bool inverted_cmyk = false;  // Dct CMYK with an Adobe marker: stored inverted (Photoshop)
  std::string digest;          // SHA-256 (hex) of the file's bytes, for fingerprints

  int components() const {
    return !palette.empty() || space == ColorSpace::Gray ? 1 : space == ColorSpace::Cmyk ? 4 : 3;
  }
};

// Decodes a PNG or checks a JPEG. False with a French reason in `error` (never
// aborts, never prints) when the bytes are not a usable image or exceed `limits`.
bool try_decode(std::string_view bytes, const ImageLimits& limits, DecodedImage& out, std::string& error);

}  // namespace bilan::image

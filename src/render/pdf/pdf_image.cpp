#include "render/pdf/pdf_image.hpp"

#include <array>

#include "render/pdf/hpdf_adapter.hpp"

namespace bilan::render {
namespace {

namespace hpdf = detail::hpdf;

const char* color_space_name(image::ColorSpace s) {
  switch (s) {
    case image::ColorSpace::Gray: return "DeviceGray";
    case image::ColorSpace::Cmyk: return "DeviceCMYK";
    case image::ColorSpace::Rgb:
    case image::ColorSpace::None: break;
  }
  return "DeviceRGB";
}

const HPDF_BYTE* bytes_of(const std::string& s) { return reinterpret_cast<const HPDF_BYTE*>(s.data()); }

// The fewest bits per sample that keep every value: 1 for a palette of two
// colours or an alpha of 0 and 255 only, 4 for sixteen colours or an alpha
// in steps of 17 (255 / 15: a 4-bit value v reads as 17 v), else 8. Fewer
// bytes to deflate, the same pixels.
int bits_needed(const std::string& samples, bool indexed, std::size_t colours) {
  if (indexed) return colours <= 2 ? 1 : colours <= 16 ? 4 : 8;
  std::array<bool, 256> seen{};
  for (const char c : samples) seen[static_cast<unsigned char>(c)] = true;
  bool binary = true;
  for (unsigned v = 0; v < 256; ++v) {
    if (!seen[v]) continue;
    if (v % 17 != 0) return 8;
    binary = binary && (v == 0 || v == 255);
  }
  return binary ? 1 : 4;
}

// 8-bit samples (one component) packed `bits` to a byte, rows padded to a
// byte; an 8-bit value v becomes v / 17 at 4 bits and v / 255 at 1 bit,
// palette indices stay as they are.
std::string packed(const std::string& samples, std::uint32_t w, std::uint32_t h, int bits, bool indexed) {
  std::array<unsigned char, 256> value{};
  for (unsigned v = 0; v < 256; ++v) value[v] = static_cast<unsigned char>(indexed ? v : bits == 4 ? v / 17 : v / 255);
  const std::size_t row = bits == 4 ? (std::size_t{w} + 1) / 2 : (std::size_t{w} + 7) / 8;
  std::string out(row * h, '\0');
  const auto* in = reinterpret_cast<const unsigned char*>(samples.data());
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  for (std::size_t y = 0; y < h; ++y, in += w, dst += row) {
    if (bits == 4) {
      std::size_t x = 0;
      for (; x + 1 < w; x += 2) dst[x / 2] = static_cast<unsigned char>(value[in[x]] << 4 | value[in[x + 1]]);
      if (x < w) dst[x / 2] = static_cast<unsigned char>(value[in[x]] << 4);
    } else {
      for (std::size_t x = 0; x < w; ++x)
        if (value[in[x]]) dst[x / 8] = static_cast<unsigned char>(dst[x / 8] | (0x80u >> (x % 8)));
    }
  }
  return out;
}

// Raw samples as an image XObject, deflated by the writer (libdeflate: a
// third of zlib's work, which libharu would use). The writer names it in the
// page's resources (HPDF_Page_GetXObjectName) and draws it with its own `Do`:
// no need for libharu's XObject mark, which only HPDF_Page_DrawImage checks.
HPDF_Image raw_image(HPDF_Doc pdf, const std::string& samples, std::uint32_t w, std::uint32_t h, image::ColorSpace cs,
                     const std::string& palette, const StreamFiller& fill) {
  HPDF_Dict image = HPDF_DictStream_New(hpdf::memory(pdf), hpdf::xref(pdf));
  if (!image) return nullptr;
  HPDF_STATUS ret = HPDF_OK;
  ret += HPDF_Dict_AddName(image, "Type", "XObject");
  ret += HPDF_Dict_AddName(image, "Subtype", "Image");
  ret += HPDF_Dict_AddNumber(image, "Width", static_cast<HPDF_INT32>(w));
  ret += HPDF_Dict_AddNumber(image, "Height", static_cast<HPDF_INT32>(h));
  if (palette.empty()) {
    ret += HPDF_Dict_AddName(image, "ColorSpace", color_space_name(cs));
  } else {
    // [/Indexed /DeviceRGB hival <lookup>]: one byte per pixel, the palette's
    // colours in the lookup string.
    HPDF_Array indexed = HPDF_Array_New(hpdf::memory(pdf));
    if (!indexed) return nullptr;
    ret += HPDF_Dict_Add(image, "ColorSpace", indexed);
    ret += HPDF_Array_AddName(indexed, "Indexed");
    ret += HPDF_Array_AddName(indexed, "DeviceRGB");
    ret += HPDF_Array_AddNumber(indexed, static_cast<HPDF_INT32>(palette.size() / 3 - 1));
    ret += HPDF_Array_Add(indexed, HPDF_Binary_New(hpdf::memory(pdf), const_cast<HPDF_BYTE*>(bytes_of(palette)),
                                                   static_cast<HPDF_UINT>(palette.size())));
  }
  // One-component images (palette indices, gray, alpha) at the fewest bits
  // that keep them exact.
  const bool indexed = !palette.empty();
  const int bits = indexed || cs == image::ColorSpace::Gray ? bits_needed(samples, indexed, palette.size() / 3) : 8;
  ret += HPDF_Dict_AddNumber(image, "BitsPerComponent", bits);
  if (ret != HPDF_OK) return nullptr;
  if (bits == 8) fill(image, samples);
  else fill(image, packed(samples, w, h, bits, indexed));
  return image;
}

// The JPEG file as a DCTDecode image, built through libharu's object layer:
// its own JPEG loader misreads fill bytes and marks every CMYK JPEG inverted.
HPDF_Image dct_image(HPDF_Doc pdf, const image::DecodedImage& img) {
  HPDF_Dict image = HPDF_DictStream_New(hpdf::memory(pdf), hpdf::xref(pdf));
  if (!image) return nullptr;
  hpdf::set_filter(image, HPDF_STREAM_FILTER_DCT_DECODE);
  HPDF_STATUS ret = HPDF_OK;
  ret += HPDF_Dict_AddName(image, "Type", "XObject");
  ret += HPDF_Dict_AddName(image, "Subtype", "Image");
  ret += HPDF_Dict_AddNumber(image, "Width", static_cast<HPDF_INT32>(img.width));
  ret += HPDF_Dict_AddNumber(image, "Height", static_cast<HPDF_INT32>(img.height));
  ret += HPDF_Dict_AddName(image, "ColorSpace", color_space_name(img.space));
  ret += HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
  if (img.space == image::ColorSpace::Cmyk && img.inverted_cmyk) {
    // Adobe applications store CMYK JPEGs inverted (0 = full ink).
    HPDF_Array decode = HPDF_Array_New(hpdf::memory(pdf));
    if (!decode) return nullptr;
    ret += HPDF_Dict_Add(image, "Decode", decode);
    for (int i = 0; i < 4; ++i) {
      ret += HPDF_Array_AddNumber(decode, 1);
      ret += HPDF_Array_AddNumber(decode, 0);
    }
  }
  ret += HPDF_Stream_Write(hpdf::stream_of(image), bytes_of(img.samples), static_cast<HPDF_UINT>(img.samples.size()));
  return ret == HPDF_OK ? image : nullptr;
}

}  // namespace

HPDF_Image make_pdf_image(HPDF_Doc pdf, const image::DecodedImage& img, const StreamFiller& fill) {
  if (img.encoding == image::Encoding::Dct) return dct_image(pdf, img);
  HPDF_Image image = raw_image(pdf, img.samples, img.width, img.height, img.space, img.palette, fill);
  if (!image || img.alpha.empty()) return image;
  HPDF_Image mask = raw_image(pdf, img.alpha, img.width, img.height, image::ColorSpace::Gray, {}, fill);
  if (!mask || HPDF_Dict_Add(image, "SMask", mask) != HPDF_OK) return nullptr;
  return image;
}

}  // namespace bilan::render

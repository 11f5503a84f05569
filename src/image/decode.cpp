#include "image/decode.hpp"

#include <png.h>

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstring>
#include <string_view>
#include <memory>
#include <vector>

#include "core/big_endian.hpp"
#include "core/sha256.hpp"

namespace bilan::image {
namespace detail {

// 16000000 → "16 000 000" (narrow no-break spaces, as French prints numbers).
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";
    out += digits[i];
  }
  return out;
}

// The header's size against the limits, before anything is allocated.
bool check_size(std::uint64_t width, std::uint64_t height, const ImageLimits& limits, std::string& error) {
  if (width == 0 || height == 0) {
    error = "image de taille nulle (" + std::to_string(width) + " × " + std::to_string(height) + " pixels)";
    return false;
  }
  if (width > limits.max_side || height > limits.max_side || width * height > limits.max_pixels) {
    error = "image trop grande : " + grouped(width) + " × " + grouped(height) + " pixels (limites : " +
            grouped(limits.max_pixels) + " pixels, " + grouped(limits.max_side) + " pixels de côté)";
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// PNG. libpng reports errors by longjmp: the two functions that call it hold no
// C++ object across the jump (only the plain PngJob), and every allocation the
// image needs is made by the caller between them.

struct PngJob {
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  std::size_t pos = 0;
  char message[160] = {};
  // Filled by read_png_header():
  png_uint_32 width = 0, height = 0;
  int channels = 0;
  std::size_t rowbytes = 0;
  // Palette images are read as one index per pixel and looked up here, RGBA,
  // as libpng's expansion would: entries past the palette are black, past the
  // tRNS values opaque; `palette_alpha` when the image has a tRNS.
  bool palette = false;
  bool palette_alpha = false;
  unsigned char rgba[256][4] = {};
};

extern "C" {

void bilan_png_error(png_structp png, png_const_charp message) {
  auto* job = static_cast<PngJob*>(png_get_error_ptr(png));
  std::strncpy(job->message, message, sizeof job->message - 1);
  png_longjmp(png, 1);
}

void bilan_png_warning(png_structp, png_const_charp) {}  // never printed: the image is either decoded or refused

void bilan_png_read(png_structp png, png_bytep out, png_size_t length) {
  auto* job = static_cast<PngJob*>(png_get_io_ptr(png));
  if (length > job->size - job->pos) png_error(png, "fin de fichier inattendue");
  std::memcpy(out, job->data + job->pos, length);
  job->pos += length;
}

}  // extern "C"

// Reads up to the image data and sets the transforms to 8-bit gray or RGB,
// with or without alpha. False (message in the job) on a libpng error.
bool read_png_header(png_structp png, png_infop info, PngJob* job, const ImageLimits* limits) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_user_limits(png, limits->max_side, limits->max_side);  // backstop: checked from IHDR already
  png_set_chunk_malloc_max(png, 4u << 20);                        // ancillary chunks (iCCP, zTXt…)
  png_set_chunk_cache_max(png, 256);
  png_read_info(png, info);
  const int color = png_get_color_type(png, info);
  if (color == PNG_COLOR_TYPE_PALETTE && png_get_valid(png, info, PNG_INFO_PLTE) == 0) png_error(png, "Missing PLTE");
  if (color == PNG_COLOR_TYPE_PALETTE) {
    // Indices, unpacked to a byte each, are looked up in decode_png(): cheaper
    // than libpng's expansion to RGBA followed by the split of the alpha.
    png_set_packing(png);
    // Indices past the palette are ours to handle (black, below): libpng
    // need not check every pixel for them.
    png_set_check_for_invalid_index(png, 0);
    job->palette = true;
    png_colorp entries = nullptr;
    int count = 0;
    png_get_PLTE(png, info, &entries, &count);
    for (int i = 0; i < count && i < 256; ++i) {
      job->rgba[i][0] = entries[i].red;
      job->rgba[i][1] = entries[i].green;
      job->rgba[i][2] = entries[i].blue;
    }
    png_bytep alpha = nullptr;
    int alphas = 0;
    if (png_get_valid(png, info, PNG_INFO_tRNS) != 0) png_get_tRNS(png, info, &alpha, &alphas, nullptr);
    job->palette_alpha = alpha != nullptr && alphas > 0;
    for (int i = 0; i < 256; ++i) job->rgba[i][3] = job->palette_alpha && i < alphas ? alpha[i] : 0xFF;
  } else {
    png_set_expand(png);  // gray 1/2/4 → 8 bits, tRNS → alpha
  }
  png_set_scale_16(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  job->width = png_get_image_width(png, info);
  job->height = png_get_image_height(png, info);
  job->channels = png_get_channels(png, info);
  job->rowbytes = png_get_rowbytes(png, info);
  return true;
}

bool read_png_pixels(png_structp png, png_infop info, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_image(png, rows);
  png_read_end(png, info);
  return true;
}

// libpng's English messages, in French for the answer file's author.
std::string png_reason(const char* message) {
  const std::string m = message;
  if (m.find("CRC") != std::string::npos) return "somme de contrôle (CRC) erronée, le fichier est abîmé";
  if (m.find("PLTE") != std::string::npos) return "palette (PLTE) absente ou invalide";
  if (m.find("Not enough image data") != std::string::npos || m.find("fin de fichier") != std::string::npos)
    return "fichier tronqué (données d’image incomplètes)";
  if (m.find("exceeds user limit") != std::string::npos) return "image trop grande";
  return "fichier invalide (" + m + ")";
}

bool decode_png(std::string_view bytes, const ImageLimits& limits, DecodedImage& out, std::string& error) {
  if (bytes.size() < 33 || bytes.substr(12, 4) != "IHDR") {
    error = "PNG illisible : fichier tronqué ou en-tête IHDR absent";
    return false;
  }
  if (!check_size(be32(bytes, 16), be32(bytes, 20), limits, error)) return false;

  PngJob job;
  job.data = reinterpret_cast<const unsigned char*>(bytes.data());
  job.size = bytes.size();
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &job, bilan_png_error, bilan_png_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  struct Owner {  // outside every setjmp frame: destroyed normally
    png_structp& p;
    png_infop& i;
    ~Owner() { png_destroy_read_struct(&p, &i, nullptr); }
  } owner{png, info};
  if (!png || !info) {
    error = "PNG illisible : mémoire insuffisante";
    return false;
  }
  png_set_error_fn(png, &job, bilan_png_error, bilan_png_warning);
  png_set_read_fn(png, &job, bilan_png_read);

  if (!read_png_header(png, info, &job, &limits)) {
    error = "PNG illisible : " + png_reason(job.message);
    return false;
  }
  if (!check_size(job.width, job.height, limits, error)) return false;
  const int color_channels = job.palette || job.channels >= 3 ? 3 : 1;
  const bool has_alpha = job.palette ? job.palette_alpha : job.channels == 2 || job.channels == 4;
  if (job.channels < 1 || job.channels > 4 || job.rowbytes != std::size_t{job.width} * static_cast<unsigned>(job.channels)) {
    error = "PNG illisible : format de pixels inattendu";
    return false;
  }

  // Read straight into the samples when they need no split (palette indices
  // are samples too); else into a buffer that is not zeroed first (libpng
  // writes every byte of it).
  const std::size_t size = job.rowbytes * job.height;
  std::string pixels;
  std::unique_ptr<unsigned char[]> scratch;
  unsigned char* base = nullptr;
  if (!job.palette && has_alpha) {
    scratch.reset(new unsigned char[size]);
    base = scratch.get();
  } else {
    pixels.assign(size, '\0');
    base = reinterpret_cast<unsigned char*>(pixels.data());
  }
  std::vector<png_bytep> rows(job.height);
  for (std::size_t y = 0; y < job.height; ++y) rows[y] = base + y * job.rowbytes;
  if (!read_png_pixels(png, info, rows.data())) {
    error = "PNG illisible : " + png_reason(job.message);
    return false;
  }

  out.width = job.width;
  out.height = job.height;
  out.space = color_channels == 3 ? ColorSpace::Rgb : ColorSpace::Gray;
  out.bits = 8;
  out.encoding = Encoding::Raw;
  const std::size_t n = std::size_t{job.width} * job.height;
  if (job.palette) {
    // The indices as read, the palette beside them (PDF /Indexed); alpha
    // looked up per pixel. Entries past PLTE are black, past tRNS opaque, as
    // libpng's expansion would make them. Entries of the same colour become
    // one: a stamp is often one ink at many opacities, and its indices then
    // deflate to nothing beside the alpha that tells them apart.
    std::array<unsigned char, 256> same{};  // entry → first entry of its colour
    std::array<bool, 256> used{};
    auto* index = reinterpret_cast<unsigned char*>(pixels.data());
    for (std::size_t i = 0; i < n; ++i) used[index[i]] = true;
    std::string colours;
    for (unsigned e = 0; e < 256; ++e) {
      if (!used[e]) continue;
      const std::string_view rgb(reinterpret_cast<const char*>(job.rgba[e]), 3);
      std::size_t at = 0;
      while (at < colours.size() && std::string_view(colours).substr(at, 3) != rgb) at += 3;
      if (at == colours.size()) colours += rgb;
      same[e] = static_cast<unsigned char>(at / 3);
    }
    if (has_alpha) {
      out.alpha.resize(n);
      auto* alpha = reinterpret_cast<unsigned char*>(out.alpha.data());
      unsigned all = 0xFF;  // AND of every alpha value: 0xFF when the image is opaque
      for (std::size_t i = 0; i < n; ++i) {
        const unsigned char a = job.rgba[index[i]][3];
        alpha[i] = a;
        all &= a;
        index[i] = same[index[i]];
      }
      if (all == 0xFF) out.alpha.clear();
    } else {
      for (std::size_t i = 0; i < n; ++i) index[i] = same[index[i]];
    }
    out.palette = std::move(colours);
    out.samples = std::move(pixels);
    return true;
  }
  if (!has_alpha) {
    out.samples = std::move(pixels);
    return true;
  }
  // Split the interleaved alpha out: PDF wants it as a separate soft mask.
  // One loop per layout, byte by byte: a memcpy call per pixel cost more than the copy.
  out.samples.resize(n * static_cast<std::size_t>(color_channels));
  out.alpha.resize(n);
  const unsigned char* px = base;
  auto* color = reinterpret_cast<unsigned char*>(out.samples.data());
  auto* alpha = reinterpret_cast<unsigned char*>(out.alpha.data());
  unsigned all = 0xFF;  // AND of every alpha value: 0xFF when the image is opaque
  if (color_channels == 3) {
    for (std::size_t i = 0; i < n; ++i, px += 4, color += 3) {
      color[0] = px[0];
      color[1] = px[1];
      color[2] = px[2];
      alpha[i] = px[3];
      all &= px[3];
    }
  } else {
    for (std::size_t i = 0; i < n; ++i, px += 2) {
      color[i] = px[0];
      alpha[i] = px[1];
      all &= px[1];
    }
  }
  if (all == 0xFF) out.alpha.clear();
  return true;
}

// ---------------------------------------------------------------------------
// JPEG: the markers up to the first scan, so that the frame a viewer will
// decode is one PDF's DCTDecode supports.

bool decode_jpeg(std::string_view b, const ImageLimits& limits, DecodedImage& out, std::string& error) {
  const auto fail = [&](const std::string& why) {
    error = "JPEG illisible : " + why;
    return false;
  };
  bool adobe = false, frame = false;
  std::uint32_t width = 0, height = 0, components = 0;
  std::size_t i = 2;
  for (;;) {
    if (i >= b.size()) return fail("fichier tronqué");
    if (static_cast<unsigned char>(b[i]) != 0xFF) return fail("marqueur attendu à l’octet " + std::to_string(i));
    while (i < b.size() && static_cast<unsigned char>(b[i]) == 0xFF) ++i;  // fill bytes
    if (i >= b.size()) return fail("fichier tronqué");
    const unsigned marker = static_cast<unsigned char>(b[i++]);
    if (marker == 0x00) return fail("marqueur invalide à l’octet " + std::to_string(i - 2));
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length
    if (marker == 0xD8 || marker == 0xD9) return fail(frame ? "aucune donnée d’image" : "dimensions introuvables");
    if (i + 2 > b.size()) return fail("fichier tronqué");
    const std::size_t len = be16(b, i);
    if (len < 2 || i + len > b.size()) return fail("fichier tronqué");
    const std::string_view seg = b.substr(i + 2, len - 2);
    if (marker == 0xEE && seg.size() >= 12 && seg.substr(0, 5) == "Adobe") adobe = true;
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (frame) return fail("plusieurs images dans le fichier");
      if (marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF)
        return fail("JPEG sans perte non pris en charge");
      if (marker == 0xC5 || marker == 0xC6 || marker == 0xCD || marker == 0xCE)
        return fail("JPEG hiérarchique non pris en charge");
      if (marker >= 0xC9) return fail("codage arithmétique non pris en charge (réenregistrez l’image en JPEG standard)");
      if (seg.size() < 6) return fail("en-tête d’image tronqué");
      const unsigned precision = static_cast<unsigned char>(seg[0]);
      height = be16(seg, 1);
      width = be16(seg, 3);
      components = static_cast<unsigned char>(seg[5]);
      if (precision != 8)
        return fail("précision de " + std::to_string(precision) + " bits non prise en charge (8 bits attendus)");
      if (components != 1 && components != 3 && components != 4)
        return fail(std::to_string(components) + " composantes de couleur (1, 3 ou 4 attendues)");
      if (seg.size() < 6 + 3 * std::size_t{components}) return fail("en-tête d’image tronqué");
      if (height == 0) return fail("hauteur absente de l’en-tête (marqueur DNL non pris en charge)");
      if (!check_size(width, height, limits, error)) return false;
      frame = true;
    }
    if (marker == 0xDA) {  // start of scan: the entropy-coded data follows
      if (!frame) return fail("dimensions introuvables");
      const std::size_t end = b.rfind("\xFF\xD9");
      if (end == std::string_view::npos || end < i + len) return fail("fichier tronqué (marqueur de fin absent)");
      break;
    }
    i += len;
  }
  out.width = width;
  out.height = height;
  out.space = components == 1 ? ColorSpace::Gray : components == 3 ? ColorSpace::Rgb : ColorSpace::Cmyk;
  out.bits = 8;
  out.encoding = Encoding::Dct;
  out.inverted_cmyk = components == 4 && adobe;
  out.samples = std::string(b);
  return true;
}

}  // namespace detail

bool try_decode(std::string_view bytes, const ImageLimits& limits, DecodedImage& out, std::string& error) {
  out = DecodedImage{};
  if (bytes.size() > limits.max_bytes) {
    error = "image trop volumineuse (" + detail::grouped(bytes.size()) + " octets, limite " +
            detail::grouped(limits.max_bytes) + " octets)";
    return false;
  }
  static constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  bool ok = false;
  if (bytes.substr(0, 8) == kPng)
    ok = detail::decode_png(bytes, limits, out, error);
  else if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF")
    ok = detail::decode_jpeg(bytes, limits, out, error);
  else
    error = "format d’image non pris en charge (PNG ou JPEG attendu)";
  if (!ok) {
    out = DecodedImage{};
    return false;
  }
  out.digest = Sha256::hex(Sha256::of(bytes));
  return true;
}

}  // namespace bilan::image

#include "image/decode.hpp"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "core/sha256.hpp"
#include "support/test_support.hpp"

namespace bilan::image {
namespace {

std::string data(const std::string& name) {
  return bilan::testing::read_text(bilan::testing::source_path("tests/unit/image/data/" + name));
}

std::string bytes(std::initializer_list<int> values) {
  std::string s;
  for (const int v : values) s += static_cast<char>(v);
  return s;
}

struct Result {
  bool ok = false;
  DecodedImage image;
  std::string error;
};

Result decode(const std::string& b, const ImageLimits& limits = {}) {
  Result r;
  r.ok = try_decode(b, limits, r.image, r.error);
  return r;
}

void put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>((v >> 8) & 0xFF);
  s += static_cast<char>(v & 0xFF);
}

// SOI, an APP0 (JFIF) segment, optionally a DQT, a start-of-frame, a scan, EOI.
std::string jpeg(std::uint32_t width, std::uint32_t height, unsigned char sof = 0xC0, bool extra_segment = true,
                 int precision = 8) {
  std::string s("\xFF\xD8", 2);
  s += std::string("\xFF\xE0", 2);
  put16(s, 16);
  s += std::string("JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00", 14);
  if (extra_segment) {
    s += std::string("\xFF\xDB", 2);
    put16(s, 67);
    s += std::string(65, '\x01');
  }
  s += '\xFF';
  s += static_cast<char>(sof);
  put16(s, 17);
  s += static_cast<char>(precision);
  put16(s, height);
  put16(s, width);
  s += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  s += std::string("\xFF\xDA\x00\x0C\x03\x01\x00\x02\x11\x03\x11\x00\x3F\x00", 14);
  s += std::string("\x12\x34\x56\xFF\x00\x78", 6);  // entropy-coded data, with a stuffed 0xFF
  s += std::string("\xFF\xD9", 2);
  return s;
}

// Palette images keep one index per pixel and their colours beside them (a
// PDF /Indexed image); expanded here to compare with libpng's expansion.
std::string expanded(const DecodedImage& img) {
  if (img.palette.empty()) return img.samples;
  std::string rgb;
  for (const char c : img.samples) rgb += img.palette.substr(3 * static_cast<std::size_t>(static_cast<unsigned char>(c)), 3);
  return rgb;
}

// ---- PNG, every colour type to 8-bit gray, RGB or indexed -----------------

TEST(DecodePng, PaletteStaysIndexed) {
  const auto r = decode(data("palette.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.encoding, Encoding::Raw);
  EXPECT_EQ(r.image.space, ColorSpace::Rgb);
  EXPECT_EQ(r.image.width, 4u);
  EXPECT_EQ(r.image.height, 2u);
  EXPECT_EQ(r.image.bits, 8);
  EXPECT_EQ(r.image.components(), 1);
  EXPECT_EQ(r.image.samples.size(), 8u) << "one index per pixel";
  EXPECT_EQ(r.image.palette.size() % 3, 0u);
  EXPECT_EQ(expanded(r.image), bytes({255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255,  //
                                      255, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0}));
  EXPECT_TRUE(r.image.alpha.empty());
}

TEST(DecodePng, PaletteTransparencyBecomesAlpha) {
  const auto r = decode(data("palette-trns.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.space, ColorSpace::Rgb);
  EXPECT_EQ(r.image.samples.size(), 4u * 2);
  EXPECT_EQ(r.image.alpha, bytes({0, 128, 255, 255, 255, 255, 128, 0}));
}

// Palette images are looked up by the decoder itself, not expanded by libpng:
// the values libpng's expansion gives (checked against it when the files were
// made), entries past the palette black and past the tRNS opaque.
TEST(DecodePng, PaletteLookupIsLibpngExpansion) {
  const auto r = decode(data("palette8-trns.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.space, ColorSpace::Rgb);
  EXPECT_EQ(expanded(r.image), bytes({10, 20, 30, 40, 50, 60, 70, 80, 90, 0, 0, 0, 10, 20, 30}));
  EXPECT_EQ(r.image.palette.size(), 4u * 3) << "the palette covers index 3, past PLTE: black";
  EXPECT_EQ(r.image.alpha, bytes({0, 200, 255, 255, 0}));
}

TEST(DecodePng, PaletteWithOpaqueTransparencyHasNoAlpha) {
  const auto r = decode(data("palette8-opaque-trns.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(expanded(r.image), bytes({10, 20, 30, 40, 50, 60, 70, 80, 90, 0, 0, 0, 10, 20, 30}));
  EXPECT_TRUE(r.image.alpha.empty());
}

TEST(DecodePng, InterlacedFourBitPaletteIsLookedUp) {
  const auto r = decode(data("palette4-interlaced.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.width, 3u);
  EXPECT_EQ(r.image.height, 3u);
  EXPECT_EQ(expanded(r.image), bytes({10, 20, 30, 40, 50, 60, 70, 80, 90,  //
                                      40, 50, 60, 70, 80, 90, 10, 20, 30,  //
                                      70, 80, 90, 10, 20, 30, 40, 50, 60}));
  EXPECT_TRUE(r.image.alpha.empty());
}

TEST(DecodePng, GrayAlphaIsSplit) {
  const auto r = decode(data("gray-alpha.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.space, ColorSpace::Gray);
  EXPECT_EQ(r.image.samples, bytes({10, 20, 30}));
  EXPECT_EQ(r.image.alpha, bytes({0, 128, 255}));
}

TEST(DecodePng, RgbaIsSplit) {
  const auto r = decode(data("rgba.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.space, ColorSpace::Rgb);
  EXPECT_EQ(r.image.samples, bytes({1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15}));
  EXPECT_EQ(r.image.alpha, bytes({4, 8, 12, 255}));
}

TEST(DecodePng, OpaqueAlphaIsDropped) {
  const auto r = decode(data("rgba-opaque.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.samples, bytes({1, 2, 3, 4, 5, 6}));
  EXPECT_TRUE(r.image.alpha.empty());
}

TEST(DecodePng, SixteenBitsAreScaledToEight) {
  const auto r = decode(data("rgb16.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.space, ColorSpace::Rgb);
  EXPECT_EQ(r.image.bits, 8);
  EXPECT_EQ(r.image.samples, bytes({0xFF, 0x00, 0x80, 0x12, 0xAB, 0x01}));
}

TEST(DecodePng, OneBitGrayIsExpanded) {
  const auto r = decode(data("gray1.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.space, ColorSpace::Gray);
  EXPECT_EQ(r.image.samples, bytes({255, 0, 255, 255, 0, 0, 255, 0}));
}

TEST(DecodePng, GrayTransparencyKeyBecomesAlpha) {
  const auto r = decode(data("gray-trns.png"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.samples, bytes({50, 60}));
  EXPECT_EQ(r.image.alpha, bytes({0, 255}));
}

TEST(DecodePng, InterlacedIsDeinterlaced) {
  const auto r = decode(data("interlaced.png"));
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.image.samples.size(), 25u);
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 5; ++x)
      EXPECT_EQ(static_cast<unsigned char>(r.image.samples[static_cast<std::size_t>(y * 5 + x)]), 10 * y + x) << x << "," << y;
}

TEST(DecodePng, TheSampleStamp) {
  const std::string file = bilan::testing::read_text(bilan::testing::source_path("samples/images/cachet-association.png"));
  const auto r = decode(file);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.width, 300u);
  EXPECT_EQ(r.image.height, 300u);
  EXPECT_EQ(r.image.samples.size(), 300u * 300) << "a palette: one index per pixel";
  EXPECT_EQ(r.image.palette.size(), 3u) << "16 entries, one ink at 16 opacities: one colour";
  EXPECT_EQ(r.image.samples.find_first_not_of('\0'), std::string::npos);
  EXPECT_EQ(r.image.alpha.size(), 300u * 300);
  EXPECT_EQ(r.image.digest, Sha256::hex(Sha256::of(file)));
}

// ---- PNG, broken or hostile -----------------------------------------------

TEST(DecodePng, CorruptCrcIsRefused) {
  const auto r = decode(data("bad-crc.png"));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "PNG illisible : somme de contrôle (CRC) erronée, le fichier est abîmé");
}

TEST(DecodePng, TruncatedIdatIsRefused) {
  const auto r = decode(data("truncated-idat.png"));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "PNG illisible : fichier tronqué (données d’image incomplètes)");
}

TEST(DecodePng, MissingRowsAreRefused) {
  const auto r = decode(data("short-idat.png"));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "PNG illisible : fichier tronqué (données d’image incomplètes)");
}

TEST(DecodePng, MissingPaletteIsRefused) {
  const auto r = decode(data("missing-plte.png"));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "PNG illisible : palette (PLTE) absente ou invalide");
}

TEST(DecodePng, BombIsRefusedFromItsHeader) {
  const auto r = decode(data("bomb.png"));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error,
            "image trop grande : 100\u202f000 × 100\u202f000 pixels (limites : 16\u202f000\u202f000 pixels, "
            "16\u202f384 pixels de côté)");
}

TEST(DecodePng, PixelLimitIsTheCallers) {
  ImageLimits small;
  small.max_pixels = 20;
  EXPECT_TRUE(decode(data("interlaced.png"), small).ok == false);
  small.max_pixels = 25;
  EXPECT_TRUE(decode(data("interlaced.png"), small).ok);
  small.max_side = 4;
  EXPECT_EQ(decode(data("interlaced.png"), small).error,
            "image trop grande : 5 × 5 pixels (limites : 25 pixels, 4 pixels de côté)");
}

TEST(DecodePng, ByteLimit) {
  ImageLimits small;
  small.max_bytes = 50;
  EXPECT_EQ(decode(data("palette.png"), small).error, "image trop volumineuse (93 octets, limite 50 octets)");
}

TEST(DecodePng, TruncatedHeaderOrZeroSize) {
  const std::string png = data("palette.png");
  EXPECT_EQ(decode(png.substr(0, 20)).error, "PNG illisible : fichier tronqué ou en-tête IHDR absent");
  EXPECT_EQ(decode(png.substr(0, 8)).error, "PNG illisible : fichier tronqué ou en-tête IHDR absent");
  std::string zero = png;
  zero[16] = zero[17] = zero[18] = zero[19] = '\0';
  EXPECT_EQ(decode(zero).error, "image de taille nulle (0 × 2 pixels)");
  std::string no_ihdr = png;
  no_ihdr.replace(12, 4, "IHDX");
  EXPECT_EQ(decode(no_ihdr).error, "PNG illisible : fichier tronqué ou en-tête IHDR absent");
}

TEST(DecodePng, EveryPrefixIsRefusedCleanly) {
  const std::string png = data("rgba.png");
  for (std::size_t n = 0; n < png.size() - 12; ++n) {  // the last 12 bytes are IEND
    const auto r = decode(png.substr(0, n));
    EXPECT_FALSE(r.ok) << n;
    EXPECT_FALSE(r.error.empty()) << n;
  }
}

// ---- JPEG: checked, passed through ----------------------------------------

TEST(DecodeJpeg, GrayRgbCmykFromLibjpeg) {
  const std::string gray = data("gray.jpg");
  const auto g = decode(gray);
  ASSERT_TRUE(g.ok) << g.error;
  EXPECT_EQ(g.image.encoding, Encoding::Dct);
  EXPECT_EQ(g.image.space, ColorSpace::Gray);
  EXPECT_EQ(g.image.width, 16u);
  EXPECT_EQ(g.image.height, 8u);
  EXPECT_EQ(g.image.samples, gray);  // passed through
  EXPECT_FALSE(g.image.inverted_cmyk);

  const auto rgb = decode(data("rgb.jpg"));
  ASSERT_TRUE(rgb.ok) << rgb.error;
  EXPECT_EQ(rgb.image.space, ColorSpace::Rgb);

  const auto cmyk = decode(data("cmyk.jpg"));  // with an Adobe APP14 marker
  ASSERT_TRUE(cmyk.ok) << cmyk.error;
  EXPECT_EQ(cmyk.image.space, ColorSpace::Cmyk);
  EXPECT_TRUE(cmyk.image.inverted_cmyk);
}

TEST(DecodeJpeg, Progressive) {
  const auto r = decode(data("progressive.jpg"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.width, 20u);
  EXPECT_EQ(r.image.height, 12u);
  const auto hand = decode(jpeg(300, 200, 0xC2, false));
  ASSERT_TRUE(hand.ok) << hand.error;
  EXPECT_EQ(hand.image.width, 300u);
}

TEST(DecodeJpeg, TheSampleSignature) {
  const auto r = decode(bilan::testing::read_text(bilan::testing::source_path("samples/images/signature-presidente.jpg")));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.width, 600u);
  EXPECT_EQ(r.image.height, 220u);
  EXPECT_EQ(r.image.space, ColorSpace::Rgb);
}

TEST(DecodeJpeg, ReadsSizeAfterOtherSegmentsAndFillBytes) {
  auto r = decode(jpeg(1024, 768));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.width, 1024u);
  EXPECT_EQ(r.image.height, 768u);
  std::string filled = jpeg(50, 60);
  filled.insert(2, "\xFF\xFF");  // fill bytes before a marker are allowed
  r = decode(filled);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.width, 50u);
}

TEST(DecodeJpeg, SkipsHuffmanTableMarkerThatIsNotAFrame) {
  // 0xC4 (DHT) lies in the SOF range but carries no size.
  std::string s("\xFF\xD8\xFF\xC4", 4);
  put16(s, 5);
  s += std::string("\x00\x00\x00", 3);
  s += jpeg(50, 60, 0xC0, false).substr(2);
  const auto r = decode(s);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.image.width, 50u);
  EXPECT_EQ(r.image.height, 60u);
}

TEST(DecodeJpeg, ArithmeticLosslessAndTwelveBitsAreRefused) {
  EXPECT_EQ(decode(jpeg(10, 10, 0xC9)).error,
            "JPEG illisible : codage arithmétique non pris en charge (réenregistrez l’image en JPEG standard)");
  EXPECT_EQ(decode(jpeg(10, 10, 0xCA)).error,
            "JPEG illisible : codage arithmétique non pris en charge (réenregistrez l’image en JPEG standard)");
  EXPECT_EQ(decode(jpeg(10, 10, 0xC3)).error, "JPEG illisible : JPEG sans perte non pris en charge");
  EXPECT_EQ(decode(jpeg(10, 10, 0xC5)).error, "JPEG illisible : JPEG hiérarchique non pris en charge");
  EXPECT_EQ(decode(jpeg(10, 10, 0xC1, true, 12)).error,
            "JPEG illisible : précision de 12 bits non prise en charge (8 bits attendus)");
}

TEST(DecodeJpeg, TruncatedOrBroken) {
  const std::string full = jpeg(1024, 768);
  EXPECT_EQ(decode(full.substr(0, full.size() - 2)).error, "JPEG illisible : fichier tronqué (marqueur de fin absent)");
  EXPECT_EQ(decode(full.substr(0, 3)).error, "JPEG illisible : fichier tronqué");
  EXPECT_EQ(decode(full.substr(0, 30)).error, "JPEG illisible : fichier tronqué");
  EXPECT_EQ(decode(jpeg(0, 10)).error, "image de taille nulle (0 × 10 pixels)");
  EXPECT_EQ(decode(jpeg(10, 0)).error, "JPEG illisible : hauteur absente de l’en-tête (marqueur DNL non pris en charge)");
  EXPECT_EQ(decode(std::string("\xFF\xD8\xFF\xE0\x00", 5) + std::string(40, 'x')).error,
            "JPEG illisible : fichier tronqué");
  EXPECT_EQ(decode(std::string("\xFF\xD8\xFF\xD9", 4)).error, "JPEG illisible : dimensions introuvables");
  for (std::size_t n = 0; n < full.size(); ++n) EXPECT_FALSE(decode(full.substr(0, n)).ok) << n;
}

TEST(DecodeJpeg, LimitsApply) {
  ImageLimits small;
  small.max_pixels = 100;
  EXPECT_EQ(decode(jpeg(11, 10), small).error,
            "image trop grande : 11 × 10 pixels (limites : 100 pixels, 16\u202f384 pixels de côté)");
}

// ---- Neither -----------------------------------------------------------------

TEST(Decode, GarbageIsNotAnImage) {
  for (const std::string& s : {std::string("GIF89a\x01\x00\x01\x00", 10), std::string(), std::string("\xFF\xD8", 2),
                               data("../../../inputs/images/pas-une-image.png")}) {
    const auto r = decode(s);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "format d’image non pris en charge (PNG ou JPEG attendu)");
    EXPECT_EQ(r.image.width, 0u);
  }
}

}  // namespace
}  // namespace bilan::image

#include "fonts/font_set.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "support/test_support.hpp"

namespace bilan::fonts {
namespace {

const FontSet& fonts() {
  static const testing::MemoryEnvironment env = testing::MemoryEnvironment::with_fonts();
  static const auto set = FontSet::must_load(env, env.font_manifest_path());
  return *set;
}

TEST(FontSet, MetricsComeFromTheEmbeddedFonts) {
  // Liberation Sans: « a » is 1139/2048 em → 556 thousandths, as in the PDF /W array.
  EXPECT_DOUBLE_EQ(fonts().advance(Face::Regular, U'a'), 556);
  EXPECT_TRUE(fonts().has_glyph(Face::Regular, U'é'));
  EXPECT_TRUE(fonts().has_glyph(Face::Regular, U'€'));
  EXPECT_TRUE(fonts().has_glyph(Face::Regular, 0x05D0)) << "Liberation Sans has Hebrew";
  EXPECT_FALSE(fonts().has_glyph(Face::Regular, 0x0627)) << "Arabic: only DejaVu has it";
  EXPECT_TRUE(fonts().has_glyph(Face::FallbackRegular, 0x0627));
  EXPECT_FALSE(fonts().has_glyph(Face::Regular, 0x2603)) << "snowman: only DejaVu has it";
  EXPECT_TRUE(fonts().has_glyph(Face::FallbackRegular, 0x2603));
  EXPECT_TRUE(fonts().has_glyph(Face::FallbackRegular, 0x1F600)) << "beyond the BMP too";
  EXPECT_FALSE(fonts().has_glyph(Face::FallbackRegular, 0x1F92F)) << "no face has this emoji";
  // hhea ascender and descender, truncated to thousandths.
  EXPECT_DOUBLE_EQ(fonts().ascent(Face::Regular), 905);
  EXPECT_DOUBLE_EQ(fonts().descent(Face::Regular), -211);
  EXPECT_EQ(fonts().info(Face::Bold).postscript_name, "LiberationSans-Bold");
  EXPECT_TRUE(fonts().info(Face::Italic).italic);
  EXPECT_EQ(fonts().fingerprint().size(), 64u);
}

// The table shape() uses for simple text must agree with HarfBuzz, glyph for
// glyph, for every character it handles, in every face.
TEST(FontSet, FastPathShapesAsHarfBuzzDoes) {
  for (int f = 1; f < kFaceCount; ++f) {
    const auto face = static_cast<Face>(f);
    for (char32_t cp = 0x20; cp < 0x20C1; ++cp) {
      if (cp >= 0x7F && cp < 0xA0) continue;
      const std::string s = "a" + utf8::encode(cp) + "b";
      std::vector<ShapedGlyph> fast, slow;
      fonts().shape(face, s, false, fast);
      fonts().shape_with_harfbuzz(face, s, false, slow);
      ASSERT_EQ(fast.size(), slow.size()) << face_name(face) << " U+" << std::hex << static_cast<unsigned>(cp);
      if (fast.size() != 3) continue;  // a mark: HarfBuzz positions it, shape() only calls it for simple text
      for (std::size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].gid, slow[i].gid) << face_name(face) << " U+" << std::hex << static_cast<unsigned>(cp);
        EXPECT_EQ(fast[i].advance, slow[i].advance) << face_name(face) << " U+" << std::hex << static_cast<unsigned>(cp);
        EXPECT_EQ(fast[i].dx, slow[i].dx) << face_name(face) << " U+" << std::hex << static_cast<unsigned>(cp);
        EXPECT_EQ(fast[i].dy, slow[i].dy) << face_name(face) << " U+" << std::hex << static_cast<unsigned>(cp);
        EXPECT_EQ(fast[i].cluster, slow[i].cluster);
      }
    }
  }
}

TEST(FontSet, ArabicJoinsAndRunsRightToLeft) {
  // « سلام »: four letters, joined, lam-alef as its required ligature: three glyphs, drawn right to left.
  const std::string salam = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";
  std::vector<ShapedGlyph> glyphs;
  fonts().shape(Face::FallbackRegular, salam, true, glyphs);
  ASSERT_EQ(glyphs.size(), 3u);
  EXPECT_EQ(glyphs.front().cluster, 6u) << "visual order: the last letter first";
  EXPECT_EQ(glyphs.back().cluster, 0u);
  std::vector<ShapedGlyph> isolated;
  fonts().shape(Face::FallbackRegular, "\xD8\xB3", true, isolated);
  ASSERT_EQ(isolated.size(), 1u);
  EXPECT_NE(glyphs.back().gid, isolated[0].gid) << "the first letter takes its initial form";
}

TEST(FontSet, SubsetHoldsTheGlyphsAskedFor) {
  std::vector<ShapedGlyph> glyphs;
  fonts().shape(Face::Regular, "Été", false, glyphs);
  std::vector<std::uint16_t> gids;
  for (const auto& g : glyphs) gids.push_back(g.gid);
  Subset subset;
  std::string error;
  ASSERT_TRUE(fonts().try_subset(Face::Regular, gids, subset, error)) << error;
  ASSERT_EQ(subset.new_gids.size(), 3u);
  EXPECT_GE(subset.glyph_count, 4u) << ".notdef, É, t, é";
  EXPECT_LE(subset.glyph_count, 10u) << "and the components of the accented letters, nothing else";
  for (const auto g : subset.new_gids) EXPECT_LT(g, subset.glyph_count);
  EXPECT_LT(subset.bytes.size(), 3000u) << "a subset, not the whole font";
  EXPECT_EQ(subset.bytes.substr(0, 4), std::string("\0\1\0\0", 4)) << "a TrueType file";
}

TEST(FontSet, MissingFontFileIsAClearError) {
  testing::MemoryEnvironment env;
  env.add_file("/m/fonts.conf",
               "regular = /nonexistent/font.ttf\nbold = /nonexistent/font.ttf\nitalic = /nonexistent/font.ttf\n"
               "bold-italic = /nonexistent/font.ttf\nfallback = /nonexistent/font.ttf\nfallback-bold = /nonexistent/font.ttf\n");
  try {
    FontSet::must_load(env, "/m/fonts.conf");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("police illisible : /nonexistent/font.ttf"), std::string::npos) << e.what();
  }
}

TEST(FontManifest, ErrorsNameTheLine) {
  testing::MemoryEnvironment env;
  env.add_file("/m/fonts.conf", "regular = a.ttf\nbold a.ttf\n");
  try {
    must_load_font_manifest(env, "/m/fonts.conf");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_STREQ(e.what(), "/m/fonts.conf:2: ligne sans « = » (attendu : rôle = fichier.ttf)");
  }
  env.add_file("/m/short.conf", "regular = /x/a.ttf\n");
  try {
    must_load_font_manifest(env, "/m/short.conf");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_STREQ(e.what(), "/m/short.conf: le rôle « bold » n’a pas de fichier");
  }
}

}  // namespace
}  // namespace bilan::fonts

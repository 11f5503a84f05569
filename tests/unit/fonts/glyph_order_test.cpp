#include "fonts/glyph_order.hpp"

#include <gtest/gtest.h>

#include <string_view>

#include "core/big_endian.hpp"
#include "support/test_support.hpp"

namespace bilan::fonts {
namespace {

const FontSet& fonts() {
  static const testing::MemoryEnvironment env = testing::MemoryEnvironment::with_fonts();
  static const auto set = FontSet::must_load(env, env.font_manifest_path());
  return *set;
}

std::string_view table(std::string_view font, std::string_view tag) {
  for (std::size_t i = 0; i < be16(font, 4); ++i)
    if (font.substr(12 + 16 * i, 4) == tag) return font.substr(be32(font, 12 + 16 * i + 8), be32(font, 12 + 16 * i + 12));
  return {};
}

std::uint32_t checksum(std::string_view s) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < s.size(); i += 4) {
    std::uint32_t word = 0;
    for (std::size_t k = 0; k < 4; ++k) word = (word << 8) | (i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u);
    sum += word;
  }
  return sum;
}

// The glyphs of « é a » in Liberation Sans: é is a composite (e + acute).
std::vector<std::uint16_t> glyphs_of(std::string_view text) {
  std::vector<ShapedGlyph> shaped;
  fonts().shape_with_harfbuzz(Face::Regular, text, false, shaped);
  std::vector<std::uint16_t> gids;
  for (const auto& g : shaped) gids.push_back(g.gid);
  return gids;
}

TEST(GlyphOrder, GlyphsSitAtTheIdsAskedWithTheirMetricsAndComponents) {
  const auto gids = glyphs_of("éa");
  ASSERT_EQ(gids.size(), 2u);
  Subset subset;
  std::string error;
  ASSERT_TRUE(fonts().try_subset(Face::Regular, gids, subset, error)) << error;
  ASSERT_EQ(subset.glyph_count, 5u) << ".notdef, é, a and é's two components";
  const std::vector<std::uint16_t> wanted = {0xE9, 0x61};
  ASSERT_TRUE(try_place_glyphs(subset, wanted, error)) << error;
  EXPECT_EQ(subset.new_gids, wanted);
  EXPECT_EQ(subset.glyph_count, 0xEA);
  const std::string_view font = subset.bytes;
  EXPECT_EQ(be16(table(font, "maxp"), 4), 0xEAu);
  EXPECT_EQ(be16(table(font, "hhea"), 34), 0xEAu);
  // Advances where the glyphs now are, in font units (2048 per em).
  const std::string_view hmtx = table(font, "hmtx");
  EXPECT_EQ(be16(hmtx, 4 * 0x61), 1139u) << "a";
  EXPECT_EQ(be16(hmtx, 4 * 0xE9), 1139u) << "é";
  EXPECT_EQ(be16(hmtx, 4 * 0x62), 0u) << "an unused id: empty, no width";
  // loca: unused ids are empty; é is a composite whose components moved to
  // the first free ids (1 and 2), in the order of the full face.
  const bool short_loca = be16(table(font, "head"), 50) == 0;
  ASSERT_TRUE(short_loca);
  const std::string_view loca = table(font, "loca"), glyf = table(font, "glyf");
  const auto at = [&](std::size_t g) { return 2 * be16(loca, 2 * g); };
  EXPECT_EQ(at(0x62), at(0x63));
  const std::string_view e_acute = glyf.substr(at(0xE9), at(0xEA) - at(0xE9));
  ASSERT_GE(e_acute.size(), 14u);
  EXPECT_EQ(be16(e_acute, 0), 0xFFFFu) << "a composite";
  EXPECT_EQ(be16(e_acute, 12), 1u) << "first component: e, now glyph 1";
  // The file's own checksum, as the OpenType specification computes it.
  EXPECT_EQ(checksum(font), 0xB1B0AFBAu);
}

TEST(GlyphOrder, RefusesWhatItCannotDoAndLeavesTheSubsetAlone) {
  const auto gids = glyphs_of("ab");
  Subset subset;
  std::string error;
  ASSERT_TRUE(fonts().try_subset(Face::Regular, gids, subset, error)) << error;
  const Subset before = subset;
  const std::vector<std::uint16_t> same = {0x61, 0x61};
  EXPECT_FALSE(try_place_glyphs(subset, same, error));
  EXPECT_EQ(error, "ordre des glyphes : deux glyphes au même identifiant");
  const std::vector<std::uint16_t> too_far = {0x61, 256};
  EXPECT_FALSE(try_place_glyphs(subset, too_far, error));
  EXPECT_EQ(error, "ordre des glyphes : identifiant de glyphe hors limites");
  Subset unknown = subset;
  const std::size_t head_record = unknown.bytes.find("head");
  ASSERT_NE(head_record, std::string::npos);
  unknown.bytes.replace(head_record, 4, "kern");
  const std::vector<std::uint16_t> fine = {0x61, 0x62};
  EXPECT_FALSE(try_place_glyphs(unknown, fine, error));
  EXPECT_EQ(error, "ordre des glyphes : table « kern » non prise en charge");
  EXPECT_EQ(subset.bytes, before.bytes);
  EXPECT_EQ(subset.new_gids, before.new_gids);
  EXPECT_TRUE(try_place_glyphs(subset, fine, error)) << error;
}

}  // namespace
}  // namespace bilan::fonts

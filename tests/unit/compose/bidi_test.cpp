// Mixed directions on a line: fragments in visual order, right-to-left runs
// shaped as one run (glyphs reversed), invisible marks never drawn.
#include <gtest/gtest.h>

#include "compose/line_setter.hpp"
#include "fake_metrics.hpp"

namespace bilan::compose {
namespace {

const char* const kShalom = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";  // שלום
const char* const kOlam = "\xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D";    // עולם

class BidiTest : public ::testing::Test {
 protected:
  testing::FakeMetrics metrics;
  LineSetter setter{metrics};
  TextStyle regular{false, false, 10, {}};
};

TEST_F(BidiTest, HebrewInAFrenchLineRunsRightToLeft) {
  const std::string text = std::string("ab ") + kShalom + " " + kOlam + " cd";
  const auto lines = setter.set({{text, regular, 0}}, 1000);
  ASSERT_EQ(lines.size(), 1u);
  const auto& f = lines[0].fragments;
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].text, "ab ");
  EXPECT_FALSE(f[0].rtl);
  EXPECT_EQ(f[1].text, std::string(kShalom) + " " + kOlam) << "logical text";
  EXPECT_TRUE(f[1].rtl);
  // Visual order: the last letter of עולם is drawn first.
  ASSERT_EQ(f[1].glyphs.size(), 9u);
  EXPECT_EQ(f[1].glyphs.front().cluster, f[1].text.size() - 2);
  EXPECT_EQ(f[1].glyphs.back().cluster, 0u);
  EXPECT_EQ(f[2].text, " cd");
  EXPECT_DOUBLE_EQ(f[1].x, 15);
  EXPECT_DOUBLE_EQ(f[2].x, 60);
  EXPECT_DOUBLE_EQ(lines[0].width, 75);
}

TEST_F(BidiTest, RightToLeftParagraphPutsItsFirstWordAtTheRight) {
  const std::string text = std::string(kShalom) + " abc";
  const auto lines = setter.set({{text, regular, 0}}, 1000);
  ASSERT_EQ(lines.size(), 1u);
  const auto& f = lines[0].fragments;
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].text, "abc") << "left: the Latin word (level 2)";
  EXPECT_DOUBLE_EQ(f[0].x, 0);
  EXPECT_EQ(f[1].text, std::string(kShalom) + " ");
  EXPECT_DOUBLE_EQ(f[1].x, 15);
}

TEST_F(BidiTest, FormatCharactersTakeNoRoomAndAreNotDrawn) {
  const std::string text = "a\u200Bb\u2060c\uFEFFd\u200Ee\u00ADf";
  const auto lines = setter.set({{text, regular, 0}}, 1000);
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0].fragments.size(), 1u);
  EXPECT_EQ(lines[0].fragments[0].text, "abcdef");
  EXPECT_EQ(lines[0].fragments[0].glyphs.size(), 6u);
  EXPECT_DOUBLE_EQ(lines[0].width, 30);
  EXPECT_DOUBLE_EQ(setter.measure(text, regular), 30);
}

TEST_F(BidiTest, ShapeLineOfARightToLeftLabel) {
  bool rtl = false;
  const auto glyphs = setter.shape_line(kShalom, Face::Regular, rtl);
  EXPECT_TRUE(rtl);
  ASSERT_EQ(glyphs.size(), 4u);
  EXPECT_EQ(glyphs.front().cluster, 6u);
  const auto latin = setter.shape_line("oui", Face::Regular, rtl);
  EXPECT_FALSE(rtl);
  ASSERT_EQ(latin.size(), 3u);
  EXPECT_EQ(latin[0].cluster, 0u);
}

}  // namespace
}  // namespace bilan::compose

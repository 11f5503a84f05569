#include "compose/field_lines.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_metrics.hpp"

namespace bilan::compose {
namespace {

// Lines as text, for readable expectations (every glyph 5 pt at 10 pt).
std::vector<std::string> lines_of(const std::string& text, double width, double size = 10) {
  const testing::FakeMetrics fonts;
  std::vector<std::string> out;
  for (const auto& l : field_lines(fonts, text, width, size)) {
    EXPECT_LE(l.begin, l.end);
    EXPECT_LE(l.end, text.size());
    out.push_back(text.substr(l.begin, l.end - l.begin));
  }
  return out;
}

TEST(FieldLines, WrapsWordsToTheWidthAndDropsTheSpaceBrokenAt) {
  EXPECT_EQ(lines_of("abc def ghi", 35), (std::vector<std::string>{"abc def", "ghi"}));  // 35 pt: 7 glyphs fit exactly
  EXPECT_EQ(lines_of("abc def ghi", 34.9), (std::vector<std::string>{"abc", "def", "ghi"}));
  EXPECT_EQ(lines_of("abc def ghi", 1000), (std::vector<std::string>{"abc def ghi"}));
  EXPECT_EQ(lines_of("abc def", 35, 20), (std::vector<std::string>{"abc", "def"}));  // twice the size, half the glyphs
}

TEST(FieldLines, KeepsItsOwnLineBreaksAndEmptyLines) {
  EXPECT_EQ(lines_of("ab\ncd", 1000), (std::vector<std::string>{"ab", "cd"}));
  EXPECT_EQ(lines_of("ab\r\ncd", 1000), (std::vector<std::string>{"ab", "cd"}));
  EXPECT_EQ(lines_of("ab\n\ncd\n", 1000), (std::vector<std::string>{"ab", "", "cd", ""}));
  EXPECT_EQ(lines_of("", 1000), (std::vector<std::string>{""}));
}

// A typed « : » or « » » never starts a line, « « » never ends one (French
// typography), though the value keeps the plain spaces the person typed.
TEST(FieldLines, NeverBreaksBeforeAFrenchMarkNorAfterAnOpeningGuillemet) {
  EXPECT_EQ(lines_of("abc def : ghi", 35), (std::vector<std::string>{"abc", "def :", "ghi"}));  // not « abc def », « : ghi »
  EXPECT_EQ(lines_of("ab ; c ! d ? e", 20), (std::vector<std::string>{"ab ;", "c !", "d ?", "e"}));
  EXPECT_EQ(lines_of("dit \u00ab oui \u00bb ici", 25), (std::vector<std::string>{"dit", "\u00ab oui \u00bb", "ici"}));
}

TEST(FieldLines, AWordWiderThanTheFieldStaysWhole) {
  EXPECT_EQ(lines_of("abcdefghij kl", 20), (std::vector<std::string>{"abcdefghij", "kl"}));
}

TEST(FieldLines, LinesAreRangesOfTheText) {
  const testing::FakeMetrics fonts;
  const std::string text = "abc def\n\nghi";
  const auto lines = field_lines(fonts, text, 20, 10);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].begin, 0u);
  EXPECT_EQ(lines[1].begin, 4u);  // after the space
  EXPECT_EQ(lines[2].begin, 8u);  // the empty line, between the two breaks
  EXPECT_EQ(lines[2].end, 8u);
  EXPECT_EQ(lines[3].begin, 9u);
}

TEST(FieldLines, WidthOfALine) {
  const testing::FakeMetrics fonts;
  EXPECT_DOUBLE_EQ(field_text_width(fonts, "abcd", 10), 20);
  EXPECT_DOUBLE_EQ(field_text_width(fonts, "", 10), 0);
}

// pdf.js: (height − 2) / round((height − 2) / (1.35 × size)).
TEST(FieldLines, LeadingAndCapacityAreThoseOfPdfJs) {
  // 16 n + 2 pt at 11.85 pt: n lines exactly 16 pt apart (1.35 × 11.85 = 15.9975).
  for (int n = 1; n <= 60; ++n) {
    EXPECT_EQ(field_capacity(16.0 * n + 2, 11.85), static_cast<std::size_t>(n)) << n;
    EXPECT_DOUBLE_EQ(field_leading(16.0 * n + 2, 11.85), 16) << n;
  }
  // At 10 pt, the same widget crowds its lines: about 13.3 pt apart for 9 rules.
  EXPECT_EQ(field_capacity(146, 10), 11u);
  EXPECT_NEAR(field_leading(146, 10), 144.0 / 11, 1e-12);
  // A table cell 18 pt high at 9 pt: one line, the whole height.
  EXPECT_EQ(field_capacity(18, 9), 1u);
  EXPECT_DOUBLE_EQ(field_leading(18, 9), 16);
  // Never less than one line, even in a widget with no room.
  EXPECT_EQ(field_capacity(1, 10), 1u);
  EXPECT_DOUBLE_EQ(field_leading(1, 10), 0);
}

// FieldItem::lines, which the PDF writer draws as they are: a multi-line
// field's lines within its rectangle less 2 pt on each side, a one-line
// field's value on one line, nothing for a box or an empty value.
TEST(FieldLines, EachFieldCarriesTheLinesItsWidgetShows) {
  const testing::FakeMetrics fonts;
  FieldItem area;
  area.kind = FieldKind::MultiLine;
  area.rect = Rect{0, 0, 39, 40};  // 35 pt for the text: 7 glyphs at 10 pt
  area.value = "abc def ghi";
  EXPECT_EQ(field_value_lines(fonts, area), (std::vector<std::string>{"abc def", "ghi"}));
  area.rect.width = 38.9;
  EXPECT_EQ(field_value_lines(fonts, area), (std::vector<std::string>{"abc", "def", "ghi"}));

  FieldItem line;
  line.kind = FieldKind::Text;
  line.rect = Rect{0, 0, 10, 12};  // narrower than its value: one line all the same
  line.value = "12\n34";
  EXPECT_EQ(field_value_lines(fonts, line), (std::vector<std::string>{"12 34"}));
  line.value.clear();
  EXPECT_TRUE(field_value_lines(fonts, line).empty());

  FieldItem box;
  box.kind = FieldKind::Check;
  box.value = "oui";
  EXPECT_TRUE(field_value_lines(fonts, box).empty());

  std::vector<Page> pages(1);
  pages[0].items.push_back(area);
  pages[0].items.push_back(TextItem{});
  set_field_lines(fonts, pages);
  EXPECT_EQ(std::get<FieldItem>(pages[0].items[0]).lines, (std::vector<std::string>{"abc", "def", "ghi"}));
}

}  // namespace
}  // namespace bilan::compose

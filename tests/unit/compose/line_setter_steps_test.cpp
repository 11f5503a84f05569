// LineSetter::set() step by step (compose/line_setter_steps), on round
// numbers: every glyph is 5 pt wide at 10 pt (FakeMetrics).
#include "compose/line_setter_steps.hpp"

#include <gtest/gtest.h>

#include "fake_metrics.hpp"

namespace bilan::compose::detail {
namespace {

class LineSetterSteps : public ::testing::Test {
 protected:
  Paragraph shaped(const std::vector<Span>& spans) {
    Paragraph p = itemize(setter, spans, {});
    shape(metrics, spans, p);
    return p;
  }
  std::vector<std::string> lines_of(const std::vector<Span>& spans, double width) {
    const Paragraph p = shaped(spans);
    std::vector<std::string> out;
    for (const LineRange r : fill_lines(metrics, spans, p, break_opportunities(p), width))
      out.push_back(p.joined.substr(p.chars[r.begin].offset, r.end > r.begin ? p.chars[r.end - 1].end - p.chars[r.begin].offset : 0));
    return out;
  }

  testing::FakeMetrics metrics;
  LineSetter setter{metrics};
  TextStyle regular{false, false, 10, {}};
  TextStyle bold{true, false, 10, {}};
};

TEST_F(LineSetterSteps, ItemizeJoinsSpansOneCharEachWithItsFace) {
  std::vector<std::pair<char32_t, std::size_t>> missing;
  const std::vector<Span> spans{{"é a", regular, 0}, {"", regular, 30}, {"b\u2603\U0001F600", bold, 0}};
  const Paragraph p = itemize(setter, spans, [&](char32_t cp, std::size_t span) { missing.emplace_back(cp, span); });
  EXPECT_EQ(p.joined, "é a\uE000b\u2603\U0001F600");
  ASSERT_EQ(p.chars.size(), 7u);
  EXPECT_EQ(p.chars[0].offset, 0u);
  EXPECT_EQ(p.chars[0].end, 2u);  // « é »: two bytes
  EXPECT_EQ(p.chars[0].face, Face::Regular);
  EXPECT_EQ(p.chars[3].cp, kGapMark);
  EXPECT_EQ(p.chars[3].width, 30);  // a gap is as wide as asked, before shaping
  EXPECT_EQ(p.chars[4].face, Face::Bold);
  EXPECT_EQ(p.chars[5].face, Face::FallbackBold);  // only the fallback has U+2603
  EXPECT_EQ(p.chars[6].cp, U'\uFFFD');               // no face has U+1F600
  EXPECT_EQ(p.chars[6].face, Face::FallbackBold);
  EXPECT_EQ(missing, (std::vector<std::pair<char32_t, std::size_t>>{{0x1F600, 2}}));
  EXPECT_FALSE(p.hard_or_soft_hyphen);
  EXPECT_TRUE(itemize(setter, {{"a\nb", regular, 0}}, {}).hard_or_soft_hyphen);
  EXPECT_TRUE(itemize(setter, {{"a\u00ADb", regular, 0}}, {}).hard_or_soft_hyphen);
}

TEST_F(LineSetterSteps, ShapeMakesOneRunPerSpanAndFaceAndCreditsEachCharacter) {
  const Paragraph p = shaped({{"ab", regular, 0}, {"cd", regular, 0}, {"e", bold, 0}});
  ASSERT_EQ(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[0].text, "ab");
  EXPECT_EQ(p.runs[2].text, "e");
  EXPECT_EQ(p.chars[1].run, 0u);
  EXPECT_EQ(p.chars[1].run_offset, 1u);
  EXPECT_EQ(p.chars[2].run, 1u);
  EXPECT_EQ(p.chars[2].run_offset, 0u);
  EXPECT_DOUBLE_EQ(p.chars[0].width, 5);
  EXPECT_DOUBLE_EQ(p.chars[4].width, 6);  // bold: 600/1000 em
}

TEST_F(LineSetterSteps, ShapeGivesInvisibleCharactersNoWidthAndRightToLeftALevel) {
  const Paragraph p = shaped({{"a\u200Bb \u05D0\u05D1", regular, 0}});
  EXPECT_TRUE(p.chars[1].invisible);
  EXPECT_DOUBLE_EQ(p.chars[1].width, 0);  // zero-width space: not in the run's text
  EXPECT_EQ(p.runs[0].text, "ab ");
  EXPECT_DOUBLE_EQ(p.chars[2].width, 5);
  EXPECT_EQ(p.chars[4].level % 2, 1);  // Hebrew
  EXPECT_TRUE(p.runs.back().rtl);
  EXPECT_DOUBLE_EQ(p.chars[4].width + p.chars[5].width, 10);
}

TEST_F(LineSetterSteps, BreakOpportunitiesAreAfterSpacesNotInsideHyphenatedWordsAndEndTheParagraph) {
  const Paragraph p = shaped({{"un rendez-vous\nici", regular, 0}});
  std::vector<std::pair<std::size_t, bool>> got;
  for (const Opportunity o : break_opportunities(p)) got.emplace_back(o.glyph, o.mandatory);
  // After « un », after the line break (mandatory), at the end (as ICU gives
  // it); not after « rendez- ».
  EXPECT_EQ(got, (std::vector<std::pair<std::size_t, bool>>{{3, false}, {15, true}, {18, false}}));
}

TEST_F(LineSetterSteps, FitsOnOneLineOnlyWithoutHardBreaksAndWithinTheWidth) {
  EXPECT_TRUE(fits_on_one_line(shaped({{"aaaa bbbb ", regular, 0}}), 45));  // trailing space not counted
  EXPECT_FALSE(fits_on_one_line(shaped({{"aaaa bbbb", regular, 0}}), 44));
  EXPECT_FALSE(fits_on_one_line(shaped({{"a\nb", regular, 0}}), 500));
}

TEST_F(LineSetterSteps, FillLinesIsGreedyAndCutsWordsWiderThanALine) {
  EXPECT_EQ(lines_of({{"aaaa bbbb cccc dd", regular, 0}}, 50), (std::vector<std::string>{"aaaa bbbb ", "cccc dd"}));
  EXPECT_EQ(lines_of({{"un\ndeux", regular, 0}}, 500), (std::vector<std::string>{"un\n", "deux"}));
  // 23 characters at 5 pt into 50 pt: cut every ten, between graphemes.
  EXPECT_EQ(lines_of({{"abcdefghijklmnopqrstuvw x", regular, 0}}, 50),
            (std::vector<std::string>{"abcdefghij", "klmnopqrst", "uvw x"}));
  // A soft hyphen: the hyphen drawn at the end of the line counts in its width.
  EXPECT_EQ(lines_of({{"aaaa\u00ADbbbb", regular, 0}}, 25), (std::vector<std::string>{"aaaa\u00AD", "bbbb"}));
}

TEST_F(LineSetterSteps, PlaceLineMakesAFragmentPerRunPlacedFromTheLeft) {
  const std::vector<Span> spans{{"ab ", regular, 0}, {"", regular, 20}, {"cd  ", bold, 0}};
  const Paragraph p = shaped(spans);
  LineScratch scratch;
  const SetLine line = place_line(metrics, spans, p, {0, p.chars.size()}, scratch);
  ASSERT_EQ(line.fragments.size(), 3u);
  EXPECT_EQ(line.fragments[0].text, "ab ");
  EXPECT_DOUBLE_EQ(line.fragments[0].width, 15);
  EXPECT_TRUE(line.fragments[1].gap);
  EXPECT_DOUBLE_EQ(line.fragments[1].x, 15);
  EXPECT_EQ(line.fragments[2].text, "cd");  // trailing spaces left out
  EXPECT_EQ(line.fragments[2].face, Face::Bold);
  EXPECT_DOUBLE_EQ(line.fragments[2].x, 35);
  ASSERT_EQ(line.fragments[2].glyphs.size(), 2u);
  EXPECT_EQ(line.fragments[2].glyphs[1].cluster, 1u);  // clusters into the fragment's text
  EXPECT_DOUBLE_EQ(line.width, 47);
}

TEST_F(LineSetterSteps, PlaceLineAddsTheHyphenOfASoftHyphenAndOrdersRightToLeftVisually) {
  const std::vector<Span> spans{{"aaaa\u00ADbbbb", regular, 0}};
  const Paragraph p = shaped(spans);
  LineScratch scratch;
  const SetLine first = place_line(metrics, spans, p, {0, 5}, scratch);
  ASSERT_EQ(first.fragments.size(), 2u);
  EXPECT_EQ(first.fragments[0].text, "aaaa");  // the soft hyphen itself is not drawn
  EXPECT_EQ(first.fragments[1].text, "-");
  EXPECT_DOUBLE_EQ(first.width, 25);

  const std::vector<Span> mixed{{"ab \u05D0\u05D1 cd", regular, 0}};
  const Paragraph q = shaped(mixed);
  const SetLine line = place_line(metrics, mixed, q, {0, q.chars.size()}, scratch);
  ASSERT_EQ(line.fragments.size(), 3u);
  EXPECT_EQ(line.fragments[1].text, "\u05D0\u05D1");
  EXPECT_TRUE(line.fragments[1].rtl);
  EXPECT_DOUBLE_EQ(line.fragments[2].x, line.fragments[0].width + line.fragments[1].width);
}

}  // namespace
}  // namespace bilan::compose::detail

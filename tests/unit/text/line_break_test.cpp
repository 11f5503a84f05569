#include "text/line_break.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <thread>

#include <gtest/gtest.h>

#include "text/typography.hpp"

namespace bilan::text {

// Readable failure messages: "{12}" or "{6 mandatory}".
static void PrintTo(const BreakOpportunity& b, std::ostream* os) {
  *os << '{' << b.offset << (b.mandatory ? " mandatory}" : "}");
}

namespace {

using Breaks = std::vector<BreakOpportunity>;

bool has_break_at(const Breaks& breaks, std::size_t offset) {
  for (const BreakOpportunity& b : breaks)
    if (b.offset == offset) return true;
  return false;
}

TEST(LineBreaks, EmptyTextHasNone) { EXPECT_TRUE(line_breaks("").empty()); }

TEST(LineBreaks, AfterSpacesAndAtEnd) {
  EXPECT_EQ(line_breaks("un deux trois"), (Breaks{{3, false}, {8, false}, {13, false}}));
  EXPECT_EQ(line_breaks("mot"), (Breaks{{3, false}}));
}

TEST(LineBreaks, OffsetsAreBytesInAccentedText) {
  // "été " is 6 bytes (é is 2), "élève" 7 more.
  EXPECT_EQ(line_breaks("\u00e9t\u00e9 \u00e9l\u00e8ve"), (Breaks{{6, false}, {13, false}}));
  // œ is 2 bytes, ’ is 3: "d’œuvre " = 1 + 3 + 2 + 4 + 1 = 11.
  EXPECT_EQ(line_breaks("d\u2019\u0153uvre fin"), (Breaks{{11, false}, {14, false}}));
}

TEST(LineBreaks, HardBreaksAreMandatory) {
  EXPECT_EQ(line_breaks("ligne\nsuite"), (Breaks{{6, true}, {11, false}}));
  EXPECT_EQ(line_breaks("a\r\nb"), (Breaks{{3, true}, {4, false}}));  // CR LF is one break
  EXPECT_EQ(line_breaks("fin\n"), (Breaks{{4, true}}));
  EXPECT_EQ(line_breaks("a\u2028b"), (Breaks{{4, true}, {5, false}}));  // LINE SEPARATOR
  EXPECT_EQ(line_breaks("a\n\nb"), (Breaks{{2, true}, {3, true}, {4, false}}));
}

TEST(LineBreaks, AfterHyphen) {
  EXPECT_EQ(line_breaks("porte-monnaie"), (Breaks{{6, false}, {13, false}}));
}

TEST(LineBreaks, NoneBeforeHighPunctuationAfterNarrowNoBreakSpace) {
  // "Pourquoi" 8 bytes, U+202F 3 bytes, "?" then a space: the only break is after "? ".
  EXPECT_EQ(line_breaks("Pourquoi\u202f? Oui"), (Breaks{{13, false}, {16, false}}));
  // "oui" 3, U+202F 3, ";" 1, " " 1 -> 8; "non" 3, U+202F 3, "!" 1 -> 15.
  EXPECT_EQ(line_breaks("oui\u202f; non\u202f!"), (Breaks{{8, false}, {15, false}}));
}

TEST(LineBreaks, NoneBeforeColonAfterNoBreakSpace) {
  EXPECT_EQ(line_breaks("Objet\u00a0: oui"), (Breaks{{9, false}, {12, false}}));
}

TEST(LineBreaks, NoneInsideGuillemetsWithNarrowNoBreakSpaces) {
  // "dit " 4, « 2, U+202F 3, "oui" 3, U+202F 3, » 2, " " 1 -> 18.
  EXPECT_EQ(line_breaks("dit \u00ab\u202foui\u202f\u00bb ici"), (Breaks{{4, false}, {18, false}, {21, false}}));
  // With plain spaces a line could start right after « or with »: that is why typography runs first.
  const Breaks plain = line_breaks("dit \u00ab oui \u00bb ici");
  EXPECT_TRUE(has_break_at(plain, 7));   // after "« "
  EXPECT_TRUE(has_break_at(plain, 11));  // before "»"
}

TEST(LineBreaks, NoBreakSpacesGlueNumbersToUnits) {
  EXPECT_EQ(line_breaks("50\u202f% et 12\u00a0\u20ac"), (Breaks{{7, false}, {10, false}, {17, false}}));
}

// Property over typeset text: no line may start with ; : ! ? » or a no-break
// space, and none may end with « or a no-break space.
TEST(LineBreaks, TypesetFrenchNeverStrandsPunctuation) {
  const std::string text = french_typography(
      "Pourquoi? Parce que \"c'est utile\" : 50 % des familles ; les autres !\n"
      "Note: \u00abvoir\u00bb le bilan... Vraiment ?! Oui; enfin!");
  const Breaks breaks = line_breaks(text);
  ASSERT_FALSE(breaks.empty());
  EXPECT_EQ(breaks.back().offset, text.size());
  const std::string_view view(text);
  for (const std::string_view bad_start : {";", ":", "!", "?", "\u00bb", "\u202f", "\u00a0", "%", "\u20ac"})
    for (const BreakOpportunity& b : breaks)
      EXPECT_FALSE(view.substr(b.offset).starts_with(bad_start)) << "line starts with " << bad_start << " at " << b.offset;
  for (const std::string_view bad_end : {"\u00ab", "\u202f", "\u00a0"})
    for (const BreakOpportunity& b : breaks)
      EXPECT_FALSE(view.substr(0, b.offset).ends_with(bad_end)) << "line ends with " << bad_end << " at " << b.offset;
  // And the hard break between the two lines is still there and mandatory.
  const std::size_t newline = text.find('\n');
  ASSERT_NE(newline, std::string::npos);
  EXPECT_TRUE(has_break_at(breaks, newline + 1));
  for (const BreakOpportunity& b : breaks) EXPECT_EQ(b.mandatory, b.offset == newline + 1) << b.offset;
}

TEST(LineBreaks, OffsetsStrictlyIncreaseAndAreNeverZero) {
  const std::string text = "  d\u00e9but\n\n\u00e9l\u00e8ves, parents\u202f; fin ";
  const Breaks breaks = line_breaks(text);
  ASSERT_FALSE(breaks.empty());
  EXPECT_GT(breaks.front().offset, 0u);
  for (std::size_t i = 1; i < breaks.size(); ++i) EXPECT_LT(breaks[i - 1].offset, breaks[i].offset);
  EXPECT_EQ(breaks.back().offset, text.size());
}

TEST(GraphemeBoundaries, EmptyText) { EXPECT_EQ(grapheme_boundaries(""), (std::vector<std::size_t>{0})); }

TEST(GraphemeBoundaries, ByteOffsetsOfClusters) {
  EXPECT_EQ(grapheme_boundaries("abc"), (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(grapheme_boundaries("\u00e9t\u00e9"), (std::vector<std::size_t>{0, 2, 3, 5}));
  // e + U+0301 is one cluster of 3 bytes: an emergency break must not split it.
  EXPECT_EQ(grapheme_boundaries("e\u0301t"), (std::vector<std::size_t>{0, 3, 4}));
  // The French flag is two regional indicators (4 bytes each) forming one cluster.
  EXPECT_EQ(grapheme_boundaries("\U0001F1EB\U0001F1F7!"), (std::vector<std::size_t>{0, 8, 9}));
  EXPECT_EQ(grapheme_boundaries("a\r\nb"), (std::vector<std::size_t>{0, 1, 3, 4}));
}

TEST(GraphemeBoundaries, LongUrl) {
  const std::string url = "https://www.caf.fr/allocataires/";
  const std::vector<std::size_t> b = grapheme_boundaries(url);
  ASSERT_EQ(b.size(), url.size() + 1);  // ASCII: one cluster per byte
  for (std::size_t i = 0; i < b.size(); ++i) EXPECT_EQ(b[i], i);
}

TEST(LineBreaks, ReusedIteratorGivesSameResults) {
  // The per-thread iterator is reused; results must not depend on the previous text.
  const Breaks first = line_breaks("un deux");
  (void)line_breaks("une tr\u00e8s longue phrase\navec une fin");
  (void)grapheme_boundaries("abc");
  EXPECT_EQ(line_breaks("un deux"), first);
}

TEST(LineBreaks, EachThreadHasItsOwnIterator) {
  const std::string text = "Pourquoi\u202f? Parce que\n\u00e9l\u00e8ves et parents";
  const Breaks expected = line_breaks(text);
  const std::vector<std::size_t> graphemes = grapheme_boundaries(text);
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < ok.size(); ++t)
    threads.emplace_back([&, t] {
      bool same = true;
      for (int i = 0; i < 200; ++i) same = same && line_breaks(text) == expected && grapheme_boundaries(text) == graphemes;
      ok[t] = same ? 1 : 0;
    });
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(ok, (std::vector<int>{1, 1, 1, 1}));
}

}  // namespace
}  // namespace bilan::text

#include "compose/line_setter.hpp"

#include <gtest/gtest.h>

#include "fake_metrics.hpp"

namespace bilan::compose {
namespace {

std::vector<std::string> texts(const std::vector<SetLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    std::string s;
    for (const auto& f : l.fragments) s += f.gap ? "[gap]" : f.text;
    out.push_back(s);
  }
  return out;
}

// Everything set() gives for a line, as text, to compare two settings whole.
std::string describe(const std::vector<SetLine>& lines) {
  std::string out;
  for (const auto& l : lines) {
    out += "line w=" + std::to_string(l.width) + " size=" + std::to_string(l.size) + "\n";
    for (const auto& f : l.fragments) {
      out += "  x=" + std::to_string(f.x) + " w=" + std::to_string(f.width) + " face=" +
             std::to_string(static_cast<int>(f.face)) + " size=" + std::to_string(f.size) + " gap=" +
             std::to_string(f.gap) + " rtl=" + std::to_string(f.rtl) + " text=" + f.text + " glyphs:";
      for (const auto& g : f.glyphs)
        out += " " + std::to_string(g.gid) + "/" + std::to_string(g.advance) + "/" + std::to_string(g.dx) + "/" +
               std::to_string(g.dy) + "@" + std::to_string(g.cluster);
      out += "\n";
    }
  }
  return out;
}

class LineSetterTest : public ::testing::Test {
 protected:
  testing::FakeMetrics metrics;
  std::vector<char32_t> missing;
  std::vector<std::size_t> missing_spans;
  LineSetter setter{metrics, [this](char32_t cp, std::size_t span) {
                      missing.push_back(cp);
                      missing_spans.push_back(span);
                    }};
  TextStyle regular{false, false, 10, {}};
};

TEST_F(LineSetterTest, FillsLinesGreedilyAtSpaces) {
  // 5 pt per character: 50 pt holds 10 characters.
  const auto lines = setter.set({{"aaaa bbbb cccc dd", regular, 0}}, 50);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"aaaa bbbb", "cccc dd"}));
  EXPECT_DOUBLE_EQ(lines[0].width, 45);  // trailing space not counted
}

TEST_F(LineSetterTest, HardLineBreaksAreKept) {
  EXPECT_EQ(texts(setter.set({{"un\ndeux\n\ntrois", regular, 0}}, 500)),
            (std::vector<std::string>{"un", "deux", "", "trois"}));
}

TEST_F(LineSetterTest, NoBreakBeforeHighPunctuationOnceTypeset) {
  // « Pourquoi\u202f? » may not be split at the narrow no-break space.
  const auto lines = setter.set({{"aaaa Pourquoi\u202f?", regular, 0}}, 50);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"aaaa", "Pourquoi\u202f?"}));
}

TEST_F(LineSetterTest, HyphenatedWordsStayWhole) {
  const auto lines = setter.set({{"les rendez-vous", regular, 0}}, 60);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"les", "rendez-vous"}));
}

TEST_F(LineSetterTest, OverlongWordsAreCutBetweenGraphemes) {
  EXPECT_EQ(texts(setter.set({{"abcdefghijklmnopqrstuvwxy", regular, 0}}, 50)),
            (std::vector<std::string>{"abcdefghij", "klmnopqrst", "uvwxy"}));
  // A URL breaks where ICU allows it (after « / »), and is cut only where it must be.
  const auto lines = setter.set({{"https://www.caf.fr/abcdefghijkl", regular, 0}}, 50);
  std::string joined;
  for (const auto& l : lines) {
    EXPECT_LE(l.width, 50);
    joined += texts({l})[0];
  }
  EXPECT_EQ(joined, "https://www.caf.fr/abcdefghijkl");
  EXPECT_EQ(texts(lines).front(), "https://");
}

TEST_F(LineSetterTest, StylesAndFacesMakeFragments) {
  const auto lines = setter.set({{"ab ", regular, 0}, {"cd", {true, false, 10, {}}, 0}}, 500);
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0].fragments.size(), 2u);
  EXPECT_EQ(lines[0].fragments[1].face, Face::Bold);
  EXPECT_DOUBLE_EQ(lines[0].fragments[1].x, 15);
  EXPECT_DOUBLE_EQ(lines[0].width, 27);
}

TEST_F(LineSetterTest, FragmentsWithAndWithoutInvisibleCharactersAgree) {
  // A fragment whose characters are all drawn takes its text from its run at
  // once; one holding an invisible character (U+2060, which neither draws nor
  // changes the breaks) is built character by character: the same lines.
  const std::string plain = "d\u00e9j\u00e0 vu \u00e0 c\u00f4t\u00e9 d\u2019\u0153uvres \u20ac\u202f5 na\u00efves";
  std::string marked;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    marked += plain[i];
    if (i + 1 < plain.size() && plain[i] != ' ' && plain[i + 1] != ' ' && (static_cast<unsigned char>(plain[i + 1]) & 0xC0) != 0x80)
      marked += "\u2060";
  }
  for (const double width : {1000.0, 60.0, 35.0, 20.0}) {
    const auto lines = setter.set({{plain, regular, 0}, {" fin", {true, false, 10, {}}, 0}}, width);
    EXPECT_EQ(describe(lines), describe(setter.set({{marked, regular, 0}, {" fin", {true, false, 10, {}}, 0}}, width)))
        << width;
    for (const auto& l : lines)
      for (const auto& f : l.fragments)
        for (const auto& g : f.glyphs) {
          ASSERT_LT(g.cluster, f.text.size());
          EXPECT_NE(static_cast<unsigned char>(f.text[g.cluster]) & 0xC0, 0x80) << "cluster inside a character";
        }
  }
}

TEST_F(LineSetterTest, EachSpanGetsTheFacesOfItsStyle) {
  // ASCII faces are looked up once per style in a paragraph: styles that come
  // back, or change, must still get their own faces.
  const TextStyle bold{true, false, 10, {}}, bold_italic{true, true, 10, {}}, italic{false, true, 10, {}};
  const auto lines = setter.set(
      {{"ab", regular, 0}, {"ab", bold, 0}, {"ab", regular, 0}, {"ab", bold_italic, 0}, {"ab", italic, 0}}, 500);
  ASSERT_EQ(lines.size(), 1u);
  std::vector<Face> faces;
  for (const auto& f : lines[0].fragments) faces.push_back(f.face);
  EXPECT_EQ(faces, (std::vector<Face>{Face::Regular, Face::Bold, Face::Regular, Face::BoldItalic, Face::Italic}));
}

TEST_F(LineSetterTest, FallbackFontThenPlaceholder) {
  const auto lines = setter.set({{"a\u2603b\U0001F600", regular, 0}}, 500);
  ASSERT_EQ(lines.size(), 1u);
  const auto& f = lines[0].fragments;
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[1].face, Face::FallbackRegular);
  EXPECT_EQ(f[1].text, "\u2603");
  EXPECT_EQ(f[3].face, Face::FallbackRegular);
  EXPECT_EQ(f[3].text, "\uFFFD") << "a character no font has is shown, not dropped";
  EXPECT_EQ(missing, std::vector<char32_t>{0x1F600});
}

TEST_F(LineSetterTest, MissingCharactersAreToldWithTheirSpan) {
  setter.set({{"\U0001F600 a ", regular, 0}, {"", regular, 20}, {"b \U0001F600", regular, 0}}, 500);
  EXPECT_EQ(missing, (std::vector<char32_t>{0x1F600, 0x1F600}));
  EXPECT_EQ(missing_spans, (std::vector<std::size_t>{0, 2}));
}

TEST_F(LineSetterTest, FormatCharactersAreNeverDrawn) {
  // Zero-width space, marks, word joiner, BOM, soft hyphen: no glyph, no width, no warning.
  const auto lines = setter.set({{"a\u200Bb\u200Ec\u200Fd\u2060e\uFEFFf\u00ADg", regular, 0}}, 500);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"abcdefg"}));
  EXPECT_DOUBLE_EQ(lines[0].width, 35);
  EXPECT_TRUE(missing.empty());
  EXPECT_DOUBLE_EQ(setter.measure("a\u200Bb\uFEFF", regular), 10);
  // A zero-width space still lets the line break there.
  EXPECT_EQ(texts(setter.set({{"aaaaaa\u200Bbbbbbb", regular, 0}}, 40)), (std::vector<std::string>{"aaaaaa", "bbbbbb"}));
}

TEST_F(LineSetterTest, SoftHyphenShowsOnlyWhereTheLineBreaks) {
  const auto lines = setter.set({{"accom\u00ADpagnement sco\u00ADlaire", regular, 0}}, 50);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"accom-", "pagnement", "scolaire"}));
  EXPECT_DOUBLE_EQ(lines[0].width, 30);
  for (const auto& l : lines) EXPECT_LE(l.width, 50);
}

TEST_F(LineSetterTest, GapsAreUnbreakableBlanks) {
  const auto lines = setter.set({{"Fait à ", regular, 0}, {"", regular, 40}, {" le", regular, 0}}, 60);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"Fait à", "[gap] le"}));
  EXPECT_TRUE(lines[1].fragments[0].gap);
  EXPECT_DOUBLE_EQ(lines[1].fragments[0].width, 40);
}

TEST_F(LineSetterTest, OneLineWithoutBreakOpportunitiesIsTheSame) {
  // A paragraph that fits, with no hard break and no soft hyphen, is set on one
  // line without asking ICU for break opportunities; a final line feed sends the
  // same text through them (it is trimmed from the line): both must agree.
  const TextStyle bold{true, false, 12, {}};
  const std::vector<std::vector<Span>> paragraphs = {
      {{"aaaa bbbb cccc dd", regular, 0}},
      {{"ab ", regular, 0}, {"cd", bold, 0}, {" ☃ e​f", regular, 0}},
      {{"Fait à ", regular, 0}, {"", regular, 40}, {" le", regular, 0}},
      {{"a😀 b  ", regular, 0}},
      {{"les rendez-vous ?", regular, 0}},
  };
  for (const auto& spans : paragraphs) {
    auto with_break = spans;
    with_break.push_back({"\n", regular, 0});
    const auto fast = setter.set(spans, 1000);
    ASSERT_EQ(fast.size(), 1u);
    EXPECT_EQ(describe(fast), describe(setter.set(with_break, 1000)));
    // Exactly as wide as the line: still one line; a hair narrower: broken.
    EXPECT_EQ(describe(setter.set(spans, fast[0].width)), describe(fast));
    if (spans.size() == 1 && spans[0].text.find(' ') != std::string::npos) {
      EXPECT_GT(setter.set(spans, fast[0].width - 0.01).size(), 1u);
    }
  }
}

}  // namespace
}  // namespace bilan::compose

#include "core/utf8.hpp"

#include <string>

#include <gtest/gtest.h>

namespace bilan::utf8 {
namespace {

TEST(Utf8, NextDecodesEachSequenceLength) {
  const std::string s = "a\u00e9\u20ac\U0001F600";
  std::size_t pos = 0;
  EXPECT_EQ(next(s, pos), U'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(next(s, pos), U'\u00e9');
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(next(s, pos), U'\u20ac');
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(next(s, pos), U'\U0001F600');
  EXPECT_EQ(pos, 10u);
}

TEST(Utf8, NextGivesReplacementAndAdvancesOneByteOnInvalid) {
  const std::string s = "\xE9t\xC3";  // Latin-1 « é », then a truncated sequence
  std::size_t pos = 0;
  EXPECT_EQ(next(s, pos), kReplacement);
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(next(s, pos), U't');
  EXPECT_EQ(next(s, pos), kReplacement);
  EXPECT_EQ(pos, 3u);
}

TEST(Utf8, NextDecodesBoundaryCodePoints) {
  const std::string s = "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
  std::size_t pos = 0;
  EXPECT_EQ(next(s, pos), char32_t{0x7F});
  EXPECT_EQ(next(s, pos), char32_t{0x80});
  EXPECT_EQ(next(s, pos), char32_t{0x7FF});
  EXPECT_EQ(next(s, pos), char32_t{0x800});
  EXPECT_EQ(next(s, pos), char32_t{0xFFFF});
  EXPECT_EQ(next(s, pos), char32_t{0x10000});
  EXPECT_EQ(next(s, pos), char32_t{0x10FFFF});
  EXPECT_EQ(pos, s.size());
}

TEST(Utf8, EncodeRoundTrips) {
  EXPECT_EQ(encode(U'A'), "A");
  EXPECT_EQ(encode(U'\u00e9'), "\xC3\xA9");
  EXPECT_EQ(encode(U'\u202f'), "\xE2\x80\xAF");
  EXPECT_EQ(encode(U'\U0001F600'), "\xF0\x9F\x98\x80");
  std::string s;
  append(s, U'\u00ab');
  append(s, U' ');
  EXPECT_EQ(s, "\u00ab ");
}

// A whole text, sized first: the same bytes as appending each code point.
TEST(Utf8, EncodeAWholeTextAsAppendDoes) {
  const std::u32string text = {U'A', U'\u00e9', U'\u202f', U'\U0001F600', char32_t{0xD800}, char32_t{0x110000}, U'z'};
  std::string appended;
  for (const char32_t c : text) append(appended, c);
  EXPECT_EQ(encode(std::u32string_view(text)), appended);
  EXPECT_EQ(encode(std::u32string_view(text)), "A\xC3\xA9\xE2\x80\xAF\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBDz");
  EXPECT_EQ(encode(std::u32string_view()), "");
}

TEST(Utf8, EncodeReplacesSurrogatesAndOutOfRange) {
  EXPECT_EQ(encode(char32_t{0xD800}), "\xEF\xBF\xBD");
  EXPECT_EQ(encode(char32_t{0xDFFF}), "\xEF\xBF\xBD");
  EXPECT_EQ(encode(char32_t{0x110000}), "\xEF\xBF\xBD");
}

TEST(Utf8, FirstInvalidAcceptsValidText) {
  EXPECT_EQ(first_invalid(""), std::nullopt);
  EXPECT_EQ(first_invalid("Association « Les Petits Curieux » – été 2025 😀"), std::nullopt);
  EXPECT_EQ(first_invalid("\xF4\x8F\xBF\xBF"), std::nullopt);  // U+10FFFF
  EXPECT_EQ(first_invalid("\xED\x9F\xBF"), std::nullopt);      // U+D7FF, just below the surrogates
  EXPECT_EQ(first_invalid("\xEE\x80\x80"), std::nullopt);      // U+E000, just above
}

TEST(Utf8, FirstInvalidRejectsOverlongForms) {
  EXPECT_EQ(first_invalid("ab\xC0\xAF"), 2u);          // '/' in two bytes
  EXPECT_EQ(first_invalid("\xC1\xBF"), 0u);
  EXPECT_EQ(first_invalid("x\xE0\x80\xAF"), 1u);       // three bytes
  EXPECT_EQ(first_invalid("xy\xF0\x80\x80\xAF"), 2u);  // four bytes
  EXPECT_EQ(first_invalid("\xE0\x9F\xBF"), 0u);        // U+07FF in three bytes
}

TEST(Utf8, FirstInvalidRejectsSurrogates) {
  EXPECT_EQ(first_invalid("a\xED\xA0\x80"), 1u);  // U+D800
  EXPECT_EQ(first_invalid("\xED\xBF\xBF"), 0u);   // U+DFFF
}

TEST(Utf8, FirstInvalidRejectsAboveMaximum) {
  EXPECT_EQ(first_invalid("ok\xF4\x90\x80\x80"), 2u);  // U+110000
  EXPECT_EQ(first_invalid("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(first_invalid("\xFF"), 0u);
  EXPECT_EQ(first_invalid("\xFE"), 0u);
}

TEST(Utf8, FirstInvalidRejectsTruncatedAndStrayBytes) {
  EXPECT_EQ(first_invalid("abc\xC3"), 3u);
  EXPECT_EQ(first_invalid("ab\xE2\x82"), 2u);
  EXPECT_EQ(first_invalid("\xF0\x9F\x98"), 0u);
  EXPECT_EQ(first_invalid("\xE2\x82z"), 0u);       // continuation missing in the middle
  EXPECT_EQ(first_invalid("a\x80"), 1u);           // lone continuation byte
  EXPECT_EQ(first_invalid("caf\xE9 cr\xE8me"), 3u);  // Latin-1
  EXPECT_EQ(first_invalid("\xC3\xA9\xE9"), 2u);    // offset of the first bad one, after a good one
}

TEST(Utf8, LengthCountsCodePoints) {
  EXPECT_EQ(length(""), 0u);
  EXPECT_EQ(length("abc"), 3u);
  EXPECT_EQ(length("\u00e9t\u00e9"), 3u);
  EXPECT_EQ(length("\U0001F600\u20ac"), 2u);
}

}  // namespace
}  // namespace bilan::utf8

#include "core/source_loc.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bilan {
namespace {

TEST(LineIndex, FirstByteIsLineOneColumnOne) {
  const std::string text = "abc\ndef\n";
  LineIndex index("f.xml", text);
  const SourceLoc loc = index.locate(0);
  EXPECT_EQ(loc.line, 1u);
  EXPECT_EQ(loc.column, 1u);
  EXPECT_EQ(loc.to_string(), "f.xml:1:1");
}

TEST(LineIndex, OffsetsAfterNewlinesStartNewLines) {
  const std::string text = "abc\ndef\n\nxyz";
  LineIndex index("f.xml", text);
  EXPECT_EQ(index.locate(2).to_string(), "f.xml:1:3");
  EXPECT_EQ(index.locate(3).to_string(), "f.xml:1:4");  // the '\n' itself ends line 1
  EXPECT_EQ(index.locate(4).to_string(), "f.xml:2:1");
  EXPECT_EQ(index.locate(6).to_string(), "f.xml:2:3");
  EXPECT_EQ(index.locate(8).to_string(), "f.xml:3:1");  // empty line
  EXPECT_EQ(index.locate(9).to_string(), "f.xml:4:1");
  EXPECT_EQ(index.locate(11).to_string(), "f.xml:4:3");
}

TEST(LineIndex, ColumnsCountCodePointsNotBytes) {
  // « é » is two bytes, « € » three, « 😀 » four: each is one column.
  const std::string text = "x\n\u00e9t\u00e9 \u20ac\U0001F600!";
  LineIndex index("f.xml", text);
  const std::size_t t = text.find('t');
  EXPECT_EQ(t, 4u);
  EXPECT_EQ(index.locate(t).to_string(), "f.xml:2:2");
  EXPECT_EQ(index.locate(text.find(' ')).to_string(), "f.xml:2:4");
  EXPECT_EQ(index.locate(text.find('!')).to_string(), "f.xml:2:7");
}

TEST(LineIndex, OffsetsPastTheEndAreClamped) {
  const std::string text = "ab\ncd";
  LineIndex index("f.xml", text);
  EXPECT_EQ(index.locate(5).to_string(), "f.xml:2:3");
  EXPECT_EQ(index.locate(500).to_string(), "f.xml:2:3");
}

TEST(LineIndex, TwoArgumentLocateAddsInnerOffset) {
  const std::string text = "<a b=\"x + y\"/>";
  LineIndex index("f.xml", text);
  EXPECT_EQ(index.locate(6, 4).to_string(), "f.xml:1:11");
}

TEST(LineIndex, ByteOrderMarkIsNotAColumn) {
  // Editors do not show the UTF-8 byte-order mark: the first character after it is column 1.
  const std::string text = "\xEF\xBB\xBF<bilan/>\n<x/>";
  LineIndex index("f.xml", text);
  EXPECT_EQ(index.locate(3).to_string(), "f.xml:1:1");
  EXPECT_EQ(index.locate(4).to_string(), "f.xml:1:2");
  EXPECT_EQ(index.locate(text.find("<x")).to_string(), "f.xml:2:1");
}

TEST(LineIndex, SharesOneFileName) {
  const std::string text = "a\nb";
  LineIndex index("dir/f.xml", text);
  const SourceLoc a = index.locate(0), b = index.locate(2);
  EXPECT_EQ(a.file.get(), b.file.get());
  EXPECT_EQ(a.file_name(), "dir/f.xml");
}

TEST(SourceLoc, ToStringWithoutLineOrFile) {
  SourceLoc none;
  EXPECT_FALSE(none.known());
  EXPECT_EQ(none.to_string(), "");
  EXPECT_EQ(none.file_name(), "");
  SourceLoc file_only{std::make_shared<const std::string>("r.xml")};
  EXPECT_TRUE(file_only.known());
  EXPECT_EQ(file_only.to_string(), "r.xml");
}

TEST(SourceLoc, OrdersByFileThenLineThenColumn) {
  auto f = std::make_shared<const std::string>("a.xml");
  auto g = std::make_shared<const std::string>("b.xml");
  EXPECT_TRUE((SourceLoc{f, 9, 9} < SourceLoc{g, 1, 1}));
  EXPECT_TRUE((SourceLoc{f, 2, 9} < SourceLoc{f, 10, 1}));  // numeric, not textual
  EXPECT_TRUE((SourceLoc{f, 2, 3} < SourceLoc{f, 2, 12}));
  EXPECT_FALSE((SourceLoc{f, 2, 3} < SourceLoc{f, 2, 3}));
  EXPECT_TRUE((SourceLoc{} < SourceLoc{f, 1, 1}));
}

}  // namespace
}  // namespace bilan

namespace bilan {
namespace {

// Columns counted by hand, code point by code point from the line start.
std::uint32_t naive_column(std::string_view text, std::size_t offset) {
  std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  if (start == 0 && text.starts_with("\xEF\xBB\xBF") && offset >= 3) start = 3;
  std::uint32_t column = 1;
  for (std::size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

TEST(LineIndexCheckpoints, LongLinesOfMixedWidthsLocateAsCountingDoes) {
  std::string text = "\xEF\xBB\xBF";
  for (int i = 0; i < 3000; ++i) text += i % 7 == 0 ? "é" : i % 11 == 0 ? "€" : i % 13 == 0 ? "😀" : i % 997 == 0 ? "\n" : "a";
  const LineIndex index("f.xml", text);
  for (std::size_t off = 0; off <= text.size(); ++off) {
    if (off < text.size() && (static_cast<unsigned char>(text[off]) & 0xC0) == 0x80) continue;
    const SourceLoc loc = index.locate(off);
    ASSERT_EQ(loc.column, naive_column(text, off)) << off;
    if (off >= 3) {
      ASSERT_EQ(index.offset(loc), off) << off;
    }
  }
}

TEST(LineIndexCheckpoints, HundredThousandLocationsOnOneLineAreLinear) {
  // 100 000 answers on one line, each located: quadratic counting took minutes.
  std::string text;
  std::vector<std::size_t> starts;
  for (int i = 0; i < 100000; ++i) {
    starts.push_back(text.size());
    text += "<answer field=\"é" + std::to_string(i) + "\">x</answer>";
  }
  const LineIndex index("f.xml", text);
  std::size_t round_trips = 0;
  for (const std::size_t off : starts) round_trips += index.offset(index.locate(off)) == off ? 1 : 0;
  EXPECT_EQ(round_trips, starts.size());
  EXPECT_EQ(index.locate(starts.back()).column, naive_column(text, starts.back()));
}

}  // namespace
}  // namespace bilan

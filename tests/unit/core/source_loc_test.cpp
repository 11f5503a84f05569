#include "core/source_loc.hpp"

#include <string>

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

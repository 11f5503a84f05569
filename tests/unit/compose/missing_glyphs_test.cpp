#include "compose/blocks.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bilan::compose {
namespace {

// An answer file of three lines, and a locate() over it as the loader builds one.
class MissingGlyphsTest : public ::testing::Test {
 protected:
  MissingGlyphsTest() {
    form.locate = [this](const SourceLoc& from, std::string_view needle) {
      const std::size_t found = bytes.find(needle, index.offset(from));
      return found == std::string::npos ? SourceLoc{} : index.locate(found);
    };
  }

  std::vector<std::string> diags() const {
    std::vector<std::string> out;
    for (const auto& d : sink.sorted()) out.push_back(d.to_string());
    return out;
  }

  std::string bytes = "<a>x \xF0\x9F\x98\x80 y \xF0\x9F\x98\x80</a>\n<b>\xF0\x9F\x98\x80</b>\n";
  LineIndex index{"r.xml", bytes};
  data::BoundForm form;
  DiagnosticSink sink;
};

constexpr char32_t kSmiley = 0x1F600;
TEST_F(MissingGlyphsTest, EachOccurrenceAtItsPlaceOnce) {
  MissingGlyphs glyphs(form, sink);
  const SourceLoc a = index.locate(3), b = index.locate(22);
  glyphs.report(kSmiley, a, true);
  glyphs.report(kSmiley, a, true);
  glyphs.report(kSmiley, a, true);  // a third time: the text was set again, nothing new
  glyphs.report(kSmiley, b, true);
  EXPECT_EQ(diags(), (std::vector<std::string>{"r.xml:1:6: avertissement: caractère U+1F600 « 😀 » absent des polices : il est imprimé « \xEF\xBF\xBD »",
                                               "r.xml:1:10: avertissement: caractère U+1F600 « 😀 » absent des polices : il est imprimé « \xEF\xBF\xBD »",
                                               "r.xml:2:4: avertissement: caractère U+1F600 « 😀 » absent des polices : il est imprimé « \xEF\xBF\xBD »"}));
}

TEST_F(MissingGlyphsTest, LayoutTextIsWarnedAtTheElementOnce) {
  MissingGlyphs glyphs(form, sink);
  const SourceLoc layout{std::make_shared<const std::string>("layout.xml"), 7, 3};
  glyphs.report(kSmiley, layout, false);
  glyphs.report(kSmiley, layout, false);
  EXPECT_EQ(diags(), (std::vector<std::string>{
                         "layout.xml:7:3: avertissement: caractère U+1F600 « 😀 » absent des polices : il est imprimé « \xEF\xBF\xBD »"}));
}

}  // namespace
}  // namespace bilan::compose

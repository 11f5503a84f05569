// compose/blocks/paragraph: text in its style.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksParagraph, StylesAndLeadIns) {
  const Built b = build("<p style=\"title\">Titre</p>\n<p>Les actions suivantes :</p>\n<p style=\"hint\">Aide</p>\n");
  ASSERT_EQ(b.count(), 3u);
  const auto title = b.items<TextItem>(0);
  ASSERT_EQ(title.size(), 1u);
  EXPECT_EQ(title[0].face, Face::Bold);
  EXPECT_DOUBLE_EQ(title[0].size, style::kTitleSize);
  EXPECT_TRUE(b.block(1).keep_with_next);  // « … suivantes : » stays with what it introduces
  EXPECT_FALSE(b.block(2).keep_with_next);
  EXPECT_EQ(b.items<TextItem>(2)[0].face, Face::Italic);
  EXPECT_EQ(b.text(1), "Les actions suivantes\u00a0:|");  // French typography
}

}  // namespace
}  // namespace bilan::compose::test

// compose/blocks/section: headings.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksSection, TopLevelBandCapsAndOutline) {
  const Built b = build("<section title=\"Bilan des actions\" bookmark=\"Bilan\"><p>Texte</p></section>\n");
  ASSERT_EQ(b.count(), 2u);
  const Block& head = b.block(0);
  EXPECT_TRUE(head.keep_with_next);
  ASSERT_TRUE(head.outline);
  EXPECT_EQ(head.outline->title, "Bilan");
  EXPECT_EQ(head.outline->level, 1);
  EXPECT_EQ(b.text(0), "BILAN DES ACTIONS|");
  ASSERT_EQ(b.items<BoxItem>(0).size(), 1u);  // the band
  EXPECT_TRUE(b.items<BoxItem>(0)[0].filled);
}

TEST(BlocksSection, SecondLevelRuleAndPageBreak) {
  const Built b = build("<section title=\"A\"><section title=\"Détail\" break=\"page\"/></section>\n");
  const Block& sub = b.block(1);
  EXPECT_TRUE(sub.break_before);
  EXPECT_EQ(sub.outline->title, "Détail");
  EXPECT_EQ(sub.outline->level, 2);
  EXPECT_EQ(b.text(1), "Détail|");
  EXPECT_EQ(b.items<LineItem>(1).size(), 1u);  // the rule under it
  EXPECT_TRUE(b.items<BoxItem>(1).empty());
}

}  // namespace
}  // namespace bilan::compose::test

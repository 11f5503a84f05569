// compose/blocks/pagebreak: the next block starts a page.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksPageBreak, AnEmptyBlockThatBreaks) {
  const Built b = build("<p>Avant</p>\n<pagebreak/>\n<p>Après</p>\n");
  ASSERT_EQ(b.count(), 3u);
  EXPECT_TRUE(b.block(1).break_before);
  EXPECT_TRUE(b.block(1).chunks.empty());
  EXPECT_FALSE(b.block(2).break_before);
}

}  // namespace
}  // namespace bilan::compose::test

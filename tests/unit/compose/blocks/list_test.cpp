// compose/blocks/list: bullet items.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksList, OneChunkPerItemWithItsBullet) {
  const Built b = build("<list><item>Un</item><item>Deux</item><item>Trois</item></list>\n");
  ASSERT_EQ(b.count(), 1u);
  const Block& l = b.block(0);
  EXPECT_EQ(l.chunks.size(), 3u);
  EXPECT_TRUE(l.keep_together);
  EXPECT_EQ(l.min_start, 2u);
  EXPECT_EQ(b.text(0), "•|Un|•|Deux|•|Trois|");
}

}  // namespace
}  // namespace bilan::compose::test

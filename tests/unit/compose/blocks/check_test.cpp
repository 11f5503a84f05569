// compose: a <check> is a rule on the answers, never printed.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksCheck, NothingPrinted) {
  const Built b = build("<field id=\"a\" type=\"integer\" label=\"A\"/>\n<check test=\"a &lt; 10\" message=\"trop\"/>\n");
  EXPECT_EQ(b.count(), 1u);
}

}  // namespace
}  // namespace bilan::compose::test

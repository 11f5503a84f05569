// compose/blocks/textarea: ruled lines, or the answer's lines.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksTextArea, BlankRuledLines) {
  const Built b = build("<textarea id=\"t1\" label=\"Bilan\" lines=\"4\"/>\n");
  EXPECT_EQ(b.items<LineItem>(0).size(), 4u);
  EXPECT_TRUE(b.block(0).keep_together);
}

TEST(BlocksTextArea, AnswerLinesAndBullets) {
  const Built b = build("<textarea id=\"t1\" label=\"Bilan\"/>\n", "<answer field=\"t1\">Premier\n\n- point</answer>\n");
  EXPECT_EQ(b.text(0), "Bilan|Premier|•|point|");
  ASSERT_EQ(b.block(0).continuation.size(), 1u);  // « Bilan (suite) » on the next page
}

TEST(BlocksTextArea, FillableMultiLineField) {
  const Built b = build("<textarea id=\"t1\" label=\"Bilan :\" lines=\"2\"/>\n", std::nullopt, fillable());
  const auto f = b.items<FieldItem>(0);
  ASSERT_EQ(f.size(), 2u);  // one per ruled line, merged per page by compose()
  EXPECT_EQ(f[0].kind, FieldKind::MultiLine);
  EXPECT_EQ(f[0].name, "t1");
  EXPECT_EQ(f[0].tooltip, "Bilan");
}

}  // namespace
}  // namespace bilan::compose::test

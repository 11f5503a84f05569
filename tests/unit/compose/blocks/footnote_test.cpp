// compose/blocks/footnote: small text with its mark.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksFootnote, MarkThenText) {
  const Built b = build("<footnote mark=\"*\">Voir <i>au dos</i></footnote>\n");
  ASSERT_EQ(b.count(), 1u);
  EXPECT_EQ(b.text(0), "* |Voir |au dos|");
  const auto t = b.items<TextItem>(0);
  EXPECT_DOUBLE_EQ(t[0].size, style::kNoteSize);
  EXPECT_EQ(t[1].face, Face::Regular);
  EXPECT_EQ(t[2].face, Face::Italic);
}

}  // namespace
}  // namespace bilan::compose::test

// compose/blocks/yesno: « oui ☐ non ☐ ».
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksYesNo, TwoBoxesTheAnswerTicked) {
  const Built b = build("<yesno id=\"a\" label=\"Bonus ?\"/>\n", "<answer field=\"a\">non</answer>\n");
  const auto boxes = b.items<CheckboxItem>(0);
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_FALSE(boxes[0].checked);
  EXPECT_TRUE(boxes[1].checked);
  EXPECT_EQ(b.text(0), "Bonus\u202f?|oui| |non| |");  // each box's state is a space read as ☐/☒
  EXPECT_EQ(b.items<TextItem>(0)[4].actual_text, "\u2612");
}

TEST(BlocksYesNo, FillableRadioGroup) {
  const Built b = build("<yesno id=\"a\" label=\"Bonus :\"/>\n", std::nullopt, fillable());
  const auto f = b.items<FieldItem>(0);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].kind, FieldKind::Radio);
  EXPECT_EQ(f[0].name, "a");
  EXPECT_EQ(f[0].on, "oui");
  EXPECT_EQ(f[1].on, "non");
  EXPECT_EQ(f[0].tooltip, "Bonus — oui");
  EXPECT_EQ(f[0].question, "Bonus");
}

}  // namespace
}  // namespace bilan::compose::test

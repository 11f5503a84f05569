// compose/blocks/choice: a box per option, « Autres » with its text.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

const char* const kChoice = R"x(<choice id="c" label="Objet" multiple="true">
  <option value="a" label="Matériel"/>
  <option value="autres" label="Autres" other="true"/>
</choice>
)x";

TEST(BlocksChoice, BoxesAndOtherText) {
  const Built b = build(kChoice, "<answer field=\"c\">autres</answer>\n<answer field=\"c.autres\">Sorties</answer>\n");
  EXPECT_EQ(b.diags, std::vector<std::string>{});
  const auto boxes = b.items<CheckboxItem>(0);
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_FALSE(boxes[0].checked);
  EXPECT_TRUE(boxes[1].checked);
  EXPECT_EQ(b.text(0), "Objet| |Matériel| |Autres| Sorties|");
}

TEST(BlocksChoice, InlineOptionsFollowTheLabel) {
  const Built b = build("<choice id=\"c\" label=\"Public\" layout=\"inline\"><option value=\"a\" label=\"Enfants\"/><option value=\"b\" label=\"Parents\"/></choice>\n");
  const auto t = b.items<TextItem>(0);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_DOUBLE_EQ(t[0].y, t[4].y);  // on the label's line
}

TEST(BlocksChoice, FillableCheckBoxesAndOtherField) {
  const Built b = build(kChoice, std::nullopt, fillable());
  const auto f = b.items<FieldItem>(0);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].kind, FieldKind::Check);
  EXPECT_EQ(f[0].name, "c.a");
  EXPECT_EQ(f[1].name, "c.autres");
  EXPECT_EQ(f[2].name, "c:autres");  // the « Autres » text
  EXPECT_EQ(f[2].kind, FieldKind::Text);
}

}  // namespace
}  // namespace bilan::compose::test

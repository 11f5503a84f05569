// compose/blocks/field: text fields on a dotted line, numbers in a box.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

const char* const kFields = "<field id=\"nom\" label=\"Nom\"/>\n<field id=\"n\" type=\"integer\" label=\"Nombre\"/>\n"
                            "<field id=\"total\" type=\"integer\" label=\"Total\" computed=\"n * 2\"/>\n";

TEST(BlocksField, BlankLineAndBoxes) {
  const Built b = build(kFields);
  ASSERT_EQ(b.count(), 3u);
  EXPECT_EQ(b.text(0), "Nom|");
  ASSERT_EQ(b.items<LineItem>(0).size(), 1u);  // the dotted line to write on
  EXPECT_EQ(b.items<LineItem>(0)[0].style, LineStyle::Dotted);
  ASSERT_EQ(b.items<BoxItem>(1).size(), 1u);
  EXPECT_FALSE(b.items<BoxItem>(1)[0].filled);
  EXPECT_TRUE(b.items<BoxItem>(2)[0].filled);  // a computed total's box is shaded
}

TEST(BlocksField, AnswersPrinted) {
  const Built b = build(kFields, "<answer field=\"nom\">Dupont</answer>\n<answer field=\"n\">1234</answer>\n");
  EXPECT_EQ(b.diags, std::vector<std::string>{});
  EXPECT_EQ(b.text(0), "Nom |Dupont|");
  EXPECT_EQ(b.items<TextItem>(0)[1].face, Face::Bold);
  EXPECT_EQ(b.text(1), "Nombre|1\u202f234|");
  EXPECT_EQ(b.text(2), "Total|2\u202f468|");
}

TEST(BlocksField, FillableFieldsAndCalculation) {
  const Built b = build(kFields, std::nullopt, fillable());
  const auto nom = b.items<FieldItem>(0), n = b.items<FieldItem>(1), total = b.items<FieldItem>(2);
  ASSERT_EQ(nom.size(), 1u);
  EXPECT_EQ(nom[0].name, "nom");
  EXPECT_EQ(nom[0].tooltip, "Nom");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_TRUE(n[0].right);
  ASSERT_EQ(total.size(), 1u);
  EXPECT_FALSE(total[0].calculate.empty());
}

}  // namespace
}  // namespace bilan::compose::test

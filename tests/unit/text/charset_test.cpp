#include "text/charset.hpp"

#include <gtest/gtest.h>

namespace bilan::text {
namespace {

TEST(Charset, DetectsAndConverts) {
  Charset c = Charset::None;
  EXPECT_EQ(to_utf8("abc", c), "abc");
  EXPECT_EQ(c, Charset::Utf8);
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF" "é", c), "é");
  EXPECT_EQ(c, Charset::Utf8Bom);
  EXPECT_EQ(to_utf8("\xE9t\xE9 \x96 \x85 \x9C", c), "été – … œ");
  EXPECT_EQ(c, Charset::Windows1252);
}

TEST(Charset, FoldsLabelsForMatching) {
  EXPECT_EQ(fold_for_match("Nombre d’enfants élémentaire :"), "nombre d enfants elementaire");
  EXPECT_EQ(fold_for_match("  NOMBRE D'ENFANTS ÉLÉMENTAIRE"), "nombre d enfants elementaire");
  EXPECT_EQ(fold_for_match("Mise en œuvre"), "mise en œuvre");
  EXPECT_EQ(fold_for_match(""), "");
}

}  // namespace
}  // namespace bilan::text

// load/layout/footnote: <footnote>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadFootnote, MarkAndText) {
  const auto f = only<spec::Footnote>("<footnote mark=\"*\"> Voir <i>au dos</i> </footnote>\n");
  EXPECT_EQ(f.mark, "*");
  ASSERT_EQ(f.text.size(), 2u);
  EXPECT_EQ(f.text[0].text, "Voir ");
  EXPECT_TRUE(f.text[1].italic);
  EXPECT_EQ(f.text[1].text, "au dos");
}

TEST(LoadFootnote, UnknownAttribute) {
  EXPECT_EQ(load_body("<footnote numero=\"1\">A</footnote>\n").diags,
            Diags{"/mem/t.xml:2:11: erreur: attribut « numero » inconnu sur <footnote> ; attributs permis : mark"});
}

}  // namespace
}  // namespace bilan::load::test

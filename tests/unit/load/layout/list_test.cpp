// load/layout/list: <list>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadList, Items) {
  const auto l = only<spec::List>("<list>\n  <item>Un</item>\n  <item><b>Deux</b> et trois</item>\n</list>\n");
  ASSERT_EQ(l.items.size(), 2u);
  ASSERT_EQ(l.items[0].size(), 1u);
  EXPECT_EQ(l.items[0][0].text, "Un");
  ASSERT_EQ(l.items[1].size(), 2u);
  EXPECT_TRUE(l.items[1][0].bold);
  EXPECT_EQ(l.items[1][1].text, " et trois");
}

TEST(LoadList, NoItemTextAndOtherElements) {
  EXPECT_EQ(load_body("<list>texte</list>\n<list><p>A</p></list>\n").diags,
            (Diags{"/mem/t.xml:2:1: erreur: liste <list> sans <item>",
                   "/mem/t.xml:2:7: erreur: texte inattendu dans <list> : écrivez-le dans un <item>",
                   "/mem/t.xml:3:1: erreur: liste <list> sans <item>",
                   "/mem/t.xml:3:7: erreur: élément <p> inattendu dans <list> (seul <item> y est permis)"}));
}

}  // namespace
}  // namespace bilan::load::test

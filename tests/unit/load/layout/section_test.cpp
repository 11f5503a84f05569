// load/layout/section: <section>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadSection, LevelsCapsBreakAndBookmark) {
  const auto s = only<spec::Section>(R"x(<section title="Bilan {school_year}" bookmark="Bilan">
  <section title="Détail" break="page" caps="true"><p>Texte</p></section>
</section>
)x");
  EXPECT_EQ(s.title, "Bilan {school_year}");  // replaced at bind time
  EXPECT_EQ(s.level, 1);
  EXPECT_TRUE(s.caps);  // a top section is upper-cased unless told
  EXPECT_FALSE(s.break_before);
  EXPECT_EQ(s.bookmark, "Bilan");
  ASSERT_EQ(s.children.size(), 1u);
  const auto& inner = as<spec::Section>(s.children[0]);
  EXPECT_EQ(inner.level, 2);
  EXPECT_TRUE(inner.caps);
  EXPECT_TRUE(inner.break_before);
  EXPECT_EQ(inner.loc.to_string(), "/mem/t.xml:3:3");
}

TEST(LoadSection, BadBreakAndMissingTitle) {
  EXPECT_EQ(load_body("<section break=\"column\" title=\"A\"/>\n<section/>\n").diags,
            (Diags{"/mem/t.xml:2:17: erreur: valeur « column » invalide pour « break » (seule « page » existe)",
                   "/mem/t.xml:3:1: erreur: attribut « title » manquant sur <section>"}));
}

}  // namespace
}  // namespace bilan::load::test

// data/bind/section: its title's variables replaced, its children bound.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindSection, TitleInterpolatedChildrenBound) {
  const auto b = bind_body("<section title=\"Année {school_year}\"><yesno id=\"a\" label=\"A\"/></section>\n",
                           "<answer field=\"a\">oui</answer>\n");
  EXPECT_EQ(b->diags, Diags{});
  const BoundSection& s = b->body_as<BoundSection>(0);
  EXPECT_EQ(s.title, "Année 2024-2025");
  EXPECT_EQ(s.level, 1);
  ASSERT_EQ(s.children.size(), 1u);
  EXPECT_TRUE(as<BoundYesNo>(s.children[0]).value.boolean);
}

}  // namespace
}  // namespace bilan::data::test

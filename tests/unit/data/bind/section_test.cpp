// data/bind: <section> is bound generically, its title's variables replaced.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindSection, TitleInterpolatedChildrenBound) {
  const auto b = bind_body("<section title=\"Année {school_year}\"><yesno id=\"a\" label=\"A\"/></section>\n",
                           "<answer field=\"a\">oui</answer>\n");
  EXPECT_EQ(b->diags, Diags{});
  const BoundNode& s = b->bound.body.at(0);
  EXPECT_EQ(s.spec->kind, spec::NodeKind::Section);
  EXPECT_EQ(s.label, "Année 2024-2025");
  ASSERT_EQ(s.children.size(), 1u);
  EXPECT_TRUE(s.children[0].value.boolean);
}

}  // namespace
}  // namespace bilan::data::test

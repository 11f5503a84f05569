// data/bind/list: each item's variables replaced.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindList, ItemsInterpolated) {
  const auto b = bind_body("<list><item>Année {school_year}</item><item>Suivante</item></list>\n", std::nullopt);
  const BoundList& l = b->body_as<BoundList>(0);
  ASSERT_EQ(l.items.size(), 2u);
  EXPECT_EQ(l.items[0][0].text, "Année 2024-2025");
  EXPECT_EQ(l.items[1][0].text, "Suivante");
}

}  // namespace
}  // namespace bilan::data::test

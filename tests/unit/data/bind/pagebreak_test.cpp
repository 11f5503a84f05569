// data/bind: <pagebreak/> is kept in its place.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindPageBreak, KeptInOrder) {
  const auto b = bind_body("<p>Avant</p>\n<pagebreak/>\n<p>Après</p>\n", std::nullopt);
  ASSERT_EQ(b->bound.body.size(), 3u);
  EXPECT_EQ(b->bound.body[1].spec->kind, spec::NodeKind::PageBreak);
  EXPECT_EQ(b->bound.body[1].presence, Presence::Shown);
}

}  // namespace
}  // namespace bilan::data::test

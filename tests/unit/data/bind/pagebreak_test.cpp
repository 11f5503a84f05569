// data/bind/pagebreak: <pagebreak/> is kept in its place.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindPageBreak, KeptInOrder) {
  const auto b = bind_body("<p>Avant</p>\n<pagebreak/>\n<p>Après</p>\n", std::nullopt);
  ASSERT_EQ(b->bound.body.size(), 3u);
  EXPECT_EQ(b->body_as<BoundPageBreak>(1).loc.to_string(), "/mem/t.xml:3:1");
  EXPECT_EQ(b->body_as<BoundParagraph>(2).text.at(0).text, "Après");
}

}  // namespace
}  // namespace bilan::data::test

// data/bind/paragraph: <p>, its runs' variables replaced.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindParagraph, RunsInterpolated) {
  const auto b = bind_body("<p>Pour <b>{next_school_year}</b>, à rendre le {return_date}.</p>\n", std::nullopt);
  EXPECT_EQ(b->diags, Diags{});
  const BoundParagraph& p = b->body_as<BoundParagraph>(0);
  EXPECT_EQ(p.style, spec::ParagraphStyle::Normal);
  ASSERT_EQ(p.text.size(), 3u);
  EXPECT_EQ(p.text[1].text, "2025-2026");
  EXPECT_TRUE(p.text[1].bold);
  // No department: what it would say is left blank, to be filled by hand.
  EXPECT_EQ(p.text[2].text, ", à rendre le …………….");
}

}  // namespace
}  // namespace bilan::data::test

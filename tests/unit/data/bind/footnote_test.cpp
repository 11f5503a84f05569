// data/bind/footnote: its mark kept, its text's variables replaced.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindFootnote, TextInterpolated) {
  const auto b = bind_body("<footnote mark=\"(1)\">Année {school_year}</footnote>\n", std::nullopt);
  const BoundFootnote& f = b->body_as<BoundFootnote>(0);
  EXPECT_EQ(f.mark, "(1)");
  ASSERT_EQ(f.text.size(), 1u);
  EXPECT_EQ(f.text[0].text, "Année 2024-2025");
}

}  // namespace
}  // namespace bilan::data::test

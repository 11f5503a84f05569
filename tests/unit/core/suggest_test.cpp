#include "core/suggest.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bilan {
namespace {

TEST(EditDistance, LevenshteinWithAdjacentSwaps) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("structure", "structure"), 0u);
  EXPECT_EQ(edit_distance("structur", "structure"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("lable", "label"), 1u);  // adjacent swap: one edit
  EXPECT_EQ(edit_distance("feild", "field"), 1u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("abc", "ca"), 3u);  // no edit of a swapped pair
}

TEST(DidYouMean, SuggestsTheClosestName) {
  const std::vector<std::string> names = {"structure", "referent_nom", "date_debut"};
  EXPECT_EQ(did_you_mean("structur", names), " (vouliez-vous dire « structure » ?)");
  EXPECT_EQ(did_you_mean("date_debu", names), " (vouliez-vous dire « date_debut » ?)");
}

TEST(DidYouMean, NothingWhenTooFar) {
  const std::vector<std::string> names = {"structure", "referent_nom"};
  EXPECT_EQ(did_you_mean("budget", names), "");
  EXPECT_EQ(did_you_mean("x", {}), "");
}

TEST(DidYouMean, LimitIsAThirdOfTheWordAtLeastOne) {
  // 9 letters: up to 3 edits.
  EXPECT_EQ(did_you_mean("strctrxre", {"structure"}), " (vouliez-vous dire « structure » ?)");
  EXPECT_EQ(did_you_mean("strctrxrx", {"structure"}), "");
  // 2 letters: one edit still suggests.
  EXPECT_EQ(did_you_mean("p", {"b", "br"}), " (vouliez-vous dire « b » ?)");
  EXPECT_EQ(did_you_mean("ab", {"xy"}), "");
}

TEST(ClosestName, FirstOfEqualCandidatesWins) {
  EXPECT_EQ(closest_name("fiel", {"field", "fiels"}), "field");
  EXPECT_EQ(closest_name("fiel", {"fiels", "field"}), "fiels");
  EXPECT_EQ(closest_name("zzzz", {"field"}), std::nullopt);
}

TEST(ClosestName, PrefersTheSmallestDistance) {
  EXPECT_EQ(closest_name("tabel", {"cable", "label"}), "label");  // 2 edits, then 1
  EXPECT_EQ(closest_name("tble", {"label", "table"}), "table");
}

}  // namespace
}  // namespace bilan

#include "spec/variables.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bilan::spec {
namespace {

std::optional<std::string> years(std::string_view name) {
  if (name == "school_year") return "2024-2025";
  if (name == "next_school_year") return "2025-2026";
  return std::nullopt;
}

TEST(ScanVariables, FindsNamesAndOffsets) {
  std::vector<VariableRef> refs;
  std::size_t bad = 99;
  ASSERT_TRUE(scan_variables("Bilan {school_year} puis {next_school_year}", refs, bad));
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].name, "school_year");
  EXPECT_EQ(refs[0].offset, 6u);
  EXPECT_EQ(refs[1].name, "next_school_year");
  EXPECT_EQ(refs[1].offset, 25u);
  EXPECT_EQ(bad, 99u);  // untouched on success
}

TEST(ScanVariables, NoBracesNoRefs) {
  std::vector<VariableRef> refs;
  std::size_t bad = 0;
  EXPECT_TRUE(scan_variables("Texte ordinaire", refs, bad));
  EXPECT_TRUE(refs.empty());
  EXPECT_TRUE(scan_variables("", refs, bad));
}

TEST(ScanVariables, DoubledBracesAreLiteral) {
  std::vector<VariableRef> refs;
  std::size_t bad = 0;
  EXPECT_TRUE(scan_variables("{{pas une variable}}", refs, bad));
  EXPECT_TRUE(refs.empty());
  EXPECT_TRUE(scan_variables("{{{school_year}}}", refs, bad));
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].name, "school_year");
  EXPECT_EQ(refs[0].offset, 2u);
}

TEST(ScanVariables, UnbalancedBracesGiveTheCulpritOffset) {
  std::vector<VariableRef> refs;
  std::size_t bad = 0;
  EXPECT_FALSE(scan_variables("Bilan {school_year", refs, bad));
  EXPECT_EQ(bad, 6u);
  EXPECT_FALSE(scan_variables("Bilan school_year}", refs, bad));
  EXPECT_EQ(bad, 17u);
  EXPECT_FALSE(scan_variables("a {b {c}", refs, bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(scan_variables("{a}}", refs, bad));
  EXPECT_EQ(bad, 3u);
}

TEST(Interpolate, ReplacesKnownNames) {
  EXPECT_EQ(interpolate("Bilan CLAS {school_year}", years), "Bilan CLAS 2024-2025");
  EXPECT_EQ(interpolate("{school_year} → {next_school_year}", years), "2024-2025 → 2025-2026");
  EXPECT_EQ(interpolate("sans variable", years), "sans variable");
}

TEST(Interpolate, DoubledBracesBecomeSingle) {
  EXPECT_EQ(interpolate("{{school_year}}", years), "{school_year}");
  EXPECT_EQ(interpolate("{{{school_year}}}", years), "{2024-2025}");
  EXPECT_EQ(interpolate("a }} b {{", years), "a } b {");
}

TEST(Interpolate, KeepsUnknownNamesAndUnclosedBraces) {
  EXPECT_EQ(interpolate("{inconnue} ici", years), "{inconnue} ici");
  EXPECT_EQ(interpolate("fin {school_year", years), "fin {school_year");
}

TEST(KnownVariables, SchoolYears) {
  EXPECT_TRUE(is_known_variable("school_year"));
  EXPECT_TRUE(is_known_variable("next_school_year"));
  EXPECT_FALSE(is_known_variable("school_yr"));
  EXPECT_FALSE(is_known_variable(""));
  const auto known = known_variables();
  EXPECT_NE(std::find(known.begin(), known.end(), "school_year"), known.end());
  EXPECT_NE(std::find(known.begin(), known.end(), "next_school_year"), known.end());
  for (const auto& name : known) EXPECT_TRUE(is_known_variable(name)) << name;
}

}  // namespace
}  // namespace bilan::spec

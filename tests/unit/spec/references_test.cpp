#include "spec/references.hpp"

#include <gtest/gtest.h>

#include "spec/variables.hpp"

namespace bilan::spec {
namespace {

TEST(References, NamesRoundTrip) {
  for (const auto r : {Reference::SchoolYear, Reference::NextSchoolYear, Reference::ReturnDate, Reference::DepartmentCode,
                       Reference::DepartmentName, Reference::DepartmentOf, Reference::DepartmentCaf,
                       Reference::DepartmentTne, Reference::SchoolYearStart, Reference::SchoolYearEnd})
    EXPECT_EQ(find_reference(reference_name(r)), r) << reference_name(r);
  EXPECT_EQ(find_reference("school_year.middle"), std::nullopt);
  EXPECT_EQ(find_reference("structure"), std::nullopt);
}

TEST(References, TextVariablesAreTheOnesLayoutTextMayUse) {
  EXPECT_EQ(text_variable_names(), (std::vector<std::string>{"school_year", "next_school_year", "return_date", "department.code",
                                                            "department.name", "department.of", "department.caf"}));
  EXPECT_TRUE(is_known_variable("return_date"));
  EXPECT_FALSE(is_known_variable("department.tne"));  // a yes/no for expressions, never printed
  EXPECT_FALSE(is_known_variable("school_year.start"));
  EXPECT_TRUE(is_school_year_date("school_year.end"));
  EXPECT_FALSE(is_school_year_date("school_year"));
  EXPECT_TRUE(is_department_setting(Reference::DepartmentTne));
  EXPECT_FALSE(is_department_setting(Reference::ReturnDate));  // the department's, but a date of the form's text
}

}  // namespace
}  // namespace bilan::spec

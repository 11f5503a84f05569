#include "spec/references.hpp"

#include <array>
#include <utility>

namespace bilan::spec {
namespace {

// In the order of the enum.
constexpr std::array<std::pair<Reference, std::string_view>, 10> kReferences{{
    {Reference::SchoolYear, "school_year"},
    {Reference::NextSchoolYear, "next_school_year"},
    {Reference::ReturnDate, "return_date"},
    {Reference::DepartmentCode, "department.code"},
    {Reference::DepartmentName, "department.name"},
    {Reference::DepartmentOf, "department.of"},
    {Reference::DepartmentCaf, "department.caf"},
    {Reference::DepartmentTne, "department.tne"},
    {Reference::SchoolYearStart, "school_year.start"},
    {Reference::SchoolYearEnd, "school_year.end"},
}};

}  // namespace

std::optional<Reference> find_reference(std::string_view name) {
  for (const auto& [r, n] : kReferences)
    if (n == name) return r;
  return std::nullopt;
}

std::string_view reference_name(Reference r) { return kReferences[static_cast<std::size_t>(r)].second; }

bool is_text_variable(Reference r) {
  switch (r) {
    case Reference::SchoolYear:
    case Reference::NextSchoolYear:
    case Reference::ReturnDate:
    case Reference::DepartmentCode:
    case Reference::DepartmentName:
    case Reference::DepartmentOf:
    case Reference::DepartmentCaf: return true;
    case Reference::DepartmentTne:
    case Reference::SchoolYearStart:
    case Reference::SchoolYearEnd: return false;
  }
  return false;
}

bool is_department_setting(Reference r) {
  switch (r) {
    case Reference::DepartmentCode:
    case Reference::DepartmentName:
    case Reference::DepartmentOf:
    case Reference::DepartmentCaf:
    case Reference::DepartmentTne: return true;
    case Reference::SchoolYear:
    case Reference::NextSchoolYear:
    case Reference::ReturnDate:
    case Reference::SchoolYearStart:
    case Reference::SchoolYearEnd: return false;
  }
  return false;
}

bool is_school_year_date(std::string_view name) {
  const auto r = find_reference(name);
  return r == Reference::SchoolYearStart || r == Reference::SchoolYearEnd;
}

std::vector<std::string> text_variable_names() {
  std::vector<std::string> out;
  for (const auto& [r, n] : kReferences)
    if (is_text_variable(r)) out.emplace_back(n);
  return out;
}

}  // namespace bilan::spec

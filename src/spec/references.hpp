// spec/references — the names a layout may use besides its own fields,
// declared once: the text variables ({school_year}, {return_date},
// {department.caf}…) and the names expressions read (school_year.start,
// department.tne, action.FACT). The loader checks layouts against them,
// bind() gives them their values (data/bind/binder.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bilan::spec {

enum class Reference : std::uint8_t {
  SchoolYear,       // {school_year}: « 2024-2025 », the form's
  NextSchoolYear,   // {next_school_year}: « 2025-2026 »
  ReturnDate,       // {return_date}: the department's, as people read dates
  DepartmentCode,   // {department.code}: « 47 »
  DepartmentName,   // {department.name}: « Lot-et-Garonne »
  DepartmentOf,     // {department.of}: « de Lot-et-Garonne »
  DepartmentCaf,    // {department.caf}: who receives the bilans
  DepartmentTne,    // department.tne in expressions: the department asks the TNE part
  SchoolYearStart,  // school_year.start in expressions and messages: 1 September
  SchoolYearEnd,    // school_year.end: 31 August
};

// The reference called `name` as a layout writes it; nullopt for others
// (fields, table columns, action facts).
std::optional<Reference> find_reference(std::string_view name);
std::string_view reference_name(Reference r);
// Usable as {name} in the layout's display text.
bool is_text_variable(Reference r);
// A department's setting (department.…): its value comes from the registry.
bool is_department_setting(Reference r);

// school_year.start or school_year.end.
bool is_school_year_date(std::string_view name);
// The text variables' names, for « vouliez-vous dire ».
std::vector<std::string> text_variable_names();

// Every department.NAME is the department's (unknown NAMEs read as missing);
// every action.NAME a fact about the action (spec/action.hpp).
inline constexpr std::string_view kDepartmentPrefix = "department.";
inline constexpr std::string_view kActionPrefix = "action.";

}  // namespace bilan::spec

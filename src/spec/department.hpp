// spec/department — the department registry (layouts/departments.xml): the
// 101 departments, how their name takes « de », and what each one's forms
// contain. Plain data, loaded by load::load_departments().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/environment.hpp"
#include "core/source_loc.hpp"

namespace bilan::spec {

struct BlockRef {
  std::string src;    // library file, relative to the registry
  std::string block;  // block id in it
  SourceLoc loc;
};

struct Department {
  std::string code;     // "01" … "95", "2A", "2B", "971" … "976"
  std::string name;     // "Savoie"
  std::string article;  // "le", "la", "les", "l’" or "" (Paris, Mayotte, La Réunion)
  std::vector<std::string> forms;  // form ids this department uses
  bool tne = true;      // the TNE « parentalité numérique » part is in its bilan
  std::optional<CivilDate> return_date;
  std::string contact;  // line under the form header
  std::vector<BlockRef> blocks;  // its own parts, printed at <department-blocks/>
  SourceLoc loc;

  std::string of() const;   // "de la Savoie", "du Gers", "des Landes", "de l’Ain", "de Paris"
  std::string caf() const;  // "Caf de la Savoie"
  bool uses(const std::string& form_id) const;
};

// "01"…"95" without "20", "2A", "2B", "971"…"974", "976": the 101 departments.
bool is_department_code(std::string_view code);
// The same, for people: « 01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976 ».
inline constexpr std::string_view kDepartmentCodes = "01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976";

struct DepartmentRegistry {
  std::string path;  // the registry file
  std::vector<Department> departments;  // in code order
  const Department* find(const std::string& code) const;
};

}  // namespace bilan::spec

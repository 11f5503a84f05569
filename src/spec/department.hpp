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
  std::vector<std::string> forms;  // the forms it is printed in; empty: every form of the department
  SourceLoc loc;
};

// An organisme serving a department, named as it names itself: « Caf Touraine »,
// « Caf du Béarn et de la Soule », « Caisse de sécurité sociale de Mayotte » (CSSM).
struct Organisme {
  std::string name;
  std::string short_name;  // an acronym it also goes by, or empty
  SourceLoc loc;
  std::string display() const;  // « Caisse de sécurité sociale de Mayotte (CSSM) »
};

struct Department {
  std::string code;     // "01" … "95", "2A", "2B", "971" … "976"
  std::string name;     // "Savoie"
  std::string article;  // "le", "la", "les", "l’", "d’" (elided, no article) or "" (Paris, La Réunion)
  std::vector<std::string> forms;  // form ids this department uses
  bool tne = false;     // the TNE « parentalité numérique » part is in its bilan
  std::vector<Organisme> organismes;  // who serves it; empty: one « Caf » + of()
  std::optional<CivilDate> return_date;
  std::string contact;  // line under the form header
  std::vector<BlockRef> blocks;  // its own parts, printed at <department-blocks/>
  SourceLoc loc;

  std::string of() const;   // "de la Savoie", "du Gers", "des Landes", "de l’Ain", "d’Eure-et-Loir", "de Paris"
  // Who receives its bilans, as printed: "Caf de la Savoie", "Caf Touraine",
  // "Caf du Béarn et de la Soule ou Caf du Pays basque et du Seignanx".
  std::string caf() const;
  bool uses(const std::string& form_id) const;
};

// "01"…"95" without "20", "2A", "2B", "971"…"974", "976": the 101 departments.
bool is_department_code(std::string_view code);
// The same, for people: « 01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976 ».
inline constexpr std::string_view kDepartmentCodes = "01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976";
// « département « 99 » inconnu (codes : …) »; when a leading zero or capitals
// make `code` a department (« 6 », « 2a »), that code is suggested instead.
std::string unknown_department_message(const std::string& code);

struct DepartmentRegistry {
  std::string path;  // the registry file
  std::vector<Department> departments;  // in code order
  const Department* find(const std::string& code) const;
};

}  // namespace bilan::spec

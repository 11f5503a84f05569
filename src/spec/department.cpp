#include "spec/department.hpp"

#include <algorithm>

namespace bilan::spec {

std::string Department::of() const {
  if (article == "le") return "du " + name;
  if (article == "les") return "des " + name;
  if (article == "la") return "de la " + name;
  if (article == "l’" || article == "l'") return "de l’" + name;
  return "de " + name;
}

std::string Department::caf() const { return "Caf " + of(); }

bool Department::uses(const std::string& form_id) const {
  return std::find(forms.begin(), forms.end(), form_id) != forms.end();
}

const Department* DepartmentRegistry::find(const std::string& code) const {
  for (const auto& d : departments)
    if (d.code == code) return &d;
  return nullptr;
}

}  // namespace bilan::spec

#include "spec/department.hpp"

#include <algorithm>

namespace bilan::spec {

bool is_department_code(std::string_view c) {
  if (c == "2A" || c == "2B") return true;
  if (c.size() == 2 && c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9') {
    const int n = (c[0] - '0') * 10 + (c[1] - '0');
    return n >= 1 && n <= 95 && n != 20;  // Corsica is 2A and 2B
  }
  return c.size() == 3 && c.substr(0, 2) == "97" && c[2] >= '1' && c[2] <= '6' && c[2] != '5';  // 975 is not a department
}

std::string unknown_department_message(const std::string& code) {
  std::string likely = code;
  for (char& c : likely)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (likely.size() == 1) likely.insert(0, "0");
  if (likely != code && is_department_code(likely))
    return "département « " + code + " » inconnu (vouliez-vous dire « " + likely + " » ?)";
  return "département « " + code + " » inconnu (codes : " + std::string(kDepartmentCodes) + ")";
}

std::string Department::of() const {
  if (article == "le") return "du " + name;
  if (article == "les") return "des " + name;
  if (article == "la") return "de la " + name;
  if (article == "l’" || article == "l'") return "de l’" + name;
  if (article == "d’" || article == "d'") return "d’" + name;
  return "de " + name;
}

std::string Organisme::display() const { return short_name.empty() ? name : name + " (" + short_name + ")"; }

std::string Department::caf() const {
  if (organismes.empty()) return "Caf " + of();
  std::string out;
  for (const auto& o : organismes) out += (out.empty() ? "" : " ou ") + o.display();
  return out;
}

bool Department::uses(const std::string& form_id) const {
  return std::find(forms.begin(), forms.end(), form_id) != forms.end();
}

const Department* DepartmentRegistry::find(const std::string& code) const {
  for (const auto& d : departments)
    if (d.code == code) return &d;
  return nullptr;
}

}  // namespace bilan::spec

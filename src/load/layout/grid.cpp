// load/layout/grid — <grid>: <scale> steps (the column heads) and <row>
// statements (one answer each, a step's value), the national questionnaire's matrices.
#include "load/layout/file_loader.hpp"

#include <algorithm>
#include <set>

namespace bilan::load::detail {

void FileLoader::grid(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"id", "label", "hint", "required", "expected-when"});
  auto n = make<spec::Grid>(xml);
  n.id = id_attr(xml);
  n.label = text_attr(xml, "label", true);
  n.hint = text_attr(xml, "hint");
  n.required = bool_attr(xml, "required", false);
  std::set<std::string> values, rows;
  for (auto child : xml.children()) {
    if (child.type() == pugi::node_pcdata) {
      if (!collapse_spaces(child.value()).empty()) error(child, DiagCode::UnexpectedText, "texte inattendu dans <grid>");
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = child.name();
    if (name == "scale") {
      check_attributes(child, {"value", "label"});
      spec::Option o;
      o.loc = src_.loc(child);
      o.value = required_attr(child, "value");
      o.label = text_attr(child, "label", true);
      if (!o.value.empty() && !std::all_of(o.value.begin(), o.value.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
          }))
        error_at(src_.attr_loc(child, "value"), DiagCode::BadId, "valeur d’échelle « " + o.value + " » invalide (minuscules, chiffres et « _ »)");
      if (!values.insert(o.value).second)
        error_at(src_.attr_loc(child, "value"), DiagCode::DuplicateOption, "échelon « " + o.value + " » en double dans <grid id=\"" + n.id + "\">");
      no_children(child);
      n.scale.push_back(std::move(o));
    } else if (name == "row") {
      check_attributes(child, {"id", "label", "required", "same-as"});
      spec::GridRow r;
      r.loc = src_.loc(child);
      r.id = id_attr(child);
      r.label = text_attr(child, "label", true);
      r.required = n.required || bool_attr(child, "required", false);
      r.same_as = same_as_attr(child);
      if (!r.id.empty() && !rows.insert(r.id).second)
        error_at(src_.attr_loc(child, "id"), DiagCode::DuplicateId, "ligne « " + r.id + " » en double dans <grid id=\"" + n.id + "\">");
      no_children(child);
      n.rows.push_back(std::move(r));
    } else {
      error(child, DiagCode::UnknownElement, "élément <" + std::string(name) + "> inattendu dans <grid> (permis : <scale>, <row>)");
    }
  }
  if (n.scale.size() < 2) error(xml, DiagCode::EmptyChoice, "<grid> sans échelle : au moins deux <scale> sont attendus");
  if (n.rows.empty()) error(xml, DiagCode::EmptyTable, "<grid> sans <row>");
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

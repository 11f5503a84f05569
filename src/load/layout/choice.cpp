// load/layout/choice — <choice>: <option>s, one or several chosen, « Autres » with a text.
#include "load/layout/file_loader.hpp"

#include <algorithm>
#include <set>

namespace bilan::load::detail {

void FileLoader::choice(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"id", "label", "multiple", "layout", "required", "expected-when", "same-as"});
  auto n = make<spec::Choice>(xml);
  n.id = id_attr(xml);
  n.label = text_attr(xml, "label", true);
  n.multiple = bool_attr(xml, "multiple", false);
  n.required = bool_attr(xml, "required", false);
  n.same_as = same_as_attr(xml);
  n.inline_options = false;
  if (auto l = xml.attribute("layout")) {
    const std::string_view v = l.value();
    if (v == "inline")
      n.inline_options = true;
    else if (v != "column")
      error_at(src_.attr_loc(xml, "layout"), DiagCode::BadValue, "valeur « " + std::string(v) + " » invalide pour « layout » (inline ou column)");
  }
  std::set<std::string> values;
  for (auto child : xml.children()) {
    if (child.type() == pugi::node_pcdata) {
      if (!collapse_spaces(child.value()).empty()) error(child, DiagCode::UnexpectedText, "texte inattendu dans <choice>");
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    if (std::string_view(child.name()) != "option") {
      error(child, DiagCode::UnknownElement, "élément <" + std::string(child.name()) + "> inattendu dans <choice> (seul <option> y est permis)");
      continue;
    }
    check_attributes(child, {"value", "label", "other"});
    spec::Option o;
    o.loc = src_.loc(child);
    o.value = required_attr(child, "value");
    o.label = text_attr(child, "label", true);
    o.other = bool_attr(child, "other", false);
    if (!o.value.empty() && !std::all_of(o.value.begin(), o.value.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }))
      error_at(src_.attr_loc(child, "value"), DiagCode::BadId, "valeur d’option « " + o.value + " » invalide (minuscules, chiffres et « _ »)");
    if (!values.insert(o.value).second)
      error_at(src_.attr_loc(child, "value"), DiagCode::DuplicateOption, "option « " + o.value + " » en double dans <choice id=\"" + n.id + "\">");
    no_children(child);
    n.options.push_back(std::move(o));
  }
  if (n.options.empty()) error(xml, DiagCode::EmptyChoice, "<choice> sans <option>");
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

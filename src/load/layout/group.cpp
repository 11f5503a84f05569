// load/layout/group — <group>: a part that applies when its condition holds.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::group(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
  check_attributes(xml, {"when", "else", "label"});
  auto n = make<spec::Group>(xml);
  n.label = text_attr(xml, "label");
  n.when = condition_attr(xml, "when");
  if (!xml.attribute("when")) error(xml, DiagCode::MissingAttribute, "attribut « when » manquant sur <group>");
  if (auto e = xml.attribute("else")) {
    const std::string_view v = e.value();
    if (v == "omit")
      n.else_omit = true;
    else if (v != "sans-objet")
      error_at(src_.attr_loc(xml, "else"), DiagCode::BadValue, "valeur « " + std::string(v) + " » invalide pour « else » (sans-objet ou omit)");
  }
  body(xml, n.children, section_level);
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

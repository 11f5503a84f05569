// load/layout/signature — <signature>: the attestation's wording and its <footnote>s.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::signature(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
  check_attributes(xml, {"name-label", "role-label", "statement", "place-label", "date-label", "stamp-label",
                         "signature-label"});
  auto n = make<spec::Signature>(xml);
  auto set = [&](const char* attr, std::string& target) {
    if (xml.attribute(attr)) target = text_attr(xml, attr);
  };
  set("name-label", n.text.name_label);
  set("role-label", n.text.role_label);
  set("statement", n.text.statement);
  set("place-label", n.text.place_label);
  set("date-label", n.text.date_label);
  set("stamp-label", n.text.stamp_label);
  set("signature-label", n.text.signature_label);
  for (auto child : xml.children()) {
    if (child.type() == pugi::node_element && std::string_view(child.name()) == "footnote") {
      element(child, n.children, section_level);
    } else if (child.type() == pugi::node_element) {
      error(child, DiagCode::UnknownElement, "élément <" + std::string(child.name()) + "> inattendu dans <signature> (seul <footnote> y est permis)");
    } else if (child.type() == pugi::node_pcdata && !collapse_spaces(child.value()).empty()) {
      error(child, DiagCode::UnexpectedText, "texte inattendu dans <signature>");
    }
  }
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

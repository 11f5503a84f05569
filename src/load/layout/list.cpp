// load/layout/list — <list>: <item>s of rich text.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::list(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {});
  auto n = make<spec::List>(xml);
  for (auto item : xml.children()) {
    if (item.type() == pugi::node_pcdata) {
      if (!collapse_spaces(item.value()).empty()) error(item, DiagCode::UnexpectedText, "texte inattendu dans <list> : écrivez-le dans un <item>");
      continue;
    }
    if (item.type() != pugi::node_element) continue;
    if (std::string_view(item.name()) != "item") {
      error(item, DiagCode::UnknownElement, "élément <" + std::string(item.name()) + "> inattendu dans <list> (seul <item> y est permis)");
      continue;
    }
    check_attributes(item, {});
    spec::RichText t;
    rich_text(item, t, false, false);
    trim_rich_text(t);
    n.items.push_back(std::move(t));
  }
  if (n.items.empty()) error(xml, DiagCode::EmptyList, "liste <list> sans <item>");
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

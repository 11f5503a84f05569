// load/layout/footnote — <footnote>: a mark and rich text.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::footnote(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"mark"});
  auto n = make<spec::Footnote>(xml);
  n.mark = collapse_spaces(xml.attribute("mark").value());
  rich_text(xml, n.text, false, false);
  trim_rich_text(n.text);
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

// load/layout/pagebreak — <pagebreak/>.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::pagebreak(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {});
  no_children(xml);
  out.push_back(make<spec::PageBreak>(xml));
}

}  // namespace bilan::load::detail

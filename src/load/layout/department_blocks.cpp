// load/layout/department_blocks — <department-blocks/>: where each department's own parts go.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::department_blocks(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
  check_attributes(xml, {});
  no_children(xml);
  auto n = make<spec::DepartmentBlocks>(xml);
  n.level = section_level;
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

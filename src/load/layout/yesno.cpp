// load/layout/yesno — <yesno>: a oui/non question.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::yesno(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"id", "label", "required", "expected-when", "same-as"});
  auto n = make<spec::YesNo>(xml);
  n.id = id_attr(xml);
  n.label = text_attr(xml, "label", true);
  n.required = bool_attr(xml, "required", false);
  n.same_as = same_as_attr(xml);
  no_children(xml);
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

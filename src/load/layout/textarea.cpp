// load/layout/textarea — <textarea>: a long answer on `lines` ruled lines.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::textarea(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"id", "label", "hint", "lines", "required", "expected-when", "same-as"});
  auto n = make<spec::TextArea>(xml);
  n.id = id_attr(xml);
  n.label = text_attr(xml, "label", true);
  n.hint = text_attr(xml, "hint");
  n.required = bool_attr(xml, "required", false);
  n.same_as = same_as_attr(xml);
  n.lines = 3;
  if (auto l = xml.attribute("lines")) {
    n.lines = l.as_int(0);
    if (n.lines < 1 || n.lines > 60) {
      error_at(src_.attr_loc(xml, "lines"), DiagCode::BadValue, "« lines » doit être un entier entre 1 et 60");
      n.lines = 3;
    }
  }
  no_children(xml);
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

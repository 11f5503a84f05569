// load/layout/section — <section>: a title, its level, caps, page break and bookmark, its body.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::section(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
  check_attributes(xml, {"title", "caps", "break", "bookmark"});
  auto n = make<spec::Section>(xml);
  n.title = text_attr(xml, "title", true);
  n.level = section_level + 1;
  n.caps = bool_attr(xml, "caps", n.level == 1);
  n.bookmark = collapse_spaces(xml.attribute("bookmark").value());
  if (auto b = xml.attribute("break")) {
    if (std::string_view(b.value()) == "page")
      n.break_before = true;
    else
      error_at(src_.attr_loc(xml, "break"), DiagCode::BadValue, "valeur « " + std::string(b.value()) + " » invalide pour « break » (seule « page » existe)");
  }
  body(xml, n.children, n.level);
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

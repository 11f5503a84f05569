// load/layout/table — <table>: typed <column>s and <row>s, some rows labelled by who answers.
#include "load/layout/file_loader.hpp"

#include <set>

namespace bilan::load::detail {

void FileLoader::table(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"id", "label", "stub"});
  auto n = make<spec::Table>(xml);
  n.id = id_attr(xml);
  n.label = text_attr(xml, "label");
  n.stub = text_attr(xml, "stub");
  std::set<std::string> columns, rows;
  for (auto child : xml.children()) {
    if (child.type() == pugi::node_pcdata) {
      if (!collapse_spaces(child.value()).empty()) error(child, DiagCode::UnexpectedText, "texte inattendu dans <table>");
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = child.name();
    if (name == "column") {
      check_attributes(child, {"id", "label", "type"});
      spec::Column c;
      c.loc = src_.loc(child);
      c.id = id_attr(child);
      c.label = text_attr(child, "label", true);
      c.type = field_type(child);
      if (!c.id.empty() && !columns.insert(c.id).second)
        error_at(src_.attr_loc(child, "id"), DiagCode::DuplicateId, "colonne « " + c.id + " » en double");
      no_children(child);
      n.columns.push_back(std::move(c));
    } else if (name == "row") {
      check_attributes(child, {"id", "label", "other"});
      spec::Row r;
      r.loc = src_.loc(child);
      r.id = id_attr(child);
      r.label = text_attr(child, "label", true);
      r.other = bool_attr(child, "other", false);
      if (!r.id.empty() && !rows.insert(r.id).second)
        error_at(src_.attr_loc(child, "id"), DiagCode::DuplicateId, "ligne « " + r.id + " » en double");
      no_children(child);
      n.rows.push_back(std::move(r));
    } else {
      error(child, DiagCode::UnknownElement, "élément <" + std::string(name) + "> inattendu dans <table> (permis : <column>, <row>)");
    }
  }
  if (n.columns.empty()) error(xml, DiagCode::EmptyTable, "<table> sans <column>");
  if (n.rows.empty()) error(xml, DiagCode::EmptyTable, "<table> sans <row>");
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

// load/layout/check — <check>: a rule on the answers (test, when, message, severity, per row).
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::check(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"id", "when", "test", "message", "rule", "severity", "rows"});
  auto n = make<spec::Check>(xml);
  n.id = id_attr(xml, false);
  n.each_row = collapse_spaces(xml.attribute("rows").value());
  n.when = condition_attr(xml, "when");
  // Missing or invalid, the test is reported here and the form is not loaded.
  if (auto test = condition_attr(xml, "test")) n.test = std::move(*test);
  if (!xml.attribute("test")) error(xml, DiagCode::MissingAttribute, "attribut « test » manquant sur <check>");
  n.message = collapse_spaces(xml.attribute("message").value());
  if (n.message.empty()) error(xml, DiagCode::MissingAttribute, "attribut « message » manquant sur <check>");
  n.rule = collapse_spaces(xml.attribute("rule").value());
  if (auto sev = xml.attribute("severity")) {
    const std::string_view v = sev.value();
    if (v == "error") n.error = true;
    else if (v != "warning")
      error_at(src_.attr_loc(xml, "severity"), DiagCode::BadValue, "sévérité « " + std::string(v) + " » invalide (warning ou error)");
  }
  no_children(xml);
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

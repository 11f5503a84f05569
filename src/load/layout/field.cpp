// load/layout/field — <field>: a typed one-line answer, maybe computed.
#include "load/layout/file_loader.hpp"

namespace bilan::load::detail {

void FileLoader::field(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"id", "label", "type", "required", "computed", "hint", "expected-when", "same-as"});
  auto n = make<spec::Field>(xml);
  n.id = id_attr(xml);
  n.label = text_attr(xml, "label", true);
  n.type = field_type(xml);
  n.required = bool_attr(xml, "required", false);
  n.hint = text_attr(xml, "hint");
  n.computed = condition_attr(xml, "computed");
  n.same_as = same_as_attr(xml);
  if (n.computed && n.type != spec::FieldType::Integer && n.type != spec::FieldType::Decimal &&
      n.type != spec::FieldType::Amount)
    error_at(n.computed->loc, DiagCode::BadComputed, "un champ calculé doit être de type integer, decimal ou amount");
  no_children(xml);
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail

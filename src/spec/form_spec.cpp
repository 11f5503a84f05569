#include "spec/form_spec.hpp"

namespace bilan::spec {

bool is_answerable(NodeKind kind) {
  switch (kind) {
    case NodeKind::Field:
    case NodeKind::TextArea:
    case NodeKind::YesNo:
    case NodeKind::Choice:
    case NodeKind::Table:
      return true;
    default:
      return false;
  }
}

const char* kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::Section: return "section";
    case NodeKind::Paragraph: return "p";
    case NodeKind::List: return "list";
    case NodeKind::Field: return "field";
    case NodeKind::TextArea: return "textarea";
    case NodeKind::YesNo: return "yesno";
    case NodeKind::Choice: return "choice";
    case NodeKind::Table: return "table";
    case NodeKind::Group: return "group";
    case NodeKind::Signature: return "signature";
    case NodeKind::Footnote: return "footnote";
    case NodeKind::PageBreak: return "pagebreak";
    case NodeKind::DepartmentBlocks: return "department-blocks";
    case NodeKind::Check: return "check";
    case NodeKind::None: break;
  }
  return "?";
}

const char* type_name(FieldType type) {
  switch (type) {
    case FieldType::Text: return "text";
    case FieldType::Integer: return "integer";
    case FieldType::Decimal: return "decimal";
    case FieldType::Amount: return "amount";
    case FieldType::Date: return "date";
    case FieldType::Email: return "email";
    case FieldType::Phone: return "phone";
    case FieldType::None: break;
  }
  return "?";
}

namespace {
void index_nodes(const std::vector<Node>& nodes, std::map<std::string, const Node*>& index) {
  for (const auto& n : nodes) {
    if (is_answerable(n.kind) && !n.id.empty()) index.emplace(n.id, &n);
    index_nodes(n.children, index);
  }
}
}  // namespace

void FormSpec::reindex() {
  index_.clear();
  index_nodes(body, index_);
  for (const auto& [code, nodes] : department_blocks) index_nodes(nodes, index_);
}

const Node* FormSpec::find(const std::string& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : it->second;
}

}  // namespace bilan::spec

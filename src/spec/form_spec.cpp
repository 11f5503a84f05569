#include "spec/form_spec.hpp"

#include <set>

#include "spec/references.hpp"
#include "spec/walk.hpp"

namespace bilan::spec {

bool is_answerable(NodeKind kind) {
  if (kind == NodeKind::None) return false;
  return visit_kind(kind, kind, [](auto tag, NodeKind) { return decltype(tag)::answerable; });
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

void FormSpec::reindex() {
  index_.clear();
  department_owners_.clear();
  std::vector<const Node*> computed;  // in document order, body first
  for_each_answerable(body, [&](auto, const Node& n) {
    index_.emplace(n.id, &n);
    if (n.computed) computed.push_back(&n);
  });
  for (const auto& [code, nodes] : department_blocks)
    for_each_answerable(nodes, [&, c = code](auto, const Node& n) {
      if (n.computed) computed.push_back(&n);
      // Shared parts may be listed by several departments; the body wins.
      if (auto [it, inserted] = index_.emplace(n.id, &n); inserted || department_owners_.count(n.id))
        department_owners_[n.id].push_back(c);
    });
  // Each computed field after those it reads, depth first; a cycle is bind's to report.
  calculation_order_.clear();
  std::set<std::string> seen;
  const auto place = [&](const auto& self, const Node& n) -> void {
    if (!seen.insert(n.id).second) return;
    std::vector<const Expr*> refs;
    n.computed->expr.collect_refs(refs);
    for (const auto* r : refs)
      for (const auto* other : computed)
        if (other->id == r->text) self(self, *other);
    calculation_order_.push_back(n.id);
  };
  for (const auto* n : computed) place(place, *n);
}

std::optional<std::string> FormSpec::variable(std::string_view name) const {
  const auto r = find_reference(name);
  if (r == Reference::SchoolYear) return school_year;
  if (r == Reference::NextSchoolYear) return next_school_year;
  return std::nullopt;
}

const Node* FormSpec::find(const std::string& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : it->second;
}

const std::vector<std::string>& FormSpec::departments_of(const std::string& key) const {
  static const std::vector<std::string> kNone;
  auto it = department_owners_.find(key);
  return it == department_owners_.end() ? kNone : it->second;
}

}  // namespace bilan::spec

#include "spec/form_spec.hpp"

#include <set>
#include <utility>

#include "spec/references.hpp"
#include "spec/walk.hpp"

namespace bilan::spec {

const Question* as_question(const Node& n) { return detail::kind_as<Question>(n.kind()); }

Question* as_question(Node& n) { return const_cast<Question*>(as_question(std::as_const(n))); }

const SourceLoc& loc_of(const Node& n) { return detail::kind_loc(n.kind()); }

const std::vector<Node>& children_of(const Node& n) { return detail::kind_children<Node>(n.kind()); }

const char* kind_name(const Node& n) {
  return std::visit([](const auto& k) { return std::decay_t<decltype(k)>::kElement; }, n.kind());
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
    case FieldType::Siret: return "siret";
    case FieldType::Siren: return "siren";
    case FieldType::Postcode: return "postcode";
    case FieldType::Insee: return "insee";
    case FieldType::None: break;
  }
  return "?";
}

const char* type_words(FieldType type) {
  switch (type) {
    case FieldType::None:
    case FieldType::Text: return "texte";
    case FieldType::Integer: return "entier";
    case FieldType::Decimal: return "décimal";
    case FieldType::Amount: return "montant";
    case FieldType::Date: return "date";
    case FieldType::Email: return "e-mail";
    case FieldType::Phone: return "téléphone";
    case FieldType::Siret: return "SIRET";
    case FieldType::Siren: return "SIREN";
    case FieldType::Postcode: return "code postal";
    case FieldType::Insee: return "code Insee";
  }
  return "texte";
}

void FormSpec::reindex() {
  index_.clear();
  department_owners_.clear();
  std::vector<const Field*> computed;  // in document order, body first
  const auto add_computed = [&](const Node& n) {
    if (const auto* f = std::get_if<Field>(&n.kind()); f && f->computed) computed.push_back(f);
  };
  for_each_question_node(body, [&](const Node& n, const Question& q) {
    index_.emplace(q.id, &n);
    add_computed(n);
  });
  for (const auto& [code, nodes] : department_blocks)
    for_each_question_node(nodes, [&, c = code](const Node& n, const Question& q) {
      add_computed(n);
      // Shared parts may be listed by several departments; the body wins.
      if (auto [it, inserted] = index_.emplace(q.id, &n); inserted || department_owners_.count(q.id))
        department_owners_[q.id].push_back(c);
    });
  // Each computed field after those it reads, depth first; a cycle is bind's to report.
  calculation_order_.clear();
  std::set<std::string> seen;
  const auto place = [&](const auto& self, const Field& n) -> void {
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

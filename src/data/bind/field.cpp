// data/bind/field — <field>: typed values, and computed fields settled in passes.
#include "data/bind/binder.hpp"

#include <cmath>
#include <variant>

namespace bilan::data::detail {

namespace {

// The normalised text of a phone number or a French identifier.
std::optional<std::string> parse_identifier(FieldType type, const std::string& text, std::string& error) {
  switch (type) {
    case FieldType::Siret: return try_parse_siret(text, error);
    case FieldType::Siren: return try_parse_siren(text, error);
    case FieldType::Postcode: return try_parse_postcode(text, error);
    case FieldType::Insee: return try_parse_insee(text, error);
    default: return try_parse_phone(text, error);
  }
}

}  // namespace

// Parses `text` as the value of a field of `type`.
std::optional<Value> parse_typed(FieldType type, const std::string& text, std::string& error) {
  Value v;
  switch (type) {
    case FieldType::Text:
    case FieldType::None:
      v.kind = ValueKind::Text;
      v.text = text;
      return v;
    case FieldType::Integer:
      if (auto i = try_parse_integer(text, error)) {
        v.kind = ValueKind::Integer;
        v.integer = *i;
        return v;
      }
      return std::nullopt;
    case FieldType::Decimal:
      if (auto d = try_parse_decimal(text, error)) {
        v.kind = ValueKind::Decimal;
        v.decimal = *d;
        return v;
      }
      return std::nullopt;
    case FieldType::Amount:
      if (auto c = try_parse_amount_cents(text, error)) {
        v.kind = ValueKind::Amount;
        v.integer = *c;
        return v;
      }
      return std::nullopt;
    case FieldType::Date:
      if (auto d = try_parse_date(text, error)) {
        v.kind = ValueKind::Date;
        v.date = *d;
        return v;
      }
      return std::nullopt;
    case FieldType::Email:
      if (auto e = try_parse_email(text, error)) {
        v.kind = ValueKind::Text;
        v.text = *e;
        return v;
      }
      return std::nullopt;
    case FieldType::Phone:
    case FieldType::Siret:
    case FieldType::Siren:
    case FieldType::Postcode:
    case FieldType::Insee:
      if (auto p = parse_identifier(type, text, error)) {
        v.kind = ValueKind::Text;
        v.text = *p;
        return v;
      }
      return std::nullopt;
  }
  return std::nullopt;
}

Value decimal_value(double x) {
  Value v;
  v.kind = ValueKind::Decimal;
  v.decimal = {std::llround(x * 100), 2};
  while (v.decimal.scale > 0 && v.decimal.mantissa % 10 == 0) {
    v.decimal.mantissa /= 10;
    --v.decimal.scale;
  }
  return v;
}

Value from_number(FieldType type, double x) {
  if (type == FieldType::Decimal) return decimal_value(x);
  Value v;
  if (type == FieldType::Amount) {
    v.kind = ValueKind::Amount;
    v.integer = std::llround(x * 100);
  } else {
    v.kind = ValueKind::Integer;
    v.integer = std::llround(x);
  }
  return v;
}

void Binder::collect_computed(const std::vector<Node>& nodes, std::vector<const spec::Field*>& out) {
  spec::for_each_node(nodes, [&out](const Node& n) {
    if (const auto* f = std::get_if<spec::Field>(&n.kind()); f && f->computed) out.push_back(f);
  });
}

void Binder::compute() {
  std::vector<const spec::Field*> computed;
  collect_computed(form_.body, computed);
  // Totals may depend on totals: settle in as many passes as there are computed fields.
  std::map<std::string, Value> answered;
  for (const auto* n : computed)
    if (auto it = values_.find(n->id); it != values_.end()) answered[n->id] = it->second;
  for (std::size_t pass = 0; pass <= computed.size(); ++pass) {
    bool changed = false;
    for (const auto* n : computed) {
      std::string error;
      const EvalValue r = eval(*n->computed, error);
      if (!error.empty() && pass == 0)
        sink_.error(n->computed->loc, DiagCode::BadExpression, "calcul de « " + n->id + " » : " + error, n->id).names_field = true;
      if (r.kind != EvalValue::Kind::Number) continue;
      Value v = from_number(n->type, r.number);
      auto it = values_.find(n->id);
      if (it == values_.end() || it->second.canonical() != v.canonical()) {
        values_[n->id] = v;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const auto* n : computed) {
    auto it = values_.find(n->id);
    if (it == values_.end()) continue;
    auto given = answered.find(n->id);
    if (given == answered.end()) {
      computed_ids_.insert(n->id);
    } else if (given->second.canonical() != it->second.canonical()) {
      computed_ids_.insert(n->id);
      sink_.warning(answered_at_[n->id], DiagCode::ComputedMismatch,
                    "« " + n->id + " » vaut " + given->second.canonical() + " dans les réponses, mais " +
                        n->computed->source + " donne " + it->second.canonical() + " : la valeur calculée est imprimée",
                    n->id)
          .names_field = true;
    }
  }
}

BoundField Binder::bind_field(const spec::Field& f, bool active) {
  BoundField b;
  bind_question(f, b);
  b.type = f.type;
  if (display() && f.computed) b.formula = f.computed->expr;
  require_answer(f, b, active);
  expect_answer(f, b, active, false);
  return b;
}

}  // namespace bilan::data::detail

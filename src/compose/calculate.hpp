// compose/calculate — a computed number (layout `computed=`) as the
// JavaScript of its field's calculate action in a fillable bilan, so that a
// reader that runs form JavaScript (Acrobat, pdf.js, Chrome) updates the
// total as the person types, exactly as bilan computes it (data/eval): a
// missing count is 0 in a sum unless nothing is known, a difference, product
// or quotient needs both sides, sum/min/max skip what is missing; the result
// is written as a field holds that type (`4`, `322,5`, `2758,28`).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/expr.hpp"
#include "spec/form_spec.hpp"

namespace bilan::compose {

// The fields a reference reads: one number field, or a table column's cells
// (TABLE.ROW.COLUMN, a list, only inside sum/min/max).
struct RefFields {
  std::vector<std::string> names;
  bool column = false;
};
// nullopt: not a number the fillable bilan has a field for (a date, a
// department's value, a text...).
using ResolveRef = std::function<std::optional<RefFields>(std::string_view ref)>;

// The calculate action of a field of `type` (Integer, Decimal or Amount)
// computing `e`; nullopt when the expression uses what the translation does
// not know (comparisons, conditions, texts, dates): such a total gets no
// calculated field.
std::optional<std::string> calculate_script(const spec::Expr& e, spec::FieldType type, const ResolveRef& resolve);

}  // namespace bilan::compose

// data/bind/yesno — <yesno>: a oui/non answer.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

// A yes/no answer: « oui », « non » (and their spellings, data/value.hpp).
std::optional<Value> parse_yesno(const std::string& text, std::string& error) {
  auto b = try_parse_yesno(text, error);
  if (!b) return std::nullopt;
  Value v;
  v.kind = ValueKind::Bool;
  v.boolean = *b;
  return v;
}

BoundYesNo Binder::bind_yesno(const spec::YesNo& y, bool active) {
  BoundYesNo b;
  bind_question(y, b);
  require_answer(y, b, active);
  expect_answer(y, b, active, false);
  return b;
}

}  // namespace bilan::data::detail

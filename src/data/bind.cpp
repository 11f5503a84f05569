#include "data/bind.hpp"

#include "data/bind/binder.hpp"
#include "spec/action.hpp"

namespace bilan::data {

std::optional<Value> parse_action_fact(std::string_view name, std::string_view text, std::string& error) {
  error.clear();
  const spec::ActionFact* fact = spec::find_action_fact(name);
  if (!fact || fact->name != name) {
    error = "fait « " + std::string(name) + " » inconnu sur l’action";
    return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  Value v;
  if (fact->type == spec::FactType::YesNo) {
    if (auto b = try_parse_yesno(text, error)) {
      v.kind = ValueKind::Bool;
      v.boolean = *b;
    }
  } else if (auto n = try_parse_integer(text, error)) {
    v.kind = ValueKind::Integer;
    v.integer = *n;
  }
  if (v.missing()) {
    error = std::string(fact->attribute) + " (" + std::string(fact->meaning) + ") : " + error + ", reçu " + detail::quote(text);
    return std::nullopt;
  }
  error.clear();
  return v;
}

BoundForm bind(const spec::FormSpec& form, const AnswerSet* answers, const BindOptions& options, DiagnosticSink& sink) {
  return detail::Binder(form, answers, options, sink).run();
}

}  // namespace bilan::data

// spec/action — facts about an action that the forms do not ask but some rules
// need (a collectif in a rural area, a child with a disability, the number of
// collectifs the Caf notified). An answer file gives them in <action …/>; a
// store may give the same names through data::BindOptions. Rules read them as
// `action.NAME` and stay silent while a fact is unknown.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace bilan::spec {

enum class FactType : std::uint8_t {
  None,     // not a fact
  YesNo,    // oui / non
  Integer,  // a count
};

struct ActionFact {
  std::string_view name;       // in expressions, after « action. »: collectifs_notifies
  std::string_view attribute;  // in answer files, on <action>: collectifs-notifies
  FactType type = FactType::None;
  std::string_view meaning;    // French, for messages and `bilan list`
};

// Every fact a rule may read, in documentation order.
std::span<const ActionFact> action_facts();
// By expression name (« rural ») or attribute name (« collectifs-notifies »); null when unknown.
const ActionFact* find_action_fact(std::string_view name);

}  // namespace bilan::spec

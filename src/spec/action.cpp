#include "spec/action.hpp"

#include <array>

namespace bilan::spec {
namespace {

constexpr std::array kFacts = {
    ActionFact{"rural", "rural", FactType::YesNo, "l’action se déroule en milieu rural"},
    ActionFact{"handicap", "handicap", FactType::YesNo,
               "un collectif accueille un enfant en situation de handicap nécessitant une attention renforcée"},
    ActionFact{"collectifs_notifies", "collectifs-notifies", FactType::Integer,
               "nombre de collectifs notifiés par la Caf"},
};

}  // namespace

std::span<const ActionFact> action_facts() { return kFacts; }

const ActionFact* find_action_fact(std::string_view name) {
  for (const auto& f : kFacts)
    if (f.name == name || f.attribute == name) return &f;
  return nullptr;
}

}  // namespace bilan::spec

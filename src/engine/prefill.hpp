// engine/prefill — `fill --partial --db`: a layout's same-as questions
// (spec::SameAs) that the answer file leaves unanswered take the answers the
// store holds for the same action to the form they name. Nothing else is
// carried over; what is taken is then bound as this form's own answers, so it
// is checked like them (docs/cli.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/environment.hpp"
#include "data/answer_set.hpp"
#include "spec/form_spec.hpp"
#include "store/store.hpp"

namespace bilan::engine {

struct Prefilled {
  std::size_t taken = 0;
  std::string note;    // for the person (« 3 réponses reprises de clas-2024-2025 (CLAS-73-001) »); empty: nothing to say
  std::string sha256;  // of the stored answers taken from (the render depends on them); empty when none taken
};

// `previous` is the store's record of `answers.action` (nullopt when it has
// none). Adds to `answers` (of `form`) the answers taken, each located where
// the stored file has it.
Prefilled take_previous(const Environment& env, const spec::FormSpec& form, data::AnswerSet& answers,
                        const std::optional<store::StoredAnswers>& previous);

// The form ids `form`'s same-as attributes name, sorted; empty when it has none.
std::vector<std::string> same_as_forms(const spec::FormSpec& form);

}  // namespace bilan::engine

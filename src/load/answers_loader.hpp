// load/answers_loader — answer XML → data::AnswerSet (texts NFC-normalised,
// images read). Entry: load_answers(). Checks against the layout are bind()'s.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "data/answer_set.hpp"

namespace bilan::load {

std::optional<data::AnswerSet> load_answers(const Environment& env, const std::string& path, DiagnosticSink& sink);
// Same, for bytes already read (images are still read through env, relative to `path`).
std::optional<data::AnswerSet> parse_answers(const Environment& env, const std::string& path, std::string bytes,
                                             DiagnosticSink& sink);

}  // namespace bilan::load

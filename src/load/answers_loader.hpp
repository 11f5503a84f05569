// load/answers_loader — answer XML → data::AnswerSet (texts NFC-normalised,
// images read). Entry: load_answers(). Checks against the layout are bind()'s.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "data/answer_set.hpp"

namespace bilan::load {

std::optional<data::AnswerSet> load_answers(const Environment& env, const std::string& path, DiagnosticSink& sink);
// Same, for bytes already read (images are still read through env, relative to `path`).
std::optional<data::AnswerSet> parse_answers(const Environment& env, const std::string& path, std::string bytes,
                                             DiagnosticSink& sink);

// The root's action attribute, read quickly (no image, no check): what a
// batch names a PDF after. Empty when there is none or the XML is broken.
std::string peek_answers_action(std::string_view bytes);
// The root's form attribute, read the same way: the one form a `fill` or a
// `check` needs loaded. Empty when there is none or the XML is broken.
std::string peek_answers_form(std::string_view bytes);

}  // namespace bilan::load

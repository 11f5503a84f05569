// engine/extract — the answer file an archival bilan PDF carries (PDF/A-3b,
// written by `fill --pdfa` and the archive), byte for byte as submitted.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"

namespace bilan::engine {

// nullopt with a located error when the file is not a PDF, cannot be read
// within the limits, or is not a bilan PDF carrying its answers.
std::optional<std::string> extract_answers(const Environment& env, const std::string& pdf_path, DiagnosticSink& sink);

}  // namespace bilan::engine

// engine/store_import — answer files into store records: each file checked
// as `bilan check` checks it (as a partial bilan: pre-filled answers need not
// be complete), then kept as its bytes with its action's id, department, form.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/renderer.hpp"
#include "store/store.hpp"

namespace bilan::engine {

// The record for one answer file (`path` names it in messages); nullopt with
// diagnostics when it has errors or names no action.
std::optional<store::StoredAnswers> prepare_import(Renderer& renderer, const std::string& path, std::string bytes,
                                                   DiagnosticSink& sink);

// The action attribute of answer bytes, read quickly; empty when there is
// none or the bytes are not XML (rendering reports why).
std::string answers_action(const std::string& bytes);

// The answer files (*.xml, regular files) of a folder, sorted by name.
std::vector<std::string> answer_files_in(const std::string& folder);

}  // namespace bilan::engine

// engine/store_import — answer files into store records: each file checked
// as `bilan check` checks it (as a partial bilan: pre-filled answers need not
// be complete), then kept as its bytes with its action's id, department, form.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/renderer.hpp"
#include "load/answers_loader.hpp"
#include "load/answers_writer.hpp"
#include "store/store.hpp"

namespace bilan::engine {

// The record for one answer file (`path` names it in messages), with the
// Caf's `facts` about its action (already checked: a CSV's action.NAME
// columns) that its rules read; nullopt with diagnostics when it has errors or
// names no action. Checked as `check --partial` checks it, without the
// typesetting (characters the fonts lack): that is the PDF's business.
std::optional<store::StoredAnswers> prepare_import(Renderer& renderer, const std::string& path, std::string bytes,
                                                   DiagnosticSink& sink, const std::map<std::string, std::string>& facts = {});

// The same for answers made by data::AnswerSetBuilder (a CSV row): kept as
// the answer file load::write_answers() makes of them (`layout`), checked
// without reading it again, each message at the answer's own location.
std::optional<store::StoredAnswers> prepare_import(Renderer& renderer, const std::string& source, data::AnswerSet built,
                                                   DiagnosticSink& sink, const std::map<std::string, std::string>& facts = {},
                                                   load::AnswerLayout layout = load::AnswerLayout::OnePerLine);

// Answers made by data::AnswerSetBuilder as the answer file `layout` writes
// (`bytes`) and as load_answers() would read that file (`answers`, its
// sha256 the file's; nullopt with diagnostics when it has too many answers).
struct WrittenAnswers {
  std::string bytes;
  std::optional<data::AnswerSet> answers;
};
WrittenAnswers write_built(data::AnswerSet built, load::AnswerLayout layout, const Limits& limits, DiagnosticSink& sink);

// The action attribute of answer bytes, read quickly and normalised
// (load::normalize_action_id); empty when there is none or the bytes are not
// XML (rendering reports why).
std::string answers_action(const std::string& bytes);
// What a batch calls the answer file `path` of `bytes`: its action, normalised
// and located, or, when it names none (or `bytes` are not XML), the file
// name's stem, normalised too, without a location.
load::PeekedAction answers_action_at(const std::string& path, const std::string& bytes);

// The answer files (*.xml, regular files) of a folder, sorted by name.
std::vector<std::string> answer_files_in(const std::string& folder);

}  // namespace bilan::engine

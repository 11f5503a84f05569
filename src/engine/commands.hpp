// engine/commands — what a command decides beyond its arguments, apart from
// the command line that names them: FORM as a form id or a layout path, which
// forms a one-document run loads, the retry with every form loaded when it
// reports errors (docs/architecture.md), and where a batch takes its actions.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "engine/batch.hpp"
#include "engine/engine.hpp"
#include "store/store.hpp"

namespace bilan::engine {

// FORM as the command line gives it: the path of a layout file when it has a
// slash or ends in .xml, otherwise a form id looked up in the layout folders.
bool is_layout_path(const std::string& form);

// What a run loads into its Catalog (Engine's two lists).
struct FormSelection {
  std::vector<std::string> layout_files;  // FORM given as a layout path, loaded beside the ids
  std::vector<std::string> only_forms;    // the ids the run needs; empty: every form
};

// `command` with its operands (list, blank, fill, check: the others load every
// form). A one-document command parses only its form: the one named (blank),
// or the one its answer file names (fill, check; read through `env`).
FormSelection select_forms(const Environment& env, const std::string& command, const std::vector<std::string>& operands);

// fill and check through `engine` (loaded with `forms`). When errors are found
// and only some forms were loaded, the run is made again with every form: a
// message may then name the form a stray field belongs to (« c’est un champ
// du formulaire … »). `sink` holds the diagnostics of the run that counts.
std::optional<std::string> fill_with_retry(Engine& engine, const Environment& env, const FormSelection& forms, const std::string& answers,
                                           const FillOptions& options, DiagnosticSink& sink);
bool check_with_retry(Engine& engine, const Environment& env, const FormSelection& forms, const std::string& answers,
                      DiagnosticSink& sink);

// A file read as CSV by store import and batch: .csv, .tsv, .txt (Excel's « texte Unicode »).
bool is_csv(const std::string& path);

enum class BatchSource : std::uint8_t { Folder, Csv, Store };
// The SOURCE of `bilan batch`: empty, the store (--db, chosen by --department,
// --form, --action); a folder of answer files; a CSV file. Throws UsageError
// when it is neither a folder nor a CSV file.
BatchSource batch_source(const std::string& source);

// The answer files of `folder` as batch items, each read when rendered (so
// that memory does not grow with their number) and named by its action.
std::vector<BatchItem> batch_items_from_folder(const Environment& env, const std::vector<std::string>& files);
// The store's actions that `filter` selects, read when rendered under `mutex`
// (one connection for every worker).
std::vector<BatchItem> batch_items_from_store(const store::Store& db, std::mutex& mutex, const store::ActionFilter& filter);
// The message when --department names no department (it would select nothing
// without a word); empty when the code is known.
std::string unknown_department_error(Engine& engine, const std::string& code);

}  // namespace bilan::engine

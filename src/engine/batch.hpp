// engine/batch — many answer sets, one PDF each, on N threads: one shared
// Catalog, one Renderer per thread. The bytes of each PDF do not depend on N
// (nor on the order threads take the work in); a failure on one action is
// kept in its result and the others go on. No file access here: the caller
// writes each PDF (atomically) from the `write` callback.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/answer_set.hpp"
#include "engine/catalog.hpp"
#include "store/store.hpp"

namespace bilan::engine {

struct BatchItem {
  std::string action;  // the key; the PDF's file name comes from it
  std::string source;  // names the answers in messages (file, or « base:ACTION »)
  std::string bytes;   // answer XML, or empty to get it from `load`
  // Gets the answer XML when the item is rendered (so that a batch of 10,000
  // files does not hold them all); throws to fail the item. Called from the
  // worker threads: it must be safe to call from several at once.
  std::function<std::string()> load;
  // When set, moves each diagnostic to where the answers came from (a CSV cell).
  std::function<Diagnostic(Diagnostic)> relocate;
  // The Caf's facts about the action (FillOptions::action_facts).
  std::map<std::string, std::string> facts{};
  // Where `action` is written (an answer file's action attribute), for the
  // message about an action given twice; unknown: `source` names it.
  SourceLoc action_loc{};
  // Answers made without a file (a CSV row, data::AnswerSetBuilder): rendered
  // as they are, instead of `bytes` or `load`.
  std::optional<data::AnswerSet> answers{};
  // Found when `answers` were made (before `relocate`): reported first; an
  // error among them fails the item as an error of its answer file would
  // (the check sees it in the same sink).
  std::vector<Diagnostic> found{};
};

enum class BatchStatus : std::uint8_t {
  None,     // not rendered (the batch was stopped first)
  Written,  // PDF written
  Failed,   // errors in the answers, or the PDF could not be written
};

struct BatchResult {
  std::string action;
  std::string file;  // file name of its PDF (no folder)
  BatchStatus status = BatchStatus::None;
  std::size_t errors = 0, warnings = 0, pages = 0, bytes = 0;
  std::vector<Diagnostic> diagnostics;  // sorted
  std::string note;  // with BatchOptions::previous: what was taken from the store (FillOptions::note)
};

struct BatchOptions {
  unsigned jobs = 1;     // worker threads (at least 1)
  bool partial = false;  // pre-filled bilans (FillOptions::partial)
  bool fillable = false;  // with partial: fillable (FillOptions::fillable)
  // With partial: the store's answers of an action, for the same-as questions
  // (FillOptions::previous). Called from the worker threads: it must be safe
  // to call from several at once.
  std::function<std::optional<store::StoredAnswers>(const std::string& action)> previous;
  // Writes one PDF (file name from BatchResult::file); throws to fail it.
  // Called from the worker threads, for distinct files.
  std::function<void(const std::string& file, const std::string& pdf)> write;
  // Called on the worker thread just before an item's PDF is made; what it
  // throws fails that item as a PDF writer's exception would (tests inject
  // the writer failures no real answer file provokes).
  std::function<void(const BatchItem& item)> before_pdf;
  // Called once per finished item, one call at a time, in finishing order.
  std::function<void(const BatchResult& result, std::size_t done, std::size_t total)> progress;
  // Set (from a signal handler, say) to stop: items not started are left
  // with status None; items under way finish.
  const std::atomic<bool>* stop = nullptr;
};

// A file name for each action id: the id itself when it is a safe name
// (letters, digits, « . », « - », « _ », not starting with « . ») that no
// other id of `ids` shares case-insensitively, otherwise its safe form
// followed by the start of its SHA-256, so that two actions never share a file.
std::vector<std::string> batch_file_names(const std::vector<std::string>& ids);

// Renders every item; results in the order of `items`. An action given
// twice (ids compared as given: normalise them first,
// load::normalize_action_id) is rendered once: the later items fail
// (« duplicate-action », located at their action_loc, naming the first's).
std::vector<BatchResult> run_batch(const Catalog& catalog, const std::vector<BatchItem>& items, const BatchOptions& options);

// The summary table (DIR/bilan-batch.csv): one line per action, in order,
// « ; »-separated, UTF-8 with a BOM, with a header row; cells written by
// load::csv_cell() (an action id that starts like a formula is not one).
std::string batch_summary_csv(const std::vector<BatchResult>& results);

}  // namespace bilan::engine

// engine/csv_import — a CSV file (load/csv_reader) as answer files, one per
// row: columns `action` (the key), `department`, `form`, and one column per
// answer, headed by its field id (`table.row.column` for a table cell,
// `table.row.label` for the label of an « autre » row, `choice.value` for an
// « Autres » text) or by the question's own label, matched accent- and
// case-insensitively; `action.NAME` for a fact about the action. Empty cells
// are no answer. Diagnostics about a cell are
// located at `file.csv:ROW:COL` and name the column's header.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/answer_set.hpp"
#include "engine/renderer.hpp"
#include "load/csv_reader.hpp"
#include "store/store.hpp"

namespace bilan::engine {

// One row's answers, made by data::AnswerSetBuilder: texts as the cells give
// them, each located at its cell (file.csv:ROW:COL); load::write_answers()
// (AnswerLayout::OnePerLine) makes them the answer file the store keeps.
struct CsvAnswers {
  std::string action;
  std::string source;  // « file.csv#ROW »: names the answers (AnswerSet::path)
  data::AnswerSet answers;
  // Columns `action.NAME`: the Caf's facts about the action (rural,
  // collectifs_notifies…), kept in the store beside the answers.
  std::map<std::string, std::string> facts;
  // What making them found (two columns for one answer), not yet relocated:
  // reported, and the row refused, when it is checked or rendered.
  DiagnosticSink found;
  // Adds to a diagnostic about a cell the column's header.
  std::function<Diagnostic(Diagnostic)> relocate;
};

// Every row of the file as answers; nullopt (everything in `sink`) when the
// file or a header cannot be read. A row without action or form, or whose
// action an earlier row has, is reported in `sink` and left out. Values are
// not checked here.
std::optional<std::vector<CsvAnswers>> csv_to_answers(const Catalog& catalog, const std::string& path, std::string_view bytes,
                                                     DiagnosticSink& sink, const load::CsvLimits& limits = {});

// The store records of a CSV file, each row checked as `store import` checks
// an answer file (prepare_import, with the row's facts), handed to `put` as
// soon as it is (none is held: `store import` writes it at once, inside the
// file's savepoint); `put` returns false to refuse one. true when every row
// was kept; otherwise every bad cell is in `sink` and the caller forgets what
// `put` was given (no row of a bad file is stored). The file is read twice, a
// row at a time (load::read_csv), never held as a table.
bool import_csv(Renderer& renderer, const std::string& path, std::string_view bytes, DiagnosticSink& sink,
                const std::function<bool(store::StoredAnswers&&)>& put);

// The same, as a list: all of them, or nullopt with every bad cell in `sink`.
std::optional<std::vector<store::StoredAnswers>> prepare_csv_import(Renderer& renderer, const std::string& path,
                                                                    std::string_view bytes, DiagnosticSink& sink);

}  // namespace bilan::engine

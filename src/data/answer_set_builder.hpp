// data/answer_set_builder — an AnswerSet made from something other than an
// answer file (a CSV row, the fields of a filled PDF), each answer with the
// location it came from (a cell's row:col, a PDF field): the imports hand it
// to bind() and the store as it is, and load::write_answers() writes it when
// an answer file is wanted. Texts are kept as given; duplicates are refused
// with the answer file's own message.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "core/diagnostic.hpp"
#include "data/answer_set.hpp"

namespace bilan::data {

class AnswerSetBuilder {
 public:
  // `path` names the answers (AnswerSet::path); `loc` is the set's own place
  // (what <bilan> is in a file). Duplicates are reported in `sink`.
  AnswerSetBuilder(std::string path, SourceLoc loc, DiagnosticSink& sink);

  void form(std::string id, SourceLoc loc);
  void department(std::string code, SourceLoc loc);
  void action(std::string id, SourceLoc loc);

  // false (reported) when `field` was already answered.
  bool answer(std::string field, std::string text, SourceLoc loc);
  // Table `table` and its row `row`, made at `loc` when they are not yet
  // (a later call changes nothing): for a caller whose table and rows have
  // places of their own.
  void table(const std::string& table, const SourceLoc& loc);
  void row(const std::string& table, const std::string& row, const SourceLoc& loc);
  // A cell of row `row` of table `table`; the table and the row are made at
  // their first cell or label, at that location. false when given already.
  bool cell(const std::string& table, const std::string& row, std::string column, std::string text, SourceLoc loc);
  // The label of an « autre » row (RowAnswer::label).
  void row_label(const std::string& table, const std::string& row, std::string label, SourceLoc loc);
  // One part of the signature: "name", "role", "place", "date", "stamp" or
  // "signature"; false when given already or not a part.
  bool signature(std::string_view part, std::string value, SourceLoc loc);
  // A fact about the action (FactAnswer: its expression name); false when given already.
  bool fact(std::string name, std::string text, SourceLoc loc);

  // The set, in the order things were first given (AnswerSet::order). The
  // builder is empty afterwards.
  AnswerSet take();

 private:
  TableAnswer& table_of(const std::string& table, const SourceLoc& loc);
  RowAnswer& row_of(const std::string& table, const std::string& row, const SourceLoc& loc);
  bool first_time(const std::string& key, const SourceLoc& loc, const std::string& what, const std::string& field = {});

  AnswerSet set_;
  DiagnosticSink& sink_;
  std::map<std::string, SourceLoc> seen_;  // as the loader keys them: "answer:ID", "cell:T.R.C"…
  std::map<std::string, std::size_t> table_index_;
};

}  // namespace bilan::data

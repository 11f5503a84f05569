// data/bind/binder — the binder the kinds share: answers read and typed,
// expressions evaluated, text variables replaced, the tree walked. What is
// particular to a kind is in data/bind/<kind>.cpp; bind() is the entry
// (data/bind.hpp). Sections, paragraphs, lists, footnotes, page breaks and
// text areas need nothing of their own: their text is interpolated by build().
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "data/bind.hpp"
#include "data/eval.hpp"
#include "spec/walk.hpp"

namespace bilan::data::detail {

using spec::FieldType;
using spec::Node;
using spec::NodeKind;

// A received text quoted in a message, cut at 60 characters.
std::string quote(std::string_view s);
// Parses `text` as the value of a field of `type` (data/bind/field.cpp).
std::optional<Value> parse_typed(FieldType type, const std::string& text, std::string& error);
// A yes/no answer (data/bind/yesno.cpp).
std::optional<Value> parse_yesno(const std::string& text, std::string& error);
EvalValue to_eval(const Value& v);
// A number as a decimal to the hundredth, without trailing zeros (7 → 7, 4.50 → 4.5).
Value decimal_value(double x);
// A computed number as a value of the field's type.
Value from_number(FieldType type, double x);

class Binder {
 public:
  Binder(const spec::FormSpec& form, const AnswerSet* answers, const BindOptions& options, DiagnosticSink& sink)
      : form_(form), answers_(answers), options_(options), sink_(sink) {}

  BoundForm run();

 private:
  // --- answers → typed values --------------------------------------------
  void check_header();

  // The department's registry entry; problems located at `loc` (the answers'
  // department attribute), or without location for a blank form's option.
  void resolve_department(const std::string& code, const SourceLoc& loc);

  // Facts about the action (spec/action.hpp): the options' (a store's), then
  // the answer file's, which win. Typed here; a bad value is an error where given.
  void read_facts();

  // An unknown name (field, table, row, column) with « vouliez-vous dire » for
  // the first kDetailed of a file; the others are counted in one line: a file
  // of 100 000 unknown answers must not cost 100 000 edit distances to every id.
  static constexpr std::size_t kDetailed = 50;
  void unknown(const SourceLoc& loc, DiagCode code, const std::string& message, const std::string& word,
               const std::function<std::vector<std::string>()>& candidates, const std::string& field);
  void summarize_unknown();

  std::vector<std::string> answerable_ids() const;

  void read_answers();

  // Fields of a department's own parts exist only on that department's forms.
  bool available(const std::string& id) const;

  void report_other_department(const SourceLoc& loc, const std::string& id);

  void read_other_text(const Answer& a, const std::string& base, const std::string& option);

  // Why an answer does not read: the message; whether it names the value at
  // fault itself (else the caller adds « reçu « text » »); its suggestion.
  struct ReadError {
    std::string message;
    bool names_value = false;
    std::string hint;
  };
  std::optional<Value> parse_choice(const Node& node, const std::string& text, ReadError& error);

  void read_tables();

  void read_signature(BoundSignature& sig);

  static bool has_signature(const std::vector<Node>& nodes);

  // --- expressions ----------------------------------------------------------
  EvalValue eval(const spec::Condition& c, std::string& error) const;

  EvalValue lookup(std::string_view name) const;

  // The school year runs from 1 September to 31 August.
  std::optional<CivilDate> school_year_date(std::string_view name) const;

  // TABLE.COLUMN: the numbers answered in that column (Missing when none).
  std::optional<EvalValue> table_column(std::string_view name) const;

  void collect_computed(const std::vector<Node>& nodes, std::vector<const Node*>& out);

  void compute();

  // --- tree -----------------------------------------------------------------
  std::optional<std::string> department_text(std::string_view name) const;

  std::string interpolate(const std::string& text) const;

  spec::RichText interpolate(const spec::RichText& runs) const;

  // Answers given for fields inside a part that does not apply.
  void warn_inactive(const std::vector<Node>& nodes, const Node& group);

  std::vector<BoundNode> build(const std::vector<Node>& nodes, bool active);
  // What some kinds add to the tree walk (data/bind/<kind>.cpp).
  bool group(const Node& n, BoundNode& b, bool active);
  void check_other_options(const Node& n, const BoundNode& b);
  std::vector<BoundNode> department_blocks(bool active);

  bool other_answered(const Node& n) const;

  // Where a rule is reported: the first answer the expression reads (then its
  // condition's, when the expression reads only missing answers).
  SourceLoc first_answer_loc(const spec::Condition& c, const spec::Condition* also = nullptr) const;

  std::string value_text(const std::string& id) const;

  void run_check(const Node& n);

  void run_check_once(const Node& n, const std::optional<SourceLoc>& at);

  // Whether the rule reads a value nobody gave (sums count a missing term as
  // 0, which would make a partial bilan's totals « wrong »).
  bool needs_missing(const spec::Condition& c) const;

  void expect_answer(const Node& n, const BoundNode& b);

  std::vector<BoundRow> table_rows(const Node& n);

  const spec::FormSpec& form_;
  const AnswerSet* answers_;
  const BindOptions& options_;
  const spec::Department* department_ = nullptr;
  std::set<std::string> invalid_;  // answered, but not with a valid value
  std::map<std::string, SourceLoc> empty_at_;  // <answer> elements left empty
  DiagnosticSink& sink_;
  std::map<std::string, Value> values_;
  std::map<std::string, std::string> other_texts_;
  std::map<std::string, std::vector<BoundRow>> tables_;
  std::map<std::string, SourceLoc> answered_at_;  // <answer> elements
  std::map<std::string, SourceLoc> value_at_;     // their text
  std::set<std::string> computed_ids_;
  std::map<std::string, Value> facts_;  // action.NAME, by NAME
  std::map<const spec::Row*, SourceLoc> row_at_;  // <row> elements
  std::set<const spec::Row*> invalid_rows_;        // rows with a cell that is not valid
  const BoundRow* row_scope_ = nullptr;  // the row a per-row rule is checking
  std::string row_scope_table_;
  std::size_t unknown_ = 0;       // unknown names met so far
  SourceLoc first_undetailed_;    // where the first one past kDetailed is
};

}  // namespace bilan::data::detail

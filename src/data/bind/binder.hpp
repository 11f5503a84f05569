// data/bind/binder — the binder the kinds share: answers read and typed,
// expressions evaluated, text variables replaced, the tree walked. build()
// dispatches each node once on its kind (spec::visit) to bind_<kind>(), in
// data/bind/<kind>.cpp, which returns the kind's bound node: a kind added to
// spec::Node is a compile error there and nowhere else in the binder. bind()
// is the entry (data/bind.hpp).
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
  std::optional<Value> parse_choice(const spec::Choice& choice, const std::string& text, ReadError& error);
  // GRID.ROW: one step of the grid's scale (data/bind/grid.cpp).
  void read_grid_answer(const Answer& a, const spec::Grid& grid, const std::string& row);

  void read_tables();

  void read_signature(SignatureAnswers& sig);

  static bool has_signature(const std::vector<Node>& nodes);

  // --- expressions ----------------------------------------------------------
  EvalValue eval(const spec::Condition& c, std::string& error) const;

  EvalValue lookup(std::string_view name) const;

  // The school year runs from 1 September to 31 August.
  std::optional<CivilDate> school_year_date(std::string_view name) const;

  // TABLE.COLUMN: the numbers answered in that column (Missing when none).
  std::optional<EvalValue> table_column(std::string_view name) const;

  void collect_computed(const std::vector<Node>& nodes, std::vector<const spec::Field*>& out);

  void compute();

  // --- tree -----------------------------------------------------------------
  std::optional<std::string> department_text(std::string_view name) const;

  std::string interpolate(const std::string& text) const;

  spec::RichText interpolate(const spec::RichText& runs) const;

  // Answers given for fields inside a part that does not apply.
  void warn_inactive(const std::vector<Node>& nodes, const spec::Group& group);

  // checks_only keeps no node and interpolates only what messages need: a
  // question's label and a table's rows, and these only when the rules a
  // partial bilan leaves silent may speak.
  bool display() const { return !options_.checks_only; }
  bool for_messages() const { return display() || !options_.partial; }

  std::vector<BoundNode> build(const std::vector<Node>& nodes, bool active);
  // One per kind (data/bind/<kind>.cpp): the kind's bound node, its answers
  // checked; `active`: the part it is in applies.
  BoundSection bind_section(const spec::Section& s, bool active);
  BoundParagraph bind_paragraph(const spec::Paragraph& p);
  BoundList bind_list(const spec::List& l);
  BoundField bind_field(const spec::Field& f, bool active);
  BoundTextArea bind_textarea(const spec::TextArea& t, bool active);
  BoundYesNo bind_yesno(const spec::YesNo& y, bool active);
  BoundChoice bind_choice(const spec::Choice& c, bool active);
  BoundTable bind_table(const spec::Table& t, bool active);
  BoundGrid bind_grid(const spec::Grid& g, bool active);
  BoundGroup bind_group(const spec::Group& g, bool active);
  BoundSignature bind_signature(const spec::Signature& s, bool active);
  BoundFootnote bind_footnote(const spec::Footnote& f);
  BoundPageBreak bind_pagebreak(const spec::PageBreak& p);
  BoundDepartmentBlocks bind_department_blocks(const spec::DepartmentBlocks& d, bool active);
  BoundCheck bind_check(const spec::Check& c, bool active);

  // What every question shares (data/bind/question.cpp): its label, hint and
  // answer; a required answer missing; an answer expected by expected_when.
  void bind_question(const spec::Question& q, BoundQuestion& b);
  void require_answer(const spec::Question& q, const BoundQuestion& b, bool active);
  // `answered_otherwise`: rows bound, or an « Autres » text given.
  void expect_answer(const spec::Question& q, const BoundQuestion& b, bool active, bool answered_otherwise);

  // A group's presence; whether its children are active.
  bool group_applies(const spec::Group& g, BoundGroup& b, bool active);
  void check_other_options(const spec::Choice& c, const BoundChoice& b);
  bool other_answered(const spec::Choice& c) const;

  // Where a rule is reported: the first answer the expression reads (then its
  // condition's, when the expression reads only missing answers).
  SourceLoc first_answer_loc(const spec::Condition& c, const spec::Condition* also = nullptr) const;

  std::string value_text(const std::string& id) const;

  void run_check(const spec::Check& c);

  void run_check_once(const spec::Check& c, const std::optional<SourceLoc>& at);

  // Whether the rule reads a value nobody gave (sums count a missing term as
  // 0, which would make a partial bilan's totals « wrong »).
  bool needs_missing(const spec::Condition& c) const;

  std::vector<BoundRow> table_rows(const spec::Table& t);

  // A row of an answered table, and the layout's row it answers.
  struct GivenRow {
    const spec::Row* spec = nullptr;
    BoundRow row;
  };

  const spec::FormSpec& form_;
  const AnswerSet* answers_;
  const BindOptions& options_;
  const spec::Department* department_ = nullptr;
  std::set<std::string> invalid_;  // answered, but not with a valid value
  std::map<std::string, SourceLoc> empty_at_;  // <answer> elements left empty
  DiagnosticSink& sink_;
  std::map<std::string, Value> values_;
  std::map<std::string, std::string> other_texts_;
  std::map<std::string, std::vector<GivenRow>> tables_;
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

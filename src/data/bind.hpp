// data/bind — bind(FormSpec, answers) → BoundForm: every answer checked and
// typed against the layout, computed fields filled, conditions decided, text
// variables replaced. The composer reads only BoundForm.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/answer_set.hpp"
#include "data/value.hpp"
#include "spec/department.hpp"
#include "spec/form_spec.hpp"

namespace bilan::data {

enum class Presence : std::uint8_t {
  None,       // not decided (never left so by bind)
  Shown,      // content printed
  SansObjet,  // condition false: « Sans objet » instead of the content
  Omitted,    // condition false, else="omit": nothing printed
};

struct BoundNode;

// --- the bound form: one type per kind of spec/form_spec.hpp ----------------
// Each holds what the composer prints, variables replaced and answers typed:
// nothing here points back into the spec (data/walk.hpp walks it).

// What every question has.
struct BoundQuestion {
  SourceLoc loc;          // of the element in the layout
  std::string id;
  std::string label;      // variables replaced
  std::string hint;
  Value value;
  SourceLoc value_loc;    // where the answer was given
  bool computed = false;  // value computed, not answered
};

struct BoundSection {
  SourceLoc loc;
  std::string title;  // variables replaced
  int level = 0;
  bool caps = false;
  bool break_before = false;
  std::string bookmark;
  std::vector<BoundNode> children;
};

struct BoundParagraph {
  SourceLoc loc;
  spec::RichText text;  // variables replaced
  spec::ParagraphStyle style = spec::ParagraphStyle::Normal;
};

struct BoundList {
  SourceLoc loc;
  std::vector<spec::RichText> items;  // variables replaced
};

struct BoundField : BoundQuestion {
  spec::FieldType type = spec::FieldType::Text;
  // The layout's computed= expression, for a fillable bilan's calculate
  // action; the value itself is in `value` (`computed` true).
  std::optional<spec::Expr> formula;
};

struct BoundTextArea : BoundQuestion {
  int lines = 0;
};

struct BoundYesNo : BoundQuestion {};

struct BoundChoice : BoundQuestion {
  bool multiple = false;
  bool inline_options = false;
  std::vector<spec::Option> options;
  std::map<std::string, std::string> other_texts;    // option value → free text
  std::map<std::string, SourceLoc> other_text_locs;  // ... and where it was written
};

struct BoundRow {
  std::string id;
  std::string layout_label;    // the layout's label
  bool other = false;          // label written by the person who answers
  std::string label;           // layout_label, or the one written for other="true"
  SourceLoc label_loc;         // where that label was written; unknown for the layout's
  std::vector<Value> cells;    // one per column
  std::vector<SourceLoc> cell_locs;  // where each answered cell's text is
};

struct BoundTable : BoundQuestion {
  std::string stub;
  std::vector<spec::Column> columns;
  std::vector<BoundRow> rows;
};

struct BoundGridRow {
  std::string id;
  std::string label;  // variables replaced
  bool required = false;
  Value value;        // a Choice of one scale value; missing when unanswered
  SourceLoc value_loc;
};

// A grid's answers are its rows' (BoundQuestion::value stays missing).
struct BoundGrid : BoundQuestion {
  std::vector<spec::Option> scale;
  std::vector<BoundGridRow> rows;
};

struct BoundGroup {
  SourceLoc loc;
  std::string label;
  Presence presence = Presence::Shown;
  std::vector<BoundNode> children;
};

struct BoundSignature {  // the attestation's block; its answers are BoundForm::signature
  SourceLoc loc;
  spec::SignatureText text;
  std::vector<BoundNode> children;
};

struct BoundFootnote {
  SourceLoc loc;
  std::string mark;
  spec::RichText text;  // variables replaced
};

struct BoundPageBreak {
  SourceLoc loc;
};

struct BoundDepartmentBlocks {  // the department's own parts, bound
  SourceLoc loc;
  std::vector<BoundNode> children;
};

struct BoundCheck {  // checked by bind(); nothing to print
  SourceLoc loc;
};

using BoundVariant = std::variant<BoundSection, BoundParagraph, BoundList, BoundField, BoundTextArea, BoundYesNo,
                                  BoundChoice, BoundTable, BoundGrid, BoundGroup, BoundSignature, BoundFootnote,
                                  BoundPageBreak, BoundDepartmentBlocks, BoundCheck>;

struct BoundNode : BoundVariant {
  using BoundVariant::BoundVariant;
  const BoundVariant& kind() const { return *this; }
};

const BoundQuestion* as_question(const BoundNode& n);
const SourceLoc& loc_of(const BoundNode& n);
const std::vector<BoundNode>& children_of(const BoundNode& n);

// The answers to the attestation: who signs, where, when, stamp and signature.
struct SignatureAnswers {
  std::string name, role, place;
  SourceLoc name_loc, role_loc, place_loc;  // of the attributes' values
  std::optional<CivilDate> date;
  std::optional<ImageData> stamp;
  std::optional<ImageData> signature;
};

// What the title block says of the department (its registry entry), when known.
struct DepartmentHeading {
  std::string code;
  std::string caf;  // « Caf de la Savoie », or the organisme that serves it
  std::optional<CivilDate> return_date;
  std::string contact;
};

// The form as printed, copied from the spec and the registry: nothing in it
// points back into them.
struct BoundForm {
  std::string form_id;  // spec::FormSpec's
  int form_version = 1;
  std::string school_year;
  std::string source_digest;
  std::vector<std::string> calculation_order;  // of computed fields (a fillable bilan's /CO)
  std::optional<DepartmentHeading> department_heading;
  bool blank = true;            // no answers: a form to print and fill by hand
  std::string title, subtitle;  // variables replaced
  std::string department;
  std::string action;
  SourceLoc action_loc;         // of the answer file's action attribute
  std::string answers_sha256;   // empty on blank forms
  std::string fingerprint;      // of the render (engine/Renderer), when known: the footer's short hash
  std::vector<BoundNode> body;
  SignatureAnswers signature;
  // From the answers: the location of a piece of text at or after a location.
  std::function<SourceLoc(const SourceLoc& from, std::string_view needle)> locate;
};

struct BindOptions {
  std::string department;  // code chosen for a blank form (answers name their own)
  const spec::DepartmentRegistry* registry = nullptr;
  // A partial (pre-filled) bilan: unanswered questions stay blank areas,
  // required answers are not demanded, rules that need a missing answer and
  // « expected » answers stay silent. Given answers are still checked.
  bool partial = false;
  // Dates in layout text ({return_date}) as people read them; bind itself knows
  // no locale. Defaults to ISO (2025-07-15).
  std::function<std::string(const CivilDate&)> format_date;
  // Answers quoted in check messages; defaults to Value::canonical().
  std::function<std::string(const Value&)> format_value;
  // Facts about the action the form does not ask (spec/action.hpp), by name
  // (« rural » → « oui », « collectifs_notifies » → « 2 »), e.g. from a store.
  // The answer file's <action …/> wins over them; a fact given nowhere is unknown.
  std::map<std::string, std::string> action_facts;
  // Only the diagnostics are wanted (`store import`): no text is interpolated
  // for display nor any node kept, BoundForm::body stays empty. The same
  // diagnostics as without it.
  bool checks_only = false;
};

// A fact about the action (spec/action.hpp) by its name in expressions
// (« collectifs_notifies »), typed; nullopt with the French message in `error`
// (« fait « x » inconnu sur l’action », « collectifs-notifies (…) : nombre
// négatif…, reçu « -5 » ») otherwise. The one check of facts: bind() uses it
// for <action> and BindOptions::action_facts, `store import` for a CSV's
// action.NAME columns. An empty text is no fact: nullopt, `error` empty.
std::optional<Value> parse_action_fact(std::string_view name, std::string_view text, std::string& error);

// `answers` null: a blank form. Problems go to `sink`; the result is always
// usable for rendering, but callers must not render when sink has errors.
BoundForm bind(const spec::FormSpec& form, const AnswerSet* answers, const BindOptions& options, DiagnosticSink& sink);

}  // namespace bilan::data

// spec/form_spec — FormSpec, what a layout file says: the questions of one
// form variant, in order, one type per kind of element held in spec::Node (a
// std::variant). Built by load::load_layout(), read by data::bind() and
// compose::compose(). No XML, no PDF here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/source_loc.hpp"
#include "spec/expr.hpp"

namespace bilan::spec {

// A run of static text; `text` may contain {variables} resolved at bind time.
struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool line_break = false;  // <br/>: a forced line break, `text` is empty
};
using RichText = std::vector<Run>;

enum class FieldType : std::uint8_t {
  None,  // not a typed field
  Text,
  Integer,
  Decimal,
  Amount,
  Date,
  Email,
  Phone,
  Siret,     // 14 digits, Luhn key
  Siren,     // 9 digits, Luhn key
  Postcode,  // code postal: 5 digits
  Insee,     // code Insee of a commune: 5 characters
};

enum class ParagraphStyle : std::uint8_t {
  None,  // unset; the loader always picks one of the others
  Normal,
  Note,
  Hint,
  Instruction,
  Title,
  Subtitle,
};

struct Option {
  std::string value;
  std::string label;
  bool other = false;  // carries a free text, answered as field CHOICE.VALUE
  SourceLoc loc;
};

struct Column {
  std::string id;
  std::string label;
  FieldType type = FieldType::Text;
  SourceLoc loc;
};

struct Row {
  std::string id;
  std::string label;
  bool other = false;  // label written by the person who answers
  SourceLoc loc;
};

// same-as="FORM:ID": the question (or grid row) is ID of form FORM, asked on
// the same scale; `fill --partial --db` takes that form's stored answer to it
// (docs/layout.md). Checked when the layout loads (load/layout/same_as.hpp).
struct SameAs {
  std::string form;  // a form id of the layout folders
  std::string id;    // a question there (GRID.ROW for a grid's row)
  SourceLoc loc;     // of the attribute's value
};

// A statement of a grid: answered with one step of the grid's scale.
struct GridRow {
  std::string id;
  std::string label;
  bool required = false;  // the grid's required="true" makes every row required
  SourceLoc loc;
  std::optional<SameAs> same_as;
};

// Wording of the attestation; defaults are the 2024/25 model's.
struct SignatureText {
  std::string name_label = "Je, soussigné(e) (nom, prénom)";
  std::string role_label = "agissant en qualité de (1)";
  std::string statement = "certifie l’exactitude des informations portées sur le présent document.";
  std::string place_label = "Fait à";
  std::string date_label = "le";
  std::string stamp_label = "CACHET";
  std::string signature_label = "SIGNATURE";
};

struct Condition {
  Expr expr;
  std::string source;  // as written, for messages
  SourceLoc loc;       // where the expression starts
};


struct Node;

// --- one type per kind (the XML element's name in brackets) -----------------
// Kinds that take an answer derive from Question; the others hold only what
// they print. A kind added here is a compile error at every visitor of
// spec/walk.hpp and data/walk.hpp that must handle it.

// What every question has: <field>, <textarea>, <yesno>, <choice>, <table>, <grid>.
struct Question {
  SourceLoc loc;
  std::string id;
  std::string label;
  std::string hint;  // italic help under the label
  bool required = false;
  std::optional<Condition> expected_when;  // an answer is expected when true
  std::optional<SameAs> same_as;           // never on a <table> nor a <grid> (on its rows)
};

struct Section {  // <section>
  static constexpr const char* kElement = "section";  // its name in the XML
  SourceLoc loc;
  std::string title;
  int level = 0;              // depth, 1 = top
  bool caps = false;          // title upper-cased
  bool break_before = false;  // break="page"
  std::string bookmark;
  std::vector<Node> children;
};

struct Paragraph {  // <p>
  static constexpr const char* kElement = "p";  // its name in the XML
  SourceLoc loc;
  RichText text;
  ParagraphStyle style = ParagraphStyle::Normal;
};

struct List {  // <list>
  static constexpr const char* kElement = "list";  // its name in the XML
  SourceLoc loc;
  std::vector<RichText> items;
};

struct Field : Question {  // <field>
  static constexpr const char* kElement = "field";  // its name in the XML
  FieldType type = FieldType::Text;
  std::optional<Condition> computed;
};

struct TextArea : Question {  // <textarea>
  static constexpr const char* kElement = "textarea";  // its name in the XML
  int lines = 0;
};

struct YesNo : Question {  // <yesno>
  static constexpr const char* kElement = "yesno";
};

struct Choice : Question {  // <choice>
  static constexpr const char* kElement = "choice";  // its name in the XML
  bool multiple = false;
  bool inline_options = false;  // layout="inline"
  std::vector<Option> options;
};

struct Table : Question {  // <table>
  static constexpr const char* kElement = "table";  // its name in the XML
  std::string stub;  // header of the row-label column
  std::vector<Column> columns;
  std::vector<Row> rows;
};

// Rows of statements × one scale, one answer per row (the national
// questionnaire's matrices). Row ROW is answered as field GRID.ROW with the
// value of one <scale> step.
struct Grid : Question {  // <grid>
  static constexpr const char* kElement = "grid";  // its name in the XML
  std::vector<Option> scale;  // the steps, in order (value, label; never `other`)
  std::vector<GridRow> rows;
  // The row with this id, or nullptr.
  const GridRow* find_row(std::string_view row_id) const {
    for (const GridRow& r : rows)
      if (r.id == row_id) return &r;
    return nullptr;
  }
  // A scale of exactly « oui » and « non »: its rows read as yes/no answers
  // in expressions (`GRID.ROW = oui`), as a <yesno> does.
  bool yes_no() const {
    return scale.size() == 2 && ((scale[0].value == "oui" && scale[1].value == "non") ||
                                 (scale[0].value == "non" && scale[1].value == "oui"));
  }
  // The scale step with this value, or nullptr.
  const Option* find_step(std::string_view value) const {
    for (const Option& o : scale)
      if (o.value == value) return &o;
    return nullptr;
  }
};

struct Group {  // <group>, or an <include> with when=
  static constexpr const char* kElement = "group";  // its name in the XML
  SourceLoc loc;
  std::string label;
  std::optional<Condition> when;  // applies only when true
  bool else_omit = false;         // else="omit"
  std::vector<Node> children;
};

struct Signature {  // <signature>
  static constexpr const char* kElement = "signature";  // its name in the XML
  SourceLoc loc;
  SignatureText text;
  std::vector<Node> children;  // its footnotes
};

struct Footnote {  // <footnote>
  static constexpr const char* kElement = "footnote";  // its name in the XML
  SourceLoc loc;
  std::string mark;
  RichText text;
};

struct PageBreak {  // <pagebreak>
  static constexpr const char* kElement = "pagebreak";  // its name in the XML
  SourceLoc loc;
};

struct DepartmentBlocks {  // <department-blocks>: where a department's own parts go
  static constexpr const char* kElement = "department-blocks";  // its name in the XML
  SourceLoc loc;
  int level = 0;  // the section depth its parts start at
};

struct Check {  // <check>: a consistency rule on the answers; never printed
  static constexpr const char* kElement = "check";  // its name in the XML
  SourceLoc loc;
  std::string id;
  std::optional<Condition> when;  // applies only when true
  Condition test;                 // must hold
  std::string message;            // French, {field} replaced by answers
  std::string rule;               // the rule quoted from the framework texts
  bool error = false;             // severity="error" stops a fill
  std::string each_row;           // a table id; the rule holds for each answered row
};

using NodeVariant = std::variant<Section, Paragraph, List, Field, TextArea, YesNo, Choice, Table, Grid, Group,
                                 Signature, Footnote, PageBreak, DepartmentBlocks, Check>;

// A node of the form's tree: exactly one of the kinds. std::visit and
// std::get work on it directly; spec/walk.hpp has the traversals.
struct Node : NodeVariant {
  using NodeVariant::NodeVariant;
  const NodeVariant& kind() const { return *this; }
};

// T is a kind that takes an answer.
template <class T>
inline constexpr bool is_question_v = std::is_base_of_v<Question, T>;

// The question a node is, or nullptr (a section, a paragraph…).
const Question* as_question(const Node& n);
Question* as_question(Node& n);
// The node's place in its layout file.
const SourceLoc& loc_of(const Node& n);
// The nodes inside a section, group or signature; empty for the others.
const std::vector<Node>& children_of(const Node& n);
// The element's name in the XML: "field", "textarea", "p"… (K::kElement).
const char* kind_name(const Node& n);
const char* type_name(FieldType type);  // "integer", … as in the XML
const char* type_words(FieldType type);  // « entier », « code postal »… as people read them (list, messages)

class FormSpec {
 public:
  FormSpec() = default;
  FormSpec(const FormSpec&) = delete;  // the index points into `body`
  FormSpec& operator=(const FormSpec&) = delete;
  FormSpec(FormSpec&&) = default;
  FormSpec& operator=(FormSpec&&) = default;

  std::string id;
  std::string title;
  std::string subtitle;
  std::string school_year;       // "2024-2025"
  std::string next_school_year;  // "2025-2026"
  int version = 1;
  // national="true": every department uses the form (the national questionnaire);
  // departments.xml need not list it.
  bool national = false;
  SourceLoc loc;
  std::string source_digest;     // SHA-256 of the layout files, in include order
  std::vector<Node> body;
  // Parts departments add at <department-blocks/>, by department code.
  std::map<std::string, std::vector<Node>> department_blocks;

  // The form's own text variables: {school_year}, {next_school_year}; nullopt
  // for others (department values are bind()'s).
  std::optional<std::string> variable(std::string_view name) const;

  // Builds the id index; call once `body` is final.
  void reindex();
  // The answerable node with this id (field, textarea, yesno, choice, table, grid),
  // department blocks included.
  const Node* find(const std::string& key) const;
  // The question with this id when it is of kind K (Field, Table…); nullptr otherwise.
  template <class K>
  const K* find_as(const std::string& key) const {
    const Node* n = find(key);
    return n ? std::get_if<K>(&n->kind()) : nullptr;
  }
  // The question with this id, whatever its kind; nullptr when none.
  const Question* find_question(const std::string& key) const {
    const Node* n = find(key);
    return n ? as_question(*n) : nullptr;
  }
  const std::map<std::string, const Node*>& answerable() const { return index_; }
  // The departments whose own parts hold this answerable id; empty when the id
  // is in the form's body (every department) or unknown.
  const std::vector<std::string>& departments_of(const std::string& key) const;
  // The computed fields' ids, each after the computed fields it reads: the
  // order a PDF reader recomputes them in (/CO of a fillable bilan).
  const std::vector<std::string>& calculation_order() const { return calculation_order_; }

 private:
  std::map<std::string, const Node*> index_;
  std::map<std::string, std::vector<std::string>> department_owners_;
  std::vector<std::string> calculation_order_;
};

}  // namespace bilan::spec

// spec/form_spec — FormSpec, what a layout file says: the questions of one
// form variant, in order, as plain structs. Built by load::load_layout(),
// read by data::bind() and compose::compose(). No XML, no PDF here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
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

enum class NodeKind : std::uint8_t {
  None,  // invalid
  Section,
  Paragraph,
  List,
  Field,
  TextArea,
  YesNo,
  Choice,
  Table,
  Group,
  Signature,
  Footnote,
  PageBreak,
  DepartmentBlocks,  // where a department's own parts go
  Check,             // a consistency rule on the answers; never printed
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

struct Node {
  NodeKind kind = NodeKind::None;
  SourceLoc loc;
  std::string id;
  std::string label;     // section title, question label, group label
  std::string hint;      // italic help under a label
  RichText text;         // paragraph, footnote
  std::vector<RichText> items;  // list items
  ParagraphStyle style = ParagraphStyle::Normal;
  FieldType type = FieldType::None;
  bool required = false;
  bool multiple = false;        // choice
  bool inline_options = false;  // choice layout="inline"
  bool caps = false;            // section title upper-cased
  bool break_before = false;    // section break="page"
  bool else_omit = false;       // group else="omit"
  int lines = 0;                // textarea
  int level = 0;                // section depth, 1 = top
  std::string bookmark;         // section
  std::string mark;             // footnote
  std::string stub;             // table: header of the row-label column
  std::optional<Condition> computed;
  std::optional<Condition> when;           // group, check: applies only when true
  std::optional<Condition> expected_when;  // question: an answer is expected when true
  std::optional<Condition> test;           // check: must hold
  std::string message;                     // check: French, {field} replaced by answers
  std::string rule;                        // check: the rule quoted from the framework texts
  bool error = false;                      // check: severity="error" stops a fill
  std::string each_row;                    // check: a table id; the rule holds for each answered row
  std::vector<Option> options;
  std::vector<Column> columns;
  std::vector<Row> rows;
  SignatureText signature;
  std::vector<Node> children;   // section, group, signature (footnotes)
};

// True for nodes that take an answer (field, textarea, yesno, choice, table).
bool is_answerable(NodeKind kind);
const char* kind_name(NodeKind kind);     // "field", "textarea", … as in the XML
const char* type_name(FieldType type);    // "integer", … as in the XML

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
  // The answerable node with this id (field, textarea, yesno, choice, table),
  // department blocks included.
  const Node* find(const std::string& key) const;
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

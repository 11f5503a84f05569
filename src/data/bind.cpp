#include "data/bind.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

#include "core/suggest.hpp"
#include "data/eval.hpp"
#include "spec/action.hpp"
#include "spec/variables.hpp"

namespace bilan::data {
namespace {

using spec::FieldType;
using spec::Node;
using spec::NodeKind;

std::string quote(std::string_view s) {
  constexpr std::size_t kMax = 60;
  // Cut on a character boundary: half an « é » would make the message invalid UTF-8.
  std::size_t cut = std::min(kMax, s.size());
  while (cut < s.size() && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::string t(s.substr(0, cut));
  for (char& c : t)
    if (c == '\n') c = ' ';
  return "« " + t + (s.size() > kMax ? "…" : "") + " »";
}

// Parses `text` as the value of a field of `type`.
std::optional<Value> parse_typed(FieldType type, const std::string& text, std::string& error) {
  Value v;
  switch (type) {
    case FieldType::Text:
    case FieldType::None:
      v.kind = ValueKind::Text;
      v.text = text;
      return v;
    case FieldType::Integer:
      if (auto i = try_parse_integer(text, error)) {
        v.kind = ValueKind::Integer;
        v.integer = *i;
        return v;
      }
      return std::nullopt;
    case FieldType::Decimal:
      if (auto d = try_parse_decimal(text, error)) {
        v.kind = ValueKind::Decimal;
        v.decimal = *d;
        return v;
      }
      return std::nullopt;
    case FieldType::Amount:
      if (auto c = try_parse_amount_cents(text, error)) {
        v.kind = ValueKind::Amount;
        v.integer = *c;
        return v;
      }
      return std::nullopt;
    case FieldType::Date:
      if (auto d = try_parse_date(text, error)) {
        v.kind = ValueKind::Date;
        v.date = *d;
        return v;
      }
      return std::nullopt;
    case FieldType::Email:
      if (auto e = try_parse_email(text, error)) {
        v.kind = ValueKind::Text;
        v.text = *e;
        return v;
      }
      return std::nullopt;
    case FieldType::Phone:
      if (auto p = try_parse_phone(text, error)) {
        v.kind = ValueKind::Text;
        v.text = *p;
        return v;
      }
      return std::nullopt;
  }
  return std::nullopt;
}

EvalValue to_eval(const Value& v) {
  switch (v.kind) {
    case ValueKind::Integer:
    case ValueKind::Decimal:
    case ValueKind::Amount: return EvalValue::of(*v.number());
    case ValueKind::Date: return EvalValue::of(static_cast<double>(days_from_civil(v.date)));
    case ValueKind::Bool: return EvalValue::of_bool(v.boolean);
    case ValueKind::Text: return EvalValue::of_text(v.text);
    case ValueKind::Choice: {
      if (v.choices.size() == 1) return EvalValue::of_text(v.choices[0]);
      EvalValue e;
      e.kind = EvalValue::Kind::Set;
      e.set = v.choices;
      return e;
    }
    case ValueKind::None: break;
  }
  return EvalValue::missing();
}

// A number as a decimal to the hundredth, without trailing zeros (7 → 7, 4.50 → 4.5).
Value decimal_value(double x) {
  Value v;
  v.kind = ValueKind::Decimal;
  v.decimal = {std::llround(x * 100), 2};
  while (v.decimal.scale > 0 && v.decimal.mantissa % 10 == 0) {
    v.decimal.mantissa /= 10;
    --v.decimal.scale;
  }
  return v;
}

// A computed number as a value of the field's type.
Value from_number(FieldType type, double x) {
  if (type == FieldType::Decimal) return decimal_value(x);
  Value v;
  if (type == FieldType::Amount) {
    v.kind = ValueKind::Amount;
    v.integer = std::llround(x * 100);
  } else {
    v.kind = ValueKind::Integer;
    v.integer = std::llround(x);
  }
  return v;
}

class Binder {
 public:
  Binder(const spec::FormSpec& form, const AnswerSet* answers, const BindOptions& options, DiagnosticSink& sink)
      : form_(form), answers_(answers), options_(options), sink_(sink) {}

  BoundForm run() {
    BoundForm out;
    out.spec = &form_;
    out.blank = answers_ == nullptr;
    out.department = options_.department;
    if (answers_) out.department = answers_->department;
    resolve_department(out.department, answers_ ? answers_->department_loc : SourceLoc{});
    out.department_info = department_;
    if (answers_) {
      out.locate = answers_->locate;
      out.action = answers_->action;
      out.action_loc = answers_->action_loc;
      out.answers_sha256 = answers_->sha256;
      check_header();
      read_answers();
      read_tables();
      summarize_unknown();
      read_signature(out.signature);
    }
    read_facts();
    compute();
    if (!options_.checks_only) {
      out.title = interpolate(form_.title);
      out.subtitle = interpolate(form_.subtitle);
    }
    out.body = build(form_.body, true);
    return out;
  }

 private:
  // --- answers → typed values --------------------------------------------
  void check_header() {
    if (!answers_->form.empty() && answers_->form != form_.id)
      sink_.error(answers_->form_loc, DiagCode::WrongForm,
                  "ces réponses sont celles du formulaire « " + answers_->form + " », pas de « " + form_.id + " »");
  }

  // The department's registry entry; problems located at `loc` (the answers'
  // department attribute), or without location for a blank form's option.
  void resolve_department(const std::string& code, const SourceLoc& loc) {
    if (code.empty()) return;
    if (!spec::is_department_code(code) || (options_.registry && !options_.registry->find(code))) {
      sink_.error(loc, DiagCode::UnknownDepartment, spec::unknown_department_message(code));
      return;
    }
    if (!options_.registry) return;
    department_ = options_.registry->find(code);
    if (!department_->uses(form_.id)) {
      std::string forms;
      for (const auto& f : department_->forms) forms += (forms.empty() ? "" : ", ") + f;
      sink_.error(loc, DiagCode::FormNotUsed,
                  "le département " + code + " (" + department_->name + ") n’utilise pas le formulaire « " + form_.id +
                      " » ; ses formulaires : " + (forms.empty() ? "aucun" : forms));
    }
  }

  // Facts about the action (spec/action.hpp): the options' (a store's), then
  // the answer file's, which win. Typed here; a bad value is an error where given.
  void read_facts() {
    const auto add = [this](const std::string& name, const std::string& text, const SourceLoc& loc) {
      std::string error;
      auto v = parse_action_fact(name, text, error);
      if (!error.empty()) sink_.error(loc, spec::find_action_fact(name) ? DiagCode::BadValue : DiagCode::UnknownFact, error);
      if (!v) {
        if (text.empty()) facts_.erase(name);
        return;
      }
      facts_[name] = *v;
    };
    for (const auto& [name, text] : options_.action_facts) add(name, text, SourceLoc{});
    if (answers_)
      for (const auto& f : answers_->facts) add(f.name, f.text, f.loc);
  }

  // An unknown name (field, table, row, column) with « vouliez-vous dire » for
  // the first kDetailed of a file; the others are counted in one line: a file
  // of 100 000 unknown answers must not cost 100 000 edit distances to every id.
  static constexpr std::size_t kDetailed = 50;
  void unknown(const SourceLoc& loc, DiagCode code, const std::string& message, const std::string& word,
               const std::function<std::vector<std::string>()>& candidates, const std::string& field) {
    if (++unknown_ <= kDetailed) {
      sink_.error(loc, code, message + did_you_mean(word, candidates()), field);
    } else if (unknown_ == kDetailed + 1) {
      first_undetailed_ = loc;
    }
  }
  void summarize_unknown() {
    if (unknown_ <= kDetailed) return;
    sink_.error(first_undetailed_, DiagCode::UnknownField,
                "et " + limit_text(unknown_ - kDetailed) + " autres noms inconnus (champs, tableaux, lignes ou colonnes)");
  }

  std::vector<std::string> answerable_ids() const {
    std::vector<std::string> ids;
    for (const auto& [id, node] : form_.answerable()) {
      ids.push_back(id);
      if (node->kind == NodeKind::Choice)
        for (const auto& o : node->options)
          if (o.other) ids.push_back(id + "." + o.value);
    }
    return ids;
  }

  void read_answers() {
    for (const auto& a : answers_->answers) {
      // An empty answer is no answer: it is not « given » in a part that does not apply.
      if (!a.text.empty()) {
        answered_at_[a.field] = a.loc;
        value_at_[a.field] = a.value_loc;
      }
      if (const std::size_t dot = a.field.find('.'); dot != std::string::npos) {
        read_other_text(a, a.field.substr(0, dot), a.field.substr(dot + 1));
        continue;
      }
      const Node* node = form_.find(a.field);
      if (!node) {
        unknown(a.loc, DiagCode::UnknownField, "champ inconnu « " + a.field + " »", a.field, [&] { return answerable_ids(); }, a.field);
        continue;
      }
      if (!available(a.field)) {
        report_other_department(a.loc, a.field);
        continue;
      }
      if (node->kind == NodeKind::Table) {
        sink_.error(a.loc, DiagCode::WrongElement, "« " + a.field + " » est un tableau : répondez avec <table field=\"" + a.field + "\">", a.field);
        continue;
      }
      if (a.text.empty()) {  // an empty answer is no answer
        empty_at_[a.field] = a.loc;
        continue;
      }
      std::string error;
      std::optional<Value> v;
      switch (node->kind) {
        case NodeKind::YesNo:
          if (auto b = try_parse_yesno(a.text, error)) {
            v = Value{};
            v->kind = ValueKind::Bool;
            v->boolean = *b;
          }
          break;
        case NodeKind::Choice: v = parse_choice(*node, a.text, error); break;
        case NodeKind::TextArea: v = parse_typed(FieldType::Text, a.text, error); break;
        default: v = parse_typed(node->type, a.text, error); break;
      }
      if (!v) {
        // A choice's message already names the value at fault.
        const std::string received = error.starts_with("valeur « ") ? "" : ", reçu " + quote(a.text);
        sink_.error(a.value_loc, DiagCode::BadValue, "champ « " + a.field + " » : " + error + received, a.field);
        invalid_.insert(a.field);  // already reported: not « sans réponse » as well
        continue;
      }
      values_[a.field] = std::move(*v);
    }
  }

  // Fields of a department's own parts exist only on that department's forms.
  bool available(const std::string& id) const {
    const auto& owners = form_.departments_of(id);
    return owners.empty() || (department_ && std::find(owners.begin(), owners.end(), department_->code) != owners.end());
  }

  void report_other_department(const SourceLoc& loc, const std::string& id) {
    std::string owners;
    for (const auto& code : form_.departments_of(id)) owners += (owners.empty() ? "" : ", ") + code;
    sink_.error(loc, DiagCode::OtherDepartmentField,
                "le champ « " + id + " » n’existe que sur les formulaires du département " + owners +
                    (department_ ? ", pas du " + department_->code : " : indiquez department=\"" + owners + "\" sur <bilan>"),
                id);
  }

  void read_other_text(const Answer& a, const std::string& base, const std::string& option) {
    const Node* node = form_.find(base);
    const spec::Option* opt = nullptr;
    if (node && node->kind == NodeKind::Choice)
      for (const auto& o : node->options)
        if (o.value == option && o.other) opt = &o;
    if (!opt) {
      unknown(a.loc, DiagCode::UnknownField, "champ inconnu « " + a.field + " »", a.field, [&] { return answerable_ids(); }, a.field);
      return;
    }
    if (!a.text.empty()) other_texts_[a.field] = a.text;
  }

  std::optional<Value> parse_choice(const Node& node, const std::string& text, std::string& error) {
    Value v;
    v.kind = ValueKind::Choice;
    std::string token;
    std::vector<std::string> tokens;
    for (const char c : text + " ") {
      if (c == ',' || c == ' ' || c == '\n' || c == ';') {
        if (!token.empty()) tokens.push_back(std::move(token));
        token.clear();
      } else {
        token += c;
      }
    }
    std::vector<std::string> allowed;
    for (const auto& o : node.options) allowed.push_back(o.value);
    for (const auto& t : tokens) {
      if (std::find(allowed.begin(), allowed.end(), t) == allowed.end()) {
        std::string list;
        for (const auto& o : allowed) list += (list.empty() ? "" : ", ") + o;
        error = "valeur « " + t + " » hors des choix possibles (" + list + ")" + did_you_mean(t, allowed);
        return std::nullopt;
      }
      if (std::find(v.choices.begin(), v.choices.end(), t) == v.choices.end()) v.choices.push_back(t);
    }
    if (v.choices.empty()) {
      error = "aucun choix";
      return std::nullopt;
    }
    if (!node.multiple && v.choices.size() > 1) {
      error = "un seul choix possible";
      return std::nullopt;
    }
    return v;
  }

  void read_tables() {
    for (const auto& t : answers_->tables) {
      answered_at_[t.field] = t.loc;
      const Node* node = form_.find(t.field);
      if (!node || node->kind != NodeKind::Table) {
        const auto tables = [&] {
          std::vector<std::string> ids;
          for (const auto& [id, n] : form_.answerable())
            if (n->kind == NodeKind::Table) ids.push_back(id);
          return ids;
        };
        if (node)
          sink_.error(t.loc, DiagCode::UnknownField,
                      "« " + t.field + " » n’est pas un tableau : répondez avec <answer field=\"" + t.field + "\">", t.field);
        else
          unknown(t.loc, DiagCode::UnknownField, "tableau inconnu « " + t.field + " »", t.field, tables, t.field);
        continue;
      }
      auto& rows = tables_[t.field];
      for (const auto& r : t.rows) {
        const spec::Row* row = nullptr;
        std::vector<std::string> row_ids;
        for (const auto& sr : node->rows) {
          row_ids.push_back(sr.id);
          if (sr.id == r.id) row = &sr;
        }
        if (!row) {
          unknown(r.loc, DiagCode::UnknownRow, "ligne inconnue « " + r.id + " » dans le tableau « " + t.field + " »", r.id, [&] { return row_ids; }, t.field);
          continue;
        }
        BoundRow bound;
        bound.spec = row;
        bound.label = row->label;
        if (!r.label.empty()) {
          if (row->other) {
            bound.label = r.label;
            bound.label_loc = r.label_loc;
          } else {
            sink_.warning(r.loc, DiagCode::IgnoredLabel, "la ligne « " + r.id + " » a un libellé fixe : « label » est ignoré", t.field);
          }
        }
        bound.cells.resize(node->columns.size());
        bound.cell_locs.resize(node->columns.size());
        for (const auto& c : r.cells) {
          std::size_t col = node->columns.size();
          std::vector<std::string> col_ids;
          for (std::size_t i = 0; i < node->columns.size(); ++i) {
            col_ids.push_back(node->columns[i].id);
            if (node->columns[i].id == c.column) col = i;
          }
          if (col == node->columns.size()) {
            unknown(c.loc, DiagCode::UnknownColumn, "colonne inconnue « " + c.column + " » dans le tableau « " + t.field + " »", c.column, [&] { return col_ids; }, t.field);
            continue;
          }
          if (c.text.empty()) continue;
          std::string error;
          auto v = parse_typed(node->columns[col].type, c.text, error);
          if (!v) {
            sink_.error(c.value_loc, DiagCode::BadValue, "tableau « " + t.field + " », ligne « " + r.id + " », colonne « " + c.column + " » : " + error + ", reçu " + quote(c.text), t.field);
            invalid_rows_.insert(row);
            continue;
          }
          bound.cells[col] = std::move(*v);
          bound.cell_locs[col] = c.value_loc;
        }
        row_at_[row] = r.loc;
        rows.push_back(std::move(bound));
      }
    }
  }

  void read_signature(BoundSignature& sig) {
    if (!answers_->signature) return;
    const auto& s = *answers_->signature;
    sig.name = s.name.value;
    sig.role = s.role.value;
    sig.place = s.place.value;
    sig.name_loc = s.name.loc;
    sig.role_loc = s.role.loc;
    sig.place_loc = s.place.loc;
    if (!s.date.value.empty()) {
      std::string error;
      if (auto d = try_parse_date(s.date.value, error)) sig.date = *d;
      else sink_.error(s.date.loc, DiagCode::BadValue, "date de signature : " + error + ", reçu " + quote(s.date.value));
    }
    sig.stamp = answers_->stamp_image;
    sig.signature = answers_->signature_image;
    if (!has_signature(form_.body)) sink_.warning(s.loc, DiagCode::NoSignature, "ce formulaire n’a pas de bloc de signature : <signature> est ignoré");
  }

  static bool has_signature(const std::vector<Node>& nodes) {
    for (const auto& n : nodes)
      if (n.kind == NodeKind::Signature || has_signature(n.children)) return true;
    return false;
  }

  // --- expressions ----------------------------------------------------------
  EvalValue eval(const spec::Condition& c, std::string& error) const {
    return evaluate(c.expr, [this](std::string_view name) { return lookup(name); }, &error);
  }

  EvalValue lookup(std::string_view name) const {
    if (name.starts_with("department.")) {
      if (!department_) return EvalValue::missing();  // no department: undecided, the part is shown
      if (name == "department.tne") return EvalValue::of_bool(department_->tne);
      if (auto v = department_text(name)) return EvalValue::of_text(*v);
      return EvalValue::missing();
    }
    if (name.starts_with("action.")) {
      if (auto it = facts_.find(std::string(name.substr(7))); it != facts_.end()) return to_eval(it->second);
      return EvalValue::missing();  // unknown: a rule that needs it stays silent
    }
    if (name == "school_year.start" || name == "school_year.end") {
      if (auto d = school_year_date(name)) return EvalValue::of(static_cast<double>(days_from_civil(*d)));
      return EvalValue::missing();
    }
    if (auto it = values_.find(std::string(name)); it != values_.end()) return to_eval(it->second);
    if (auto column = table_column(name)) return *column;
    if (auto it = other_texts_.find(std::string(name)); it != other_texts_.end()) return EvalValue::of_text(it->second);
    return EvalValue::missing();
  }

  // The school year runs from 1 September to 31 August.
  std::optional<CivilDate> school_year_date(std::string_view name) const {
    const int first = form_.school_year.size() >= 4 ? std::stoi(form_.school_year.substr(0, 4)) : 0;
    if (first == 0) return std::nullopt;
    return name == "school_year.start" ? CivilDate{first, 9, 1} : CivilDate{first + 1, 8, 31};
  }

  // TABLE.COLUMN: the numbers answered in that column (Missing when none).
  std::optional<EvalValue> table_column(std::string_view name) const {
    const std::size_t dot = name.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const Node* table = form_.find(std::string(name.substr(0, dot)));
    if (!table || table->kind != NodeKind::Table) return std::nullopt;
    std::size_t col = table->columns.size();
    for (std::size_t i = 0; i < table->columns.size(); ++i)
      if (table->columns[i].id == name.substr(dot + 1)) col = i;
    if (col == table->columns.size()) return std::nullopt;
    if (row_scope_ && row_scope_table_ == table->id) {  // a per-row rule: this row's cell
      if (auto x = row_scope_->cells[col].number()) return EvalValue::of(*x);
      return EvalValue::missing();
    }
    EvalValue v;
    v.kind = EvalValue::Kind::List;
    if (auto it = tables_.find(table->id); it != tables_.end())
      for (const auto& row : it->second)
        if (auto x = row.cells[col].number()) v.list.push_back(*x);
    if (v.list.empty()) return EvalValue::missing();
    return v;
  }

  void collect_computed(const std::vector<Node>& nodes, std::vector<const Node*>& out) {
    for (const auto& n : nodes) {
      if (n.computed) out.push_back(&n);
      collect_computed(n.children, out);
    }
  }

  void compute() {
    std::vector<const Node*> computed;
    collect_computed(form_.body, computed);
    // Totals may depend on totals: settle in as many passes as there are computed fields.
    std::map<std::string, Value> answered;
    for (const auto* n : computed)
      if (auto it = values_.find(n->id); it != values_.end()) answered[n->id] = it->second;
    for (std::size_t pass = 0; pass <= computed.size(); ++pass) {
      bool changed = false;
      for (const auto* n : computed) {
        std::string error;
        const EvalValue r = eval(*n->computed, error);
        if (!error.empty() && pass == 0)
          sink_.error(n->computed->loc, DiagCode::BadExpression, "calcul de « " + n->id + " » : " + error, n->id);
        if (r.kind != EvalValue::Kind::Number) continue;
        Value v = from_number(n->type, r.number);
        auto it = values_.find(n->id);
        if (it == values_.end() || it->second.canonical() != v.canonical()) {
          values_[n->id] = v;
          changed = true;
        }
      }
      if (!changed) break;
    }
    for (const auto* n : computed) {
      auto it = values_.find(n->id);
      if (it == values_.end()) continue;
      auto given = answered.find(n->id);
      if (given == answered.end()) {
        computed_ids_.insert(n->id);
      } else if (given->second.canonical() != it->second.canonical()) {
        computed_ids_.insert(n->id);
        sink_.warning(answered_at_[n->id], DiagCode::ComputedMismatch,
                      "« " + n->id + " » vaut " + given->second.canonical() + " dans les réponses, mais " +
                          n->computed->source + " donne " + it->second.canonical() + " : la valeur calculée est imprimée",
                      n->id);
      }
    }
  }

  // --- tree -----------------------------------------------------------------
  std::optional<std::string> department_text(std::string_view name) const {
    if (!department_) return std::nullopt;
    if (name == "department.code") return department_->code;
    if (name == "department.name") return department_->name;
    if (name == "department.of") return department_->of();
    if (name == "department.caf") return department_->caf();
    return std::nullopt;
  }

  std::string interpolate(const std::string& text) const {
    // What a department does not say is left blank, to be filled by hand.
    static const std::string kBlank = "……………";
    return spec::interpolate(text, [this](std::string_view name) -> std::optional<std::string> {
      if (auto v = form_.variable(name)) return v;
      if (name == "return_date") {
        if (!department_ || !department_->return_date) return kBlank;
        if (options_.format_date) return options_.format_date(*department_->return_date);
        Value v;
        v.kind = ValueKind::Date;
        v.date = *department_->return_date;
        return v.canonical();
      }
      if (name.starts_with("department.")) {
        if (auto v = department_text(name)) return v;
        return kBlank;
      }
      return std::nullopt;
    });
  }

  spec::RichText interpolate(const spec::RichText& runs) const {
    spec::RichText out = runs;
    for (auto& r : out) r.text = interpolate(r.text);
    return out;
  }

  // Answers given for fields inside a part that does not apply.
  void warn_inactive(const std::vector<Node>& nodes, const Node& group) {
    for (const auto& n : nodes) {
      if (spec::is_answerable(n.kind)) {
        if (auto it = answered_at_.find(n.id); it != answered_at_.end())
          sink_.warning(it->second, DiagCode::AnswerInInactivePart,
                        "réponse à « " + n.id + " » dans une partie sans objet (condition « " + group.when->source +
                            " » fausse) : elle n’est pas imprimée",
                        n.id);
      }
      warn_inactive(n.children, group);
    }
  }

  std::vector<BoundNode> build(const std::vector<Node>& nodes, bool active) {
    // checks_only: what messages need only (a label and a table's rows, for
    // the rules a partial bilan leaves silent), and nothing kept.
    const bool display = !options_.checks_only, for_messages = display || !options_.partial;
    std::vector<BoundNode> out;
    if (display) out.reserve(nodes.size());
    for (const auto& n : nodes) {
      BoundNode b;
      b.spec = &n;
      if (for_messages) b.label = interpolate(n.label);
      if (display) {
        b.hint = interpolate(n.hint);
        if (!n.text.empty()) b.text = interpolate(n.text);
        for (const auto& item : n.items) b.items.push_back(interpolate(item));
      }
      if (spec::is_answerable(n.kind)) {
        if (auto it = values_.find(n.id); it != values_.end()) b.value = it->second;
        if (auto it = value_at_.find(n.id); it != value_at_.end()) b.value_loc = it->second;
        b.computed = computed_ids_.count(n.id) > 0;
        if (display)
          for (const auto& o : n.options)
            if (auto it = other_texts_.find(n.id + "." + o.value); it != other_texts_.end()) {
              b.other_texts[o.value] = it->second;
              if (auto at = value_at_.find(it->first); at != value_at_.end()) b.other_text_locs[o.value] = at->second;
            }
        if (n.kind == NodeKind::Table && for_messages) b.rows = table_rows(n);
        if (n.required && active && answers_ && !options_.partial && b.value.missing() && n.kind != NodeKind::Table && !invalid_.count(n.id))
          sink_.error(empty_at_.count(n.id) ? empty_at_.at(n.id) : answers_->loc, DiagCode::RequiredField,
                      "champ obligatoire sans réponse : « " + n.id + " » (" + b.label + ")", n.id);
      }
      bool child_active = active;
      // Blank forms decide conditions too: with no answers, only department
      // settings can make one false (a part this department does not ask).
      if (n.kind == NodeKind::Group) {
        std::string error;
        const EvalValue r = eval(*n.when, error);
        if (!error.empty()) sink_.error(n.when->loc, DiagCode::BadExpression, "condition « " + n.when->source + " » : " + error);
        if (r.is_false() || (!r.is_missing() && r.kind != EvalValue::Kind::Bool)) {
          b.presence = n.else_omit ? Presence::Omitted : Presence::SansObjet;
          child_active = false;
          if (active) warn_inactive(n.children, n);
        }
      }
      if (answers_ && active) {
        if (n.kind == NodeKind::Check) run_check(n);
        // « Autres (précisez) »: the box and its précision go together.
        for (const auto& o : n.options) {
          if (!o.other) continue;
          const std::string other_id = n.id + "." + o.value;
          const bool ticked = std::find(b.value.choices.begin(), b.value.choices.end(), o.value) != b.value.choices.end();
          const bool precised = other_texts_.count(other_id) > 0;
          if (precised && !ticked)  // would print beside an empty box
            sink_.warning(answered_at_.count(other_id) ? answered_at_.at(other_id) : answers_->loc, DiagCode::UntickedOther,
                          "précision « " + other_id + " » donnée, mais « " + o.label + " » n’est pas coché : ajoutez « " +
                              o.value + " » à la réponse « " + n.id + " »",
                          other_id);
          if (ticked && !precised)
            sink_.warning(value_at_.count(n.id) ? value_at_.at(n.id) : answers_->loc, DiagCode::ExpectedAnswer,
                          "« " + o.label + " » est coché sans précision : ajoutez <answer field=\"" + other_id + "\">",
                          other_id);
        }
        if (n.expected_when && !options_.partial && b.value.missing() && b.rows.empty() && !other_answered(n))
          expect_answer(n, b);
      }
      if (n.kind == NodeKind::DepartmentBlocks) {
        // This department's own parts; other departments' parts are not printed.
        if (department_)
          if (auto it = form_.department_blocks.find(department_->code); it != form_.department_blocks.end())
            b.children = build(it->second, child_active);
      } else {
        b.children = build(n.children, child_active);
      }
      if (display) out.push_back(std::move(b));
    }
    return out;
  }

  bool other_answered(const Node& n) const {
    for (const auto& o : n.options)
      if (other_texts_.count(n.id + "." + o.value)) return true;
    return false;
  }

  // Where a rule is reported: the first answer the expression reads (then its
  // condition's, when the expression reads only missing answers).
  SourceLoc first_answer_loc(const spec::Condition& c, const spec::Condition* also = nullptr) const {
    std::vector<const spec::Expr*> refs;
    c.expr.collect_refs(refs);
    if (also) also->expr.collect_refs(refs);
    for (const auto* r : refs) {
      std::string id = r->text.substr(0, r->text.find('.'));
      if (auto it = value_at_.find(r->text); it != value_at_.end()) return it->second;
      if (auto it = answered_at_.find(id); it != answered_at_.end()) return it->second;
    }
    return answers_->loc;
  }

  std::string value_text(const std::string& id) const {
    const auto shown = [this](const Value& v) { return options_.format_value ? options_.format_value(v) : v.canonical(); };
    if (id == "row" && row_scope_) return row_scope_->label;
    if (id.starts_with("action.")) {
      auto f = facts_.find(id.substr(7));
      return f == facts_.end() ? "…" : shown(f->second);
    }
    if (id == "school_year.start" || id == "school_year.end") {
      const auto d = school_year_date(id);
      if (!d) return "…";
      Value v;
      v.kind = ValueKind::Date;
      v.date = *d;
      return shown(v);
    }
    if (auto v = form_.variable(id)) return *v;
    auto it = values_.find(id);
    if (it == values_.end() && row_scope_) {  // a per-row rule: this row's cell
      if (auto cell = table_column(id); cell && cell->kind == EvalValue::Kind::Number) return shown(decimal_value(cell->number));
    }
    if (it == values_.end()) {
      if (auto column = table_column(id); column && column->kind == EvalValue::Kind::List) {
        double total = 0;
        for (const double x : column->list) total += x;
        const Value v = decimal_value(total);
        return options_.format_value ? options_.format_value(v) : v.canonical();
      }
      return "…";
    }
    return options_.format_value ? options_.format_value(it->second) : it->second.canonical();
  }

  void run_check(const Node& n) {
    if (n.each_row.empty()) {
      run_check_once(n, std::nullopt);
      return;
    }
    // Per row: TABLE.COLUMN reads this row's cell, {row} is its label.
    auto it = tables_.find(n.each_row);
    if (it == tables_.end()) return;
    row_scope_table_ = n.each_row;
    for (const auto& row : it->second) {
      if (invalid_rows_.count(row.spec)) continue;  // its bad cell is already an error
      row_scope_ = &row;
      run_check_once(n, row_at_.count(row.spec) ? std::optional<SourceLoc>(row_at_.at(row.spec)) : std::nullopt);
    }
    row_scope_ = nullptr;
    row_scope_table_.clear();
  }

  void run_check_once(const Node& n, const std::optional<SourceLoc>& at) {
    std::string error;
    if (n.when) {
      const EvalValue w = eval(*n.when, error);
      if (!error.empty()) sink_.error(n.when->loc, DiagCode::BadExpression, "règle « " + n.when->source + " » : " + error);
      if (!w.is_true()) return;
    }
    if (options_.partial && needs_missing(*n.test)) return;  // a pre-filled bilan: decided when answered
    const EvalValue t = eval(*n.test, error);
    if (!error.empty()) {
      sink_.error(n.test->loc, DiagCode::BadExpression, "règle « " + n.test->source + " » : " + error);
      return;
    }
    if (!t.is_false()) return;  // holds, or cannot be decided without more answers
    const std::string message = spec::interpolate(n.message, [this](std::string_view name) -> std::optional<std::string> {
      return value_text(std::string(name));
    });
    std::string text = message;
    if (!n.rule.empty()) text += " (règle : « " + n.rule + " »)";
    Diagnostic d{n.error ? Severity::Error : Severity::Warning, at ? *at : first_answer_loc(*n.test, n.when ? &*n.when : nullptr), DiagCode::Rule, text, {}, {}, n.id};
    sink_.report(std::move(d));
  }

  // Whether the rule reads a value nobody gave (sums count a missing term as
  // 0, which would make a partial bilan's totals « wrong »).
  bool needs_missing(const spec::Condition& c) const {
    std::vector<const spec::Expr*> refs;
    c.expr.collect_refs(refs);
    for (const auto* r : refs)
      if (lookup(r->text).is_missing()) return true;
    return false;
  }

  void expect_answer(const Node& n, const BoundNode& b) {
    std::string error;
    const EvalValue w = eval(*n.expected_when, error);
    if (!error.empty()) {
      sink_.error(n.expected_when->loc, DiagCode::BadExpression, "condition « " + n.expected_when->source + " » : " + error);
      return;
    }
    if (!w.is_true()) return;
    sink_.warning(first_answer_loc(*n.expected_when), DiagCode::ExpectedAnswer,
                  "« " + b.label + " » est sans réponse alors que " + n.expected_when->source + " : précisez (champ « " + n.id + " »)",
                  n.id);
  }

  std::vector<BoundRow> table_rows(const Node& n) {
    std::vector<BoundRow> rows;
    const auto it = tables_.find(n.id);
    for (const auto& sr : n.rows) {
      BoundRow r;
      r.spec = &sr;
      r.label = interpolate(sr.label);
      r.cells.resize(n.columns.size());
      r.cell_locs.resize(n.columns.size());
      if (it != tables_.end())
        for (const auto& given : it->second)
          if (given.spec == &sr) {
            r = given;
            if (!sr.other || r.label.empty()) {
              r.label = interpolate(sr.label);
              r.label_loc = {};
            }
          }
      rows.push_back(std::move(r));
    }
    return rows;
  }

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

}  // namespace

std::optional<Value> parse_action_fact(std::string_view name, std::string_view text, std::string& error) {
  error.clear();
  const spec::ActionFact* fact = spec::find_action_fact(name);
  if (!fact || fact->name != name) {
    error = "fait « " + std::string(name) + " » inconnu sur l’action";
    return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  Value v;
  if (fact->type == spec::FactType::YesNo) {
    if (auto b = try_parse_yesno(text, error)) {
      v.kind = ValueKind::Bool;
      v.boolean = *b;
    }
  } else if (auto n = try_parse_integer(text, error)) {
    v.kind = ValueKind::Integer;
    v.integer = *n;
  }
  if (v.missing()) {
    error = std::string(fact->attribute) + " (" + std::string(fact->meaning) + ") : " + error + ", reçu " + quote(text);
    return std::nullopt;
  }
  error.clear();
  return v;
}

BoundForm bind(const spec::FormSpec& form, const AnswerSet* answers, const BindOptions& options, DiagnosticSink& sink) {
  return Binder(form, answers, options, sink).run();
}

}  // namespace bilan::data

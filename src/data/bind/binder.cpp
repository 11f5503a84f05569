#include "data/bind/binder.hpp"

#include <algorithm>
#include <variant>

#include "core/suggest.hpp"
#include "spec/action.hpp"
#include "spec/references.hpp"
#include "spec/variables.hpp"

namespace bilan::data::detail {

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

BoundForm Binder::run() {
  BoundForm out;
  out.form_id = form_.id;
  out.form_version = form_.version;
  out.school_year = form_.school_year;
  out.source_digest = form_.source_digest;
  out.calculation_order = form_.calculation_order();
  out.blank = answers_ == nullptr;
  out.department = options_.department;
  if (answers_) out.department = answers_->department;
  resolve_department(out.department, answers_ ? answers_->department_loc : SourceLoc{});
  if (department_ && !options_.checks_only)
    out.department_heading = DepartmentHeading{department_->code, department_->caf(), department_->return_date, department_->contact};
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

// --- answers → typed values --------------------------------------------
void Binder::check_header() {
  if (!answers_->form.empty() && answers_->form != form_.id)
    sink_.error(answers_->form_loc, DiagCode::WrongForm,
                "ces réponses sont celles du formulaire « " + answers_->form + " », pas de « " + form_.id + " »");
}

// The department's registry entry; problems located at `loc` (the answers'
// department attribute), or without location for a blank form's option.
void Binder::resolve_department(const std::string& code, const SourceLoc& loc) {
  if (code.empty()) return;
  if (!spec::is_department_code(code) || (options_.registry && !options_.registry->find(code))) {
    sink_.error(loc, DiagCode::UnknownDepartment, spec::unknown_department_message(code));
    return;
  }
  if (!options_.registry) return;
  department_ = options_.registry->find(code);
  if (!form_.national && !department_->uses(form_.id)) {
    std::string forms;
    for (const auto& f : department_->forms) forms += (forms.empty() ? "" : ", ") + f;
    sink_.error(loc, DiagCode::FormNotUsed,
                "le département " + code + " (" + department_->name + ") n’utilise pas le formulaire « " + form_.id +
                    " » ; ses formulaires : " + (forms.empty() ? "aucun" : forms));
  }
}

// Facts about the action (spec/action.hpp): the options' (a store's), then
// the answer file's, which win. Typed here; a bad value is an error where given.
void Binder::read_facts() {
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

void Binder::unknown(const SourceLoc& loc, DiagCode code, const std::string& message, const std::string& word,
             const std::function<std::vector<std::string>()>& candidates, const std::string& field) {
  if (++unknown_ <= kDetailed) {
    Diagnostic& d = sink_.error(loc, code, message, field);
    d.names_field = true;
    d.hint = suggestion(word, candidates());
  } else if (unknown_ == kDetailed + 1) {
    first_undetailed_ = loc;
  }
}

void Binder::summarize_unknown() {
  if (unknown_ <= kDetailed) return;
  sink_.error(first_undetailed_, DiagCode::UnknownField,
              "et " + limit_text(unknown_ - kDetailed) + " autres noms inconnus (champs, tableaux, lignes ou colonnes)");
}

std::vector<std::string> Binder::answerable_ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, node] : form_.answerable()) {
    ids.push_back(id);
    if (const auto* choice = std::get_if<spec::Choice>(&node->kind()))
      for (const auto& o : choice->options)
        if (o.other) ids.push_back(id + "." + o.value);
    if (const auto* grid = std::get_if<spec::Grid>(&node->kind()))
      for (const auto& r : grid->rows) ids.push_back(id + "." + r.id);
  }
  return ids;
}

void Binder::read_answers() {
  for (const auto& a : answers_->answers) {
    // An empty answer is no answer: it is not « given » in a part that does not apply.
    if (!a.text.empty()) {
      answered_at_[a.field] = a.loc;
      value_at_[a.field] = a.value_loc;
    }
    if (const std::size_t dot = a.field.find('.'); dot != std::string::npos) {
      if (const auto* grid = form_.find_as<spec::Grid>(a.field.substr(0, dot)))
        read_grid_answer(a, *grid, a.field.substr(dot + 1));
      else
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
    if (std::holds_alternative<spec::Table>(node->kind())) {
      sink_.error(a.loc, DiagCode::WrongElement, "« " + a.field + " » est un tableau : répondez avec <table field=\"" + a.field + "\">", a.field).names_field = true;
      continue;
    }
    if (const auto* grid = std::get_if<spec::Grid>(&node->kind())) {
      sink_.error(a.loc, DiagCode::WrongElement,
                  "« " + a.field + " » est une grille : répondez ligne par ligne, <answer field=\"" + a.field + "." +
                      (grid->rows.empty() ? std::string("LIGNE") : grid->rows.front().id) + "\">",
                  a.field)
          .names_field = true;
      continue;
    }
    if (a.text.empty()) {  // an empty answer is no answer
      empty_at_[a.field] = a.loc;
      continue;
    }
    ReadError error;
    // Each question reads its answer its own way (data/bind/<kind>.cpp).
    std::optional<Value> v = spec::visit_question(
        *node, spec::Overloaded{
                   [&](const spec::Field& f) { return parse_typed(f.type, a.text, error.message); },
                   [&](const spec::TextArea&) { return parse_typed(FieldType::Text, a.text, error.message); },
                   [&](const spec::YesNo&) { return parse_yesno(a.text, error.message); },
                   [&](const spec::Choice& c) { return parse_choice(c, a.text, error); },
                   [](const spec::Table&) -> std::optional<Value> { return std::nullopt; },  // answered above
                   [](const spec::Grid&) -> std::optional<Value> { return std::nullopt; },   // answered above
               });
    if (!v) {
      const std::string received = error.names_value ? "" : ", reçu " + quote(a.text);
      Diagnostic& d = sink_.error(a.value_loc, DiagCode::BadValue, "champ « " + a.field + " » : " + error.message + received, a.field);
      d.names_field = true;
      d.hint = error.hint;
      invalid_.insert(a.field);  // already reported: not « sans réponse » as well
      continue;
    }
    values_[a.field] = std::move(*v);
  }
}

// Fields of a department's own parts exist only on that department's forms.
bool Binder::available(const std::string& id) const {
  const auto& owners = form_.departments_of(id);
  return owners.empty() || (department_ && std::find(owners.begin(), owners.end(), department_->code) != owners.end());
}

void Binder::report_other_department(const SourceLoc& loc, const std::string& id) {
  std::string owners;
  for (const auto& code : form_.departments_of(id)) owners += (owners.empty() ? "" : ", ") + code;
  sink_.error(loc, DiagCode::OtherDepartmentField,
              "le champ « " + id + " » n’existe que sur les formulaires du département " + owners +
                  (department_ ? ", pas du " + department_->code : " : indiquez department=\"" + owners + "\" sur <bilan>"),
              id)
      .names_field = true;
}

// --- expressions ----------------------------------------------------------
EvalValue Binder::eval(const spec::Condition& c, std::string& error) const {
  return evaluate(c.expr, [this](std::string_view name) { return lookup(name); }, &error);
}

EvalValue Binder::lookup(std::string_view name) const {
  if (name.starts_with(spec::kDepartmentPrefix)) {
    if (!department_) return EvalValue::missing();  // no department: undecided, the part is shown
    if (spec::find_reference(name) == spec::Reference::DepartmentTne) return EvalValue::of_bool(department_->tne);
    if (auto v = department_text(name)) return EvalValue::of_text(*v);
    return EvalValue::missing();
  }
  if (name.starts_with(spec::kActionPrefix)) {
    if (auto it = facts_.find(std::string(name.substr(spec::kActionPrefix.size()))); it != facts_.end()) return to_eval(it->second);
    return EvalValue::missing();  // unknown: a rule that needs it stays silent
  }
  if (spec::is_school_year_date(name)) {
    if (auto d = school_year_date(name)) return EvalValue::of(static_cast<double>(days_from_civil(*d)));
    return EvalValue::missing();
  }
  if (auto it = values_.find(std::string(name)); it != values_.end()) {
    // GRID.ROW of a oui/non grid: a yes/no, as `= oui` reads it.
    if (const std::size_t dot = name.find('.'); dot != std::string_view::npos && it->second.kind == ValueKind::Choice)
      if (const auto* g = form_.find_as<spec::Grid>(std::string(name.substr(0, dot))); g && g->yes_no())
        return EvalValue::of_bool(it->second.choices.front() == "oui");
    return to_eval(it->second);
  }
  if (auto column = table_column(name)) return *column;
  if (auto it = other_texts_.find(std::string(name)); it != other_texts_.end()) return EvalValue::of_text(it->second);
  return EvalValue::missing();
}

// The school year runs from 1 September to 31 August.
std::optional<CivilDate> Binder::school_year_date(std::string_view name) const {
  const int first = form_.school_year.size() >= 4 ? std::stoi(form_.school_year.substr(0, 4)) : 0;
  if (first == 0) return std::nullopt;
  return spec::find_reference(name) == spec::Reference::SchoolYearStart ? CivilDate{first, 9, 1} : CivilDate{first + 1, 8, 31};
}

// --- tree -----------------------------------------------------------------
std::optional<std::string> Binder::department_text(std::string_view name) const {
  const auto r = spec::find_reference(name);
  if (!department_ || !r) return std::nullopt;
  switch (*r) {
    case spec::Reference::DepartmentCode: return department_->code;
    case spec::Reference::DepartmentName: return department_->name;
    case spec::Reference::DepartmentOf: return department_->of();
    case spec::Reference::DepartmentCaf: return department_->caf();
    case spec::Reference::DepartmentTne:  // a yes/no, not text
    case spec::Reference::SchoolYear:
    case spec::Reference::NextSchoolYear:
    case spec::Reference::ReturnDate:
    case spec::Reference::SchoolYearStart:
    case spec::Reference::SchoolYearEnd: break;
  }
  return std::nullopt;
}

std::string Binder::interpolate(const std::string& text) const {
  // What a department does not say is left blank, to be filled by hand.
  static const std::string kBlank = "……………";
  return spec::interpolate(text, [this](std::string_view name) -> std::optional<std::string> {
    if (auto v = form_.variable(name)) return v;
    if (spec::find_reference(name) == spec::Reference::ReturnDate) {
      if (!department_ || !department_->return_date) return kBlank;
      if (options_.format_date) return options_.format_date(*department_->return_date);
      Value v;
      v.kind = ValueKind::Date;
      v.date = *department_->return_date;
      return v.canonical();
    }
    if (name.starts_with(spec::kDepartmentPrefix)) {
      if (auto v = department_text(name)) return v;
      return kBlank;
    }
    return std::nullopt;
  });
}

spec::RichText Binder::interpolate(const spec::RichText& runs) const {
  spec::RichText out = runs;
  for (auto& r : out) r.text = interpolate(r.text);
  return out;
}

std::vector<BoundNode> Binder::build(const std::vector<Node>& nodes, bool active) {
  std::vector<BoundNode> out;
  if (display()) out.reserve(nodes.size());
  for (const auto& n : nodes) {
    // One overload per kind: a kind added to spec::Node does not compile here.
    BoundNode b = spec::visit(
        n, spec::Overloaded{
               [&](const spec::Section& s) -> BoundNode { return bind_section(s, active); },
               [&](const spec::Paragraph& p) -> BoundNode { return bind_paragraph(p); },
               [&](const spec::List& l) -> BoundNode { return bind_list(l); },
               [&](const spec::Field& f) -> BoundNode { return bind_field(f, active); },
               [&](const spec::TextArea& t) -> BoundNode { return bind_textarea(t, active); },
               [&](const spec::YesNo& y) -> BoundNode { return bind_yesno(y, active); },
               [&](const spec::Choice& c) -> BoundNode { return bind_choice(c, active); },
               [&](const spec::Table& t) -> BoundNode { return bind_table(t, active); },
               [&](const spec::Grid& g) -> BoundNode { return bind_grid(g, active); },
               [&](const spec::Group& g) -> BoundNode { return bind_group(g, active); },
               [&](const spec::Signature& s) -> BoundNode { return bind_signature(s, active); },
               [&](const spec::Footnote& f) -> BoundNode { return bind_footnote(f); },
               [&](const spec::PageBreak& p) -> BoundNode { return bind_pagebreak(p); },
               [&](const spec::DepartmentBlocks& d) -> BoundNode { return bind_department_blocks(d, active); },
               [&](const spec::Check& c) -> BoundNode { return bind_check(c, active); },
           });
    if (display()) out.push_back(std::move(b));
  }
  return out;
}

// Where a rule is reported: the first answer the expression reads (then its
// condition's, when the expression reads only missing answers).
SourceLoc Binder::first_answer_loc(const spec::Condition& c, const spec::Condition* also) const {
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

}  // namespace bilan::data::detail

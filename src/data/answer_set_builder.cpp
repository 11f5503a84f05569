#include "data/answer_set_builder.hpp"

#include <utility>

namespace bilan::data {

AnswerSetBuilder::AnswerSetBuilder(std::string path, SourceLoc loc, DiagnosticSink& sink) : sink_(sink) {
  set_.path = std::move(path);
  set_.form_loc = set_.department_loc = set_.action_loc = loc;
  set_.loc = std::move(loc);
}

void AnswerSetBuilder::form(std::string id, SourceLoc loc) {
  set_.form = std::move(id);
  set_.form_loc = std::move(loc);
}

void AnswerSetBuilder::department(std::string code, SourceLoc loc) {
  set_.department = std::move(code);
  set_.department_loc = std::move(loc);
}

void AnswerSetBuilder::action(std::string id, SourceLoc loc) {
  set_.action = std::move(id);
  set_.action_loc = std::move(loc);
}

// The loader's messages (load/answers_loader.cpp), for the same mistakes.
bool AnswerSetBuilder::first_time(const std::string& key, const SourceLoc& loc, const std::string& what,
                                  const std::string& field) {
  auto [it, fresh] = seen_.emplace(key, loc);
  if (!fresh) sink_.error(loc, DiagCode::DuplicateAnswer, what + " déjà donnée en " + it->second.to_string(), field);
  return fresh;
}

bool AnswerSetBuilder::answer(std::string field, std::string text, SourceLoc loc) {
  if (!first_time("answer:" + field, loc, "réponse au champ « " + field + " »", field)) return false;
  set_.order.push_back({AnswerPart::Kind::Answer, set_.answers.size()});
  Answer a;
  a.field = std::move(field);
  a.text = std::move(text);
  a.value_loc = loc;
  a.loc = std::move(loc);
  set_.answers.push_back(std::move(a));
  return true;
}

TableAnswer& AnswerSetBuilder::table_of(const std::string& table, const SourceLoc& loc) {
  auto [it, fresh] = table_index_.try_emplace(table, set_.tables.size());
  if (fresh) {
    // A table and an answer share their field's ids: one of them only.
    first_time("answer:" + table, loc, "réponse au tableau « " + table + " »", table);
    set_.order.push_back({AnswerPart::Kind::Table, set_.tables.size()});
    TableAnswer t;
    t.field = table;
    t.loc = loc;
    set_.tables.push_back(std::move(t));
  }
  return set_.tables[it->second];
}

RowAnswer& AnswerSetBuilder::row_of(const std::string& table, const std::string& row, const SourceLoc& loc) {
  TableAnswer& t = table_of(table, loc);
  for (auto& r : t.rows)
    if (r.id == row) return r;
  RowAnswer r;
  r.id = row;
  r.loc = r.label_loc = loc;
  t.rows.push_back(std::move(r));
  return t.rows.back();
}

void AnswerSetBuilder::table(const std::string& table, const SourceLoc& loc) {
  if (table_index_.count(table) == 0) table_of(table, loc);
}

void AnswerSetBuilder::row(const std::string& table, const std::string& row, const SourceLoc& loc) { row_of(table, row, loc); }

bool AnswerSetBuilder::cell(const std::string& table, const std::string& row, std::string column, std::string text,
                            SourceLoc loc) {
  RowAnswer& r = row_of(table, row, loc);
  if (!first_time("cell:" + table + '\n' + row + '\n' + column, loc, "cellule « " + column + " »", table)) return false;
  CellAnswer c;
  c.column = std::move(column);
  c.text = std::move(text);
  c.value_loc = loc;
  c.loc = std::move(loc);
  r.cells.push_back(std::move(c));
  return true;
}

void AnswerSetBuilder::row_label(const std::string& table, const std::string& row, std::string label, SourceLoc loc) {
  RowAnswer& r = row_of(table, row, loc);
  r.label = std::move(label);
  r.label_loc = std::move(loc);
}

bool AnswerSetBuilder::signature(std::string_view part, std::string value, SourceLoc loc) {
  if (!set_.signature) {
    set_.order.push_back({AnswerPart::Kind::Signature, 0});
    set_.signature.emplace();
    set_.signature->loc = loc;
    for (auto* item : {&set_.signature->name, &set_.signature->role, &set_.signature->place, &set_.signature->date,
                       &set_.signature->stamp, &set_.signature->signature})
      item->loc = loc;
  }
  SignatureAnswer& s = *set_.signature;
  SignatureAnswer::Item* item = part == "name"        ? &s.name
                                : part == "role"      ? &s.role
                                : part == "place"     ? &s.place
                                : part == "date"      ? &s.date
                                : part == "stamp"     ? &s.stamp
                                : part == "signature" ? &s.signature
                                                      : nullptr;
  if (!item) return false;
  if (!first_time("signature:" + std::string(part), loc, "partie « " + std::string(part) + " » de la signature")) return false;
  item->value = std::move(value);
  item->loc = std::move(loc);
  return true;
}

bool AnswerSetBuilder::fact(std::string name, std::string text, SourceLoc loc) {
  if (!first_time("fact:" + name, loc, "valeur de « action." + name + " »")) return false;
  if (set_.facts.empty()) set_.order.push_back({AnswerPart::Kind::Facts, 0});
  set_.facts.push_back({std::move(name), std::move(text), std::move(loc)});
  return true;
}

AnswerSet AnswerSetBuilder::take() {
  AnswerSet out = std::move(set_);
  set_ = AnswerSet{};
  seen_.clear();
  table_index_.clear();
  return out;
}

}  // namespace bilan::data

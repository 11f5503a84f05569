// data/bind/table — <table>: answered rows and cells, typed per column; TABLE.COLUMN in expressions.
#include "data/bind/binder.hpp"

#include <variant>

#include "core/suggest.hpp"

namespace bilan::data::detail {

void Binder::read_tables() {
  for (const auto& t : answers_->tables) {
    answered_at_[t.field] = t.loc;
    const spec::Table* table = form_.find_as<spec::Table>(t.field);
    if (!table) {
      const auto tables = [&] {
        std::vector<std::string> ids;
        for (const auto& [id, n] : form_.answerable())
          if (std::holds_alternative<spec::Table>(n->kind())) ids.push_back(id);
        return ids;
      };
      if (form_.find(t.field))
        sink_.error(t.loc, DiagCode::UnknownField,
                    "« " + t.field + " » n’est pas un tableau : répondez avec <answer field=\"" + t.field + "\">", t.field)
            .names_field = true;
      else
        unknown(t.loc, DiagCode::UnknownField, "tableau inconnu « " + t.field + " »", t.field, tables, t.field);
      continue;
    }
    auto& rows = tables_[t.field];
    for (const auto& r : t.rows) {
      const spec::Row* row = nullptr;
      std::vector<std::string> row_ids;
      for (const auto& sr : table->rows) {
        row_ids.push_back(sr.id);
        if (sr.id == r.id) row = &sr;
      }
      if (!row) {
        unknown(r.loc, DiagCode::UnknownRow, "ligne inconnue « " + r.id + " » dans le tableau « " + t.field + " »", r.id, [&] { return row_ids; }, t.field);
        continue;
      }
      GivenRow given;
      given.spec = row;
      BoundRow& bound = given.row;
      bound.id = row->id;
      bound.layout_label = row->label;
      bound.other = row->other;
      bound.label = row->label;  // as written: {row} in a per-row rule's message
      if (!r.label.empty()) {
        if (row->other) {
          bound.label = r.label;
          bound.label_loc = r.label_loc;
        } else {
          sink_.warning(r.loc, DiagCode::IgnoredLabel, "la ligne « " + r.id + " » a un libellé fixe : « label » est ignoré", t.field);
        }
      }
      bound.cells.resize(table->columns.size());
      bound.cell_locs.resize(table->columns.size());
      for (const auto& c : r.cells) {
        std::size_t col = table->columns.size();
        std::vector<std::string> col_ids;
        for (std::size_t i = 0; i < table->columns.size(); ++i) {
          col_ids.push_back(table->columns[i].id);
          if (table->columns[i].id == c.column) col = i;
        }
        if (col == table->columns.size()) {
          unknown(c.loc, DiagCode::UnknownColumn, "colonne inconnue « " + c.column + " » dans le tableau « " + t.field + " »", c.column, [&] { return col_ids; }, t.field);
          continue;
        }
        if (c.text.empty()) continue;
        std::string error;
        auto v = parse_typed(table->columns[col].type, c.text, error);
        if (!v) {
          sink_.error(c.value_loc, DiagCode::BadValue, "tableau « " + t.field + " », ligne « " + r.id + " », colonne « " + c.column + " » : " + error + ", reçu " + quote(c.text), t.field)
              .names_field = true;
          invalid_rows_.insert(row);
          continue;
        }
        bound.cells[col] = std::move(*v);
        bound.cell_locs[col] = c.value_loc;
      }
      row_at_[row] = r.loc;
      rows.push_back(std::move(given));
    }
  }
}

// TABLE.COLUMN: the numbers answered in that column (Missing when none).
std::optional<EvalValue> Binder::table_column(std::string_view name) const {
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const spec::Table* table = form_.find_as<spec::Table>(std::string(name.substr(0, dot)));
  if (!table) return std::nullopt;
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
    for (const auto& given : it->second)
      if (auto x = given.row.cells[col].number()) v.list.push_back(*x);
  if (v.list.empty()) return EvalValue::missing();
  return v;
}

BoundTable Binder::bind_table(const spec::Table& t, bool active) {
  BoundTable b;
  bind_question(t, b);
  if (display()) {
    b.stub = t.stub;
    b.columns = t.columns;
  }
  if (for_messages()) b.rows = table_rows(t);
  // No required answer: a table's answer is its rows.
  expect_answer(t, b, active, !b.rows.empty());
  return b;
}

// Every row of the layout, in its order, with its answered cells.
std::vector<BoundRow> Binder::table_rows(const spec::Table& t) {
  std::vector<BoundRow> rows;
  const auto it = tables_.find(t.id);
  for (const auto& sr : t.rows) {
    BoundRow r;
    r.id = sr.id;
    r.layout_label = sr.label;
    r.other = sr.other;
    r.label = interpolate(sr.label);
    r.cells.resize(t.columns.size());
    r.cell_locs.resize(t.columns.size());
    if (it != tables_.end())
      for (const auto& given : it->second)
        if (given.spec == &sr) {
          r = given.row;
          if (!sr.other || r.label.empty()) {
            r.label = interpolate(sr.label);
            r.label_loc = {};
          }
        }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace bilan::data::detail

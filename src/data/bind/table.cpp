// data/bind/table — <table>: answered rows and cells, typed per column; TABLE.COLUMN in expressions.
#include "data/bind/binder.hpp"

#include "core/suggest.hpp"

namespace bilan::data::detail {

void Binder::read_tables() {
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
          sink_.error(c.value_loc, DiagCode::BadValue, "tableau « " + t.field + " », ligne « " + r.id + " », colonne « " + c.column + " » : " + error + ", reçu " + quote(c.text), t.field)
              .names_field = true;
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

// TABLE.COLUMN: the numbers answered in that column (Missing when none).
std::optional<EvalValue> Binder::table_column(std::string_view name) const {
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

std::vector<BoundRow> Binder::table_rows(const Node& n) {
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

}  // namespace bilan::data::detail

#include "engine/csv_import.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "core/suggest.hpp"
#include "data/answer_set_builder.hpp"
#include "data/bind.hpp"
#include "engine/store_import.hpp"
#include "load/answers_loader.hpp"
#include "spec/action.hpp"
#include "spec/variables.hpp"
#include "spec/walk.hpp"
#include "text/charset.hpp"

namespace bilan::engine {
namespace {

enum class Target : std::uint8_t {
  None,  // not resolved
  Answer,
  Cell,
  RowLabel,
};

struct Column {
  Target target = Target::None;
  std::string field;  // answer field, or table id
  std::string row, column;
  const spec::Node* node = nullptr;
};

// Whether a question's answer is one column, named by its id or its label;
// a table's answers are its cells (TABLE.ROW.COLUMN).
bool one_column(const spec::Node& n) {
  return spec::visit_question(n, spec::Overloaded{
                                     [](const spec::Field&) { return true; },
                                     [](const spec::TextArea&) { return true; },
                                     [](const spec::YesNo&) { return true; },
                                     [](const spec::Choice&) { return true; },
                                     [](const spec::Table&) { return false; },
                                     [](const spec::Grid&) { return false; },
                                 });
}

// How a form's columns are read: ids first, then the questions' labels.
class FormColumns {
 public:
  explicit FormColumns(const spec::FormSpec& form) : form_(form) {
    // The questions in the form's order: its body, then each department's own parts.
    spec::for_each_question_node(form, [this](const spec::Node& n, const spec::Question&) { nodes_.push_back(&n); });
    for (const auto* n : nodes_) {
      const spec::Question& q = *spec::as_question(*n);
      by_id_[q.id] = n;
      if (one_column(*n) && !q.label.empty()) {
        const std::string label = spec::interpolate(q.label, [&](std::string_view v) { return form.variable(v); });
        by_label_.emplace(text::fold_for_match(label), std::make_pair(q.id, n));
        labels_.push_back(label);
      }
      // A grid's rows are columns of their own, headed GRID.ROW or by the statement.
      if (const auto* g = std::get_if<spec::Grid>(&n->kind()))
        for (const auto& r : g->rows) {
          const std::string label = spec::interpolate(r.label, [&](std::string_view v) { return form.variable(v); });
          by_label_.emplace(text::fold_for_match(label), std::make_pair(q.id + "." + r.id, n));
          labels_.push_back(label);
        }
    }
  }

  // nullopt with `error` set when the header names nothing of the form.
  // `seen` counts the columns already given to each label.
  std::optional<Column> resolve(const std::string& header, std::map<std::string, std::size_t>& seen, std::string& error) const {
    Column c;
    if (auto it = by_id_.find(header); it != by_id_.end() && one_column(*it->second)) {
      c.target = Target::Answer;
      c.field = header;
      c.node = it->second;
      return c;
    }
    const std::size_t dot = header.find('.');
    if (dot != std::string::npos) {
      const std::string head = header.substr(0, dot), rest = header.substr(dot + 1);
      if (auto it = by_id_.find(head); it != by_id_.end()) {
        const spec::Node& n = *it->second;
        if (auto part = spec::visit_question(
                n, spec::Overloaded{
                       [](const spec::Field&) -> std::optional<Column> { return std::nullopt; },
                       [](const spec::TextArea&) -> std::optional<Column> { return std::nullopt; },
                       [](const spec::YesNo&) -> std::optional<Column> { return std::nullopt; },
                       // CHOICE.VALUE: an « Autres » option's free text.
                       [&](const spec::Choice& q) -> std::optional<Column> {
                         for (const auto& o : q.options)
                           if (o.other && o.value == rest) return Column{Target::Answer, header, {}, {}, &n};
                         return std::nullopt;
                       },
                       // TABLE.ROW.COLUMN: a cell; TABLE.ROW.label: an other="true" row's label.
                       [&](const spec::Table& q) -> std::optional<Column> {
                         const std::size_t dot2 = rest.find('.');
                         if (dot2 == std::string::npos) return std::nullopt;
                         const std::string row = rest.substr(0, dot2), col = rest.substr(dot2 + 1);
                         for (const auto& r : q.rows) {
                           if (r.id != row) continue;
                           if (col == "label" && r.other) return Column{Target::RowLabel, head, row, {}, &n};
                           for (const auto& k : q.columns)
                             if (k.id == col) return Column{Target::Cell, head, row, col, &n};
                         }
                         return std::nullopt;
                       },
                       // GRID.ROW: a row's step.
                       [&](const spec::Grid& q) -> std::optional<Column> {
                         if (!q.find_row(rest)) return std::nullopt;
                         return Column{Target::Answer, header, {}, {}, &n};
                       },
                   }))
          return part;
      }
    }
    // Questions sharing a label (« Si oui, précisez-en les raisons : ») are
    // exported in the form's order: the k-th such column is the k-th question.
    const std::string folded = text::fold_for_match(header);
    const auto range = by_label_.equal_range(folded);
    if (range.first != range.second) {
      std::size_t k = seen[folded]++;
      for (auto it = range.first; it != range.second; ++it, --k)
        if (k == 0) return Column{Target::Answer, it->second.first, {}, {}, it->second.second};
      error = "colonne « " + header + " » : " + std::to_string(std::distance(range.first, range.second)) +
              " questions seulement portent ce libellé, c’est la colonne de trop ; écrivez l’identifiant du champ";
      return std::nullopt;
    }
    std::vector<std::string> candidates = labels_;
    for (const auto* n : nodes_) candidates.push_back(spec::as_question(*n)->id);
    error = "colonne « " + header + " » : aucun champ ni question du formulaire « " + form_.id + " » ne porte ce nom" +
            did_you_mean(header, candidates);
    return std::nullopt;
  }

 private:
  const spec::FormSpec& form_;
  std::vector<const spec::Node*> nodes_;
  std::map<std::string, const spec::Node*> by_id_;
  std::multimap<std::string, std::pair<std::string, const spec::Node*>> by_label_;  // folded label → (answer field, question)
  std::vector<std::string> labels_;
};

// A cell as an answer: choice labels (as questionnaires export them) become
// their values, oui and non of a yes/no are folded; everything else is kept
// for bind() to check (and not folded for nothing).
std::string answer_text(const Column& c, const std::string& cell) {
  if (!c.node || c.target != Target::Answer) return cell;
  if (const auto* g = std::get_if<spec::Grid>(&c.node->kind())) {  // GRID.ROW: a step's words become its value
    const std::string folded = text::fold_for_match(cell);
    for (const auto& o : g->scale)
      if (text::fold_for_match(o.label) == folded) return o.value;
    return cell;
  }
  if (c.field.find('.') != std::string::npos) return cell;
  return spec::visit_question(*c.node, spec::Overloaded{
                                           [&](const spec::Field&) { return cell; },
                                           [&](const spec::TextArea&) { return cell; },
                                           [&](const spec::YesNo&) {
                                             const std::string folded = text::fold_for_match(cell);
                                             return folded == "oui" || folded == "non" ? folded : cell;
                                           },
                                           [&](const spec::Choice& q) {
                                             if (q.multiple) return cell;
                                             const std::string folded = text::fold_for_match(cell);
                                             for (const auto& o : q.options)
                                               if (text::fold_for_match(o.label) == folded) return o.value;
                                             return cell;
                                           },
                                           [&](const spec::Table&) { return cell; },
                                           [&](const spec::Grid&) { return cell; },  // answered above
                                       });
}

bool is_fact(const std::string& header) { return header.size() > 7 && header.starts_with("action."); }

}  // namespace

namespace {

// The header's key columns (their indexes set) and its facts checked; false,
// with errors in `sink`, when it cannot be read.
bool read_header(const std::vector<std::string>& header, const std::shared_ptr<const std::string>& file, DiagnosticSink& sink,
                 std::size_t& action_col, std::size_t& department_col, std::size_t& form_col) {
  action_col = department_col = form_col = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = text::fold_for_match(header[i]);
    if (h == "action") action_col = i;
    else if (h == "department" || h == "departement") department_col = i;
    else if (h == "form" || h == "formulaire") form_col = i;
  }
  bool ok = true;
  if (action_col == header.size()) {
    sink.error(load::csv_loc(file, 1, 1), DiagCode::CsvHeader, "il manque la colonne « action » (l’identifiant de chaque action)");
    ok = false;
  }
  if (form_col == header.size()) {
    sink.error(load::csv_loc(file, 1, 1), DiagCode::CsvHeader, "il manque la colonne « form » (l’identifiant du formulaire)");
    ok = false;
  }
  // Columns action.NAME: facts that an answer file's <action> could give,
  // checked as bind() checks those (data::parse_action_fact).
  std::vector<std::string> fact_names;
  for (const auto& f : spec::action_facts()) fact_names.emplace_back(f.name);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!is_fact(header[i])) continue;
    const std::string name = header[i].substr(7);
    std::string error;
    data::parse_action_fact(name, {}, error);
    if (error.empty()) continue;
    std::string list;
    for (const auto& n : fact_names) list += (list.empty() ? "" : ", ") + n;
    sink.error(load::csv_loc(file, 1, i + 1), DiagCode::CsvHeader,
               "colonne « " + header[i] + " » : " + error + " (" + list + ")")
        .hint = suggestion(name, fact_names);
    ok = false;
  }
  return ok;
}

// Every row of the file as answers, each handed to `each` as soon as it is
// made (a file of 100,000 rows is never held twice); false (everything in
// `sink`) when the file or a header cannot be read.
bool for_each_row(const Catalog& catalog, const std::string& path, std::string_view bytes, DiagnosticSink& sink,
                  const load::CsvLimits& limits, const std::function<void(CsvAnswers&&)>& each) {
  // Read twice, a row at a time: first to know the file is whole (all or
  // nothing), then to make each row's answers; never held as a table.
  load::CsvTable info;
  if (!load::read_csv(path, bytes, sink, limits, info, nullptr)) return false;
  const auto file = std::make_shared<const std::string>(path);
  std::shared_ptr<const std::vector<std::string>> header;  // shared by every row's relocate()
  std::size_t action_col = 0, department_col = 0, form_col = 0;
  // Columns resolved once per form the file uses.
  std::map<std::string, std::vector<std::optional<Column>>> by_form;
  std::map<std::string, std::size_t> seen;  // action → row
  bool ok = true, header_ok = true;
  std::size_t r = 0;
  DiagnosticSink again;  // the first reading's warnings, a second time
  load::read_csv(path, bytes, again, limits, info, [&](std::vector<std::string>&& read) {
    if (!ok) return;
    if (r++ == 0) {
      header = std::make_shared<const std::vector<std::string>>(std::move(read));
      ok = read_header(*header, file, sink, action_col, department_col, form_col);
      return;
    }
    const std::vector<std::string> cells = std::move(read);
    const std::size_t row_no = r;
    const std::string action = load::normalize_action_id(cells[action_col]);
    const std::string& form_id = cells[form_col];
    if (action.empty()) {
      sink.error(load::csv_loc(file, row_no, action_col + 1), DiagCode::CsvCell, "action sans identifiant (colonne « " + (*header)[action_col] + " »)");
      return;
    }
    if (auto [it, fresh] = seen.emplace(action, row_no); !fresh) {
      sink.error(load::csv_loc(file, row_no, action_col + 1), DiagCode::CsvCell,
                 "l’action « " + action + " » est déjà à la ligne " + std::to_string(it->second) + " (colonne « " +
                     (*header)[action_col] + " »)");
      return;
    }
    DiagnosticSink form_sink;
    const spec::FormSpec* form = form_id.empty() ? nullptr : catalog.form(form_id, form_sink);
    if (!form) {
      std::vector<std::string> ids = catalog.form_ids();
      sink.error(load::csv_loc(file, row_no, form_col + 1), DiagCode::CsvCell,
                 (form_id.empty() ? std::string("formulaire non indiqué") : "formulaire inconnu « " + form_id + " »" + did_you_mean(form_id, ids)) +
                     " (colonne « " + (*header)[form_col] + " »)");
      return;
    }
    CsvAnswers a;
    bool facts_ok = true;
    for (std::size_t i = 0; i < header->size(); ++i) {
      if (!is_fact((*header)[i]) || cells[i].empty()) continue;
      std::string error;
      data::parse_action_fact((*header)[i].substr(7), cells[i], error);
      if (error.empty()) {
        a.facts[(*header)[i].substr(7)] = cells[i];
        continue;
      }
      sink.error(load::csv_loc(file, row_no, i + 1), DiagCode::BadValue, error + " (colonne « " + (*header)[i] + " »)");
      facts_ok = false;
    }
    if (!facts_ok) return;
    auto [found, fresh] = by_form.try_emplace(form->id);
    if (fresh) {
      const FormColumns columns(*form);
      std::map<std::string, std::size_t> label_seen;
      for (std::size_t i = 0; i < header->size(); ++i) {
        if (i == action_col || i == department_col || i == form_col || is_fact((*header)[i])) {
          found->second.emplace_back();
          continue;
        }
        std::string error;
        found->second.push_back(columns.resolve((*header)[i], label_seen, error));
        if (!found->second.back()) {
          sink.error(load::csv_loc(file, 1, i + 1), DiagCode::CsvHeader, error);
          header_ok = false;
        }
      }
    }
    if (!header_ok) return;
    const auto& columns = found->second;
    // The row's answers, each located at its cell; <bilan> (form, department,
    // action) at the department's cell when there is one, else the action's.
    const auto at = [&](std::size_t col) { return load::csv_loc(file, row_no, col + 1); };
    const bool has_department = department_col < header->size() && !cells[department_col].empty();
    const SourceLoc root = at(has_department ? department_col : action_col);
    DiagnosticSink built;  // two columns for one answer: an error of the row, as an answer file's
    data::AnswerSetBuilder b(path + "#" + std::to_string(row_no), root, built);
    b.form(form->id, root);
    if (has_department) b.department(cells[department_col], root);
    b.action(action, root);
    // Tables: one per table, one row per row, in column order.
    std::map<std::string, std::map<std::string, std::vector<std::size_t>>> tables;
    for (std::size_t i = 0; i < header->size(); ++i) {
      if (!columns[i] || cells[i].empty()) continue;
      const Column& c = *columns[i];
      if (c.target == Target::Answer) b.answer(c.field, answer_text(c, cells[i]), at(i));
      else tables[c.field][c.row].push_back(i);
    }
    for (const auto& [table_id, rows] : tables) {
      b.table(table_id, at(rows.begin()->second.front()));
      for (const auto& [row_id, cols] : rows) {
        std::size_t label_col = cols.front();
        for (const std::size_t i : cols)
          if (columns[i]->target == Target::RowLabel) label_col = i;
        b.row(table_id, row_id, at(label_col));
        for (const std::size_t i : cols) {
          if (columns[i]->target == Target::RowLabel) b.row_label(table_id, row_id, cells[i], at(i));
          else b.cell(table_id, row_id, columns[i]->column, cells[i], at(i));
        }
      }
    }
    a.action = action;
    a.source = path + "#" + std::to_string(row_no);
    a.answers = b.take();
    a.relocate = [file, header](Diagnostic d) {
      // Every location of the row is a cell: its header says which column it is.
      if (!d.loc.known() || d.loc.line == 0 || d.loc.file != file || d.loc.column == 0 || d.loc.column > header->size()) return d;
      // After the whole message, its hint too, as before hints were a field.
      d.message = d.text() + " (colonne « " + (*header)[d.loc.column - 1] + " »)";
      d.hint.clear();
      return d;
    };
    a.found = std::move(built);
    each(std::move(a));
  });
  return ok && header_ok;
}

}  // namespace

std::optional<std::vector<CsvAnswers>> csv_to_answers(const Catalog& catalog, const std::string& path, std::string_view bytes,
                                                     DiagnosticSink& sink, const load::CsvLimits& limits) {
  std::vector<CsvAnswers> out;
  if (!for_each_row(catalog, path, bytes, sink, limits, [&](CsvAnswers&& a) { out.push_back(std::move(a)); })) return std::nullopt;
  return out;
}

bool import_csv(Renderer& renderer, const std::string& path, std::string_view bytes, DiagnosticSink& sink,
                const std::function<bool(store::StoredAnswers&&)>& put) {
  // Rows are checked a chunk at a time on every core (one Renderer each over
  // the shared Catalog, as a batch does) while this thread reads the next
  // chunk and puts the one before, in the file's order: the same records and
  // messages whatever the number of cores.
  constexpr std::size_t kChunk = 512;
  struct Chunk {
    std::vector<CsvAnswers> rows;
    std::vector<std::optional<store::StoredAnswers>> records;
    std::vector<DiagnosticSink> found;
    std::vector<std::exception_ptr> failures;
    std::atomic<std::size_t> next{0};
  };
  std::vector<Renderer*> renderers{&renderer};
  std::vector<std::unique_ptr<Renderer>> more;
  for (unsigned t = 1; t < std::thread::hardware_concurrency(); ++t) {
    more.push_back(std::make_unique<Renderer>(renderer.catalog()));
    renderers.push_back(more.back().get());
  }
  std::unique_ptr<Chunk> checking;  // on the renderers' threads
  std::vector<std::thread> threads;
  const auto work = [](Chunk& c, Renderer& r) {
    for (std::size_t i; (i = c.next.fetch_add(1)) < c.rows.size();) try {
        CsvAnswers& row = c.rows[i];
        c.found[i] = std::move(row.found);
        c.records[i] = prepare_import(r, row.source, std::move(row.answers), c.found[i], row.facts);
      } catch (...) {
        c.failures[i] = std::current_exception();
      }
  };
  const auto launch = [&](std::vector<CsvAnswers>&& rows) {
    checking = std::make_unique<Chunk>();
    checking->rows = std::move(rows);
    checking->records.resize(checking->rows.size());
    checking->found.resize(checking->rows.size());
    checking->failures.resize(checking->rows.size());
    for (Renderer* r : renderers) threads.emplace_back(work, std::ref(*checking), std::ref(*r));
  };
  const auto join = [&] {
    for (auto& t : threads) t.join();
    threads.clear();
    return std::move(checking);
  };
  DiagnosticSink keys, cells;
  bool rows_ok = true;
  const auto keep = [&](Chunk& c) {
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
      if (c.failures[i]) std::rethrow_exception(c.failures[i]);
      for (const auto& d : c.found[i].items()) cells.report(c.rows[i].relocate(d));
      // Once a row is refused the file is: the others are still checked, for their messages.
      if (!c.records[i] || !rows_ok || keys.has_errors()) {
        rows_ok = rows_ok && c.records[i];
        continue;
      }
      rows_ok = put(std::move(*c.records[i]));
    }
  };
  std::vector<CsvAnswers> chunk;
  bool read = false;
  try {
    read = for_each_row(renderer.catalog(), path, bytes, keys, {}, [&](CsvAnswers&& row) {
      chunk.push_back(std::move(row));
      if (chunk.size() < kChunk) return;
      std::unique_ptr<Chunk> done = checking ? join() : nullptr;
      launch(std::move(chunk));
      chunk.clear();
      if (done) keep(*done);
    });
    std::unique_ptr<Chunk> done = checking ? join() : nullptr;
    if (done) keep(*done);
    launch(std::move(chunk));
    keep(*join());
  } catch (...) {
    for (auto& t : threads) t.join();  // never leave a thread on this frame
    throw;
  }
  for (const auto& d : keys.items()) sink.report(d);
  for (const auto& d : cells.items()) sink.report(d);
  // Rows without action or form, or given twice, are errors of the file.
  return read && rows_ok && !keys.has_errors();
}

std::optional<std::vector<store::StoredAnswers>> prepare_csv_import(Renderer& renderer, const std::string& path,
                                                                    std::string_view bytes, DiagnosticSink& sink) {
  std::vector<store::StoredAnswers> out;
  if (!import_csv(renderer, path, bytes, sink, [&](store::StoredAnswers&& r) {
        out.push_back(std::move(r));
        return true;
      }))
    return std::nullopt;
  return out;
}

}  // namespace bilan::engine

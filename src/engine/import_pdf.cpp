#include "engine/import_pdf.hpp"

#include <map>
#include <vector>

#include "data/answer_set_builder.hpp"
#include "engine/store_import.hpp"
#include "load/answers_writer.hpp"
#include "spec/walk.hpp"

namespace bilan::engine {
namespace {

std::string where(const pdfread::FormField& f) {
  return "champ « " + f.name + " »" + (f.page > 0 ? " (page " + std::to_string(f.page) + ")" : "");
}

struct TableAnswer {
  struct Row {
    std::string id;
    const pdfread::FormField* label = nullptr;
    std::vector<std::pair<std::string, const pdfread::FormField*>> cells;  // column → field
  };
  std::string id;
  std::vector<Row> rows;
  Row& row(const std::string& row_id) {
    for (auto& r : rows)
      if (r.id == row_id) return r;
    rows.push_back({row_id, nullptr, {}});
    return rows.back();
  }
};

// A PDF answer's location: the PDF, and as its line the field's rank in
// pdf.fields (1-based), which import_pdf() turns back into the field's name
// and page in the message (« champ « x » (page 2) : … »).
SourceLoc field_loc(const SourceLoc& at, const pdfread::PdfForm& pdf, const pdfread::FormField* f) {
  SourceLoc loc = at;
  if (f) loc.line = static_cast<std::uint32_t>(f - pdf.fields.data()) + 1;
  return loc;
}

// What a PDF field's name may say of the question it names: one overload per
// question kind (spec/walk.hpp), so that a new kind is a compile error here.
enum class Question : std::uint8_t {
  None,            // no question of the form
  Answer,          // NAME: its answer (a field, a yes/no)
  Computed,        // NAME: a computed total, no answer
  TextArea,        // NAME, and NAME~K: the parts after a page break
  Choice,          // NAME, and NAME:VALUE: an « Autres » option's free text
  MultipleChoice,  // the same, and NAME.VALUE: one check box
  Table,           // NAME.ROW.COLUMN: a cell, NAME.ROW:libelle: a row's label
  Grid,            // NAME.ROW: a row's radio group, on-values the scale's steps
};

Question question(const spec::FormSpec& form, const std::string& id) {
  const spec::Node* n = form.find(id);
  if (!n) return Question::None;
  return spec::visit_question(
      *n, spec::Overloaded{
              [](const spec::Field& q) { return q.computed ? Question::Computed : Question::Answer; },
              [](const spec::TextArea&) { return Question::TextArea; },
              [](const spec::YesNo&) { return Question::Answer; },
              [](const spec::Choice& q) { return q.multiple ? Question::MultipleChoice : Question::Choice; },
              [](const spec::Table&) { return Question::Table; },
              [](const spec::Grid&) { return Question::Grid; }});
}

std::optional<data::AnswerSet> build_answers(const spec::FormSpec& form, const pdfread::PdfForm& pdf,
                                             const std::string& pdf_path, DiagnosticSink& sink) {
  const SourceLoc at{std::make_shared<const std::string>(pdf_path)};
  // In the order of the PDF's fields, which is the form's reading order.
  struct Entry {
    enum class Kind : std::uint8_t { None, Answer, Table, Signature } kind = Kind::None;
    std::string id;
  };
  std::vector<Entry> order;
  std::map<std::string, std::pair<std::string, const pdfread::FormField*>> answers;  // id → value, field
  std::map<std::string, TableAnswer> tables;
  std::map<std::string, const pdfread::FormField*> signature;
  bool errors = false;
  const auto add_answer = [&](const std::string& id, const std::string& value, const pdfread::FormField& f) {
    auto [it, fresh] = answers.try_emplace(id, value, &f);
    if (fresh) {
      order.push_back({Entry::Kind::Answer, id});
    } else if (!value.empty()) {
      // Several check boxes of one multiple choice: values one after the other.
      it->second.first += (it->second.first.empty() ? "" : ", ") + value;
      if (!it->second.second || it->second.second->value.empty()) it->second.second = &f;
    }
  };
  const auto unknown = [&](const pdfread::FormField& f) {
    sink.error(at, DiagCode::UnknownPdfField, where(f) + " : le formulaire « " + form.id + " » n’a pas ce champ");
    errors = true;
  };
  // NAME~K: part K of a text area that runs over a page break (compose.cpp,
  // split_page_parts): joined to NAME's text in the order of K, with a line break.
  std::map<std::string, std::map<int, const pdfread::FormField*>> later_parts;
  for (const auto& f : pdf.fields) {
    const std::string& name = f.name;
    if (const auto tilde = name.rfind('~'); tilde != std::string::npos) {
      const std::string base = name.substr(0, tilde), digits = name.substr(tilde + 1);
      const bool number = !digits.empty() && digits.size() <= 4 && digits[0] != '0' &&
                          digits.find_first_not_of("0123456789") == std::string::npos;
      if (question(form, base) != Question::TextArea || !number || digits == "1" ||
          !later_parts[base].emplace(std::stoi(digits), &f).second)
        unknown(f);
      continue;
    }
    if (name.starts_with("signature.")) {
      const std::string part = name.substr(10);
      if (part != "name" && part != "role" && part != "place" && part != "date") {
        unknown(f);
        continue;
      }
      if (signature.empty()) order.push_back({Entry::Kind::Signature, {}});
      signature[part] = &f;
      continue;
    }
    if (const auto colon = name.rfind(':'); colon != std::string::npos) {
      const std::string base = name.substr(0, colon), suffix = name.substr(colon + 1);
      const auto dot = base.find('.');
      if (dot == std::string::npos) {
        // CHOICE:VALUE — the free text of an « Autres » option, answer CHOICE.VALUE.
        if (const Question q = question(form, base); q != Question::Choice && q != Question::MultipleChoice) {
          unknown(f);
          continue;
        }
        add_answer(base + "." + suffix, f.value, f);
        continue;
      }
      // TABLE.ROW:libelle — the label of a row written by the person who answers.
      const std::string table = base.substr(0, dot);
      if (question(form, table) != Question::Table || suffix != "libelle") {
        unknown(f);
        continue;
      }
      auto [it, fresh] = tables.try_emplace(table);
      if (fresh) {
        it->second.id = table;
        order.push_back({Entry::Kind::Table, table});
      }
      it->second.row(base.substr(dot + 1)).label = &f;
      continue;
    }
    if (const Question q = question(form, name); q != Question::None && q != Question::Table) {
      // A computed total is no answer: the reader's calculation shows it,
      // bilan computes it again from the fields it reads.
      if (q == Question::Computed) continue;
      add_answer(name, f.value, f);
      continue;
    }
    const auto dot = name.find('.');
    const std::string head_id = dot == std::string::npos ? std::string() : name.substr(0, dot);
    const Question head = dot == std::string::npos ? Question::None : question(form, head_id);
    if (head == Question::MultipleChoice) {
      add_answer(head_id, f.value, f);  // CHOICE.VALUE: a check box, on-value VALUE
      continue;
    }
    if (head == Question::Grid && form.find_as<spec::Grid>(head_id)->find_row(name.substr(dot + 1))) {
      add_answer(name, f.value, f);  // GRID.ROW: answer GRID.ROW, the chosen step
      continue;
    }
    const auto dot2 = dot == std::string::npos ? std::string::npos : name.find('.', dot + 1);
    if (head == Question::Table && dot2 != std::string::npos) {
      auto [it, fresh] = tables.try_emplace(head_id);
      if (fresh) {
        it->second.id = head_id;
        order.push_back({Entry::Kind::Table, head_id});
      }
      it->second.row(name.substr(dot + 1, dot2 - dot - 1)).cells.emplace_back(name.substr(dot2 + 1), &f);
      continue;
    }
    unknown(f);
  }
  for (const auto& [base, parts] : later_parts) {
    auto it = answers.find(base);
    if (it == answers.end()) {
      unknown(*parts.begin()->second);  // a part without the field it continues
      continue;
    }
    auto& [value, field] = it->second;
    for (const auto& [k, part] : parts) {
      if (part->value.empty()) continue;
      value += (value.empty() ? "" : "\n") + part->value;
      if (!field || field->value.empty()) field = part;
    }
  }
  if (errors) return std::nullopt;

  // Empty fields are no answer; in the order of the PDF's fields.
  data::AnswerSetBuilder b(pdf_path, at, sink);
  const auto loc = [&](const pdfread::FormField* f) { return field_loc(at, pdf, f); };
  b.form(form.id, at);
  if (!pdf.department.empty()) b.department(pdf.department, at);
  if (!pdf.action.empty()) b.action(pdf.action, at);
  for (const auto& e : order) {
    if (e.kind == Entry::Kind::Answer) {
      const auto& [value, field] = answers.at(e.id);
      if (!value.empty()) b.answer(e.id, value, loc(field));
    } else if (e.kind == Entry::Kind::Table) {
      const TableAnswer& t = tables.at(e.id);
      bool table_made = false;
      for (const auto& r : t.rows) {
        const pdfread::FormField* first = r.label && !r.label->value.empty() ? r.label : nullptr;
        for (const auto& [column, field] : r.cells)
          if (!first && !field->value.empty()) first = field;
        if (!first) continue;  // nothing written in the row
        if (!table_made) b.table(t.id, loc(first));
        table_made = true;
        b.row(t.id, r.id, loc(first));
        if (r.label && !r.label->value.empty()) b.row_label(t.id, r.id, r.label->value, loc(r.label));
        for (const auto& [column, field] : r.cells)
          if (!field->value.empty()) b.cell(t.id, r.id, column, field->value, loc(field));
      }
    } else if (e.kind == Entry::Kind::Signature) {
      for (const char* part : {"name", "role", "place", "date"}) {
        const auto it = signature.find(part);
        if (it != signature.end() && !it->second->value.empty()) b.signature(part, it->second->value, loc(it->second));
      }
    }
  }
  return b.take();
}

}  // namespace

std::optional<std::string> form_to_answers(const spec::FormSpec& form, const pdfread::PdfForm& pdf, const std::string& pdf_path,
                                           DiagnosticSink& sink) {
  auto built = build_answers(form, pdf, pdf_path, sink);
  if (!built) return std::nullopt;
  return load::write_answers(*built, load::AnswerLayout::RowsOnOneLine);
}

std::optional<ImportedPdf> import_pdf(Renderer& renderer, const std::string& pdf_path, const ImportPdfOptions& options,
                                      DiagnosticSink& sink) {
  const SourceLoc at{std::make_shared<const std::string>(pdf_path)};
  std::string bytes, error;
  if (!try_read_input(renderer.catalog().env(), pdf_path, bytes, sink)) return std::nullopt;
  pdfread::PdfForm pdf;
  if (!pdfread::try_read_form(bytes, {}, pdf, error)) {
    sink.error(at, DiagCode::BadPdf, error);
    return std::nullopt;
  }
  bytes.clear();
  return import_pdf_form(renderer, pdf, pdf_path, options, sink);
}

std::optional<ImportedPdf> import_pdf_form(Renderer& renderer, const pdfread::PdfForm& pdf, const std::string& pdf_path,
                                           const ImportPdfOptions& options, DiagnosticSink& sink) {
  const SourceLoc at{std::make_shared<const std::string>(pdf_path)};
  if (!pdf.ours) {
    sink.error(at, DiagCode::NotAFillableBilan,
               "ce PDF n’est pas un bilan à remplir produit par bilan (bilan blank --fillable) : il ne dit pas de quel "
               "formulaire sont ses champs");
    return std::nullopt;
  }
  DiagnosticSink layout_sink;
  const spec::FormSpec* form = renderer.catalog().form(pdf.form, layout_sink);
  if (!form) {
    sink.error(at, DiagCode::UnknownForm, "ce PDF est un bilan du formulaire « " + pdf.form + " », que les layouts ne connaissent pas");
    return std::nullopt;
  }
  if (form->version != pdf.version) {
    sink.error(at, DiagCode::FormVersion,
               "ce PDF a été produit pour la version " + std::to_string(pdf.version) + " du formulaire « " + form->id +
                   " » ; les layouts en ont la version " + std::to_string(form->version) +
                   " : faites remplir un formulaire à jour (bilan blank " + form->id + " --fillable)");
    return std::nullopt;
  }
  auto built = build_answers(*form, pdf, pdf_path, sink);
  if (!built) return std::nullopt;

  // Checked like any answer file (composing too: a character no font has),
  // without reading the file it makes: a message about an answer names the
  // PDF field it came from, not a place in a file nobody has seen.
  DiagnosticSink check;
  FillOptions fill;
  fill.partial = options.partial;
  ImportedPdf out;
  out.built = *built;
  WrittenAnswers written = write_built(std::move(*built), load::AnswerLayout::RowsOnOneLine, renderer.catalog().env().limits(), check);
  if (written.answers) renderer.compose_fill_answers(std::move(*written.answers), fill, check);
  for (Diagnostic d : check.items()) {
    const pdfread::FormField* field = nullptr;
    if (d.loc.known() && d.loc.file_name() == pdf_path && d.loc.line > 0) {
      if (d.loc.line <= pdf.fields.size()) field = &pdf.fields[d.loc.line - 1];
      d.loc = at;
    }
    if (!field && !d.field.empty())
      for (const auto& f : pdf.fields)
        if (f.name == d.field || f.name.starts_with(d.field + ".") || f.name.starts_with(d.field + ":")) {
          field = &f;
          break;
        }
    if (field) {
      // When the message names its field already (« champ « x » : … »), only
      // the page is added; otherwise the PDF field and its page.
      const std::string page = field->page > 0 ? "page " + std::to_string(field->page) : std::string();
      if (!d.names_field) d.message = where(*field) + " : " + d.message;
      else if (!page.empty()) d.message = page + ", " + d.message;
    }
    sink.report(std::move(d));
  }
  if (sink.has_errors()) return std::nullopt;
  out.xml = std::move(written.bytes);
  return out;
}

}  // namespace bilan::engine

#include "engine/import_pdf.hpp"

#include <map>
#include <vector>

#include "core/xml_text.hpp"

namespace bilan::engine {
namespace {

// In an attribute a line break would be read as a space: keep it as a reference.
std::string escape_attribute(std::string_view s) {
  std::string out;
  for (const char c : xml_escaped(s)) {
    if (c == '\n') out += "&#10;";
    else out += c;
  }
  return out;
}

std::string where(const pdfread::FormField& f) {
  return "champ « " + f.name + " »" + (f.page > 0 ? " (page " + std::to_string(f.page) + ")" : "");
}

// The answer file, written line by line; each line remembers the PDF field it
// came from, so that messages about it can name the field and its page.
class AnswersWriter {
 public:
  void line(const std::string& text, const pdfread::FormField* field) {
    std::size_t breaks = 1;
    for (const char c : text) breaks += c == '\n';
    for (std::size_t i = 0; i < breaks; ++i) origin_.push_back(field);
    xml_ += text + "\n";
  }
  const std::string& xml() const { return xml_; }
  // The field written on 1-based line `n`, or null.
  const pdfread::FormField* at(std::uint32_t n) const { return n >= 1 && n <= origin_.size() ? origin_[n - 1] : nullptr; }

 private:
  std::string xml_;
  std::vector<const pdfread::FormField*> origin_;
};

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

std::optional<AnswersWriter> build_answers(const spec::FormSpec& form, const pdfread::PdfForm& pdf, const std::string& pdf_path,
                                          DiagnosticSink& sink) {
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
      const spec::Node* n = form.find(base);
      const bool number = !digits.empty() && digits.size() <= 4 && digits[0] != '0' &&
                          digits.find_first_not_of("0123456789") == std::string::npos;
      if (!n || n->kind != spec::NodeKind::TextArea || !number || digits == "1" ||
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
        const spec::Node* n = form.find(base);
        if (!n || n->kind != spec::NodeKind::Choice) {
          unknown(f);
          continue;
        }
        add_answer(base + "." + suffix, f.value, f);
        continue;
      }
      // TABLE.ROW:libelle — the label of a row written by the person who answers.
      const spec::Node* t = form.find(base.substr(0, dot));
      if (!t || t->kind != spec::NodeKind::Table || suffix != "libelle") {
        unknown(f);
        continue;
      }
      auto [it, fresh] = tables.try_emplace(t->id);
      if (fresh) {
        it->second.id = t->id;
        order.push_back({Entry::Kind::Table, t->id});
      }
      it->second.row(base.substr(dot + 1)).label = &f;
      continue;
    }
    if (const spec::Node* n = form.find(name); n && n->kind != spec::NodeKind::Table) {
      // A computed total is no answer: the reader's calculation shows it,
      // bilan computes it again from the fields it reads.
      if (n->computed) continue;
      add_answer(name, f.value, f);
      continue;
    }
    const auto dot = name.find('.');
    const spec::Node* head = dot == std::string::npos ? nullptr : form.find(name.substr(0, dot));
    if (head && head->kind == spec::NodeKind::Choice && head->multiple) {
      add_answer(head->id, f.value, f);  // CHOICE.VALUE: a check box, on-value VALUE
      continue;
    }
    const auto dot2 = dot == std::string::npos ? std::string::npos : name.find('.', dot + 1);
    if (head && head->kind == spec::NodeKind::Table && dot2 != std::string::npos) {
      auto [it, fresh] = tables.try_emplace(head->id);
      if (fresh) {
        it->second.id = head->id;
        order.push_back({Entry::Kind::Table, head->id});
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

  AnswersWriter w;
  w.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", nullptr);
  std::string root = "<bilan form=\"" + escape_attribute(form.id) + "\"";
  if (!pdf.department.empty()) root += " department=\"" + escape_attribute(pdf.department) + "\"";
  if (!pdf.action.empty()) root += " action=\"" + escape_attribute(pdf.action) + "\"";
  w.line(root + ">", nullptr);
  for (const auto& e : order) {
    if (e.kind == Entry::Kind::Answer) {
      const auto& [value, field] = answers.at(e.id);
      if (value.empty()) continue;
      w.line("  <answer field=\"" + escape_attribute(e.id) + "\">" + xml_escaped(value) + "</answer>", field);
    } else if (e.kind == Entry::Kind::Table) {
      const TableAnswer& t = tables.at(e.id);
      std::vector<std::pair<std::string, const pdfread::FormField*>> rows;
      for (const auto& r : t.rows) {
        std::string row = "<row id=\"" + escape_attribute(r.id) + "\"";
        const pdfread::FormField* first = nullptr;
        if (r.label && !r.label->value.empty()) {
          row += " label=\"" + escape_attribute(r.label->value) + "\"";
          first = r.label;
        }
        row += ">";
        bool any = first != nullptr;
        for (const auto& [column, field] : r.cells) {
          if (field->value.empty()) continue;
          row += "<cell column=\"" + escape_attribute(column) + "\">" + xml_escaped(field->value) + "</cell>";
          if (!first) first = field;
          any = true;
        }
        if (any) rows.emplace_back(row + "</row>", first);
      }
      if (rows.empty()) continue;
      w.line("  <table field=\"" + escape_attribute(t.id) + "\">", rows.front().second);
      for (const auto& [row, field] : rows) w.line("    " + row, field);
      w.line("  </table>", rows.back().second);
    } else if (e.kind == Entry::Kind::Signature) {
      std::string s = "  <signature";
      const pdfread::FormField* first = nullptr;
      for (const char* part : {"name", "role", "place", "date"}) {
        const auto it = signature.find(part);
        if (it == signature.end() || it->second->value.empty()) continue;
        s += std::string(" ") + part + "=\"" + escape_attribute(it->second->value) + "\"";
        if (!first) first = it->second;
      }
      if (first) w.line(s + "/>", first);
    }
  }
  w.line("</bilan>", nullptr);
  return w;
}

}  // namespace

std::optional<std::string> form_to_answers(const spec::FormSpec& form, const pdfread::PdfForm& pdf, const std::string& pdf_path,
                                           DiagnosticSink& sink) {
  auto w = build_answers(form, pdf, pdf_path, sink);
  if (!w) return std::nullopt;
  return w->xml();
}

std::optional<std::string> import_pdf(Renderer& renderer, const std::string& pdf_path, const ImportPdfOptions& options,
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
  auto answers = build_answers(*form, pdf, pdf_path, sink);
  if (!answers) return std::nullopt;

  // Checked like any answer file (composing too: a character no font has); a
  // message about a line of it names the PDF field written there, not a
  // place in a file nobody has seen.
  DiagnosticSink check;
  FillOptions fill;
  fill.partial = options.partial;
  renderer.compose_fill_bytes(pdf_path, answers->xml(), fill, check);
  for (Diagnostic d : check.items()) {
    const pdfread::FormField* field = nullptr;
    if (d.loc.known() && d.loc.file_name() == pdf_path && d.loc.line > 0) {
      field = answers->at(d.loc.line);
      d.loc = at;
    }
    if (!field && !d.field.empty())
      for (const auto& f : pdf.fields)
        if (f.name == d.field || f.name.starts_with(d.field + ".") || f.name.starts_with(d.field + ":")) {
          field = &f;
          break;
        }
    if (field) {
      // The message names the field already (« champ « x » : … »): add its page.
      const bool named = d.message.find("« " + field->name + " »") != std::string::npos ||
                         (!d.field.empty() && d.message.find("« " + d.field + " »") != std::string::npos);
      const std::string page = field->page > 0 ? "page " + std::to_string(field->page) : std::string();
      if (!named) d.message = where(*field) + " : " + d.message;
      else if (!page.empty()) d.message = page + ", " + d.message;
    }
    sink.report(std::move(d));
  }
  if (sink.has_errors()) return std::nullopt;
  return answers->xml();
}

}  // namespace bilan::engine

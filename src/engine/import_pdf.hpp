// engine/import_pdf — a fillable bilan (`bilan blank --fillable`) filled in a
// PDF reader comes back: its field values, read with pdfread, become an
// answer file, checked like any other (messages name the PDF field and its
// page). A PDF that is not one of ours, or of another version of the form, is
// refused. docs/fillable.md.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "data/answer_set.hpp"
#include "engine/renderer.hpp"
#include "pdfread/pdf_reader.hpp"

namespace bilan::engine {

struct ImportPdfOptions {
  // The answers need not be complete (FillOptions::partial).
  bool partial = false;
};

// What the filled fields make, checked.
struct ImportedPdf {
  std::string xml;        // the answer file (load::write_answers, AnswerLayout::RowsOnOneLine)
  data::AnswerSet built;  // the answers as read (data::AnswerSetBuilder), for prepare_import()
};

// The answers of a filled PDF, or nullopt with diagnostics.
std::optional<ImportedPdf> import_pdf(Renderer& renderer, const std::string& pdf_path, const ImportPdfOptions& options,
                                      DiagnosticSink& sink);

// The same for a form already read from `pdf_path`. Exposed for tests.
std::optional<ImportedPdf> import_pdf_form(Renderer& renderer, const pdfread::PdfForm& pdf, const std::string& pdf_path,
                                           const ImportPdfOptions& options, DiagnosticSink& sink);

// The answer file's text for fields already read (no validation); `sink`
// gets an error for each field the form does not know. Exposed for tests.
std::optional<std::string> form_to_answers(const spec::FormSpec& form, const pdfread::PdfForm& pdf, const std::string& pdf_path,
                                           DiagnosticSink& sink);

}  // namespace bilan::engine

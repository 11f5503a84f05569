// engine/import_pdf — a fillable bilan (`bilan blank --fillable`) filled in a
// PDF reader comes back: its field values, read with pdfread, become an
// answer file, checked like any other (messages name the PDF field and its
// page). A PDF that is not one of ours, or of another version of the form, is
// refused. docs/fillable.md.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "engine/renderer.hpp"
#include "pdfread/pdf_reader.hpp"

namespace bilan::engine {

struct ImportPdfOptions {
  // The answers need not be complete (FillOptions::partial).
  bool partial = false;
};

// The answer file the filled fields make, or nullopt with diagnostics.
std::optional<std::string> import_pdf(Renderer& renderer, const std::string& pdf_path, const ImportPdfOptions& options,
                                      DiagnosticSink& sink);

// The same for a form already read from `pdf_path`. Exposed for tests.
std::optional<std::string> import_pdf_form(Renderer& renderer, const pdfread::PdfForm& pdf, const std::string& pdf_path,
                                           const ImportPdfOptions& options, DiagnosticSink& sink);

// The answer file's text for fields already read (no validation); `sink`
// gets an error for each field the form does not know. Exposed for tests.
std::optional<std::string> form_to_answers(const spec::FormSpec& form, const pdfread::PdfForm& pdf, const std::string& pdf_path,
                                           DiagnosticSink& sink);

}  // namespace bilan::engine

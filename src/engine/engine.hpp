// engine/engine — the library's front door for one thread: a Catalog (loaded
// on first use) and one Renderer over it. Batches share one Catalog between
// several Renderers instead (engine/catalog.hpp, engine/renderer.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compose/paged_document.hpp"
#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "engine/catalog.hpp"
#include "engine/renderer.hpp"

namespace bilan::engine {

// The form id an answer file names; empty when it names none or is not
// well-formed XML. What a one-document run needs loaded (Engine's only_forms).
std::string answers_form(std::string_view answer_bytes);

class Engine {
 public:
  // `layout_files`: layout paths given by the user, usable as FORM beside the ids;
  // `only_forms`: the form ids the run needs, when it knows (Catalog::load).
  explicit Engine(const Environment& env, std::vector<std::string> layout_files = {},
                  std::vector<std::string> only_forms = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Catalog& catalog();
  Renderer& renderer();

  // The form named by id or path; nullptr (with diagnostics) when unusable.
  const spec::FormSpec* form(const std::string& form_or_path, DiagnosticSink& sink) { return catalog().form(form_or_path, sink); }
  std::vector<std::string> form_ids() { return catalog().form_ids(); }
  // layouts/departments.xml; nullptr when there is none (or it is invalid: then `sink` says why).
  const spec::DepartmentRegistry* departments(DiagnosticSink& sink) { return catalog().departments(sink); }

  // Composed pages (for PDF or trace); nullopt when the inputs have errors.
  std::optional<compose::PagedDocument> compose_blank(const std::string& form, const BlankOptions& options,
                                                      DiagnosticSink& sink);
  std::optional<compose::PagedDocument> compose_fill(const std::string& answers_path, const FillOptions& options,
                                                     DiagnosticSink& sink);
  std::optional<compose::PagedDocument> compose_fill_bytes(const std::string& path, std::string bytes,
                                                           const FillOptions& options, DiagnosticSink& sink);

  // PDF bytes; nullopt when the inputs have errors (see sink).
  std::optional<std::string> blank(const std::string& form, const BlankOptions& options, DiagnosticSink& sink) {
    return renderer().blank(form, options, sink);
  }
  std::optional<std::string> fill(const std::string& answers_path, const FillOptions& options, DiagnosticSink& sink) {
    return renderer().fill(answers_path, options, sink);
  }
  bool check(const std::string& answers_path, DiagnosticSink& sink) { return renderer().check(answers_path, sink); }
  std::string to_pdf(const compose::PagedDocument& doc);

 private:
  const Environment& env_;
  std::vector<std::string> layout_files_;
  std::vector<std::string> only_forms_;
  std::unique_ptr<const Catalog> catalog_;
  std::unique_ptr<Renderer> renderer_;
};

}  // namespace bilan::engine

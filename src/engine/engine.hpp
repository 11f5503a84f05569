// engine/engine — the library's front door: blank, fill, check. Loads each
// layout once and the fonts once per Engine, so a batch pays them once; every
// document then runs load answers → bind → compose → render.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compose/paged_document.hpp"
#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "spec/department.hpp"
#include "spec/form_spec.hpp"

namespace bilan::render {
class PdfBackend;
}
namespace bilan::data {
struct BindOptions;
}

namespace bilan::engine {

struct BlankOptions {
  std::string department;  // code, or empty for a form without department
};

struct FillOptions {
  bool strict = false;  // warnings count as errors
};

class Engine {
 public:
  explicit Engine(const Environment& env);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The form named by id or path, loaded once; nullptr (with diagnostics) when unusable.
  const spec::FormSpec* form(const std::string& form_or_path, DiagnosticSink& sink);
  std::vector<std::string> form_ids() const;
  // layouts/departments.xml, loaded once; nullptr when there is none (or it is
  // invalid: then `sink` says why).
  const spec::DepartmentRegistry* departments(DiagnosticSink& sink);

  // Composed pages (for PDF or trace); nullopt when the inputs have errors.
  std::optional<compose::PagedDocument> compose_blank(const std::string& form, const BlankOptions& options,
                                                      DiagnosticSink& sink);
  std::optional<compose::PagedDocument> compose_fill(const std::string& answers_path, const FillOptions& options,
                                                     DiagnosticSink& sink);
  // Same, for answer bytes already in memory (`path` names them in messages).
  std::optional<compose::PagedDocument> compose_fill_bytes(const std::string& path, std::string bytes,
                                                           const FillOptions& options, DiagnosticSink& sink);

  // PDF bytes; nullopt when the inputs have errors (see sink).
  std::optional<std::string> blank(const std::string& form, const BlankOptions& options, DiagnosticSink& sink);
  std::optional<std::string> fill(const std::string& answers_path, const FillOptions& options, DiagnosticSink& sink);
  // Diagnostics only; true when there is no error.
  bool check(const std::string& answers_path, DiagnosticSink& sink);

  std::string to_pdf(const compose::PagedDocument& doc);

 private:
  render::PdfBackend& backend();

  data::BindOptions bind_options(const std::string& department, DiagnosticSink& sink);
  std::string sole_department(const spec::FormSpec& form, DiagnosticSink& sink);
  void hint_other_forms(const spec::FormSpec& form, const DiagnosticSink& in, DiagnosticSink& out);

  const Environment& env_;
  std::unique_ptr<render::PdfBackend> backend_;
  std::optional<std::optional<spec::DepartmentRegistry>> departments_;  // outer: loaded yet?
  std::map<std::string, std::unique_ptr<spec::FormSpec>> forms_;
};

}  // namespace bilan::engine

#include "engine/engine.hpp"

#include "load/answers_loader.hpp"

namespace bilan::engine {

std::string answers_form(std::string_view answer_bytes) { return load::peek_answers_form(answer_bytes); }

Engine::Engine(const Environment& env, std::vector<std::string> layout_files, std::vector<std::string> only_forms)
    : env_(env), layout_files_(std::move(layout_files)), only_forms_(std::move(only_forms)) {}
Engine::~Engine() = default;

const Catalog& Engine::catalog() {
  if (!catalog_) catalog_ = Catalog::load(env_, layout_files_, only_forms_);
  return *catalog_;
}

Renderer& Engine::renderer() {
  if (!renderer_) renderer_ = std::make_unique<Renderer>(catalog());
  return *renderer_;
}

namespace {
std::optional<compose::PagedDocument> pages(std::optional<Composed> c) {
  if (!c) return std::nullopt;
  return std::move(c->doc);
}
}  // namespace

std::optional<compose::PagedDocument> Engine::compose_blank(const std::string& form, const BlankOptions& options,
                                                            DiagnosticSink& sink) {
  return pages(renderer().compose_blank(form, options, sink));
}

std::optional<compose::PagedDocument> Engine::compose_fill(const std::string& answers_path, const FillOptions& options,
                                                           DiagnosticSink& sink) {
  return pages(renderer().compose_fill(answers_path, options, sink));
}

std::optional<compose::PagedDocument> Engine::compose_fill_bytes(const std::string& path, std::string bytes,
                                                                 const FillOptions& options, DiagnosticSink& sink) {
  return pages(renderer().compose_fill_bytes(path, std::move(bytes), options, sink));
}

std::string Engine::to_pdf(const compose::PagedDocument& doc) { return renderer().to_pdf(doc); }

}  // namespace bilan::engine

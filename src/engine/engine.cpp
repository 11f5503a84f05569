#include "engine/engine.hpp"

#include "compose/blocks.hpp"
#include "compose/compose.hpp"
#include "core/error.hpp"
#include "data/bind.hpp"
#include "load/answers_loader.hpp"
#include "load/departments_loader.hpp"
#include "load/layout_loader.hpp"
#include "render/font_manifest.hpp"
#include "render/pdf/pdf_backend.hpp"
#include "text/format.hpp"

namespace bilan::engine {

Engine::Engine(const Environment& env) : env_(env) {}
Engine::~Engine() = default;

render::PdfBackend& Engine::backend() {
  if (!backend_)
    backend_ = std::make_unique<render::PdfBackend>(render::must_load_font_manifest(env_, env_.font_manifest_path()));
  return *backend_;
}

const spec::DepartmentRegistry* Engine::departments(DiagnosticSink& sink) {
  if (!departments_) {
    const std::string path = load::find_departments(env_);
    departments_.emplace(path.empty() ? std::nullopt : load::load_departments(env_, path, sink));
  }
  return departments_->has_value() ? &**departments_ : nullptr;
}

data::BindOptions Engine::bind_options(const std::string& department, DiagnosticSink& sink) {
  data::BindOptions options;
  options.department = department;
  options.registry = departments(sink);
  options.format_date = [](const CivilDate& d) { return text::format_date_long(d.year, d.month, d.day); };
  options.format_value = [](const data::Value& v) { return compose::format_value(v); };
  return options;
}

const spec::FormSpec* Engine::form(const std::string& form_or_path, DiagnosticSink& sink) {
  if (auto it = forms_.find(form_or_path); it != forms_.end()) return it->second.get();
  const std::string path = load::find_layout(env_, form_or_path);
  if (path.empty()) {
    std::string known;
    for (const auto& id : form_ids()) known += (known.empty() ? "" : ", ") + id;
    sink.error({}, "unknown-form", "formulaire inconnu « " + form_or_path + " »" +
                                       (known.empty() ? "" : " ; formulaires connus : " + known));
    return nullptr;
  }
  auto spec = load::load_layout(env_, path, sink, departments(sink));
  if (!spec) return nullptr;
  auto owned = std::make_unique<spec::FormSpec>(std::move(*spec));  // moving keeps the index valid
  const spec::FormSpec* result = owned.get();
  forms_.emplace(form_or_path, std::move(owned));
  return result;
}

std::vector<std::string> Engine::form_ids() const { return load::list_forms(env_); }

std::optional<compose::PagedDocument> Engine::compose_blank(const std::string& form_name, const BlankOptions& options,
                                                            DiagnosticSink& sink) {
  const spec::FormSpec* spec = form(form_name, sink);
  if (!spec) return std::nullopt;
  const std::string department = options.department.empty() ? sole_department(*spec, sink) : options.department;
  const data::BoundForm bound = data::bind(*spec, nullptr, bind_options(department, sink), sink);
  if (sink.has_errors()) return std::nullopt;
  return compose::compose(bound, backend(), sink);
}

// A form only one department uses (Lot-et-Garonne's) is that department's form,
// with its own parts, even when nobody says which department it is for.
std::string Engine::sole_department(const spec::FormSpec& form, DiagnosticSink& sink) {
  const spec::DepartmentRegistry* reg = departments(sink);
  if (!reg) return {};
  const spec::Department* only = nullptr;
  for (const auto& d : reg->departments) {
    if (!d.uses(form.id)) continue;
    if (only) return {};
    only = &d;
  }
  return only ? only->code : std::string();
}

std::optional<compose::PagedDocument> Engine::compose_fill_bytes(const std::string& path, std::string bytes,
                                                                 const FillOptions& options, DiagnosticSink& sink) {
  auto answers = load::parse_answers(env_, path, std::move(bytes), sink);
  if (!answers) return std::nullopt;
  if (answers->form.empty()) return std::nullopt;
  DiagnosticSink layout_sink;
  const spec::FormSpec* spec = form(answers->form, layout_sink);
  if (!spec) {
    // Point at the form attribute: that is what the user can change.
    for (auto d : layout_sink.items()) {
      if (!d.loc.known()) d.loc = answers->form_loc;
      sink.report(std::move(d));
    }
    return std::nullopt;
  }
  if (answers->department.empty()) answers->department = sole_department(*spec, sink);
  DiagnosticSink bind_sink;
  const data::BoundForm bound = data::bind(*spec, &*answers, bind_options({}, sink), bind_sink);
  hint_other_forms(*spec, bind_sink, sink);
  if (sink.has_errors() || (options.strict && sink.warning_count() > 0)) return std::nullopt;
  auto doc = compose::compose(bound, backend(), sink);
  if (options.strict && sink.warning_count() > 0) return std::nullopt;
  return doc;
}

// Unknown fields that another form knows: the file may have been written for
// that form (a 2021/22 bilan named as a 2024/25 one). Say so on each of them.
void Engine::hint_other_forms(const spec::FormSpec& form, const DiagnosticSink& in, DiagnosticSink& out) {
  std::vector<const spec::FormSpec*> others;
  bool loaded = false;
  for (Diagnostic d : in.items()) {
    if (d.code == "unknown-field" && !d.field.empty()) {
      if (!loaded) {
        loaded = true;
        for (const auto& id : form_ids()) {
          if (id == form.id) continue;
          DiagnosticSink ignored;
          if (const spec::FormSpec* other = this->form(id, ignored)) others.push_back(other);
        }
      }
      for (const auto* other : others)
        if (other->find(d.field)) {
          d.message = "champ inconnu « " + d.field + " » : c’est un champ du formulaire « " + other->id + " », pas de « " +
                      form.id + " » (vérifiez l’attribut form de <bilan>)";
          break;
        }
    }
    out.report(std::move(d));
  }
}

std::optional<compose::PagedDocument> Engine::compose_fill(const std::string& answers_path, const FillOptions& options,
                                                           DiagnosticSink& sink) {
  std::string bytes, error;
  if (!env_.try_read_file(answers_path, bytes, error)) {
    sink.error(SourceLoc{std::make_shared<const std::string>(answers_path)}, "unreadable-file", "lecture impossible : " + error);
    return std::nullopt;
  }
  return compose_fill_bytes(answers_path, std::move(bytes), options, sink);
}

std::string Engine::to_pdf(const compose::PagedDocument& doc) { return backend().write(doc); }

std::optional<std::string> Engine::blank(const std::string& form_name, const BlankOptions& options, DiagnosticSink& sink) {
  auto doc = compose_blank(form_name, options, sink);
  if (!doc) return std::nullopt;
  return to_pdf(*doc);
}

std::optional<std::string> Engine::fill(const std::string& answers_path, const FillOptions& options, DiagnosticSink& sink) {
  auto doc = compose_fill(answers_path, options, sink);
  if (!doc) return std::nullopt;
  return to_pdf(*doc);
}

bool Engine::check(const std::string& answers_path, DiagnosticSink& sink) {
  // Composing too finds what only typesetting can see (characters no font has).
  compose_fill(answers_path, {}, sink);
  return !sink.has_errors();
}

}  // namespace bilan::engine

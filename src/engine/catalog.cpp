#include "engine/catalog.hpp"

#include <algorithm>
#include <future>
#include <optional>

#include "core/sha256.hpp"
#include "load/departments_loader.hpp"
#include "load/layout_loader.hpp"

namespace bilan::engine {

std::unique_ptr<const Catalog> Catalog::load(const Environment& env, const std::vector<std::string>& layout_files,
                                             const std::vector<std::string>& only_forms) {
  std::unique_ptr<Catalog> c(new Catalog(env));
  // Fonts (read and hashed) and layouts (parsed) are independent: load them
  // side by side, which shortens a one-document run (the Environment only reads).
  auto fonts = std::async(std::launch::async, [&env] { return fonts::FontSet::must_load(env, env.font_manifest_path()); });

  if (const std::string path = load::find_departments(env); !path.empty()) {
    DiagnosticSink sink;
    if (auto reg = load::load_departments(env, path, sink)) c->registry_ = std::make_unique<spec::DepartmentRegistry>(std::move(*reg));
    c->registry_diagnostics_ = sink.items();
    std::string bytes, error;
    if (env.try_read_file(path, bytes, error)) c->registry_digest_ = Sha256::hex(Sha256::of(bytes));
  }

  {
    std::string error;
    if (!env.try_read_file(env.srgb_profile_path(), c->srgb_profile_, error)) c->srgb_profile_.clear();
  }
  c->form_ids_ = load::list_forms(env);
  std::sort(c->form_ids_.begin(), c->form_ids_.end());
  // Only ids of the layout folders: an id the caller read from an answer file
  // is never taken as a path.
  std::vector<std::string> names;
  for (const auto& id : c->form_ids_)
    if (only_forms.empty() || std::find(only_forms.begin(), only_forms.end(), id) != only_forms.end()) names.push_back(id);
  names.insert(names.end(), layout_files.begin(), layout_files.end());
  // The forms same-as attributes name, for their check: a form of the run as
  // it is loaded; another parsed here once, for the check only, and dropped.
  std::map<std::string, std::optional<spec::FormSpec>> same_as_targets;
  const load::FormLookup same_as_forms = [&](const std::string& id) -> const spec::FormSpec* {
    if (const auto it = c->forms_.find(id); it != c->forms_.end()) return it->second.spec.get();
    auto [it, inserted] = same_as_targets.try_emplace(id);
    if (inserted && std::find(c->form_ids_.begin(), c->form_ids_.end(), id) != c->form_ids_.end()) {
      DiagnosticSink ignored;  // said when the form itself is asked for
      it->second = load::load_same_as_target(env, load::find_layout(env, id), ignored, c->registry_.get());
    }
    return it->second ? &*it->second : nullptr;
  };
  for (const auto& name : names) {
    if (c->forms_.count(name)) continue;
    Entry entry;
    DiagnosticSink sink;
    const std::string path = load::find_layout(env, name);
    if (path.empty()) continue;  // reported as an unknown form when asked for
    if (auto spec = load::load_layout(env, path, sink, c->registry_.get(), same_as_forms))
      entry.spec = std::make_unique<spec::FormSpec>(std::move(*spec));  // moving keeps the index valid
    entry.diagnostics = sink.items();
    c->forms_.emplace(name, std::move(entry));
  }
  c->fonts_ = fonts.get();  // rethrows the fonts' IoError
  return c;
}

const spec::FormSpec* Catalog::form(const std::string& form_or_path, DiagnosticSink& sink) const {
  const auto it = forms_.find(form_or_path);
  if (it == forms_.end() && std::find(form_ids_.begin(), form_ids_.end(), form_or_path) != form_ids_.end()) {
    sink.error({}, DiagCode::FormNotLoaded, "formulaire « " + form_or_path + " » non chargé pour cette commande");
    return nullptr;
  }
  if (it == forms_.end()) {
    std::string known;
    for (const auto& id : form_ids_) known += (known.empty() ? "" : ", ") + id;
    sink.error({}, DiagCode::UnknownForm,
               "formulaire inconnu « " + form_or_path + " »" + (known.empty() ? "" : " ; formulaires connus : " + known));
    return nullptr;
  }
  for (const auto& d : it->second.diagnostics) sink.report(d);
  return it->second.spec.get();
}

const spec::DepartmentRegistry* Catalog::departments(DiagnosticSink& sink) const {
  for (const auto& d : registry_diagnostics_) sink.report(d);
  return registry_.get();
}

}  // namespace bilan::engine

// engine/catalog — what is loaded once and shared read-only by every thread:
// the forms of the layout folders (and any layout file named on the command
// line), the department registry and the fonts. Immutable after load(): no
// lazy cache, no mutable member; a form that failed to load keeps its
// diagnostics, reported whenever it is asked for.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "fonts/font_set.hpp"
#include "spec/department.hpp"
#include "spec/form_spec.hpp"

namespace bilan::engine {

class Catalog {
 public:
  // Loads everything. `layout_files` are layout paths given by the user, loaded
  // beside the forms of the layout folders and found under that same path.
  // `only_forms`, when not empty, limits the forms of the layout folders that
  // are parsed to these ids (a one-document run needs one of three: ~14 % of
  // the process); form_ids() still lists them all, and asking for a form
  // left out is an error, never an empty result.
  // Throws IoError when the fonts cannot be used (nothing can be rendered).
  static std::unique_ptr<const Catalog> load(const Environment& env, const std::vector<std::string>& layout_files = {},
                                             const std::vector<std::string>& only_forms = {});

  const Environment& env() const { return env_; }
  const fonts::FontSet& fonts() const { return *fonts_; }
  // The form named by id (or by a path given to load()); nullptr with its
  // diagnostics in `sink` when it is unknown or unusable.
  const spec::FormSpec* form(const std::string& form_or_path, DiagnosticSink& sink) const;
  // Form ids of the layout folders, sorted.
  const std::vector<std::string>& form_ids() const { return form_ids_; }
  // nullptr (with diagnostics in `sink`) when there is no usable registry.
  const spec::DepartmentRegistry* departments(DiagnosticSink& sink) const;
  // SHA-256 of the registry file (part of every render fingerprint).
  const std::string& registry_digest() const { return registry_digest_; }
  // The sRGB profile for PDF/A output intents; empty when it is not installed.
  const std::string& srgb_profile() const { return srgb_profile_; }

 private:
  explicit Catalog(const Environment& env) : env_(env) {}

  struct Entry {
    std::unique_ptr<spec::FormSpec> spec;  // null when unusable
    std::vector<Diagnostic> diagnostics;
  };

  const Environment& env_;
  std::unique_ptr<const fonts::FontSet> fonts_;
  std::unique_ptr<spec::DepartmentRegistry> registry_;
  std::vector<Diagnostic> registry_diagnostics_;
  std::string registry_digest_;
  std::string srgb_profile_;
  std::vector<std::string> form_ids_;
  std::map<std::string, Entry> forms_;  // by id, and by the paths given to load()
};

}  // namespace bilan::engine

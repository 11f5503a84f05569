// load/layout_loader — layout XML (and its includes) → spec::FormSpec.
// Entry: load_layout(). Every problem is a located diagnostic; the result is
// empty when any of them is an error.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "spec/department.hpp"
#include "spec/form_spec.hpp"

namespace bilan::load {

// The file of a form: `form_or_path` is either a path to an .xml file or a
// form id looked up as ID.xml in env.layout_dirs(). Empty when not found.
std::string find_layout(const Environment& env, const std::string& form_or_path);

// Form ids available in env.layout_dirs() (files whose root is <form>), sorted.
std::vector<std::string> list_forms(const Environment& env);

// The form of the layout folders with this id, for the check of a same-as
// attribute; nullptr when there is none or its layout is invalid.
using FormLookup = std::function<const spec::FormSpec*(const std::string& form_id)>;

// `registry`, when given, supplies the parts departments add at <department-blocks/>.
// The forms same-as attributes name are checked (load/layout/same_as.hpp):
// found by `forms` when given (a Catalog's, parsed once per process), else
// each loaded once for this call by load_same_as_target().
std::optional<spec::FormSpec> load_layout(const Environment& env, const std::string& path, DiagnosticSink& sink,
                                          const spec::DepartmentRegistry* registry = nullptr, const FormLookup& forms = {});

// A form loaded only because another's same-as names it: its own same-as
// attributes are read, not followed (two forms may name each other).
std::optional<spec::FormSpec> load_same_as_target(const Environment& env, const std::string& path, DiagnosticSink& sink,
                                                  const spec::DepartmentRegistry* registry = nullptr);

}  // namespace bilan::load

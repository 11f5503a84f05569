// load/layout_loader — layout XML (and its includes) → spec::FormSpec.
// Entry: load_layout(). Every problem is a located diagnostic; the result is
// empty when any of them is an error.
#pragma once

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

// `registry`, when given, supplies the parts departments add at <department-blocks/>.
std::optional<spec::FormSpec> load_layout(const Environment& env, const std::string& path, DiagnosticSink& sink,
                                          const spec::DepartmentRegistry* registry = nullptr);

}  // namespace bilan::load

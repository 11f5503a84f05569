// load/departments_loader — layouts/departments.xml → spec::DepartmentRegistry.
// Entry: load_departments(). Errors are located diagnostics.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "spec/department.hpp"

namespace bilan::load {

// departments.xml in the first layout folder that has one; empty when none.
std::string find_departments(const Environment& env);

std::optional<spec::DepartmentRegistry> load_departments(const Environment& env, const std::string& path,
                                                         DiagnosticSink& sink);

}  // namespace bilan::load

// spec/variables — {name} references in layout text: found at load time (to
// reject unknown names with a location) and replaced at bind time.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bilan::spec {

struct VariableRef {
  std::size_t offset = 0;  // of the opening brace
  std::string name;
};

// Finds {name} references; `{{` and `}}` are literal braces. False, with the
// offset of the culprit, when a brace is unbalanced.
bool scan_variables(std::string_view text, std::vector<VariableRef>& refs, std::size_t& error_offset);

// Replaces every {name} by lookup(name); names lookup does not know are kept as written.
std::string interpolate(std::string_view text,
                        const std::function<std::optional<std::string>(std::string_view)>& lookup);

// Variables a layout may use (spec/references.hpp).
bool is_known_variable(std::string_view name);
std::vector<std::string> known_variables();

}  // namespace bilan::spec

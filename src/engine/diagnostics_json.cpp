#include "engine/diagnostics_json.hpp"

#include <nlohmann/json.hpp>

namespace bilan::engine {

namespace {

using Json = nlohmann::ordered_json;

// One value as JSON text: every escape and number is nlohmann-json's.
std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

std::string diagnostics_json(const DiagnosticSink& sink) {
  const auto items = sink.sorted();
  // The layout is the document's (a header line, a diagnostic a line), which
  // dump() has no option for: the values are dumped one by one.
  std::string out = "{\"errors\": " + dump(sink.error_count()) + ", \"warnings\": " + dump(sink.warning_count()) +
                    ", \"diagnostics\": [";
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Diagnostic& d = items[i];
    const Json object = {
        {"file", d.loc.file_name()},
        {"line", d.loc.line},
        {"column", d.loc.column},
        {"severity", d.severity == Severity::Error ? "error" : "warning"},
        {"code", d.code_text()},
        {"field", d.field},
        {"message", d.text()},
    };
    out += i ? ",\n  {" : "\n  {";
    bool first = true;
    for (const auto& [key, value] : object.items()) {
      out += (first ? "" : ", ") + dump(key) + ": " + dump(value);
      first = false;
    }
    out += "}";
  }
  out += items.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace bilan::engine

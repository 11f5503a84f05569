#include "core/diagnostic.hpp"

#include <algorithm>

namespace bilan {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "erreur";
    case Severity::Warning: return "avertissement";
    case Severity::None: break;
  }
  return "note";
}

std::string Diagnostic::to_string() const {
  std::string out = loc.to_string();
  if (!out.empty()) out += ": ";
  out += severity_name(severity);
  out += ": ";
  out += message;
  return out;
}

void DiagnosticSink::report(Diagnostic d) {
  if (d.severity == Severity::Error) ++errors_;
  items_.push_back(std::move(d));
}

void DiagnosticSink::error(SourceLoc loc, std::string code, std::string message, std::string field) {
  report({Severity::Error, std::move(loc), std::move(code), std::move(message), std::move(field)});
}

void DiagnosticSink::warning(SourceLoc loc, std::string code, std::string message, std::string field) {
  report({Severity::Warning, std::move(loc), std::move(code), std::move(message), std::move(field)});
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.loc < b.loc; });
  return out;
}

void DiagnosticSink::merge(const DiagnosticSink& other) {
  for (const auto& d : other.items_) report(d);
}

}  // namespace bilan

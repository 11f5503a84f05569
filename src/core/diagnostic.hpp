// core/diagnostic — located messages for people, collected in a sink.
// Fatal problems are exceptions (core/error.hpp); everything a user can fix in
// an input file is a Diagnostic, so that one run reports all of them at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/source_loc.hpp"

namespace bilan {

enum class Severity : std::uint8_t {
  None,  // not a diagnostic; default value only
  Warning,
  Error,
};

struct Diagnostic {
  Severity severity = Severity::None;
  SourceLoc loc;
  std::string code;     // stable machine name, e.g. "unknown-field"
  std::string message;  // French, for people
  std::string field;    // field id the message is about, if any

  // "file:line:col: erreur: message" — the format of every message on stderr.
  std::string to_string() const;
};

const char* severity_name(Severity s);  // "erreur", "avertissement"

class DiagnosticSink {
 public:
  void report(Diagnostic d);
  void error(SourceLoc loc, std::string code, std::string message, std::string field = {});
  void warning(SourceLoc loc, std::string code, std::string message, std::string field = {});

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return items_.size() - errors_; }
  bool empty() const { return items_.empty(); }
  // Sorted by file, line, column; stable for equal positions.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void merge(const DiagnosticSink& other);

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

}  // namespace bilan

// engine/extract — the answer file an archival bilan PDF carries (PDF/A-3b,
// written by `fill --pdfa` and the archive), byte for byte as submitted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"

namespace bilan::engine {

// nullopt with a located error when the file is not a PDF, cannot be read
// within the limits, or is not a bilan PDF carrying its answers.
std::optional<std::string> extract_answers(const Environment& env, const std::string& pdf_path, DiagnosticSink& sink);

// One file an archival bilan carries, as embedded.
struct ExtractedFile {
  std::string name;  // as embedded (reponses.xml first)
  std::string mime;
  std::string bytes;
};

// The answer file, then every document it attached (/AFRelationship
// /Supplement, in the order of the PDF's /EmbeddedFiles name tree:
// sorted by name): `bilan extract --all`. nullopt with a
// located error when extract_answers() would fail, or when a name is not a
// safe file name (load::is_safe_file_name) or is given twice.
std::optional<std::vector<ExtractedFile>> extract_all(const Environment& env, const std::string& pdf_path, DiagnosticSink& sink);

}  // namespace bilan::engine

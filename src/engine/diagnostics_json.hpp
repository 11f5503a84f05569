// engine/diagnostics_json — `bilan check --format json`: the diagnostics of a
// run as one JSON object, for programs (docs/cli.md).
#pragma once

#include <string>

#include "core/diagnostic.hpp"

namespace bilan::engine {

// {"errors": N, "warnings": N, "diagnostics": [
//   {"file": …, "line": …, "column": …, "severity": "error"|"warning", "code": …, "field": …, "message": …},
//   …
// ]}
// sorted by place, one diagnostic a line, "\n" at the end. Strings are
// nlohmann-json's (escapes, \uXXXX for control characters); a byte that is
// not UTF-8 (a file name from the command line) becomes U+FFFD, so that the
// output is always JSON.
std::string diagnostics_json(const DiagnosticSink& sink);

}  // namespace bilan::engine

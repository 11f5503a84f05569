// cli/archive_command — `bilan archive …` (docs/cli.md, docs/store.md): kept
// apart from main.cpp, which hands it the run's output helpers.
#pragma once

#include <functional>
#include <string>

#include "cli/args.hpp"
#include "core/diagnostic.hpp"
#include "core/environment.hpp"

namespace bilan::cli {

struct ArchiveIo {
  // Writes a file whole or not at all, never over a device or an input of the run.
  std::function<void(const std::string& path, const std::string& bytes)> write;
  // Prints diagnostics on the error output.
  std::function<void(const DiagnosticSink& sink)> print;
};

// Exit code: 0 success; 1 refused bilan, unknown version, tampering; 3 an
// environment change that stops verify from comparing; UsageError/IoError thrown.
int archive_command(const Environment& env, const Args& args, const ArchiveIo& io);

}  // namespace bilan::cli

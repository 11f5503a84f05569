// cli/archive_command — `bilan archive …` (docs/cli.md, docs/store.md): kept
// apart from main.cpp, which hands it the run's output helpers.
#pragma once

#include "cli/args.hpp"
#include "cli/command_io.hpp"
#include "core/diagnostic.hpp"
#include "core/environment.hpp"

namespace bilan::cli {

// Exit code: 0 success; 1 refused bilan, unknown version, tampering; 3 an
// environment change that stops verify from comparing; UsageError/IoError thrown.
int archive_command(const Environment& env, const Args& args, const CommandIo& io);

}  // namespace bilan::cli

// cli/import_pdf_command — `bilan import-pdf FILLED.pdf [-o ANSWERS.xml]
// [--db FILE] [--partial]`: the answers of a filled fillable bilan
// (engine/import_pdf), written as an answer file, to standard output, or
// stored as the action's answers.
#pragma once

#include "cli/args.hpp"
#include "cli/command_io.hpp"
#include "core/diagnostic.hpp"
#include "engine/engine.hpp"

namespace bilan::cli {

// Exit code: 0, 1 (diagnostics), or throws UsageError / IoError.
int import_pdf_command(engine::Engine& engine, const Args& args, const CommandIo& io);

}  // namespace bilan::cli

// cli/command_io — what main.cpp hands the commands kept in files of their
// own (archive, import-pdf): its atomic writes and its diagnostics printer.
#pragma once

#include <functional>
#include <string>

#include "core/diagnostic.hpp"

namespace bilan::cli {

struct CommandIo {
  // Writes a file whole or not at all, never over a device or an input of the run.
  std::function<void(const std::string& path, const std::string& bytes)> write;
  // Prints diagnostics on the error output.
  std::function<void(const DiagnosticSink& sink)> print;
};

}  // namespace bilan::cli

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
  // Throws IoError when `write` would refuse `path` (an input, the database,
  // a device): asked before the work, so that nothing is done in vain.
  std::function<void(const std::string& path)> check_output;
  // Throws (exit 2, « PATH: erreur: lecture impossible : fichier introuvable »)
  // when an input named on the command line cannot even be opened.
  std::function<void(const std::string& path)> require_input;
  // Prints diagnostics on the error output.
  std::function<void(const DiagnosticSink& sink)> print;
};

}  // namespace bilan::cli

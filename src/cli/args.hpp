// cli/args — command-line parsing for `bilan`: subcommand, options, operands,
// and the help texts. No work is done here.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bilan::cli {

struct Args {
  std::string command;            // list, blank, fill, check, extract, import-pdf, store, batch; empty: none given
  std::vector<std::string> operands;
  std::string output;             // -o / --output
  std::string department;         // --department
  bool all_departments = false;   // --all-departments
  std::string out_dir;            // --out DIR
  std::vector<std::string> layout_dirs;  // --layouts (repeatable)
  std::string fonts;              // --fonts MANIFEST
  std::string format = "text";    // --format text|json (check)
  std::string db = "bilan.db";    // --db FILE (store, batch, import-pdf)
  bool db_given = false;          // --db was written (import-pdf stores only then)
  unsigned jobs = 0;              // --jobs N (batch); 0: the number of cores
  bool partial = false;           // --partial (fill, batch)
  bool fillable = false;          // --fillable (blank; fill and batch with --partial)
  std::string form;               // --form ID (batch)
  std::vector<std::string> actions;  // --action ID (batch, repeatable)
  std::string by;                 // --by NAME (archive validate)
  std::string head;               // --head HASH (archive verify)
  bool strict = false;
  bool pdfa = false;              // --pdfa (fill)
  bool images_anywhere = false;  // images may leave the answer file's folder
  bool help = false;
  bool version = false;
};

// Throws UsageError with a French message on bad usage.
Args parse_args(const std::vector<std::string>& argv);

std::string general_help();
std::string command_help(const std::string& command);  // empty when unknown
std::string archive_help();  // cli/archive_command.cpp
// The long names of the options `command` accepts (--help included).
std::vector<std::string> command_options(const std::string& command);
bool is_command(const std::string& name);

}  // namespace bilan::cli

// cli/args — the command line of `bilan` on CLI11: commands and their
// sub-actions as subcommands, the options each takes, their rules (needs,
// excludes, validators, environment variables) and the help generated from
// them, in French. No work is done here.
#pragma once

#include <string>
#include <vector>

namespace bilan::cli {

struct Args {
  std::string command;            // list, blank, fill, check, extract, import-pdf, store, batch, archive, synthese; empty: none given
  std::vector<std::string> operands;  // for store and archive, the sub-action first
  std::string output;             // -o / --output
  std::string department;         // --department
  bool all_departments = false;   // --all-departments
  bool all = false;               // --all (extract: the answers and every attachment)
  std::string out_dir;            // --out DIR
  std::vector<std::string> layout_dirs;  // --layouts (repeatable)
  std::string fonts;              // --fonts MANIFEST, else $BILAN_FONTS
  std::string format = "text";    // --format text|json (check)
  std::string db = "bilan.db";    // --db FILE (store, batch, import-pdf, archive)
  bool db_given = false;          // --db was written (import-pdf stores only then)
  unsigned jobs = 0;              // --jobs N (batch), --workers N (serve); 0: the number of cores
  std::string listen = "127.0.0.1:8080";  // --listen (serve)
  bool partial = false;           // --partial (fill, batch, import-pdf)
  bool fillable = false;          // --fillable (blank; fill and batch with --partial)
  std::string form;               // --form ID (batch)
  std::vector<std::string> actions;  // --action ID (batch, repeatable; archive)
  std::string by;                 // --by NAME (archive validate)
  std::string head;               // --head HASH (archive verify)
  bool strict = false;
  bool pdfa = false;              // --pdfa (fill)
  bool archive = false;           // --archive (synthese): the latest validated archived versions
  bool images_anywhere = false;   // images may leave the answer file's folder
  bool help = false;              // --help: print help_text
  bool version = false;
  std::string help_text;          // the help of the command given (of bilan without one)
};

// Throws UsageError with a French message on bad usage.
Args parse_args(const std::vector<std::string>& argv);

bool is_command(const std::string& name);

}  // namespace bilan::cli

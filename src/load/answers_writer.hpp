// load/answers_writer — a data::AnswerSet as an answer file (docs/answers.md):
// the one writer of answer XML, used by `store import` of a CSV (the bytes
// the base keeps), `batch FILE.csv`, `import-pdf` (what it prints or writes
// with -o). Entry: write_answers().
#pragma once

#include <cstdint>
#include <string>

#include "data/answer_set.hpp"

namespace bilan::load {

// The two layouts answer files have been written in. Their bytes are kept
// (a CSV row's in the base and the archive chain, by their SHA-256; an
// imported PDF's by whoever saved them), so each keeps its own.
enum class AnswerLayout : std::uint8_t {
  // No XML declaration; one element per line, <row> opened and closed on
  // lines of their own, one <cell> per line (a CSV row).
  OnePerLine,
  // The XML declaration first; a <row> and its cells on one line (import-pdf).
  RowsOnOneLine,
};

// `set` as an answer file, in set.order (answers, tables, the signature,
// <action> in turn when it is empty). Texts are written as they are: & < > "
// as entity references, a line break in an attribute as &#10; (a raw one
// would be read back as a space). Empty department and action are left out.
// Reading the result with load_answers() gives back the same answers.
std::string write_answers(const data::AnswerSet& set, AnswerLayout layout);

}  // namespace bilan::load

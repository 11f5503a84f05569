// load/csv_reader — CSV as spreadsheets and questionnaire exports save it:
// « ; » or « , » (detected on the header row), UTF-8 with or without BOM or
// Windows-1252 (detected, converted: text/charset), CRLF, LF or CR, quoted
// cells with separators, quotes ("") and line breaks. Locations are
// spreadsheet coordinates: ROW is the record (the header is row 1), COL the
// cell (1-based), whatever line breaks quoted cells hold.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace bilan::load {

struct CsvLimits {
  std::size_t max_bytes = 64u << 20;
  std::size_t max_rows = 100000;   // header included
  std::size_t max_columns = 2000;
  std::size_t max_cell = 100000;   // bytes, after conversion
};

struct CsvTable {
  char separator = ';';
  std::string charset;  // « UTF-8 », « UTF-8 avec BOM », « Windows-1252 »
  std::vector<std::vector<std::string>> rows;  // rows[0]: the header
};

// The cell location `file:ROW:COL` (both 1-based).
SourceLoc csv_loc(const std::shared_ptr<const std::string>& file, std::size_t row, std::size_t column);

// nullopt (with errors in `sink`) when the bytes break the syntax or a limit.
// Rows shorter than the header are padded with empty cells; longer ones are an
// error. Blank lines are skipped. A Windows-1252 file gets a warning saying it
// was converted.
std::optional<CsvTable> parse_csv(const std::string& path, std::string_view bytes, DiagnosticSink& sink,
                                  const CsvLimits& limits = {});

}  // namespace bilan::load

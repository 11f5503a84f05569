// load/csv_reader — CSV as spreadsheets and questionnaire exports save it:
// « ; », « , » or a tab (detected on the header row), UTF-8 with or without
// BOM, UTF-16 LE or BE with a BOM (Excel's « texte Unicode ») or Windows-1252
// (detected, converted: text/charset), CRLF, LF or CR, quoted
// cells with separators, quotes ("") and line breaks. Locations are
// spreadsheet coordinates: ROW is the record (the header is row 1), COL the
// cell (1-based), whatever line breaks quoted cells hold.
//
// Also the one cell writer of the CSV bilan writes (bilan-batch.csv): a cell
// that a spreadsheet would take for a formula (starting with = + - @, a tab
// or a carriage return: « =HYPERLINK(…) », « =cmd|' /C calc'!A0 ») is written
// after an apostrophe, as spreadsheets expect, and the reader takes that
// apostrophe off again, so that bilan reads its own CSV back unchanged.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace bilan::load {

struct CsvLimits {
  std::size_t max_bytes = 64u << 20;  // the file, and its text once converted to UTF-8
  std::size_t max_rows = 100000;   // header included
  std::size_t max_columns = 2000;
  std::size_t max_cell = 100000;   // bytes, after conversion
};

struct CsvTable {
  char separator = ';';
  std::string charset;  // « UTF-8 », « UTF-8 avec BOM », « UTF-16 LE », « UTF-16 BE », « Windows-1252 »
  std::vector<std::vector<std::string>> rows;  // rows[0]: the header
};

// The cell location `file:ROW:COL` (both 1-based).
SourceLoc csv_loc(const std::shared_ptr<const std::string>& file, std::size_t row, std::size_t column);

// What starts every CSV file bilan writes: the UTF-8 byte order mark, without
// which French Excel reads UTF-8 as Windows-1252 (« Ã©crit » for « écrit »).
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// `text` as one cell of a CSV line separated by `separator`: after an
// apostrophe when it starts like a formula (see above) or with an apostrophe
// itself (so that the reader's taking one off gives it back), then quoted
// when it holds the separator, a quote or a line break.
std::string csv_cell(std::string_view text, char separator = ';');

// nullopt (with errors in `sink`) when the bytes break the syntax or a limit.
// Rows shorter than the header are padded with empty cells; longer ones are an
// error. Blank lines are skipped. A cell starting with an apostrophe followed
// by = + - @, a tab, a line break or another apostrophe loses that first
// apostrophe (csv_cell() put it there, or a spreadsheet did); any other
// apostrophe is kept. A Windows-1252 file gets a warning saying it
// was converted.
std::optional<CsvTable> parse_csv(const std::string& path, std::string_view bytes, DiagnosticSink& sink,
                                  const CsvLimits& limits = {});

// The same, a row at a time: `each` (when set) gets each row as soon as it is
// read, the header first, so that a file of 100,000 rows is never held as a
// table; `info` gets the charset and separator (its rows stay empty). false,
// with errors in `sink`, when the bytes break the syntax or a limit, possibly
// after some rows were handed over: read once without `each` first to know.
bool read_csv(const std::string& path, std::string_view bytes, DiagnosticSink& sink, const CsvLimits& limits, CsvTable& info,
              const std::function<void(std::vector<std::string>&& cells)>& each);

}  // namespace bilan::load

#include "load/csv_reader.hpp"

#include <algorithm>
#include <memory>

#include "text/charset.hpp"

namespace bilan::load {
namespace {

// The separator is the one the header row uses most, outside quotes: « ; »
// (French Excel), « , », or a tab (Excel's « texte Unicode », UTF-16).
char detect_separator(std::string_view text) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ';') ++semicolons;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == '\t') ++tabs;
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return commas > semicolons ? ',' : ';';
}

std::string charset_name(text::Charset charset) {
  switch (charset) {
    case text::Charset::Windows1252: return "Windows-1252";
    case text::Charset::Utf8Bom: return "UTF-8 avec BOM";
    case text::Charset::Utf16Le: return "UTF-16 LE";
    case text::Charset::Utf16Be: return "UTF-16 BE";
    default: return "UTF-8";
  }
}

// What a spreadsheet reads as the start of a formula (OWASP's list).
bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

}  // namespace

std::string csv_cell(std::string_view text, char separator) {
  std::string cell;
  if (!text.empty() && (formula_start(text[0]) || text[0] == '\'')) cell = "'";
  cell += text;
  if (cell.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string::npos) return cell;
  std::string out = "\"";
  for (const char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

SourceLoc csv_loc(const std::shared_ptr<const std::string>& file, std::size_t row, std::size_t column) {
  return SourceLoc{file, static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(column)};
}

bool read_csv(const std::string& path, std::string_view bytes, DiagnosticSink& sink, const CsvLimits& limits, CsvTable& info,
              const std::function<void(std::vector<std::string>&& cells)>& each) {
  const auto file = std::make_shared<const std::string>(path);
  if (bytes.size() > limits.max_bytes) {
    sink.error(SourceLoc{file}, DiagCode::CsvLimit,
               "fichier trop gros : " + std::to_string(bytes.size()) + " octets (au plus " + std::to_string(limits.max_bytes) + ")");
    return false;
  }
  text::Charset charset = text::Charset::None;
  std::string converted;
  const std::string_view text = text::to_utf8(bytes, charset, converted);
  info.charset = charset_name(charset);
  // The limit holds for the text as read: UTF-16 or Windows-1252 may grow by half or triple.
  if (text.size() > limits.max_bytes) {
    sink.error(SourceLoc{file}, DiagCode::CsvLimit,
               "fichier trop gros une fois converti en UTF-8 : " + std::to_string(text.size()) + " octets (au plus " +
                   std::to_string(limits.max_bytes) + ")");
    return false;
  }
  // No text has NUL bytes; UTF-16 without its BOM has one in every ASCII character.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    sink.error(SourceLoc{file}, DiagCode::CsvCharset,
               "octet nul à l’octet " + std::to_string(nul) +
                   " : ce n’est pas du texte, ou de l’UTF-16 sans BOM ; enregistrez le fichier en UTF-8 (CSV UTF-8) ou en texte Unicode");
    return false;
  }
  if (charset == text::Charset::Windows1252)
    sink.warning(SourceLoc{file}, DiagCode::CsvCharset, "fichier en Windows-1252 (pas en UTF-8) : converti en UTF-8");
  info.separator = detect_separator(text);

  std::vector<std::string> row;
  std::string cell;
  std::size_t rows = 0, width = 0;  // rows read; cells in the header
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // this cell started with a quote
  bool after_quote = false; // the closing quote was just read
  bool broken = false;
  const auto loc = [&] { return csv_loc(file, rows + 1, row.size() + 1); };
  const auto end_cell = [&] {
    // csv_cell()'s apostrophe; a quoted cell's carriage return is read as a line feed.
    if (cell.size() >= 2 && cell[0] == '\'' && (formula_start(cell[1]) || cell[1] == '\n' || cell[1] == '\'')) cell.erase(0, 1);
    row.push_back(std::move(cell));
    cell.clear();
    was_quoted = after_quote = false;
  };
  const auto end_row = [&] {
    end_cell();
    const bool blank = row.size() == 1 && row[0].empty();
    if (!blank) {
      if (rows >= limits.max_rows) {
        sink.error(csv_loc(file, rows + 1, 1), DiagCode::CsvLimit, "trop de lignes (au plus " + std::to_string(limits.max_rows) + ")");
        broken = true;
      } else if (rows == 0) {
        width = row.size();
        for (auto& h : row)  // spreadsheets pad headers with spaces
          while (!h.empty() && (h.back() == ' ' || h.front() == ' ')) h = h.back() == ' ' ? h.substr(0, h.size() - 1) : h.substr(1);
      } else if (row.size() > width) {
        sink.error(csv_loc(file, rows + 1, width + 1), DiagCode::CsvSyntax,
                   "ligne de " + std::to_string(row.size()) + " cellules pour " + std::to_string(width) + " colonnes d’en-tête");
        broken = true;
      }
      if (!broken) {
        row.resize(std::max(width, row.size()));
        ++rows;
        if (each) each(std::move(row));
      }
    }
    row.clear();
  };
  for (std::size_t i = 0; i < text.size() && !broken; ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        cell += c == '\r' ? '\n' : c;
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      }
    } else if (c == info.separator) {
      end_cell();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      continue;
    } else if (c == '"' && cell.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (after_quote) {
      sink.error(loc(), DiagCode::CsvSyntax, "caractère « " + std::string(1, c) + " » après les guillemets fermants d’une cellule");
      broken = true;
    } else {
      cell += c;
    }
    if (cell.size() > limits.max_cell) {
      sink.error(loc(), DiagCode::CsvLimit, "cellule trop longue (au plus " + std::to_string(limits.max_cell) + " octets)");
      broken = true;
    }
    if (row.size() >= limits.max_columns) {
      sink.error(loc(), DiagCode::CsvLimit, "trop de colonnes (au plus " + std::to_string(limits.max_columns) + ")");
      broken = true;
    }
  }
  if (broken) return false;
  if (quoted) {
    sink.error(loc(), DiagCode::CsvSyntax, "guillemets ouverts jamais refermés : la cellule court jusqu’à la fin du fichier");
    return false;
  }
  if (!cell.empty() || !row.empty() || was_quoted) end_row();
  if (broken) return false;
  if (rows == 0) {
    sink.error(SourceLoc{file}, DiagCode::CsvEmpty, "fichier CSV vide : il faut au moins la ligne d’en-tête");
    return false;
  }
  return true;
}

std::optional<CsvTable> parse_csv(const std::string& path, std::string_view bytes, DiagnosticSink& sink, const CsvLimits& limits) {
  CsvTable table;
  if (!read_csv(path, bytes, sink, limits, table, [&](std::vector<std::string>&& cells) { table.rows.push_back(std::move(cells)); }))
    return std::nullopt;
  return table;
}

}  // namespace bilan::load

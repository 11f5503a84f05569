// CSV as spreadsheets save it: each quirk, each limit, exact messages.
#include "load/csv_reader.hpp"

#include <gtest/gtest.h>

namespace bilan::load {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Parsed {
  std::optional<CsvTable> table;
  std::vector<std::string> diags;
};

Parsed parse(std::string_view bytes, const CsvLimits& limits = {}) {
  DiagnosticSink sink;
  Parsed p;
  p.table = parse_csv("f.csv", bytes, sink, limits);
  for (const auto& d : sink.sorted()) p.diags.push_back(d.to_string());
  return p;
}

TEST(CsvReader, SemicolonOrCommaIsDetectedOnTheHeader) {
  const auto semi = parse("a;b,c\n1;2,5\n");
  ASSERT_TRUE(semi.table);
  EXPECT_EQ(semi.table->separator, ';');
  EXPECT_EQ(semi.table->rows, (Rows{{"a", "b,c"}, {"1", "2,5"}}));  // a decimal comma stays in its cell
  const auto comma = parse("a,b,\"c;d\"\n1,\"2,5\",x\n");
  ASSERT_TRUE(comma.table);
  EXPECT_EQ(comma.table->separator, ',');
  EXPECT_EQ(comma.table->rows, (Rows{{"a", "b", "c;d"}, {"1", "2,5", "x"}}));
}

TEST(CsvReader, Utf8WithOrWithoutBom) {
  const auto bom = parse("\xEF\xBB\xBF" "action;é\nA;è\n");
  ASSERT_TRUE(bom.table);
  EXPECT_EQ(bom.table->charset, "UTF-8 avec BOM");
  EXPECT_EQ(bom.table->rows[0][0], "action");  // the BOM is not part of the first header
  EXPECT_TRUE(bom.diags.empty());
  const auto plain = parse("action;é\nA;è\n");
  EXPECT_EQ(plain.table->charset, "UTF-8");
  EXPECT_EQ(plain.table->rows[1][1], "è");
}

TEST(CsvReader, Windows1252IsConvertedAndSaid) {
  const auto p = parse("action;Nombre d\x92" "enfants;c\x9C" "ur\r\nA;\xE9t\xE9;\x80\r\n");
  ASSERT_TRUE(p.table);
  EXPECT_EQ(p.table->charset, "Windows-1252");
  EXPECT_EQ(p.table->rows, (Rows{{"action", "Nombre d’enfants", "cœur"}, {"A", "été", "€"}}));
  EXPECT_EQ(p.diags, (std::vector<std::string>{"f.csv: avertissement: fichier en Windows-1252 (pas en UTF-8) : converti en UTF-8"}));
}

TEST(CsvReader, LineEndingsQuotesAndLineBreaksInCells) {
  const auto p = parse("a;b;c\r\n\"x;y\";\"ligne 1\r\nligne 2\";\"il dit \"\"oui\"\"\"\r1;;\n\n2;3\n");
  ASSERT_TRUE(p.table);
  EXPECT_EQ(p.table->rows, (Rows{{"a", "b", "c"}, {"x;y", "ligne 1\nligne 2", "il dit \"oui\""}, {"1", "", ""}, {"2", "3", ""}}));
  EXPECT_TRUE(p.diags.empty());
}

TEST(CsvReader, NoFinalLineBreakAndPaddedHeaders) {
  const auto p = parse(" a ;b\n1;2");
  ASSERT_TRUE(p.table);
  EXPECT_EQ(p.table->rows, (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, SyntaxErrorsAreLocatedByRowAndCell) {
  EXPECT_EQ(parse("a;b\n1;\"2\n3;4\n").diags,
            (std::vector<std::string>{"f.csv:2:2: erreur: guillemets ouverts jamais refermés : la cellule court jusqu’à la fin du fichier"}));
  EXPECT_EQ(parse("a;b\n1;\"2\"x\n").diags,
            (std::vector<std::string>{"f.csv:2:2: erreur: caractère « x » après les guillemets fermants d’une cellule"}));
  EXPECT_EQ(parse("a;b\n1;2\n1;2;3\n").diags,
            (std::vector<std::string>{"f.csv:3:3: erreur: ligne de 3 cellules pour 2 colonnes d’en-tête"}));
  EXPECT_EQ(parse("").diags, (std::vector<std::string>{"f.csv: erreur: fichier CSV vide : il faut au moins la ligne d’en-tête"}));
}

std::string utf16(std::u16string_view text, bool little_endian) {
  std::string out = little_endian ? std::string("\xFF\xFE", 2) : std::string("\xFE\xFF", 2);
  for (const char16_t u : text) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

// Issue 18: Excel's « texte Unicode »: UTF-16 LE with a BOM, tab-separated.
TEST(CsvReader, Utf16WithABomAndTabs) {
  const std::u16string text = u"action\tform\tStructure porteuse :\r\nCLAS-1\tclas-2024-2025\t\"Centre « été »\t😀\"\r\n";
  for (const bool le : {true, false}) {
    const auto p = parse(utf16(text, le));
    ASSERT_TRUE(p.table) << testing::PrintToString(p.diags);
    EXPECT_EQ(p.table->charset, le ? "UTF-16 LE" : "UTF-16 BE");
    EXPECT_EQ(p.table->separator, '\t');
    EXPECT_EQ(p.table->rows, (Rows{{"action", "form", "Structure porteuse :"}, {"CLAS-1", "clas-2024-2025", "Centre « été »\t😀"}}));
    EXPECT_TRUE(p.diags.empty());
  }
  // An unpaired surrogate and a last odd byte: U+FFFD, never a crash.
  std::string broken = utf16(u"a\tb\n", true) + std::string("\x00\xD8" "x", 3);
  const auto p = parse(broken);
  ASSERT_TRUE(p.table);
  EXPECT_EQ(p.table->rows[1][0], "\xEF\xBF\xBD\xEF\xBF\xBD");
  // The limit holds for the converted text too.
  CsvLimits small;
  small.max_bytes = 40;
  const std::u16string wide(19, u'中');  // 40 bytes in UTF-16, 57 in UTF-8
  EXPECT_EQ(parse(utf16(wide, true), small).diags,
            (std::vector<std::string>{"f.csv: erreur: fichier trop gros une fois converti en UTF-8 : 57 octets (au plus 40)"}));
}

// Issue 18: what a spreadsheet would run as a formula is written after an
// apostrophe, and read back without it.
TEST(CsvWriter, FormulaStartsAreNeutralisedAndQuotedWhenNeeded) {
  EXPECT_EQ(csv_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\";\"clic\")"), "\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\"");
  EXPECT_EQ(csv_cell("+33 5 53"), "'+33 5 53");
  EXPECT_EQ(csv_cell("-5"), "'-5");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("\rx"), "\"'\rx\"");
  EXPECT_EQ(csv_cell("'déjà"), "''déjà");
  EXPECT_EQ(csv_cell("a=b"), "a=b");
  EXPECT_EQ(csv_cell("CLAS-47"), "CLAS-47");
  EXPECT_EQ(csv_cell(""), "");
  EXPECT_EQ(csv_cell("a,b", ','), "\"a,b\"");
  EXPECT_EQ(csv_cell("a,b"), "a,b");
}

TEST(CsvWriter, BilanReadsItsOwnCsvBack) {
  const std::vector<std::string> values{"=cmd|' /C calc'!A0", "=HYPERLINK(\"x\";\"y\")", "+1", "-1", "@a", "\tt", "\nn",
                                        "'", "''", "'=x", "'abc", "a'b", "plain", "x;y", "é « » ’"};
  std::string csv(kUtf8Bom);
  csv += "valeur;n\r\n";
  for (std::size_t i = 0; i < values.size(); ++i) csv += csv_cell(values[i]) + ";" + std::to_string(i) + "\r\n";
  const auto p = parse(csv);
  ASSERT_TRUE(p.table) << testing::PrintToString(p.diags);
  EXPECT_EQ(p.table->charset, "UTF-8 avec BOM");
  ASSERT_EQ(p.table->rows.size(), values.size() + 1);
  EXPECT_EQ(p.table->rows[0][0], "valeur");
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(p.table->rows[i + 1][0], values[i]) << i;
}

TEST(CsvReader, AnApostropheIsTakenOffOnlyBeforeAFormulaStart) {
  const auto p = parse("a;b;c;d;e\n'=1;'-5;'abc;\"'\r\nx\";'\n");
  ASSERT_TRUE(p.table);
  EXPECT_EQ(p.table->rows[1], (std::vector<std::string>{"=1", "-5", "'abc", "\nx", "'"}));
}

TEST(CsvReader, Limits) {
  CsvLimits small;
  small.max_rows = 2;
  small.max_columns = 3;
  small.max_cell = 5;
  small.max_bytes = 40;
  EXPECT_EQ(parse("a\n1\n2\n", small).diags, (std::vector<std::string>{"f.csv:3:1: erreur: trop de lignes (au plus 2)"}));
  EXPECT_EQ(parse("a;b;c;d\n", small).diags, (std::vector<std::string>{"f.csv:1:4: erreur: trop de colonnes (au plus 3)"}));
  EXPECT_EQ(parse("a\n123456\n", small).diags, (std::vector<std::string>{"f.csv:2:1: erreur: cellule trop longue (au plus 5 octets)"}));
  EXPECT_EQ(parse(std::string(41, 'a'), small).diags,
            (std::vector<std::string>{"f.csv: erreur: fichier trop gros : 41 octets (au plus 40)"}));
  EXPECT_TRUE(parse("a;b;c\n1;2;3\n", small).table);
}

}  // namespace
}  // namespace bilan::load

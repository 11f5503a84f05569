#include "render/pdf/object_streams.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace bilan::render::detail {
namespace {

// A stored-only "deflate" keeps the packed objects readable here.
void store(std::string_view in, std::string& out) { out += in; }

// A file laid out as libharu writes one: objects, one xref section, trailer.
std::string classic(const std::vector<std::string>& bodies, const std::string& trailer_extra = "") {
  std::string pdf = "%PDF-1.3\n%\xB7\xBE\xAD\xAA\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(bodies.size() + 1) + "\n0000000000 65535 f\r\n";
  for (const std::size_t o : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", o);
    pdf += line;
  }
  pdf += "trailer\n<<\n/Root 1 0 R\n/Size " + std::to_string(bodies.size() + 1) + trailer_extra + "\n>>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

TEST(ObjectStreams, DictionariesPackedStreamsKeptLengthsInPlace) {
  const std::string pdf = classic({
      "<<\n/Type /Catalog\n/Pages 2 0 R\n>>",
      "<<\n/Type /Pages\n/Kids [ ]\n/Count 0\n>>",
      "<<\n/Length 4 0 R\n>>\nstream\nBT (endobj stream \\) >>) Tj ET\nendstream",
      "30",
      "<<\n/Title (a  b\\051 (c) endobj)\n/Note <41 42>\n>>",
  });
  const std::string out = pack_objects(pdf, store);
  EXPECT_TRUE(out.starts_with("%PDF-1.5\n%\xB7\xBE\xAD\xAA\n3 0 obj\n<</Length 30>>\nstream\nBT (endobj stream \\) >>) Tj ET\nendstream\nendobj\n"))
      << out;
  // Objects 1, 2 and 5 in object stream 6 (object 4, the length, is gone),
  // whitespace only between tokens, strings kept byte for byte.
  EXPECT_NE(out.find("6 0 obj\n<</Type /ObjStm/N 3/First 14/Filter /FlateDecode/Length "), std::string::npos) << out;
  EXPECT_NE(out.find("1 0 2 30 5 61\n<</Type/Catalog/Pages 2 0 R>>\n<</Type/Pages/Kids[]/Count 0>>\n"
                     "<</Title(a  b\\051 (c) endobj)/Note<41 42>>>\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("7 0 obj\n<</Type /XRef/Size 8/W [1 2 1]/Root 1 0 R/Filter /FlateDecode/DecodeParms <</Columns 4/Predictor 12>>"),
            std::string::npos)
      << out;
  EXPECT_TRUE(out.ends_with("\nendstream\nendobj\nstartxref\n" + std::to_string(out.find("7 0 obj\n")) + "\n%%EOF\n"));
}

TEST(ObjectStreams, TheTableRowsSayWhereEachObjectIs) {
  // A stream of 300 bytes: offsets take two bytes (W [1 2 1]).
  const std::string pdf = classic({"<< /Type /Catalog >>", "<< /Length 300 >>\nstream\n" + std::string(300, 'x') + "\nendstream", "[ 1 2 ]"});
  const std::string out = pack_objects(pdf, store);
  const std::size_t xref = out.find("5 0 obj\n");
  ASSERT_NE(out.find("/W [1 2 1]", xref), std::string::npos);
  const std::size_t data = out.find("stream\n", xref) + 7;
  // PNG Up rows: each row minus the one above; undo it to read the table.
  const std::size_t columns = 4;  // W [1 2 1]
  std::vector<std::string> rows;
  std::string previous(columns, '\0');
  for (std::size_t at = data; rows.size() < 6; at += columns + 1) {
    ASSERT_EQ(out[at], '\x02');
    std::string row;
    for (std::size_t i = 0; i < columns; ++i) row += static_cast<char>(out[at + 1 + i] + previous[i]);
    rows.push_back(row);
    previous = row;
  }
  const auto entry = [](std::uint8_t type, unsigned field2, unsigned field3) {
    return std::string{static_cast<char>(type), static_cast<char>(field2 >> 8), static_cast<char>(field2 & 0xFF),
                       static_cast<char>(field3)};
  };
  const std::size_t two = out.find("2 0 obj\n"), four = out.find("4 0 obj\n");
  EXPECT_EQ(rows[0], entry(0, 0, 0));
  EXPECT_EQ(rows[1], entry(2, 4, 0)) << "object 1: in object stream 4, first";
  EXPECT_EQ(rows[2], entry(1, static_cast<unsigned>(two), 0));
  EXPECT_EQ(rows[3], entry(2, 4, 1));
  EXPECT_EQ(rows[4], entry(1, static_cast<unsigned>(four), 0));
  EXPECT_EQ(rows[5], entry(1, static_cast<unsigned>(xref), 0));
}

TEST(ObjectStreams, WhatLibharuNeverWritesIsAnInternalError) {
  const auto message = [](const std::string& pdf) {
    try {
      pack_objects(pdf, store);
    } catch (const InternalError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("%PDF-1.3\n"), "écriture PDF : startxref absent à l’octet 9 de la sortie de libharu");
  std::string wrong_header = classic({"<< >>"});
  wrong_header.replace(wrong_header.find("1 0 obj"), 7, "9 0 obj");
  EXPECT_EQ(message(wrong_header), "écriture PDF : en-tête d’objet inattendu à l’octet 15 de la sortie de libharu");
  EXPECT_EQ(message(classic({"<< /Length 9999 >>\nstream\nabc\nendstream"})),
            "écriture PDF : flux plus long que le fichier à l’octet 49 de la sortie de libharu");
  EXPECT_EQ(message(classic({"<< /Length 2 >>\nstream\nabc\nendstream"})),
            "écriture PDF : endstream attendu à l’octet 48 de la sortie de libharu");
  EXPECT_EQ(message(classic({"<< /A (open >>"})),
            "écriture PDF : chaîne non fermée à l’octet 147 de la sortie de libharu");
}

}  // namespace
}  // namespace bilan::render::detail

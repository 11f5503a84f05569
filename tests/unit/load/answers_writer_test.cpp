// write_answers(): the one answer-file writer. Its bytes (each layout), its
// escaping, and that reading them back (load_answers, or as_loaded() without
// the file) gives the same answers.
#include "load/answers_writer.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "data/answer_set_builder.hpp"
#include "load/answers_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::load {
namespace {

using bilan::testing::MemoryEnvironment;

SourceLoc at(std::uint32_t row, std::uint32_t col) {
  static const auto file = std::make_shared<const std::string>("f.csv");
  return SourceLoc{file, row, col};
}

// A set with one of everything, in an order an import may give.
data::AnswerSet sample() {
  DiagnosticSink sink;
  data::AnswerSetBuilder b("f.csv#2", at(2, 1), sink);
  b.form("clas-2024-2025", at(2, 2));
  b.department("47", at(2, 3));
  b.action("A-1", at(2, 1));
  b.answer("structure", "Centre « X » & Cie", at(2, 4));
  b.table("tne_ateliers", at(2, 5));
  b.row("tne_ateliers", "autres", at(2, 5));
  b.row_label("tne_ateliers", "autres", "Jeux", at(2, 5));
  b.cell("tne_ateliers", "autres", "seances", "3", at(2, 6));
  b.cell("tne_ateliers", "autres", "duree", "1h", at(2, 7));
  b.signature("name", "Mme A", at(2, 8));
  b.signature("date", "2025-06-30", at(2, 9));
  b.answer("bonus_enfants", "oui", at(2, 10));
  b.fact("rural", "oui", at(2, 11));
  b.fact("collectifs_notifies", "2", at(2, 12));
  EXPECT_TRUE(sink.empty());
  return b.take();
}

TEST(WriteAnswers, OneElementPerLine) {
  EXPECT_EQ(write_answers(sample(), AnswerLayout::OnePerLine),
            "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"A-1\">\n"
            "  <answer field=\"structure\">Centre « X » &amp; Cie</answer>\n"
            "  <table field=\"tne_ateliers\">\n"
            "    <row id=\"autres\" label=\"Jeux\">\n"
            "      <cell column=\"seances\">3</cell>\n"
            "      <cell column=\"duree\">1h</cell>\n"
            "    </row>\n"
            "  </table>\n"
            "  <signature name=\"Mme A\" date=\"2025-06-30\"/>\n"
            "  <answer field=\"bonus_enfants\">oui</answer>\n"
            "  <action rural=\"oui\" collectifs-notifies=\"2\"/>\n"
            "</bilan>\n");
}

TEST(WriteAnswers, RowsOnOneLineWithTheDeclaration) {
  EXPECT_EQ(write_answers(sample(), AnswerLayout::RowsOnOneLine),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"A-1\">\n"
            "  <answer field=\"structure\">Centre « X » &amp; Cie</answer>\n"
            "  <table field=\"tne_ateliers\">\n"
            "    <row id=\"autres\" label=\"Jeux\"><cell column=\"seances\">3</cell><cell column=\"duree\">1h</cell></row>\n"
            "  </table>\n"
            "  <signature name=\"Mme A\" date=\"2025-06-30\"/>\n"
            "  <answer field=\"bonus_enfants\">oui</answer>\n"
            "  <action rural=\"oui\" collectifs-notifies=\"2\"/>\n"
            "</bilan>\n");
}

TEST(WriteAnswers, EmptyDepartmentActionAndRowsAsTheyAlwaysWere) {
  DiagnosticSink sink;
  data::AnswerSetBuilder b("p", {}, sink);
  b.form("f", {});
  b.row_label("t", "autres", "Seul", {});
  const data::AnswerSet set = b.take();
  EXPECT_EQ(write_answers(set, AnswerLayout::RowsOnOneLine),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"f\">\n"
            "  <table field=\"t\">\n    <row id=\"autres\" label=\"Seul\"></row>\n  </table>\n</bilan>\n");
  data::AnswerSet none;
  none.form = "f";
  EXPECT_EQ(write_answers(none, AnswerLayout::OnePerLine), "<bilan form=\"f\">\n</bilan>\n");
}

TEST(WriteAnswers, EscapesMarkupAndAttributeLineBreaks) {
  DiagnosticSink sink;
  data::AnswerSetBuilder b("p", {}, sink);
  b.form("f", {});
  b.action("A&B <\"c\"> 'd'", {});
  b.answer("x", "a & b < c > d \"e\" 'f'\nligne 2", {});
  b.row_label("t", "r", "un\ndeux", {});
  const std::string xml = write_answers(b.take(), AnswerLayout::OnePerLine);
  EXPECT_EQ(xml,
            "<bilan form=\"f\" action=\"A&amp;B &lt;&quot;c&quot;&gt; 'd'\">\n"
            "  <answer field=\"x\">a &amp; b &lt; c &gt; d &quot;e&quot; 'f'\nligne 2</answer>\n"
            "  <table field=\"t\">\n    <row id=\"r\" label=\"un&#10;deux\">\n    </row>\n  </table>\n"
            "</bilan>\n");
}

// What load_answers() reads of a set, compared field by field (locations
// differ: a file's lines, not cells).
std::string contents(const data::AnswerSet& s) {
  std::string out = "form=" + s.form + "|department=" + s.department + "|action=" + s.action + "\n";
  for (const auto& a : s.answers) out += "answer " + a.field + "=" + a.text + "\n";
  for (const auto& t : s.tables) {
    out += "table " + t.field + "\n";
    for (const auto& r : t.rows) {
      out += "  row " + r.id + " label=" + r.label + "\n";
      for (const auto& c : r.cells) out += "    cell " + c.column + "=" + c.text + "\n";
    }
  }
  if (s.signature)
    for (const auto* i : {&s.signature->name, &s.signature->role, &s.signature->place, &s.signature->date})
      out += "signature " + i->value + "\n";
  for (const auto& f : s.facts) out += "fact " + f.name + "=" + f.text + "\n";
  return out;
}

std::vector<std::string> texts(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const auto& d : sink.sorted()) out.push_back(d.to_string());
  return out;
}

TEST(WriteAnswers, ReadBackTheSameAnswers) {
  const data::AnswerSet set = sample();
  for (const auto layout : {AnswerLayout::OnePerLine, AnswerLayout::RowsOnOneLine}) {
    MemoryEnvironment env;
    DiagnosticSink sink;
    const auto read = parse_answers(env, "/mem/r.xml", write_answers(set, layout), sink);
    ASSERT_TRUE(read);
    EXPECT_TRUE(sink.empty()) << texts(sink)[0];
    EXPECT_EQ(contents(*read), contents(set));
  }
}

// as_loaded() is what load_answers() makes of the written file, without it:
// the same texts, the same warnings, each at the answer's own place.
TEST(AsLoaded, AsTheWrittenFileIsRead) {
  DiagnosticSink built;
  data::AnswerSetBuilder b("f.csv#2", at(2, 1), built);
  b.form(" clas-2024-2025 ", at(2, 2));
  b.department("4\n7", at(2, 3));
  b.action("  A \t 1 ", at(2, 1));
  b.answer("indent", "\n    premier\r\n      second\r  \n", at(2, 4));
  b.answer("nfd", "Cafe\xCC\x81", at(2, 5));
  b.answer("control", "a\x01" "b\x7F" "c", at(2, 6));
  b.answer("quotes", "« x » & <y> \"z\" 'w'", at(2, 7));
  b.row_label("t", "r", "  deux\nlignes ", at(2, 8));
  b.cell("t", "r", "c", "\tx\t", at(2, 9));
  b.signature("name", " Mme\nA ", at(2, 10));
  const data::AnswerSet set = b.take();

  MemoryEnvironment env;
  DiagnosticSink from_file;
  const auto read = parse_answers(env, "f.csv#2", write_answers(set, AnswerLayout::OnePerLine), from_file);
  ASSERT_TRUE(read);
  DiagnosticSink direct;
  const auto loaded = as_loaded(set, env.limits(), direct);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(contents(*loaded), contents(*read));
  EXPECT_EQ(loaded->answers[0].text, "premier\n  second");
  EXPECT_EQ(loaded->answers[1].text, "Caf\xC3\xA9");
  EXPECT_EQ(loaded->action, "A 1");
  // The file's warnings at the file's lines; these at the cell.
  ASSERT_EQ(from_file.items().size(), 2u);
  EXPECT_EQ(texts(direct), (std::vector<std::string>{"f.csv:2:6: avertissement: caractère de contrôle U+0001 supprimé",
                                                     "f.csv:2:6: avertissement: caractère de contrôle U+007F supprimé"}));
  EXPECT_TRUE(loaded->order.empty());
  ASSERT_TRUE(loaded->locate);
  EXPECT_EQ(loaded->locate(at(2, 7), "y").to_string(), "f.csv:2:7");
}

TEST(AsLoaded, TheLoadersLimits) {
  Limits limits;
  limits.answer_bytes = 4;
  limits.name_bytes = 3;
  limits.answers = 3;
  DiagnosticSink built;
  data::AnswerSetBuilder b("p", at(2, 1), built);
  b.form("f", at(2, 1));
  b.answer("abc", "trop long", at(2, 2));
  b.answer("abcd", "x", at(2, 3));
  DiagnosticSink sink;
  const auto loaded = as_loaded(b.take(), limits, sink);
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->answers.size(), 1u);
  EXPECT_EQ(loaded->answers[0].text, "");
  EXPECT_EQ(texts(sink),
            (std::vector<std::string>{"f.csv:2:2: erreur: réponse trop longue (9 octets ; limite : 4 octets)",
                                      "f.csv:2:3: erreur: valeur de « field » trop longue (4 octets ; limite : 3 octets)"}));
  data::AnswerSetBuilder many("p", at(2, 1), built);
  many.form("f", at(2, 1));
  for (const char* f : {"a", "b", "c", "d"}) many.answer(f, "1", at(2, 2));
  DiagnosticSink too_many;
  EXPECT_FALSE(as_loaded(many.take(), limits, too_many));
  EXPECT_EQ(texts(too_many), (std::vector<std::string>{"f.csv:2:1: erreur: trop de réponses dans le fichier (limite : 3 réponses, "
                                                       "lignes et cellules)"}));
}

}  // namespace
}  // namespace bilan::load

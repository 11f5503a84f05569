// AnswerSetBuilder: what an import gives, where it came from, in its order;
// a second answer to the same thing refused as an answer file's is.
#include "data/answer_set_builder.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bilan::data {
namespace {

SourceLoc cell(std::uint32_t row, std::uint32_t col) {
  static const auto file = std::make_shared<const std::string>("f.csv");
  return SourceLoc{file, row, col};
}

std::vector<std::string> texts(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const auto& d : sink.items()) out.push_back(d.to_string());
  return out;
}

TEST(AnswerSetBuilder, EachAnswerKeepsItsOwnLocation) {
  DiagnosticSink sink;
  AnswerSetBuilder b("f.csv#2", cell(2, 3), sink);
  b.form("clas", cell(2, 2));
  b.department("47", cell(2, 3));
  b.action("A-1", cell(2, 1));
  EXPECT_TRUE(b.answer("structure", "Centre", cell(2, 4)));
  EXPECT_TRUE(b.answer("enfants", "12", cell(2, 5)));
  const AnswerSet set = b.take();
  EXPECT_TRUE(sink.empty());
  EXPECT_EQ(set.path, "f.csv#2");
  EXPECT_EQ(set.loc.to_string(), "f.csv:2:3");
  EXPECT_EQ(set.form, "clas");
  EXPECT_EQ(set.form_loc.to_string(), "f.csv:2:2");
  EXPECT_EQ(set.department, "47");
  EXPECT_EQ(set.action, "A-1");
  EXPECT_EQ(set.action_loc.to_string(), "f.csv:2:1");
  ASSERT_EQ(set.answers.size(), 2u);
  EXPECT_EQ(set.answers[1].field, "enfants");
  EXPECT_EQ(set.answers[1].text, "12");
  EXPECT_EQ(set.answers[1].loc.to_string(), "f.csv:2:5");
  EXPECT_EQ(set.answers[1].value_loc.to_string(), "f.csv:2:5");
}

TEST(AnswerSetBuilder, TextsAreKeptAsGiven) {
  DiagnosticSink sink;
  AnswerSetBuilder b("p", {}, sink);
  b.answer("a", "  indenté\r\n  « x » & <y>\x01", cell(1, 1));
  EXPECT_EQ(b.take().answers[0].text, "  indenté\r\n  « x » & <y>\x01");
}

TEST(AnswerSetBuilder, ASecondAnswerToAFieldIsRefusedWithTheLoadersMessage) {
  DiagnosticSink sink;
  AnswerSetBuilder b("p", {}, sink);
  EXPECT_TRUE(b.answer("structure", "A", cell(2, 4)));
  EXPECT_FALSE(b.answer("structure", "B", cell(2, 9)));
  // A table under the id of an answer is the same mistake.
  EXPECT_TRUE(b.cell("t", "r", "c", "1", cell(2, 10)));
  EXPECT_FALSE(b.cell("t", "r", "c", "2", cell(2, 11)));
  EXPECT_TRUE(b.cell("structure", "r", "c", "3", cell(2, 12)));
  const AnswerSet set = b.take();
  ASSERT_EQ(set.answers.size(), 1u);
  EXPECT_EQ(set.answers[0].text, "A");
  EXPECT_EQ(set.tables[0].rows[0].cells.size(), 1u);
  EXPECT_EQ(texts(sink), (std::vector<std::string>{
                             "f.csv:2:9: erreur: réponse au champ « structure » déjà donnée en f.csv:2:4",
                             "f.csv:2:11: erreur: cellule « c » déjà donnée en f.csv:2:10",
                             "f.csv:2:12: erreur: réponse au tableau « structure » déjà donnée en f.csv:2:4"}));
  EXPECT_EQ(sink.items()[0].field, "structure");
  EXPECT_EQ(sink.items()[1].field, "t");
}

TEST(AnswerSetBuilder, TablesRowsAndCellsInTheOrderGiven) {
  DiagnosticSink sink;
  AnswerSetBuilder b("p", {}, sink);
  b.answer("avant", "1", cell(2, 1));
  b.table("ateliers", cell(2, 7));
  b.row("ateliers", "autres", cell(2, 9));
  b.cell("ateliers", "autres", "seances", "3", cell(2, 8));
  b.row_label("ateliers", "autres", "Jeux", cell(2, 9));
  b.cell("ateliers", "lecture", "seances", "5", cell(2, 6));  // row made by its first cell
  b.row("ateliers", "lecture", cell(2, 99));                  // made already: kept where it was
  b.answer("apres", "2", cell(2, 2));
  const AnswerSet set = b.take();
  EXPECT_TRUE(sink.empty());
  ASSERT_EQ(set.tables.size(), 1u);
  const TableAnswer& t = set.tables[0];
  EXPECT_EQ(t.field, "ateliers");
  EXPECT_EQ(t.loc.to_string(), "f.csv:2:7");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].id, "autres");
  EXPECT_EQ(t.rows[0].loc.to_string(), "f.csv:2:9");
  EXPECT_EQ(t.rows[0].label, "Jeux");
  EXPECT_EQ(t.rows[0].label_loc.to_string(), "f.csv:2:9");
  ASSERT_EQ(t.rows[0].cells.size(), 1u);
  EXPECT_EQ(t.rows[0].cells[0].column, "seances");
  EXPECT_EQ(t.rows[0].cells[0].text, "3");
  EXPECT_EQ(t.rows[0].cells[0].loc.to_string(), "f.csv:2:8");
  EXPECT_EQ(t.rows[1].id, "lecture");
  EXPECT_EQ(t.rows[1].loc.to_string(), "f.csv:2:6");
  using Kind = AnswerPart::Kind;
  ASSERT_EQ(set.order.size(), 3u);
  EXPECT_EQ(set.order[0].kind, Kind::Answer);
  EXPECT_EQ(set.order[0].index, 0u);
  EXPECT_EQ(set.order[1].kind, Kind::Table);
  EXPECT_EQ(set.order[2].kind, Kind::Answer);
  EXPECT_EQ(set.order[2].index, 1u);
}

TEST(AnswerSetBuilder, SignatureParts) {
  DiagnosticSink sink;
  AnswerSetBuilder b("p", cell(1, 1), sink);
  EXPECT_TRUE(b.signature("name", "Mme A", cell(3, 1)));
  EXPECT_TRUE(b.signature("date", "2025-06-30", cell(3, 2)));
  EXPECT_FALSE(b.signature("couleur", "bleu", cell(3, 3)));
  EXPECT_FALSE(b.signature("name", "M. B", cell(3, 4)));
  const AnswerSet set = b.take();
  ASSERT_TRUE(set.signature);
  EXPECT_EQ(set.signature->loc.to_string(), "f.csv:3:1");
  EXPECT_EQ(set.signature->name.value, "Mme A");
  EXPECT_EQ(set.signature->date.value, "2025-06-30");
  EXPECT_EQ(set.signature->date.loc.to_string(), "f.csv:3:2");
  EXPECT_EQ(set.signature->role.value, "");
  EXPECT_EQ(set.signature->role.loc.to_string(), "f.csv:3:1");  // not given: the signature's place
  EXPECT_EQ(texts(sink), (std::vector<std::string>{"f.csv:3:4: erreur: partie « name » de la signature déjà donnée en f.csv:3:1"}));
  ASSERT_EQ(set.order.size(), 1u);
  EXPECT_EQ(set.order[0].kind, AnswerPart::Kind::Signature);
}

TEST(AnswerSetBuilder, Facts) {
  DiagnosticSink sink;
  AnswerSetBuilder b("p", {}, sink);
  EXPECT_TRUE(b.fact("rural", "oui", cell(2, 5)));
  EXPECT_TRUE(b.fact("collectifs_notifies", "2", cell(2, 6)));
  EXPECT_FALSE(b.fact("rural", "non", cell(2, 7)));
  const AnswerSet set = b.take();
  ASSERT_EQ(set.facts.size(), 2u);
  EXPECT_EQ(set.facts[1].name, "collectifs_notifies");
  EXPECT_EQ(set.facts[1].text, "2");
  EXPECT_EQ(set.facts[1].loc.to_string(), "f.csv:2:6");
  EXPECT_EQ(texts(sink), (std::vector<std::string>{"f.csv:2:7: erreur: valeur de « action.rural » déjà donnée en f.csv:2:5"}));
  ASSERT_EQ(set.order.size(), 1u);  // one <action> element
}

TEST(AnswerSetBuilder, TakeLeavesItEmpty) {
  DiagnosticSink sink;
  AnswerSetBuilder b("p", {}, sink);
  b.answer("a", "1", cell(1, 1));
  (void)b.take();
  EXPECT_TRUE(b.answer("a", "2", cell(1, 2)));  // no longer a duplicate
  EXPECT_EQ(b.take().answers.size(), 1u);
  EXPECT_TRUE(sink.empty());
}

}  // namespace
}  // namespace bilan::data

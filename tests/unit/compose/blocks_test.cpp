// Keep rules the composer gives blocks, checked through the paginator.
#include "compose/blocks.hpp"

#include <gtest/gtest.h>

#include "compose/paginate.hpp"
#include "fake_metrics.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::compose {
namespace {

std::vector<Block> blank_blocks(const std::string& layout) {
  bilan::testing::MemoryEnvironment env;
  env.add_file("/mem/f.xml", layout);
  DiagnosticSink sink;
  auto form = load::load_layout(env, "/mem/f.xml", sink);
  EXPECT_TRUE(form.has_value());
  const data::BoundForm bound = data::bind(*form, nullptr, data::BindOptions{}, sink);
  bilan::testing::FakeMetrics metrics;
  auto blocks = build_blocks(bound, metrics, sink);
  EXPECT_TRUE(sink.empty()) << sink.items().front().to_string();
  return blocks;
}

// The first block that prints `word`.
std::size_t block_of(const std::vector<Block>& blocks, const std::string& word) {
  for (std::size_t i = 0; i < blocks.size(); ++i)
    for (const auto& c : blocks[i].chunks)
      for (const auto& item : c.items)
        if (const auto* t = std::get_if<TextItem>(&item); t && t->text.find(word) != std::string::npos) return i;
  return blocks.size();
}

// Which page each word first appears on.
int page_of(const Pagination& p, const std::string& word) {
  for (std::size_t i = 0; i < p.pages.size(); ++i)
    for (const auto& item : p.pages[i].items)
      if (const auto* t = std::get_if<TextItem>(&item); t && t->text.find(word) != std::string::npos)
        return static_cast<int>(i);
  return -1;
}

const char* const kForm = R"(<form id="f" title="" school-year="2024-2025">
  <p>Remplissage</p>
  <yesno id="q1" label="Premiere ?"/>
  <p style="instruction">Si oui, vous devrez completer le document specifique.</p>
  <yesno id="q2" label="Seconde ?"/>
  <p style="note">(Ces chiffres sont ceux de la declaration)</p>
</form>)";

TEST(Blocks, ANoteAboutTheAnswerKeepsWithItsQuestion) {
  auto blocks = blank_blocks(kForm);
  const std::size_t q1 = block_of(blocks, "Premiere"), q2 = block_of(blocks, "Seconde");
  ASSERT_EQ(block_of(blocks, "Remplissage") + 1, q1);
  ASSERT_EQ(block_of(blocks, "completer"), q1 + 1);
  ASSERT_EQ(block_of(blocks, "declaration"), q2 + 1);
  EXPECT_TRUE(blocks[q1].keep_with_next) << "q1 keeps with « Si oui, … »";
  EXPECT_FALSE(blocks[q2].keep_with_next) << "q2 does not keep with a note that is not about its answer";
  // A page that holds everything, filled so that q1 fits at its bottom but not its note:
  // q1 goes to the next page with it.
  double all = 0;
  for (const auto& b : blocks) all += b.space_before + b.height();
  double before_q1 = 0;
  for (std::size_t i = 0; i < q1; ++i) before_q1 += blocks[i].space_before + blocks[i].height();
  const double page = all + 20;
  Block filler;
  filler.chunks.push_back(Chunk{page - before_q1 - blocks[q1].space_before - blocks[q1].height() - 1, {}});
  blocks.insert(blocks.begin(), std::move(filler));
  const auto p = paginate(blocks, PageFrame{0, page});
  EXPECT_EQ(page_of(p, "Remplissage"), 0);
  EXPECT_EQ(page_of(p, "Premiere"), 1);
  EXPECT_EQ(page_of(p, "completer"), 1);
}

TEST(Blocks, AFollowUpQuestionKeepsWithTheQuestionItDependsOn) {
  auto blocks = blank_blocks(R"(<form id="f" title="" school-year="2024-2025">
  <yesno id="ecart" label="Existe-t-il des ecarts ?"/>
  <textarea id="raisons" lines="2" label="Si OUI, precisez-en les raisons :"/>
  <yesno id="autre" label="Autre question ?"/>
  <textarea id="libre" lines="2" label="Commentaires :"/>
</form>)");
  const std::size_t ecart = block_of(blocks, "ecarts"), autre = block_of(blocks, "Autre");
  ASSERT_EQ(block_of(blocks, "raisons"), ecart + 1);
  ASSERT_EQ(block_of(blocks, "Commentaires"), autre + 1);
  EXPECT_TRUE(blocks[ecart].keep_with_next) << "« Si OUI, … » is part of the answer to the question before it";
  EXPECT_FALSE(blocks[autre].keep_with_next) << "a question that does not depend on it stands alone";
}

TEST(Blocks, AListKeepsItsFirstTwoItemsUnderItsLeadIn) {
  std::string layout = R"(<form id="f" title="" school-year="2024-2025">
  <p><b>Objectifs :</b></p>
  <list>)";
  for (int i = 0; i < 12; ++i) layout += "<item>Objectif " + std::to_string(i) + "</item>";
  layout += "</list></form>";
  auto blocks = blank_blocks(layout);
  const std::size_t list = block_of(blocks, "Objectif 0");
  ASSERT_LT(list, blocks.size());
  EXPECT_FALSE(blocks[list].keep_together) << "twelve items may flow";
  EXPECT_EQ(blocks[list].min_start, 2u);
}

}  // namespace
}  // namespace bilan::compose

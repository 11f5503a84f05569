#include "compose/paginate.hpp"

#include <gtest/gtest.h>

namespace bilan::compose {
namespace {

// A chunk of `height` whose one text item says `name`.
Chunk chunk(const std::string& name, double height) {
  Chunk c;
  c.height = height;
  c.items.push_back(TextItem{0, 1, Face::Regular, 10, {}, name});
  return c;
}

Block block(std::vector<Chunk> chunks) {
  Block b;
  b.chunks = std::move(chunks);
  return b;
}

// "page: name@y, name@y" for every page.
std::vector<std::string> layout(const Pagination& p) {
  std::vector<std::string> out;
  for (const auto& page : p.pages) {
    std::string s;
    for (const auto& item : page.items) {
      const auto& t = std::get<TextItem>(item);
      s += (s.empty() ? "" : " ") + t.text + "@" + std::to_string(static_cast<int>(t.y - 1));
    }
    out.push_back(s);
  }
  return out;
}

const PageFrame kFrame{0, 100};

TEST(Paginate, FlowsChunksAndBreaksPages) {
  auto p = paginate({block({chunk("a", 40), chunk("b", 40), chunk("c", 40)})}, kFrame);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"a@0 b@40", "c@0"}));
}

TEST(Paginate, HeadingNeverEndsAPage) {
  Block heading = block({chunk("h", 10)});
  heading.keep_with_next = true;
  auto p = paginate({block({chunk("x", 75)}), std::move(heading), block({chunk("q", 20)})}, kFrame);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0", "h@0 q@10"}));
}

TEST(Paginate, KeepTogetherMovesTheWholeBlock) {
  Block sig = block({chunk("s1", 30), chunk("s2", 30)});
  sig.keep_together = true;
  auto p = paginate({block({chunk("x", 50)}), std::move(sig)}, kFrame);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0", "s1@0 s2@30"}));
}

TEST(Paginate, KeepTogetherTallerThanAPageStillFlows) {
  Block big = block({chunk("a", 60), chunk("b", 60)});
  big.keep_together = true;
  auto p = paginate({std::move(big)}, kFrame);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"a@0", "b@0"}));
}

TEST(Paginate, ContinuationRepeatsOnEveryNewPage) {
  Block text = block({chunk("l1", 45), chunk("l2", 45), chunk("l3", 45), chunk("l4", 45)});
  text.continuation.push_back(chunk("suite", 10));
  auto p = paginate({std::move(text)}, kFrame);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"l1@0 l2@45", "suite@0 l3@10 l4@55"}));
}

TEST(Paginate, SpaceBeforeIsDroppedAtTheTopOfAPage) {
  Block second = block({chunk("b", 30)});
  second.space_before = 10;
  auto p = paginate({block({chunk("a", 80)}), std::move(second)}, kFrame);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"a@0", "b@0"}));
}

TEST(Paginate, PageBreakAndOutline) {
  Block sec = block({chunk("s", 10)});
  sec.break_before = true;
  sec.outline = OutlineEntry{"Section", 1, 0, 0};
  auto p = paginate({block({chunk("a", 10)}), std::move(sec)}, PageFrame{20, 100});
  EXPECT_EQ(p.pages.size(), 2u);
  ASSERT_EQ(p.outline.size(), 1u);
  EXPECT_EQ(p.outline[0].page, 1);
  EXPECT_DOUBLE_EQ(p.outline[0].y, 20);
}

// A page with room for more than the 130 pt under which a question may move.
const PageFrame kTall{0, 400};

Block kept_question() {
  Block q = block({chunk("q1", 60), chunk("q2", 60), chunk("q3", 60)});
  q.keep_together = true;
  return q;
}

TEST(Paginate, QuestionIsNotPushedWhile130PtAreFree) {
  // 150 pt free: the question starts here and flows on.
  auto p = paginate({block({chunk("x", 250)}), kept_question()}, kTall);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0 q1@250 q2@310", "q3@0"}));
  // 120 pt free: kept together on the next page, as before.
  p = paginate({block({chunk("x", 280)}), kept_question()}, kTall);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0", "q1@0 q2@60 q3@120"}));
}

TEST(Paginate, AChainStartedWithRoomStaysTogetherOnThePage) {
  // The label starts here with the question's first lines: it is never left alone.
  Block label = block({chunk("h", 10)});
  label.keep_with_next = true;
  auto p = paginate({block({chunk("x", 250)}), std::move(label), kept_question()}, kTall);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0 h@250 q1@260 q2@320", "q3@0"}));
}

TEST(Paginate, FirstLinesThatDoNotFitStillMove) {
  Block q = block({chunk("q1", 160), chunk("q2", 10)});
  auto p = paginate({block({chunk("x", 250)}), std::move(q)}, kTall);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0", "q1@0 q2@160"}));
}

// A question: its label, then `lines` answer lines of 16 pt, of which the
// label keeps the first two (Block::min_start).
Block question(const std::string& name, int lines) {
  Block q = block({chunk(name, 14)});
  for (int i = 1; i <= lines; ++i) q.chunks.push_back(chunk(name + std::to_string(i), 16));
  q.min_start = 3;
  return q;
}

TEST(Paginate, HeadingAndQuestionAtAPageFootMoveTogether) {
  // 140 pt free: the heading and the label fit (114 pt), not the label's first two lines (146 pt).
  Block heading = block({chunk("h", 100)});
  heading.keep_with_next = true;
  auto p = paginate({block({chunk("x", 260)}), std::move(heading), question("q", 10)}, kTall);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0", "h@0 q@100 q1@114 q2@130 q3@146 q4@162 q5@178 q6@194 q7@210 "
                                                        "q8@226 q9@242 q10@258"}));
}

TEST(Paginate, QuestionWithRoomForOneAnswerLineMoves) {
  // 40 pt free: the label and one line fit (30 pt), not two (46 pt).
  auto p = paginate({block({chunk("x", 360)}), question("q", 3)}, kTall);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0", "q@0 q1@14 q2@30 q3@46"}));
}

TEST(Paginate, LongQuestionStartsAtTheFootWhenTwoLinesFit) {
  // 150 pt free: the label and its first two lines fit; the rest flows on,
  // though the question is kept together when it fits on a page.
  Block q = question("q", 10);
  q.keep_together = true;
  auto p = paginate({block({chunk("x", 250)}), std::move(q)}, kTall);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0 q@250 q1@264 q2@280 q3@296 q4@312 q5@328 q6@344 q7@360 q8@376",
                                                  "q9@0 q10@16"}));
}

TEST(Paginate, AChainThatFitsFromItsFirstBlockStaysOnThePage) {
  // h0 keeps with h1… h8 (as deep as a chain is measured), 90 pt, which fit
  // under x; h1, measured from itself, reaches the tall z and would go, leaving h0.
  std::vector<Block> blocks{block({chunk("x", 305)})};
  for (int i = 0; i <= 8; ++i) {
    blocks.push_back(block({chunk("h" + std::to_string(i), 10)}));
    blocks.back().keep_with_next = true;
  }
  blocks.push_back(block({chunk("z", 100)}));
  auto p = paginate(std::move(blocks), kTall);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0 h0@305 h1@315 h2@325 h3@335 h4@345 h5@355 h6@365 h7@375 h8@385", "z@0"}));
}

TEST(Paginate, MinStartCountsOnlyTheChunksThereAre) {
  Block q = block({chunk("q", 20)});
  q.min_start = 3;
  auto p = paginate({block({chunk("x", 70)}), std::move(q)}, kFrame);
  EXPECT_EQ(layout(p), (std::vector<std::string>{"x@0 q@70"}));
}

}  // namespace
}  // namespace bilan::compose

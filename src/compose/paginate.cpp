#include "compose/paginate.hpp"

#include <algorithm>
#include <optional>

namespace bilan::compose {
namespace {

// While this much room is left, a block is not pushed to the next page to keep
// it whole or with what follows: it starts here when its first lines fit, and
// flows on. Otherwise half-empty pages would follow every long question.
constexpr double kMinRoomToPush = 130;

class Paginator {
 public:
  explicit Paginator(const PageFrame& frame) : frame_(frame) { new_page(); }

  Pagination run(std::vector<Block>& blocks) {
    for (std::size_t i = 0; i < blocks.size(); ++i) place(blocks, i);
    while (out_.pages.size() > 1 && out_.pages.back().items.empty()) out_.pages.pop_back();
    return std::move(out_);
  }

 private:
  void new_page() {
    out_.pages.emplace_back();
    y_ = frame_.top;
    empty_ = true;
  }

  double room() const { return frame_.bottom - y_; }
  double page_height() const { return frame_.bottom - frame_.top; }

  // Height that must fit below the current position before `blocks[i]` may
  // start here: its first chunks (Block::min_start, or all of it when kept
  // together), plus, for keep-with-next, the start of what follows.
  // `whole` false: only the first chunks of each, even of blocks kept together.
  double needed(const std::vector<Block>& blocks, std::size_t i, bool at_top, bool whole = true, int depth = 0) const {
    const Block& b = blocks[i];
    double h = at_top ? 0 : b.space_before;
    if (b.chunks.empty()) return h;
    if (b.keep_together && whole) {
      h += b.height();
    } else {
      for (std::size_t k = 0; k < std::max<std::size_t>(b.min_start, 1) && k < b.chunks.size(); ++k) h += b.chunks[k].height;
    }
    if (b.keep_with_next && i + 1 < blocks.size() && depth < kChainDepth && !blocks[i + 1].break_before) {
      h += needed(blocks, i + 1, false, whole, depth + 1);
    }
    return h;
  }

  // The last block that `blocks[i]` keeps with, as needed() follows them.
  static std::size_t chain_end(const std::vector<Block>& blocks, std::size_t i) {
    for (int depth = 0; blocks[i].keep_with_next && i + 1 < blocks.size() && depth < kChainDepth && !blocks[i + 1].break_before;
         ++depth)
      ++i;
    return i;
  }

  // A chunk's items placed at the current height, moved: a block's own chunk
  // is placed once; continuation chunks, put again on every page, are passed
  // as copies.
  void put(Chunk&& c) {
    auto& items = out_.pages.back().items;
    for (Item& item : c.items) {
      translate(item, 0, y_);
      items.push_back(std::move(item));
    }
    c.items.clear();
    y_ += c.height;
    empty_ = false;
  }

  void place(std::vector<Block>& blocks, std::size_t i) {
    Block& b = blocks[i];
    if (b.break_before && !empty_) new_page();
    if (b.chunks.empty()) return;
    const double want = needed(blocks, i, empty_);
    const bool fits_on_empty_page = needed(blocks, i, true) <= page_height();
    const bool started = forced_until_ && i <= *forced_until_;  // a chain begun on this page goes on here
    if (!started && !empty_ && want > room() && fits_on_empty_page) {
      if (room() >= kMinRoomToPush && !b.whole_if_fits && needed(blocks, i, false, false) <= room()) forced_until_ = chain_end(blocks, i);
      else new_page();
    }
    // The chain was measured from here and fits: the blocks it holds go on
    // with it, though each, measured from itself, would reach further.
    if (!started && b.keep_with_next && needed(blocks, i, empty_) <= room()) forced_until_ = chain_end(blocks, i);
    if (!empty_) y_ += b.space_before;
    if (b.outline) {
      OutlineEntry e = *b.outline;
      e.page = static_cast<int>(out_.pages.size()) - 1;
      e.y = y_;
      out_.outline.push_back(std::move(e));
    }
    for (std::size_t k = 0; k < b.chunks.size(); ++k) {
      Chunk& c = b.chunks[k];
      if (c.height > room() + 1e-6 && !empty_) {
        new_page();
        for (const auto& cont : b.continuation) put(Chunk(cont));
      }
      put(std::move(c));
    }
  }

  static constexpr int kChainDepth = 8;
  PageFrame frame_;
  Pagination out_;
  std::optional<std::size_t> forced_until_;
  double y_ = 0;
  bool empty_ = true;
};

}  // namespace

Pagination paginate(std::vector<Block> blocks, const PageFrame& frame) { return Paginator(frame).run(blocks); }

}  // namespace bilan::compose

#include "compose/paginate.hpp"

namespace bilan::compose {
namespace {

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
  // start here: its first chunk (or all of it when kept together), plus, for
  // keep-with-next, the start of what follows.
  double needed(const std::vector<Block>& blocks, std::size_t i, bool at_top, int depth = 0) const {
    const Block& b = blocks[i];
    double h = at_top ? 0 : b.space_before;
    if (b.chunks.empty()) return h;
    h += b.keep_together ? b.height() : b.chunks.front().height;
    if (b.keep_with_next && i + 1 < blocks.size() && depth < 4 && !blocks[i + 1].break_before) {
      h += needed(blocks, i + 1, false, depth + 1);
    }
    return h;
  }

  void put(const Chunk& c) {
    for (Item item : c.items) {
      translate(item, 0, y_);
      out_.pages.back().items.push_back(std::move(item));
    }
    y_ += c.height;
    empty_ = false;
  }

  void place(std::vector<Block>& blocks, std::size_t i) {
    Block& b = blocks[i];
    if (b.break_before && !empty_) new_page();
    if (b.chunks.empty()) return;
    const double want = needed(blocks, i, empty_);
    const bool fits_on_empty_page = needed(blocks, i, true) <= page_height();
    if (!empty_ && want > room() && fits_on_empty_page) new_page();
    if (!empty_) y_ += b.space_before;
    if (b.outline) {
      OutlineEntry e = *b.outline;
      e.page = static_cast<int>(out_.pages.size()) - 1;
      e.y = y_;
      out_.outline.push_back(std::move(e));
    }
    for (std::size_t k = 0; k < b.chunks.size(); ++k) {
      const Chunk& c = b.chunks[k];
      if (c.height > room() + 1e-6 && !empty_) {
        new_page();
        for (const auto& cont : b.continuation) put(cont);
      }
      put(c);
    }
  }

  PageFrame frame_;
  Pagination out_;
  double y_ = 0;
  bool empty_ = true;
};

}  // namespace

Pagination paginate(std::vector<Block> blocks, const PageFrame& frame) { return Paginator(frame).run(blocks); }

}  // namespace bilan::compose

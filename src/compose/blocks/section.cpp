// compose/blocks/section — <section>: a title band (level 1) or a ruled heading, kept with what follows, and an outline entry.
#include "compose/blocks/builder.hpp"

#include "text/unicode.hpp"

namespace bilan::compose::detail {

void Builder::section(const data::BoundSection& s) {
  const std::string title = typeset(s.title);
  const std::string shown = s.caps ? text::upper_fr(title) : title;
  Block b;
  b.keep_with_next = true;
  b.break_before = s.break_before;
  b.outline = OutlineEntry{s.bookmark.empty() ? title : s.bookmark, s.level, 0, 0};
  Chunk c;
  if (s.level == 1) {
    b.space_before = st::kSectionGap1;
    const auto lines = layout_text(shown, {true, false, st::kH1Size, st::kBlack}, kW - 12);
    double h = 0;
    for (const auto& l : lines) h += leading(l.size);
    c.items.push_back(BoxItem{Rect{kX0, 0, kW, h + 8}, 0, st::kBand, true, st::kBand});
    c.height = 4;
    add_lines(c, lines, kX0 + 6);
    c.height += 4 + 6;
  } else {
    b.space_before = st::kSectionGap2;
    const double size = s.level == 2 ? st::kH2Size : st::kH3Size;
    add_lines(c, layout_text(shown, {true, s.level > 2 && !s.caps, size, st::kBlack}, kW), kX0);
    if (s.level == 2) {
      c.height += 1.5;
      c.items.push_back(LineItem{kX0, c.height, kX0 + kW, c.height, 0.5, st::kRule, LineStyle::Solid});
      c.height += 4;
    } else {
      c.height += 2;
    }
  }
  b.chunks.push_back(std::move(c));
  push(std::move(b));
  nodes(s.children);
}

}  // namespace bilan::compose::detail

// compose/block — the unit the paginator places: a block is a list of
// unbreakable chunks with keep rules. Items in a chunk have absolute x and y
// relative to the chunk's top.
#pragma once

#include <optional>
#include <vector>

#include "compose/paged_document.hpp"

namespace bilan::compose {

struct Chunk {
  double height = 0;
  std::vector<Item> items;
};

struct Block {
  std::vector<Chunk> chunks;
  double space_before = 0;     // dropped at the top of a page
  bool keep_together = false;  // all chunks on one page when they fit on one
  // With keep_together: moved to the next page even while kMinRoomToPush is
  // left here (a grid: a matrix read across its rows, not a text that flows).
  bool whole_if_fits = false;
  // Chunks at its start that never part (a list's first two items): the block
  // starts at a page foot only when they fit there.
  std::size_t min_start = 1;
  bool keep_with_next = false; // never the last thing on a page (headings, labels)
  bool break_before = false;   // starts a new page
  std::vector<Chunk> continuation;  // printed first on every page the block continues on
  std::optional<OutlineEntry> outline;
  double height() const;
};

void translate(Item& item, double dx, double dy);

}  // namespace bilan::compose

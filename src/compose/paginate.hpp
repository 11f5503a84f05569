// compose/paginate — blocks → pages. Honours keep-together, keep-with-next,
// page breaks, and repeats continuation headers (« (suite) », table headers)
// on every page a block continues on.
#pragma once

#include <vector>

#include "compose/block.hpp"

namespace bilan::compose {

struct PageFrame {
  double top = 0;
  double bottom = 0;
};

struct Pagination {
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
};

Pagination paginate(std::vector<Block> blocks, const PageFrame& frame);

}  // namespace bilan::compose

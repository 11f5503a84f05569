// compose/blocks/pagebreak — <pagebreak>: the next block starts a page.
#include "compose/blocks/builder.hpp"

namespace bilan::compose::detail {

void Builder::page_break(const data::BoundPageBreak&) {
  Block b;
  b.break_before = true;
  push(std::move(b));
}

}  // namespace bilan::compose::detail

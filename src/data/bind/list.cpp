// data/bind/list — <list>: each item's variables replaced.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

BoundList Binder::bind_list(const spec::List& l) {
  BoundList b;
  b.loc = l.loc;
  if (display())
    for (const auto& item : l.items) b.items.push_back(interpolate(item));
  return b;
}

}  // namespace bilan::data::detail

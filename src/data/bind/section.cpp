// data/bind/section — <section>: its title's variables replaced, its children bound.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

BoundSection Binder::bind_section(const spec::Section& s, bool active) {
  BoundSection b;
  b.loc = s.loc;
  if (display()) b.title = interpolate(s.title);
  b.level = s.level;
  b.caps = s.caps;
  b.break_before = s.break_before;
  b.bookmark = s.bookmark;
  b.children = build(s.children, active);
  return b;
}

}  // namespace bilan::data::detail

// data/bind/footnote — <footnote>: its mark, its text's variables replaced.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

BoundFootnote Binder::bind_footnote(const spec::Footnote& f) {
  BoundFootnote b;
  b.loc = f.loc;
  if (display()) {
    b.mark = f.mark;
    b.text = interpolate(f.text);
  }
  return b;
}

}  // namespace bilan::data::detail

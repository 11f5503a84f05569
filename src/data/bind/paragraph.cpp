// data/bind/paragraph — <p>: its runs' variables replaced.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

BoundParagraph Binder::bind_paragraph(const spec::Paragraph& p) {
  BoundParagraph b;
  b.loc = p.loc;
  if (display()) b.text = interpolate(p.text);
  b.style = p.style;
  return b;
}

}  // namespace bilan::data::detail

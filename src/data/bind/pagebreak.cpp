// data/bind/pagebreak — <pagebreak/>: kept in its place.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

BoundPageBreak Binder::bind_pagebreak(const spec::PageBreak& p) { return BoundPageBreak{p.loc}; }

}  // namespace bilan::data::detail

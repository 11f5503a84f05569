#include "core/heap.hpp"

#include <malloc.h>

namespace bilan {

void keep_heap_between_documents() {
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
  mallopt(M_TOP_PAD, 1 << 20);
}

}  // namespace bilan

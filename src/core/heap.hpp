// core/heap — how the process keeps its heap between documents. Called once
// at the start of `main` by the bilan program and by the benchmarks, which
// measure what the program does.
#pragma once

namespace bilan {

// glibc hands freed memory at the top of the heap back to the kernel as soon as
// 128 KB are free, so a warm loop of documents faulted the same pages in again
// for every document (77 page faults each, 4 % of a warm urban document in
// kernel time). Kept up to 32 MiB, and the heap grown 1 MiB at a time: peak
// memory is unchanged (it is reached anyway), the faults are gone.
void keep_heap_between_documents();

}  // namespace bilan

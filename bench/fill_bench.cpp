// Per-document cost of the stages, fonts and layouts loaded once (as in a batch).
// Run: build/bench/bilan_bench [--benchmark_filter=…]
#include <benchmark/benchmark.h>

#include "compose/compose.hpp"
#include "core/environment.hpp"
#include "engine/engine.hpp"
#include "load/departments_loader.hpp"
#include "load/layout_loader.hpp"

namespace {

using namespace bilan;

const std::string kRoot = BILAN_SOURCE_DIR;

FileSystemEnvironment& env() {
  static FileSystemEnvironment e({kRoot + "/layouts"}, kRoot + "/fonts/fonts.conf");
  return e;
}

engine::Engine& warm_engine() {
  static engine::Engine e(env());
  static bool warmed = [] {
    DiagnosticSink sink;
    e.fill(kRoot + "/samples/association-urbaine-2024-2025.xml", {}, sink);
    return true;
  }();
  (void)warmed;
  return e;
}

// load answers + bind + compose: everything but the PDF.
void BM_ComposeFilled(benchmark::State& state) {
  auto& e = warm_engine();
  for (auto _ : state) {
    DiagnosticSink sink;
    auto doc = e.compose_fill(kRoot + "/samples/association-urbaine-2024-2025.xml", {}, sink);
    benchmark::DoNotOptimize(doc);
  }
}
BENCHMARK(BM_ComposeFilled)->Unit(benchmark::kMillisecond);

// The whole fill of the 11-page urban sample, PDF bytes included.
void BM_FillToPdf(benchmark::State& state) {
  auto& e = warm_engine();
  for (auto _ : state) {
    DiagnosticSink sink;
    auto pdf = e.fill(kRoot + "/samples/association-urbaine-2024-2025.xml", {}, sink);
    benchmark::DoNotOptimize(pdf);
    state.counters["bytes"] = static_cast<double>(pdf ? pdf->size() : 0);
  }
}
BENCHMARK(BM_FillToPdf)->Unit(benchmark::kMillisecond);

void BM_BlankToPdf(benchmark::State& state) {
  auto& e = warm_engine();
  for (auto _ : state) {
    DiagnosticSink sink;
    auto pdf = e.blank("clas-2024-2025", {"73"}, sink);
    benchmark::DoNotOptimize(pdf);
  }
}
BENCHMARK(BM_BlankToPdf)->Unit(benchmark::kMillisecond);

// Per-process work: the 2024/25 layout with its includes and department parts.
void BM_LoadLayout(benchmark::State& state) {
  DiagnosticSink sink;
  const auto registry = load::load_departments(env(), kRoot + "/layouts/departments.xml", sink);
  for (auto _ : state) {
    DiagnosticSink s;
    auto form = load::load_layout(env(), kRoot + "/layouts/clas-2024-2025.xml", s, &*registry);
    benchmark::DoNotOptimize(form);
  }
}
BENCHMARK(BM_LoadLayout)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

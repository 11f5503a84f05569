// Per-document cost of each stage and of the whole document, fonts and layouts
// loaded once (as in a batch); every benchmark reports the document's PDF size
// as the `bytes` counter.
//   build/bench/bilan_bench [--benchmark_filter=…]         Google Benchmark
//   build/bench/bilan_bench --instructions DOC N             for callgrind (bench/compare.sh)
// Documents: blank (the 2024/25 form, no department), urbaine (the urban sample),
// urbaine-sans-images, urbaine-x10, urbaine-x100 (bench/make-long-answers.py),
// questionnaire (the national questionnaire's Savoie sample: four grids).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "compose/blocks.hpp"
#include "compose/compose.hpp"
#include "core/environment.hpp"
#include "core/heap.hpp"
#include "data/bind.hpp"
#include "engine/catalog.hpp"
#include "engine/renderer.hpp"
#include "load/answers_loader.hpp"
#include "load/layout_loader.hpp"
#include "text/format.hpp"

namespace {

using namespace bilan;

const std::string kRoot = BILAN_SOURCE_DIR;
const std::string kData = BILAN_BENCH_DATA;
const std::string kForm = "clas-2024-2025";

// ---- The engine as the benchmarks see it ------------------------------------
// Everything below goes through this class only: one Catalog (loaded once, as
// in a batch) and one Renderer, as one worker thread has.
class Harness {
 public:
  Harness()
      : env_({kRoot + "/layouts"}, kRoot + "/fonts/fonts.conf"),
        catalog_(engine::Catalog::load(env_)),
        renderer_(*catalog_) {}

  // Per process: the 2024/25 layout with its includes and department parts.
  std::optional<spec::FormSpec> load_layout(DiagnosticSink& sink) {
    return load::load_layout(env_, load::find_layout(env_, kForm), sink, catalog_->departments(sink));
  }

  // The stages of one document, in order. `answers` empty: the blank form.
  std::optional<data::AnswerSet> load_answers(const std::string& answers, DiagnosticSink& sink) {
    return load::load_answers(env_, answers, sink);
  }
  data::BoundForm bind(const data::AnswerSet* answers, DiagnosticSink& sink) {
    const spec::FormSpec* form = catalog_->form(answers ? answers->form : kForm, sink);
    if (!form) throw std::runtime_error("layout " + kForm + " unusable");
    data::BindOptions options;
    options.registry = catalog_->departments(sink);
    options.format_date = [](const CivilDate& d) { return text::format_date_long(d.year, d.month, d.day); };
    options.format_value = [](const data::Value& v) { return compose::format_value(v); };
    return data::bind(*form, answers, options, sink);
  }
  compose::PagedDocument compose(const data::BoundForm& bound, DiagnosticSink& sink) {
    return compose::compose(bound, catalog_->fonts(), sink);
  }
  std::string write_pdf(const compose::PagedDocument& doc) { return renderer_.to_pdf(doc); }

  // The whole document, answer file to PDF bytes, as `bilan fill` / `bilan blank` do it.
  std::string render(const std::string& answers) {
    DiagnosticSink sink;
    auto pdf = answers.empty() ? renderer_.blank(kForm, {}, sink) : renderer_.fill(answers, {}, sink);
    if (!pdf) throw std::runtime_error("cannot render " + (answers.empty() ? kForm : answers));
    return std::move(*pdf);
  }

 private:
  FileSystemEnvironment env_;
  std::unique_ptr<const engine::Catalog> catalog_;
  engine::Renderer renderer_;
};
// ------------------------------------------------------------------------------

Harness& harness() {
  static Harness h;
  return h;
}

struct Document {
  std::string name;
  std::string answers;  // empty: the blank form
};

const std::vector<Document>& documents() {
  static const std::vector<Document> docs = {
      {"blank", ""},
      {"urbaine", kRoot + "/samples/association-urbaine-2024-2025.xml"},
      {"urbaine-sans-images", kData + "/urbaine-sans-images.xml"},
      {"urbaine-x10", kData + "/urbaine-x10.xml"},
      {"urbaine-x100", kData + "/urbaine-x100.xml"},
      {"questionnaire", kRoot + "/samples/questionnaire-clas-2023-2024-savoie.xml"},
  };
  return docs;
}

const Document& find_document(std::string_view name) {
  for (const auto& d : documents())
    if (d.name == name) return d;
  throw std::runtime_error("unknown document " + std::string(name));
}

// One render before measuring: fonts and layouts loaded, the PDF size known.
double pdf_bytes(const Document& doc) { return static_cast<double>(harness().render(doc.answers).size()); }

std::optional<data::AnswerSet> must_load_answers(const Document& doc) {
  if (doc.answers.empty()) return std::nullopt;
  DiagnosticSink sink;
  auto answers = harness().load_answers(doc.answers, sink);
  if (!answers || sink.has_errors()) throw std::runtime_error("cannot load " + doc.answers);
  return answers;
}

void report(benchmark::State& state, double bytes) { state.counters["bytes"] = bytes; }

void BM_LoadLayout(benchmark::State& state) {
  pdf_bytes(documents().front());  // departments loaded, as in the engine
  for (auto _ : state) {
    DiagnosticSink sink;
    auto form = harness().load_layout(sink);
    benchmark::DoNotOptimize(form);
  }
  report(state, static_cast<double>(std::filesystem::file_size(kRoot + "/layouts/" + kForm + ".xml")));
}

void BM_LoadAnswers(benchmark::State& state, const Document& doc) {
  const double bytes = pdf_bytes(doc);
  for (auto _ : state) {
    DiagnosticSink sink;
    auto answers = harness().load_answers(doc.answers, sink);
    benchmark::DoNotOptimize(answers);
  }
  report(state, bytes);
  state.counters["answer_bytes"] = static_cast<double>(std::filesystem::file_size(doc.answers));
}

void BM_Bind(benchmark::State& state, const Document& doc) {
  const double bytes = pdf_bytes(doc);
  const auto answers = must_load_answers(doc);
  for (auto _ : state) {
    DiagnosticSink sink;
    auto bound = harness().bind(answers ? &*answers : nullptr, sink);
    benchmark::DoNotOptimize(bound);
  }
  report(state, bytes);
}

void BM_Compose(benchmark::State& state, const Document& doc) {
  const double bytes = pdf_bytes(doc);
  const auto answers = must_load_answers(doc);
  DiagnosticSink bind_sink;
  const data::BoundForm bound = harness().bind(answers ? &*answers : nullptr, bind_sink);
  for (auto _ : state) {
    DiagnosticSink sink;
    auto paged = harness().compose(bound, sink);
    benchmark::DoNotOptimize(paged);
  }
  report(state, bytes);
}

void BM_WritePdf(benchmark::State& state, const Document& doc) {
  pdf_bytes(doc);
  const auto answers = must_load_answers(doc);
  DiagnosticSink sink;
  const data::BoundForm bound = harness().bind(answers ? &*answers : nullptr, sink);
  const compose::PagedDocument paged = harness().compose(bound, sink);
  std::size_t size = 0;
  for (auto _ : state) {
    auto pdf = harness().write_pdf(paged);
    size = pdf.size();
    benchmark::DoNotOptimize(pdf);
  }
  report(state, static_cast<double>(size));
}

// The whole document: what compare.sh reports as « warm per document ».
void BM_Document(benchmark::State& state, const Document& doc) {
  pdf_bytes(doc);
  std::size_t size = 0;
  for (auto _ : state) {
    auto pdf = harness().render(doc.answers);
    size = pdf.size();
    benchmark::DoNotOptimize(pdf);
  }
  report(state, static_cast<double>(size));
}

void register_benchmarks() {
  benchmark::RegisterBenchmark("layout/load", BM_LoadLayout)->Unit(benchmark::kMillisecond);
  for (const auto& doc : documents()) {
    auto add = [&](const std::string& stage, auto fn) {
      benchmark::RegisterBenchmark((stage + "/" + doc.name).c_str(), fn, doc)->Unit(benchmark::kMillisecond);
    };
    if (!doc.answers.empty()) add("answers", BM_LoadAnswers);
    add("bind", BM_Bind);
    add("compose", BM_Compose);
    add("pdf", BM_WritePdf);
    add("document", BM_Document);
  }
}

}  // namespace

// The renders callgrind counts (`--toggle-collect=bilan_bench_measured`): C
// linkage so the name is the same in every build.
extern "C" __attribute__((noinline)) std::size_t bilan_bench_measured(const char* answers) {
  return harness().render(answers).size();
}

namespace {

// --instructions DOC N: warm up (the urban sample once, then DOC once unless it
// is the 100× one, too slow under callgrind), then render DOC N times inside
// bilan_bench_measured.
int run_instructions(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: bilan_bench --instructions DOC N\n");
    return 2;
  }
  const Document& doc = find_document(argv[2]);
  const int n = std::atoi(argv[3]);
  pdf_bytes(find_document("urbaine"));
  if (doc.name != "urbaine-x100") pdf_bytes(doc);
  std::size_t bytes = 0;
  for (int i = 0; i < n; ++i) bytes = bilan_bench_measured(doc.answers.c_str());
  std::printf("%s: %d renders, %zu bytes\n", doc.name.c_str(), n, bytes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bilan::keep_heap_between_documents();  // as the bilan program does
  try {
    if (argc >= 2 && std::string_view(argv[1]) == "--instructions") return run_instructions(argc, argv);
    register_benchmarks();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bilan_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}

// libFuzzer target: any bytes as a CSV file go through the reader (charset,
// separator, quotes, limits) and the column matching against the forms
// without crashing, hanging or leaking. Small limits reach every limit path.
// Seeds: every *.csv under tests/ (scripts/fuzz.sh), among them the hostile
// files of tests/fuzz/seeds/csv/ (UTF-16 with and without BOM, odd bytes, lone
// surrogates, formulas, bad facts, one action written several ways).
// Build: CXX=clang++ cmake -S . -B build-fuzz -DBILAN_FUZZ=ON -DBILAN_TESTS=OFF && cmake --build build-fuzz
// Run:   build-fuzz/tests/fuzz/csv_fuzz -max_total_time=300
#include <cstdint>
#include <string>

#include "core/environment.hpp"
#include "engine/csv_import.hpp"

namespace {

using namespace bilan;

struct World {
  FileSystemEnvironment env{{std::string(BILAN_SOURCE_DIR) + "/layouts"}, std::string(BILAN_SOURCE_DIR) + "/fonts/fonts.conf"};
  std::unique_ptr<const engine::Catalog> catalog = engine::Catalog::load(env);
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  DiagnosticSink sink;
  load::CsvLimits limits;
  limits.max_rows = 50;
  limits.max_columns = 40;
  limits.max_cell = 2000;
  (void)engine::csv_to_answers(*world.catalog, "/fuzz/f.csv", bytes, sink, limits);
  return 0;
}

// libFuzzer target: any bytes as a CSV file go through the reader (charset,
// separator, quotes, limits) and the column matching against the forms
// without crashing, hanging or leaking. Small limits reach every limit path.
// Each row's answers are then written (load::write_answers) and read both
// ways: the file through load::parse_answers, the answers through
// load::as_loaded; when neither has an error they must read the same.
// Seeds: every *.csv under tests/ (scripts/fuzz.sh), among them the hostile
// files of tests/fuzz/seeds/csv/ (UTF-16 with and without BOM, odd bytes, lone
// surrogates, formulas, bad facts, one action written several ways).
// Build: CXX=clang++ cmake -S . -B build-fuzz -DBILAN_FUZZ=ON -DBILAN_TESTS=OFF && cmake --build build-fuzz
// Run:   build-fuzz/tests/fuzz/csv_fuzz -max_total_time=300
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/environment.hpp"
#include "engine/csv_import.hpp"
#include "load/answers_loader.hpp"
#include "load/answers_writer.hpp"

namespace {

using namespace bilan;

struct World {
  FileSystemEnvironment env{{std::string(BILAN_SOURCE_DIR) + "/layouts"}, std::string(BILAN_SOURCE_DIR) + "/fonts/fonts.conf"};
  std::unique_ptr<const engine::Catalog> catalog = engine::Catalog::load(env);
};

// What bind() reads of a set.
std::string contents(const data::AnswerSet& s) {
  std::string out = s.form + '\0' + s.department + '\0' + s.action + '\0';
  for (const auto& a : s.answers) out += a.field + '\0' + a.text + '\0';
  for (const auto& t : s.tables) {
    out += t.field + '\0';
    for (const auto& r : t.rows) {
      out += r.id + '\0' + r.label + '\0';
      for (const auto& c : r.cells) out += c.column + '\0' + c.text + '\0';
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  DiagnosticSink sink;
  load::CsvLimits limits;
  limits.max_rows = 50;
  limits.max_columns = 40;
  limits.max_cell = 2000;
  const auto rows = engine::csv_to_answers(*world.catalog, "/fuzz/f.csv", bytes, sink, limits);
  if (!rows) return 0;
  Limits small;  // reaches as_loaded()'s limit paths
  small.answer_bytes = 64;
  small.answers_total_bytes = 256;
  small.name_bytes = 16;
  small.answers = 8;
  for (const auto& row : *rows) {
    DiagnosticSink from_file, direct, limited;
    const auto read = load::parse_answers(world.env, row.source, load::write_answers(row.answers, load::AnswerLayout::OnePerLine),
                                          from_file);
    const auto loaded = load::as_loaded(row.answers, world.env.limits(), direct);
    if (read && loaded && !from_file.has_errors() && !direct.has_errors() && contents(*read) != contents(*loaded)) std::abort();
    (void)load::as_loaded(row.answers, small, limited);
  }
  return 0;
}

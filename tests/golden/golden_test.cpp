// Golden traces: each tests/golden/<case>/ holds layout.xml, optionally
// answers.xml (a filled bilan, else a blank one), departments.xml (else the
// real registry) and blank-department.txt, and expected.trace — the pages as
// one drawing operation per line (render/trace). They go through the product's
// path, engine::Renderer as `bilan fill` and `bilan blank` use it, drawn on the
// trace canvas instead of the PDF writer, on an in-memory Environment holding
// only the files given here. UPDATE_GOLDEN=1 rewrites the expectations; review
// the diff like code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>

#include "engine/catalog.hpp"
#include "engine/renderer.hpp"
#include "load/layout_loader.hpp"
#include "render/canvas.hpp"
#include "render/trace/trace_canvas.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;

// The fingerprint (fonts::FontSet::fingerprint()) of the fonts the traces are
// drawn with: Debian 12's fonts-liberation2 2.1.5-1 and fonts-dejavu-core
// 2.37-6, as fonts/fonts.conf names them. Other fonts draw other traces.
constexpr const char* kPinnedFonts = "03172042e7ee06340f7d6eef8cc43e758a14fdbc8db2c686e20af8d8ede795dd";

std::vector<std::string> cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(testing::source_path("tests/golden")))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

::testing::AssertionResult fonts_are_pinned(const fonts::FontSet& fonts) {
  if (fonts.fingerprint() == kPinnedFonts) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "the golden traces are drawn with the fonts of fingerprint " << kPinnedFonts << "; "
         << testing::source_path("fonts/fonts.conf") << " names fonts of fingerprint " << fonts.fingerprint()
         << ". Install Debian's fonts-liberation2 (2.1.5-1) and fonts-dejavu-core (2.37-6) (scripts/setup.sh); "
            "if the fonts changed on purpose, rewrite the traces with UPDATE_GOLDEN=1, review them and pin the new "
            "fingerprint in tests/golden/golden_test.cpp";
}

// One case, set up as the product would see it: `bilan blank ID` or `bilan
// fill answers.xml` with the case's folder as a layout folder (--layouts).
struct Case {
  std::unique_ptr<testing::MemoryEnvironment> env;
  std::unique_ptr<const engine::Catalog> catalog;
  std::string form_id;
};

Case load_case(const std::string& dir) {
  Case c;
  c.env = std::make_unique<testing::MemoryEnvironment>(testing::MemoryEnvironment::with_fonts());
  auto& env = *c.env;
  const std::string folder = testing::source_path(dir);
  env.add_disk_tree(folder);
  // The layout folder finds a form by id as ID.xml: layout.xml is given under that name too.
  env.set_layout_dirs({folder});
  const std::vector<std::string> ids = load::list_forms(env);
  EXPECT_EQ(ids.size(), 1u) << dir << ": one <form> per case";
  if (ids.size() != 1) return c;
  c.form_id = ids[0];
  env.add_file(folder + "/" + c.form_id + ".xml", testing::read_text(folder + "/layout.xml"));
  // A case may bring its own department registry; otherwise the real one, and
  // the shared parts it names.
  if (!fs::exists(folder + "/departments.xml")) {
    env.add_disk_tree(testing::source_path("layouts"));
    env.set_layout_dirs({folder, testing::source_path("layouts")});
  }
  env.add_disk_tree(testing::source_path("samples/images"));  // the cases share the samples' images
  env.set_images_anywhere(true);
  // Only the case's form is parsed, as for a one-document command.
  c.catalog = engine::Catalog::load(env, {}, {c.form_id});
  return c;
}

// The case's pages through the Renderer, diagnostics in `sink`.
std::optional<engine::Composed> compose_case(const std::string& dir, const Case& c, DiagnosticSink& sink) {
  engine::Renderer renderer(*c.catalog);
  const std::string answers = testing::source_path(dir + "/answers.xml");
  if (c.env->file_exists(answers)) return renderer.compose_fill(answers, {}, sink);
  engine::BlankOptions options;
  // A blank form for a department: its code in blank-department.txt.
  if (const std::string code_path = testing::source_path(dir + "/blank-department.txt"); c.env->file_exists(code_path)) {
    options.department = testing::read_text(code_path);
    while (!options.department.empty() && std::isspace(static_cast<unsigned char>(options.department.back())))
      options.department.pop_back();
  }
  return renderer.compose_blank(c.form_id, options, sink);
}

// First differing line, for a readable failure.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    const bool he = static_cast<bool>(std::getline(e, le));
    const bool ha = static_cast<bool>(std::getline(a, la));
    if (!he && !ha) return "identical";
    if (le != la || he != ha)
      return "line " + std::to_string(line) + ":\n  expected: " + (he ? le : "<end>") + "\n  actual:   " + (ha ? la : "<end>");
  }
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, TraceMatches) {
  const std::string dir = "tests/golden/" + GetParam();
  const Case c = load_case(dir);
  ASSERT_TRUE(c.catalog);
  ASSERT_TRUE(fonts_are_pinned(c.catalog->fonts()));
  DiagnosticSink sink;
  const auto composed = compose_case(dir, c, sink);
  ASSERT_TRUE(composed && !composed->doc.pages.empty()) << (sink.empty() ? "" : sink.sorted()[0].to_string());
  render::TraceCanvas canvas;
  render::render(composed->doc, canvas);
  std::string actual = canvas.text();
  // Locations are printed relative to the repository, whatever the build folder.
  for (const auto& d : sink.sorted()) {
    std::string line = d.to_string();
    if (auto pos = line.find(testing::source_dir() + "/"); pos != std::string::npos)
      line.erase(pos, testing::source_dir().size() + 1);
    actual += "diagnostic " + line + "\n";
  }

  const std::string expected_path = testing::source_path(dir + "/expected.trace");
  if (std::getenv("UPDATE_GOLDEN")) {
    testing::write_text(expected_path, actual);
    GTEST_SKIP() << "rewrote " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << "no expected.trace: run with UPDATE_GOLDEN=1 and review it";
  const std::string expected = testing::read_text(expected_path);
  EXPECT_TRUE(expected == actual) << GetParam() << ": trace differs at " << first_difference(expected, actual);
}

// Nothing drawn over earlier text (the PDF writer relies on it).
TEST_P(Golden, NoShapeCoversEarlierText) {
  const std::string dir = "tests/golden/" + GetParam();
  const Case c = load_case(dir);
  ASSERT_TRUE(c.catalog);
  DiagnosticSink sink;
  const auto composed = compose_case(dir, c, sink);
  ASSERT_TRUE(composed && !composed->doc.pages.empty());
  for (const auto& problem : testing::shapes_over_text(composed->doc)) ADD_FAILURE() << problem;
}

// The environment is strict: a file it was not given is not read from the
// disk, even one that exists there.
TEST(GoldenEnvironment, ReadsOnlyWhatItWasGiven) {
  testing::MemoryEnvironment env;
  const std::string path = testing::source_path("tests/golden/footer/layout.xml");
  ASSERT_TRUE(fs::exists(path));
  std::string bytes, error;
  EXPECT_FALSE(env.try_read_file(path, bytes, error));
  EXPECT_EQ(error, "fichier introuvable");
  EXPECT_FALSE(env.file_exists(path));
  EXPECT_TRUE(env.list_files(testing::source_path("tests/golden/footer")).empty());
  env.add_disk_file(path);
  EXPECT_TRUE(env.try_read_file(testing::source_path("tests/golden/footer/../footer/layout.xml"), bytes, error)) << error;
  EXPECT_EQ(env.list_files(testing::source_path("tests/golden/footer/")), std::vector<std::string>{path});
  EXPECT_EQ(env.list_files(testing::source_path("tests/golden")), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace bilan

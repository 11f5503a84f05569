// Golden traces: each tests/golden/<case>/ holds layout.xml, optionally
// answers.xml, and expected.trace — the composed pages as one drawing operation
// per line (render/trace). UPDATE_GOLDEN=1 rewrites the expectations; review
// the diff like code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <filesystem>

#include "compose/compose.hpp"
#include "data/bind.hpp"
#include "load/answers_loader.hpp"
#include "load/departments_loader.hpp"
#include "load/layout_loader.hpp"
#include "fonts/font_set.hpp"
#include "render/trace/trace_canvas.hpp"
#include "support/test_support.hpp"
#include "text/format.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(testing::source_path("tests/golden")))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const fonts::FontSet& fonts() {
  static testing::MemoryEnvironment env;
  static const auto set = fonts::FontSet::must_load(env, env.font_manifest_path());
  return *set;
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

// The case's pages, diagnostics in `sink`.
compose::PagedDocument compose_case(const std::string& dir, DiagnosticSink& sink) {
  testing::MemoryEnvironment env;
  env.set_images_anywhere(true);  // the cases share the samples' images
  // A case may bring its own department registry; otherwise the real one.
  std::string registry_path = testing::source_path(dir + "/departments.xml");
  if (!fs::exists(registry_path)) registry_path = testing::source_path("layouts/departments.xml");
  auto registry = load::load_departments(env, registry_path, sink);
  EXPECT_TRUE(registry.has_value()) << (sink.empty() ? "" : sink.sorted()[0].to_string());
  if (!registry) return {};
  // Locations are printed relative to the repository, whatever the build folder.
  auto form = load::load_layout(env, testing::source_path(dir + "/layout.xml"), sink, &*registry);
  EXPECT_TRUE(form.has_value()) << (sink.empty() ? "" : sink.sorted()[0].to_string());
  if (!form) return {};
  std::optional<data::AnswerSet> answers;
  const std::string answers_path = testing::source_path(dir + "/answers.xml");
  if (fs::exists(answers_path)) {
    answers = load::load_answers(env, answers_path, sink);
    EXPECT_TRUE(answers.has_value()) << sink.sorted()[0].to_string();
    if (!answers) return {};
  }
  data::BindOptions options;
  options.registry = &*registry;
  options.format_date = [](const CivilDate& d) { return text::format_date_long(d.year, d.month, d.day); };
  // A blank form for a department: its code in blank-department.txt.
  if (const std::string code_path = testing::source_path(dir + "/blank-department.txt"); fs::exists(code_path)) {
    options.department = testing::read_text(code_path);
    while (!options.department.empty() && std::isspace(static_cast<unsigned char>(options.department.back())))
      options.department.pop_back();
  }
  const data::BoundForm bound = data::bind(*form, answers ? &*answers : nullptr, options, sink);
  return compose::compose(bound, fonts(), sink);
}

TEST_P(Golden, TraceMatches) {
  const std::string dir = "tests/golden/" + GetParam();
  DiagnosticSink sink;
  const compose::PagedDocument doc = compose_case(dir, sink);
  ASSERT_FALSE(doc.pages.empty());
  std::string actual = render::trace(doc);
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
  DiagnosticSink sink;
  const compose::PagedDocument doc = compose_case("tests/golden/" + GetParam(), sink);
  ASSERT_FALSE(doc.pages.empty());
  for (const auto& problem : testing::shapes_over_text(doc)) ADD_FAILURE() << problem;
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

// Renderer::check_bytes (what `store import` runs: bind without display, no
// compose) reports what compose_fill_bytes reports, but for typesetting:
// over every sample and every hostile input, complete and partial.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/environment.hpp"
#include "engine/renderer.hpp"
#include "support/test_support.hpp"

namespace bilan::engine {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> texts(const DiagnosticSink& sink, bool drop_typesetting) {
  std::vector<std::string> out;
  for (const auto& d : sink.sorted())
    if (!drop_typesetting || (d.code != DiagCode::MissingGlyph && d.code != DiagCode::LongAction && d.code != DiagCode::TooManyPages))
      out.push_back(d.to_string());
  return out;
}

TEST(CheckBytes, SameDiagnosticsAsARenderButForTypesetting) {
  const FileSystemEnvironment env({testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf"));
  const auto catalog = Catalog::load(env);
  Renderer renderer(*catalog);
  std::vector<std::string> files;
  for (const char* dir : {"samples", "tests/inputs"})
    for (const auto& e : fs::directory_iterator(testing::source_path(dir)))
      if (e.path().extension() == ".xml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 100u);
  std::size_t with_errors = 0;
  for (const auto& path : files)
    for (const bool partial : {false, true}) {
      FillOptions options;
      options.partial = partial;
      DiagnosticSink rendered, checked;
      const auto composed = renderer.compose_fill_bytes(path, testing::read_text(path), options, rendered);
      const auto bound = renderer.check_bytes(path, testing::read_text(path), options, checked);
      EXPECT_EQ(texts(checked, false), texts(rendered, true)) << path << (partial ? " --partial" : "");
      if (composed) {
        EXPECT_TRUE(bound) << path;
      }
      if (bound) {
        EXPECT_TRUE(bound->bound.body.empty()) << path;
      }
      with_errors += checked.has_errors();
    }
  EXPECT_GT(with_errors, 50u);  // the hostile inputs do have errors
}

}  // namespace
}  // namespace bilan::engine

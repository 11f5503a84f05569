// `check --format json`: the layout scripts read, and strings that stay JSON
// whatever an answer file or a file name holds.
#include "engine/diagnostics_json.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace bilan::engine {
namespace {

SourceLoc at(const std::string& file, std::uint32_t line, std::uint32_t col) {
  return SourceLoc{std::make_shared<const std::string>(file), line, col};
}

TEST(DiagnosticsJson, NoDiagnosticIsOneLine) {
  EXPECT_EQ(diagnostics_json(DiagnosticSink{}), "{\"errors\": 0, \"warnings\": 0, \"diagnostics\": []}\n");
}

TEST(DiagnosticsJson, OneDiagnosticALineSortedByPlaceWithHintAndRuleId) {
  DiagnosticSink sink;
  sink.warning(at("b.xml", 2, 1), DiagCode::IgnoredLabel, "libellé ignoré", "q1");
  sink.error(at("a.xml", 7, 3), DiagCode::UnknownElement, "élément <answr> inconnu dans <bilan>").hint =
      "vouliez-vous dire « answer » ?";
  Diagnostic rule{Severity::Warning, at("b.xml", 1, 1), DiagCode::Rule, "règle", "", "", "collectif_8", false};
  sink.report(rule);
  EXPECT_EQ(diagnostics_json(sink),
            "{\"errors\": 1, \"warnings\": 2, \"diagnostics\": [\n"
            "  {\"file\": \"a.xml\", \"line\": 7, \"column\": 3, \"severity\": \"error\", \"code\": \"unknown-element\", "
            "\"field\": \"\", \"message\": \"élément <answr> inconnu dans <bilan> (vouliez-vous dire « answer » ?)\"},\n"
            "  {\"file\": \"b.xml\", \"line\": 1, \"column\": 1, \"severity\": \"warning\", \"code\": \"rule:collectif_8\", "
            "\"field\": \"\", \"message\": \"règle\"},\n"
            "  {\"file\": \"b.xml\", \"line\": 2, \"column\": 1, \"severity\": \"warning\", \"code\": \"ignored-label\", "
            "\"field\": \"q1\", \"message\": \"libellé ignoré\"}\n"
            "]}\n");
}

TEST(DiagnosticsJson, HostileTextIsEscapedAndReadsBackTheSame) {
  // Quotes, backslashes, every control character, DEL, a non-BMP character
  // (kept as UTF-8: 4 bytes, not a surrogate pair) and a no-break space.
  std::string hostile = "\"a\\b\" </script> \x7f \xF0\x9F\x98\x80 \xC2\xA0";
  for (char c = 1; c < 0x20; ++c) hostile += c;
  const std::string file = "dir\\\"quoted\"\n.xml";
  DiagnosticSink sink;
  sink.error(at(file, 1, 2), DiagCode::BadValue, hostile, "champ\t\"x\"");
  const std::string out = diagnostics_json(sink);
  // One diagnostic is one line: no raw control character escapes.
  for (const char c : out) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << static_cast<int>(c);
  EXPECT_NE(out.find(R"(\"a\\b\")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"(\u0001)"), std::string::npos) << out;
  EXPECT_NE(out.find(R"(\u001f)"), std::string::npos) << out;
  EXPECT_NE(out.find(R"(\t)"), std::string::npos) << out;
  EXPECT_NE(out.find("\xF0\x9F\x98\x80"), std::string::npos) << out;
  const auto back = nlohmann::json::parse(out);
  ASSERT_EQ(back["diagnostics"].size(), 1u);
  EXPECT_EQ(back["diagnostics"][0]["message"], hostile);
  EXPECT_EQ(back["diagnostics"][0]["file"], file);
  EXPECT_EQ(back["diagnostics"][0]["field"], "champ\t\"x\"");
  EXPECT_EQ(back["errors"], 1);
}

TEST(DiagnosticsJson, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // A file name from the command line may be Latin-1: the output stays JSON.
  DiagnosticSink sink;
  sink.error(at("r\xE9ponses.xml", 1, 1), DiagCode::UnreadableFile, "lecture impossible");
  const std::string out = diagnostics_json(sink);
  EXPECT_NE(out.find("\"r\xEF\xBF\xBDponses.xml\""), std::string::npos) << out;
  EXPECT_TRUE(nlohmann::json::accept(out)) << out;
}

}  // namespace
}  // namespace bilan::engine

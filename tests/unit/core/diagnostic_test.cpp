#include "core/diagnostic.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace bilan {
namespace {

SourceLoc at(const char* file, std::uint32_t line, std::uint32_t col) {
  return SourceLoc{std::make_shared<const std::string>(file), line, col};
}

TEST(Diagnostic, ToStringErrorFormat) {
  Diagnostic d{Severity::Error, at("file", 12, 5), "x", "message", ""};
  EXPECT_EQ(d.to_string(), "file:12:5: erreur: message");
}

TEST(Diagnostic, ToStringWarningFormat) {
  Diagnostic d{Severity::Warning, at("samples/r.xml", 3, 1), "x", "réponse ignorée", ""};
  EXPECT_EQ(d.to_string(), "samples/r.xml:3:1: avertissement: réponse ignorée");
}

TEST(Diagnostic, ToStringWithFileOnlyOrNoLocation) {
  Diagnostic file_only{Severity::Error, SourceLoc{std::make_shared<const std::string>("r.xml")}, "x", "le fichier est vide", ""};
  EXPECT_EQ(file_only.to_string(), "r.xml: erreur: le fichier est vide");
  Diagnostic nowhere{Severity::Warning, SourceLoc{}, "x", "attention", ""};
  EXPECT_EQ(nowhere.to_string(), "avertissement: attention");
}

TEST(Diagnostic, SeverityNames) {
  EXPECT_STREQ(severity_name(Severity::Error), "erreur");
  EXPECT_STREQ(severity_name(Severity::Warning), "avertissement");
}

TEST(DiagnosticSink, CountsErrorsAndWarnings) {
  DiagnosticSink sink;
  EXPECT_TRUE(sink.empty());
  EXPECT_FALSE(sink.has_errors());
  sink.warning(at("a", 1, 1), "w", "w1");
  EXPECT_FALSE(sink.has_errors());
  EXPECT_EQ(sink.warning_count(), 1u);
  sink.error(at("a", 2, 1), "e", "e1", "champ");
  sink.error(at("a", 3, 1), "e", "e2");
  EXPECT_TRUE(sink.has_errors());
  EXPECT_FALSE(sink.empty());
  EXPECT_EQ(sink.error_count(), 2u);
  EXPECT_EQ(sink.warning_count(), 1u);
  ASSERT_EQ(sink.items().size(), 3u);
  EXPECT_EQ(sink.items()[1].field, "champ");
  EXPECT_EQ(sink.items()[1].code, "e");
  EXPECT_EQ(sink.items()[1].severity, Severity::Error);
}

TEST(DiagnosticSink, SortsByFileLineColumnAndKeepsOrderOfTies) {
  DiagnosticSink sink;
  sink.error(at("b.xml", 1, 1), "c", "b1");
  sink.error(at("a.xml", 10, 2), "c", "a10");
  sink.warning(at("a.xml", 2, 7), "c", "a2-7");
  sink.error(at("a.xml", 2, 3), "c", "a2-3 first");
  sink.error(at("a.xml", 2, 3), "c", "a2-3 second");
  const auto sorted = sink.sorted();
  ASSERT_EQ(sorted.size(), 5u);
  EXPECT_EQ(sorted[0].message, "a2-3 first");
  EXPECT_EQ(sorted[1].message, "a2-3 second");
  EXPECT_EQ(sorted[2].message, "a2-7");
  EXPECT_EQ(sorted[3].message, "a10");
  EXPECT_EQ(sorted[4].message, "b1");
  // items() keeps the report order.
  EXPECT_EQ(sink.items()[0].message, "b1");
}

TEST(DiagnosticSink, MergeKeepsCounts) {
  DiagnosticSink a, b;
  a.error(at("a", 1, 1), "e", "1");
  b.warning(at("b", 1, 1), "w", "2");
  b.error(at("b", 2, 1), "e", "3");
  a.merge(b);
  EXPECT_EQ(a.error_count(), 2u);
  EXPECT_EQ(a.warning_count(), 1u);
  EXPECT_EQ(a.items().back().message, "3");
}

}  // namespace
}  // namespace bilan

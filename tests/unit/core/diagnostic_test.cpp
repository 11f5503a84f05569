#include "core/diagnostic.hpp"

#include <memory>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/suggest.hpp"

namespace bilan {
namespace {

SourceLoc at(const char* file, std::uint32_t line, std::uint32_t col) {
  return SourceLoc{std::make_shared<const std::string>(file), line, col};
}

TEST(Diagnostic, ToStringErrorFormat) {
  Diagnostic d{Severity::Error, at("file", 12, 5), DiagCode::UnknownField, "message", "", "", "", false};
  EXPECT_EQ(d.to_string(), "file:12:5: erreur: message");
}

TEST(Diagnostic, ToStringWarningFormat) {
  Diagnostic d{Severity::Warning, at("samples/r.xml", 3, 1), DiagCode::UnknownField, "réponse ignorée", "", "", "", false};
  EXPECT_EQ(d.to_string(), "samples/r.xml:3:1: avertissement: réponse ignorée");
}

TEST(Diagnostic, ToStringWithFileOnlyOrNoLocation) {
  Diagnostic file_only{Severity::Error, SourceLoc{std::make_shared<const std::string>("r.xml")}, DiagCode::UnknownField, "le fichier est vide", "", "", "", false};
  EXPECT_EQ(file_only.to_string(), "r.xml: erreur: le fichier est vide");
  Diagnostic nowhere{Severity::Warning, SourceLoc{}, DiagCode::UnknownField, "attention", "", "", "", false};
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
  sink.warning(at("a", 1, 1), DiagCode::IgnoredLabel, "w1");
  EXPECT_FALSE(sink.has_errors());
  EXPECT_EQ(sink.warning_count(), 1u);
  sink.error(at("a", 2, 1), DiagCode::BadValue, "e1", "champ");
  sink.error(at("a", 3, 1), DiagCode::BadValue, "e2");
  EXPECT_TRUE(sink.has_errors());
  EXPECT_FALSE(sink.empty());
  EXPECT_EQ(sink.error_count(), 2u);
  EXPECT_EQ(sink.warning_count(), 1u);
  ASSERT_EQ(sink.items().size(), 3u);
  EXPECT_EQ(sink.items()[1].field, "champ");
  EXPECT_EQ(sink.items()[1].code, DiagCode::BadValue);
  EXPECT_EQ(sink.items()[1].severity, Severity::Error);
}

TEST(DiagnosticSink, SortsByFileLineColumnAndKeepsOrderOfTies) {
  DiagnosticSink sink;
  sink.error(at("b.xml", 1, 1), DiagCode::XmlSyntax, "b1");
  sink.error(at("a.xml", 10, 2), DiagCode::XmlSyntax, "a10");
  sink.warning(at("a.xml", 2, 7), DiagCode::XmlSyntax, "a2-7");
  sink.error(at("a.xml", 2, 3), DiagCode::XmlSyntax, "a2-3 first");
  sink.error(at("a.xml", 2, 3), DiagCode::XmlSyntax, "a2-3 second");
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
  a.error(at("a", 1, 1), DiagCode::BadValue, "1");
  b.warning(at("b", 1, 1), DiagCode::IgnoredLabel, "2");
  b.error(at("b", 2, 1), DiagCode::BadValue, "3");
  a.merge(b);
  EXPECT_EQ(a.error_count(), 2u);
  EXPECT_EQ(a.warning_count(), 1u);
  EXPECT_EQ(a.items().back().message, "3");
}

TEST(DiagCode, EveryCodeHasAUniqueKebabCaseNameThatReadsBack) {
  const auto codes = all_codes();
  ASSERT_GE(codes.size(), 90u);  // one per name used in src/, and the archive's
  std::set<std::string_view> names;
  for (const DiagCode c : codes) {
    const std::string_view name = code_name(c);
    ASSERT_FALSE(name.empty()) << static_cast<int>(c);
    EXPECT_TRUE(names.insert(name).second) << "twice: " << name;
    // Kebab case: lower-case words joined by single hyphens.
    EXPECT_NE(name.front(), '-') << name;
    EXPECT_NE(name.back(), '-') << name;
    EXPECT_EQ(name.find("--"), std::string_view::npos) << name;
    for (const char ch : name) EXPECT_TRUE((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') << name;
    EXPECT_EQ(code_from_name(name), c) << name;
  }
  EXPECT_EQ(code_name(DiagCode::None), "");
  EXPECT_EQ(code_from_name(""), std::nullopt);
  EXPECT_EQ(code_from_name("unknown-field-"), std::nullopt);
}

TEST(DiagCode, NamesPublishedBeforeTheEnumDoNotChange) {
  // Printed by `check --format json` since before the enum: scripts read them.
  EXPECT_EQ(code_name(DiagCode::UnknownField), "unknown-field");
  EXPECT_EQ(code_name(DiagCode::ExpectedAnswer), "expected-answer");
  EXPECT_EQ(code_name(DiagCode::ComputedMismatch), "computed-mismatch");
  EXPECT_EQ(code_name(DiagCode::AnswerInInactivePart), "answer-in-inactive-part");
  EXPECT_EQ(code_name(DiagCode::NotAFillableBilan), "not-a-fillable-bilan");
  EXPECT_EQ(code_name(DiagCode::XmlSyntax), "xml-syntax");
}

TEST(Diagnostic, CodeTextOfARuleCarriesItsId) {
  Diagnostic d{Severity::Warning, SourceLoc{}, DiagCode::Rule, "m", "", "", "collectif_8", false};
  EXPECT_EQ(d.code_text(), "rule:collectif_8");
  d.rule_id.clear();
  EXPECT_EQ(d.code_text(), "rule");
  d.code = DiagCode::BadValue;
  d.rule_id = "ignored";  // only a rule has an id
  EXPECT_EQ(d.code_text(), "bad-value");
}

TEST(Diagnostic, HintIsPrintedAfterTheMessageInBrackets) {
  DiagnosticSink sink;
  sink.error(at("r.xml", 4, 2), DiagCode::UnknownAttribute, "attribut « filed » inconnu sur <answer>").hint =
      "vouliez-vous dire « field » ?";
  const Diagnostic& d = sink.items().front();
  EXPECT_EQ(d.message, "attribut « filed » inconnu sur <answer>");
  EXPECT_EQ(d.text(), "attribut « filed » inconnu sur <answer> (vouliez-vous dire « field » ?)");
  EXPECT_EQ(d.to_string(), "r.xml:4:2: erreur: attribut « filed » inconnu sur <answer> (vouliez-vous dire « field » ?)");
  Diagnostic plain = d;
  plain.hint.clear();
  EXPECT_EQ(plain.to_string(), "r.xml:4:2: erreur: attribut « filed » inconnu sur <answer>");
}

TEST(Diagnostic, SuggestionIsTheHintThatDidYouMeanPrints) {
  // did_you_mean() is " (" + suggestion() + ")": a hint moved into the field prints the same.
  EXPECT_EQ(suggestion("feild", {"field", "table"}), "vouliez-vous dire « field » ?");
  EXPECT_EQ(did_you_mean("feild", {"field", "table"}), " (" + suggestion("feild", {"field", "table"}) + ")");
  EXPECT_EQ(suggestion("zzzzzz", {"field"}), "");
}

}  // namespace
}  // namespace bilan

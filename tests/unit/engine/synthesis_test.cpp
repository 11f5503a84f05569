// synthesize(): answers bound with the real forms and summed up exactly
// (decimals of several scales, means rounded half away from zero, a sum that
// leaves 64 bits said so), the same on any number of threads; an action with
// an error fails the synthesis at its place; the CSV guards formulas.
#include "engine/synthesis.hpp"

#include <gtest/gtest.h>

#include <climits>

#include "support/test_support.hpp"

namespace bilan::engine {
namespace {

SynthesisInput input(const std::string& action, const std::string& answers, const std::string& form = "clas-2024-2025") {
  return {action, form, "73", "/mem/" + action + ".xml",
          "<bilan form=\"" + form + "\" department=\"73\" action=\"" + action + "\">\n" + answers + "</bilan>\n", {}};
}

std::string answer(const std::string& field, const std::string& value) {
  return "  <answer field=\"" + field + "\">" + value + "</answer>\n";
}

const SynthesisRow& row_of(const Synthesis& s, const std::string& key) {
  for (const auto& part : s.parts)
    for (const auto& r : part.rows)
      if (r.key == key) return r;
  throw std::runtime_error("no row " + key);
}

std::optional<Synthesis> run(const std::vector<SynthesisInput>& inputs, DiagnosticSink& sink, unsigned jobs = 1) {
  SynthesisOptions options;
  options.department = "73";
  options.jobs = jobs;
  return synthesize(*testing::source_forms().catalog, inputs, options, sink);
}

TEST(Synthesis, DecimalsOfSeveralScalesAreSummedExactly) {
  DiagnosticSink sink;
  const auto s = run({input("A", answer("heures_salaries", "1,5") + answer("enfants_college", "3")),
                      input("B", answer("heures_salaries", "2,25") + answer("enfants_college", "4")),
                      input("C", answer("heures_salaries", "10"))},
                     sink);
  ASSERT_TRUE(s) << (sink.empty() ? "" : sink.sorted()[0].to_string());
  const SynthesisRow& h = row_of(*s, "heures_salaries");
  EXPECT_EQ(h.kind, SynthesisKind::Number);
  EXPECT_EQ(h.answered, 3u);
  EXPECT_EQ(synthesis_number(h.sum, h.scale), "13,75");
  const auto mean = synthesis_mean(h);
  ASSERT_TRUE(mean);
  EXPECT_EQ(synthesis_number(mean->mantissa, mean->scale), "4,58");  // 4,5833…
  const SynthesisRow& c = row_of(*s, "enfants_college");
  EXPECT_EQ(c.answered, 2u);
  EXPECT_EQ(synthesis_number(synthesis_mean(c)->mantissa, synthesis_mean(c)->scale), "3,5");
  // The total the form computes is summed too.
  EXPECT_EQ(row_of(*s, "enfants_total").kind, SynthesisKind::Number);
  ASSERT_EQ(s->parts.size(), 1u);
  EXPECT_EQ(s->parts[0].actions, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(s->caf, "Caf de la Savoie");
}

TEST(Synthesis, MeansRoundHalfAwayFromZeroAndAmountsKeepTheirCents) {
  SynthesisRow amount;
  amount.kind = SynthesisKind::Number;
  amount.type = spec::FieldType::Amount;
  amount.scale = 2;
  amount.sum = 100001;  // 1 000,01 € over 2: 500,005 €
  amount.answered = 2;
  EXPECT_EQ(synthesis_mean(amount)->mantissa, 50001);
  EXPECT_EQ(synthesis_mean(amount)->scale, 2);
  SynthesisRow negative;
  negative.kind = SynthesisKind::Number;
  negative.type = spec::FieldType::Integer;
  negative.sum = -5;
  negative.answered = 2;
  EXPECT_EQ(synthesis_number(synthesis_mean(negative)->mantissa, synthesis_mean(negative)->scale), "-2,5");
  negative.sum = -7;
  negative.answered = 4;  // -1,75 → -1,8
  EXPECT_EQ(synthesis_number(synthesis_mean(negative)->mantissa, synthesis_mean(negative)->scale), "-1,8");
  negative.answered = 0;
  EXPECT_FALSE(synthesis_mean(negative));
  EXPECT_EQ(synthesis_number(-5, 2), "-0,05");
  EXPECT_EQ(synthesis_number(INT64_MIN, 0), "-9223372036854775808");
  EXPECT_EQ(synthesis_number(7, 3), "0,007");
}

TEST(Synthesis, ASumPast64BitsIsSaidNotWrapped) {
  // Answers stay below 10^14 with 4 decimals (data/value.cpp): ten of the
  // largest, then one with 4 decimals, make 10^19 ten-thousandths.
  std::vector<SynthesisInput> inputs;
  for (int i = 0; i < 10; ++i) inputs.push_back(input("A" + std::to_string(i), answer("heures_salaries", "99999999999999")));
  inputs.push_back(input("B", answer("heures_salaries", "0,0001")));
  DiagnosticSink sink;
  const auto s = run(inputs, sink);
  ASSERT_TRUE(s) << (sink.empty() ? "" : sink.sorted()[0].to_string());
  const SynthesisRow& h = row_of(*s, "heures_salaries");
  EXPECT_TRUE(h.overflow);
  EXPECT_EQ(h.answered, 11u);
  EXPECT_FALSE(synthesis_mean(h));
  EXPECT_NE(synthesis_csv(*s).find(";heures_salaries;Nombre annuel d’heures pour le CLAS Salariés;;11;dépassement;\n"),
            std::string::npos);
}

TEST(Synthesis, TheSameOnOneOrFourThreads) {
  std::vector<SynthesisInput> inputs;
  for (int i = 0; i < 30; ++i)
    inputs.push_back(input("A" + std::to_string(100 + i), answer("enfants_elementaire", std::to_string(i)) +
                                                              answer("bonus_enfants", i % 2 ? "oui" : "non")));
  inputs.push_back(input("T", answer("structure", "EVS"), "tne-parentalite-numerique"));
  DiagnosticSink one, four;
  const auto s1 = run(inputs, one, 1), s4 = run(inputs, four, 4);
  ASSERT_TRUE(s1 && s4);
  EXPECT_EQ(synthesis_csv(*s1), synthesis_csv(*s4));
  ASSERT_EQ(s1->parts.size(), 2u);  // one part per form, by form id
  EXPECT_EQ(s1->parts[0].form, "clas-2024-2025");
  EXPECT_EQ(s1->parts[1].form, "tne-parentalite-numerique");
  const SynthesisRow& b = row_of(*s1, "bonus_enfants");
  ASSERT_EQ(b.answers.size(), 3u);
  EXPECT_EQ(b.answers[0].count, 15u);
  EXPECT_EQ(b.answers[1].count, 15u);
  EXPECT_EQ(b.answers[2].label, "sans réponse");
  EXPECT_EQ(b.answers[2].count, 0u);
}

TEST(Synthesis, AnActionWithAnErrorFailsItAtItsPlace) {
  DiagnosticSink sink;
  const auto s = run({input("A", answer("enfants_college", "3")), input("B", answer("enfants_college", "trois"))}, sink);
  EXPECT_FALSE(s);
  ASSERT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(sink.sorted()[0].loc.to_string(), "/mem/B.xml:2:35");
}

TEST(Synthesis, TheCsvGuardsFormulas) {
  Synthesis s;
  SynthesisPart part;
  part.form = "f";
  part.actions = {"A"};
  SynthesisRow row;
  row.kind = SynthesisKind::Counts;
  row.key = "q";
  row.label = "=SOMME(A1)";
  row.answers = {{"x", "-1", 1}, {"", "sans réponse", 0}};
  part.rows.push_back(row);
  s.parts.push_back(part);
  EXPECT_EQ(synthesis_csv(s), "\xEF\xBB\xBF" "formulaire;question;libellé;réponse;nombre;somme;moyenne\n"
                              "f;actions;Nombre d’actions;;1;;\n"
                              "f;q;'=SOMME(A1);'-1;1;;\n"
                              "f;q;'=SOMME(A1);sans réponse;0;;\n");
}

}  // namespace
}  // namespace bilan::engine

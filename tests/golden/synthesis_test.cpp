// The synthesis's page as drawn (render/trace): title block, a form's band,
// headings, the table of sums and means (integers, decimals, amounts, an
// unanswered number, an overflow), stacked bars with their legend (a yes/no,
// a multiple choice, an answer nobody gave, a grid's rows under its statement),
// a free text; footer. Compared
// with tests/golden/synthesis.trace (UPDATE_GOLDEN=1 rewrites it); nothing
// drawn over earlier text.
#include <gtest/gtest.h>

#include <cstdlib>

#include "compose/synthesis.hpp"
#include "render/canvas.hpp"
#include "render/trace/trace_canvas.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

using namespace compose;

SynthesisRow number(const std::string& key, const std::string& label, spec::FieldType type, std::int64_t sum, int scale,
                    std::size_t answered) {
  SynthesisRow r;
  r.kind = SynthesisKind::Number;
  r.key = key;
  r.label = label;
  r.type = type;
  r.sum = sum;
  r.scale = scale;
  r.answered = answered;
  return r;
}

SynthesisRow counts(const std::string& key, const std::string& label, std::vector<SynthesisAnswer> answers, std::size_t answered,
                    bool multiple = false) {
  SynthesisRow r;
  r.kind = SynthesisKind::Counts;
  r.key = key;
  r.label = label;
  r.multiple = multiple;
  r.answers = std::move(answers);
  r.answered = answered;
  return r;
}

Synthesis sample() {
  Synthesis s;
  s.department = "73";
  s.caf = "Caf de la Savoie";
  s.date = CivilDate{2025, 7, 4};
  SynthesisPart p;
  p.form = "clas-2024-2025";
  p.title = "Bilan CLAS 2024-2025";
  p.school_year = "2024-2025";
  for (int i = 0; i < 40; ++i) p.actions.push_back("A" + std::to_string(i));
  SynthesisRow h;
  h.kind = SynthesisKind::Heading;
  h.label = "Les moyens humains et les enfants accueillis";
  h.level = 1;
  p.rows.push_back(h);
  p.rows.push_back(number("enfants_elementaire", "Nombre d’enfants élémentaire", spec::FieldType::Integer, 1480, 0, 40));
  p.rows.push_back(number("heures_salaries", "Nombre annuel d’heures pour le CLAS Salariés", spec::FieldType::Decimal, 7605, 1, 20));
  p.rows.push_back(number("budget", "Budget réalisé", spec::FieldType::Amount, 12345678, 2, 38));
  p.rows.push_back(number("enfants_lycee", "Nombre d’enfants lycée", spec::FieldType::Integer, 0, 0, 0));
  SynthesisRow big = number("familles", "Nombre de familles différentes accueillies", spec::FieldType::Integer, 0, 0, 2);
  big.overflow = true;
  p.rows.push_back(big);
  SynthesisRow empty_heading = h;  // nothing under it: not drawn
  empty_heading.label = "Une partie sans question comptée";
  empty_heading.level = 2;
  p.rows.push_back(empty_heading);
  h.label = "Bonification";
  p.rows.push_back(h);
  p.rows.push_back(counts("bonus_enfants", "Vous avez bénéficié du bonus enfants", {{"oui", "Oui", 14}, {"non", "Non", 26}, {"", "sans réponse", 0}}, 40));
  p.rows.push_back(counts("bonus_enfant_objet", "Le projet de bonification portait sur",
                          {{"materiel", "L’achat de matériel pédagogique spécifique", 4},
                           {"intervenants", "La mobilisation d’intervenants extérieurs", 4},
                           {"sorties", "L’organisation de sorties culturelles", 4},
                           {"autres", "Autres (précisez)", 0},
                           {"", "sans réponse", 32}},
                          8, true));
  for (const auto& [row, counted] : {std::pair{"difficultes", 30}, std::pair{"logement", 12}}) {
    SynthesisRow g = counts(std::string("situations.") + row, "", {{"tous", "Quasiment tous", static_cast<std::size_t>(counted) / 2},
                                                                 {"aucun", "Quasiment aucun", static_cast<std::size_t>(counted) / 2},
                                                                 {"", "sans réponse", 40 - static_cast<std::size_t>(counted)}},
                            static_cast<std::size_t>(counted));
    g.group = "Les enfants sont dans les situations suivantes";
    g.item = std::string(row) == "logement" ? "Logement" : "Difficultés scolaires";
    g.label = g.group + " — " + g.item;
    p.rows.push_back(g);
  }
  SynthesisRow text;
  text.kind = SynthesisKind::Text;
  text.key = "referent";
  text.label = "Référent de l’action";
  text.answered = 20;
  p.rows.push_back(text);
  s.parts.push_back(p);
  return s;
}

TEST(GoldenSynthesis, TraceMatches) {
  const auto& fonts = testing::source_forms().catalog->fonts();
  ASSERT_EQ(fonts.fingerprint(), "03172042e7ee06340f7d6eef8cc43e758a14fdbc8db2c686e20af8d8ede795dd")
      << "the golden traces are drawn with Debian 12's fonts-liberation2 and fonts-dejavu-core (tests/golden/golden_test.cpp)";
  const PagedDocument doc = compose_synthesis(sample(), fonts);
  ASSERT_EQ(doc.pages.size(), 1u);
  render::TraceCanvas canvas;
  render::render(doc, canvas);
  const std::string actual = canvas.text();
  const std::string path = testing::source_path("tests/golden/synthesis.trace");
  if (std::getenv("UPDATE_GOLDEN")) {
    testing::write_text(path, actual);
    GTEST_SKIP() << "rewrote " << path;
  }
  EXPECT_EQ(testing::read_text(path), actual);
  // The bars are filled boxes: the trace says their colours.
  EXPECT_NE(actual.find(" fill #1f4f78\n"), std::string::npos);
}

TEST(GoldenSynthesis, NoShapeCoversEarlierText) {
  const PagedDocument doc = compose_synthesis(sample(), testing::source_forms().catalog->fonts());
  for (const auto& problem : testing::shapes_over_text(doc)) ADD_FAILURE() << problem;
}

}  // namespace
}  // namespace bilan

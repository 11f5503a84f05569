// data/bind/grid: one answer per row (GRID.ROW), a step of the scale.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

const char* const kGrid = R"x(<grid id="g" label="Situations {school_year}">
  <scale value="tous" label="Quasiment tous"/>
  <scale value="quelques" label="Pour quelques-uns"/>
  <scale value="aucun" label="Quasiment aucun"/>
  <row id="a" label="Difficultés" required="true"/>
  <row id="b" label="Logement"/>
  <row id="c" label="Langue"/>
</grid>
<grid id="p" label="Actions"><scale value="oui" label="Oui"/><scale value="non" label="Non"/><row id="r" label="Rencontres"/></grid>
)x";

TEST(BindGrid, RowsTakeTheirStep) {
  const auto b = bind_body(kGrid, R"x(<answer field="g.a">tous</answer>
<answer field="g.c"> aucun </answer>
<answer field="p.r">non</answer>
)x");
  EXPECT_EQ(b->diags, Diags{});
  const BoundGrid& g = b->node_as<BoundGrid>("g");
  EXPECT_EQ(g.label, "Situations 2024-2025");
  ASSERT_EQ(g.scale.size(), 3u);
  ASSERT_EQ(g.rows.size(), 3u);  // every row of the layout, in its order
  EXPECT_EQ(g.rows[0].value.choices, std::vector<std::string>{"tous"});
  EXPECT_EQ(g.rows[0].value_loc.to_string(), "/mem/r.xml:2:21");
  EXPECT_TRUE(g.rows[1].value.missing());
  EXPECT_EQ(g.rows[2].value.choices, std::vector<std::string>{"aucun"});
  EXPECT_TRUE(g.rows[0].required);
  EXPECT_TRUE(g.value.missing());  // a grid's answers are its rows'
}

TEST(BindGrid, UnknownRowBadStepTwoStepsWholeGridAndRequiredRow) {
  const auto b = bind_body(kGrid, R"x(<answer field="g.d">tous</answer>
<answer field="g.b">parfois</answer>
<answer field="g.c">tous, aucun</answer>
<answer field="g">tous</answer>
)x");
  EXPECT_EQ(b->diags,
            (Diags{"/mem/r.xml:1:1: erreur: ligne obligatoire sans réponse : « g.a » (Difficultés)",
                   "/mem/r.xml:2:1: erreur: ligne inconnue « d » dans la grille « g » (vouliez-vous dire « a » ?)",
                   "/mem/r.xml:3:21: erreur: champ « g.b » : valeur « parfois » hors de l’échelle de la grille (tous, quelques, aucun)",
                   "/mem/r.xml:4:21: erreur: champ « g.c » : une seule réponse par ligne, reçu « tous, aucun »",
                   "/mem/r.xml:5:1: erreur: « g » est une grille : répondez ligne par ligne, <answer field=\"g.a\">"}));
}

// Separators alone are not empty text, and no step either.
TEST(BindGrid, SeparatorsAloneAreNoAnswer) {
  const auto b = bind_body(kGrid, R"x(<answer field="g.a">tous</answer>
<answer field="g.b">,</answer>
<answer field="g.c"> ; </answer>
)x");
  EXPECT_EQ(b->diags, (Diags{"/mem/r.xml:3:21: erreur: champ « g.b » : aucune réponse, reçu « , »",
                             "/mem/r.xml:4:22: erreur: champ « g.c » : aucune réponse, reçu « ; »"}));
  EXPECT_TRUE(b->node_as<BoundGrid>("g").rows[1].value.missing());
}

TEST(BindGrid, PartialBilanDemandsNoRow) {
  BindOptions options;
  options.partial = true;
  const auto b = bind_body(kGrid, R"x(<answer field="g.b">quelques</answer>
)x", options);
  EXPECT_EQ(b->diags, Diags{});
}

TEST(BindGrid, RowsInExpressionsOuiNonGridsAsYesNo) {
  const auto b = bind_body(std::string(kGrid) + R"x(<check id="x" test="not (g.a = 'tous' and p.r = non)" message="{g.a} et {p.r}"/>
)x", R"x(<answer field="g.a">tous</answer>
<answer field="p.r">non</answer>
)x");
  EXPECT_EQ(b->diags, (Diags{"/mem/r.xml:2:21: avertissement: tous et non"}));
}

}  // namespace
}  // namespace bilan::data::test

// load/layout/grid: <grid>, its <scale> steps and <row> statements.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadGrid, ScaleAndRowsInOrder) {
  const auto g = only<spec::Grid>(R"x(<grid id="g" label="Situations :" hint="Une réponse par ligne" required="true">
  <scale value="tous" label="Quasiment tous"/>
  <scale value="aucun" label="Quasiment aucun"/>
  <row id="a" label="Difficultés scolaires"/>
  <row id="b" label="Logement"/>
</grid>
)x");
  EXPECT_EQ(g.label, "Situations :");
  EXPECT_EQ(g.hint, "Une réponse par ligne");
  ASSERT_EQ(g.scale.size(), 2u);
  EXPECT_EQ(g.scale[0].value, "tous");
  EXPECT_EQ(g.scale[1].label, "Quasiment aucun");
  ASSERT_EQ(g.rows.size(), 2u);
  EXPECT_EQ(g.rows[1].id, "b");
  EXPECT_TRUE(g.rows[0].required);  // the grid's required="true" is every row's
  EXPECT_EQ(g.find_row("b"), &g.rows[1]);
  EXPECT_EQ(g.find_row("c"), nullptr);
  EXPECT_EQ(g.find_step("aucun"), &g.scale[1]);
  EXPECT_FALSE(g.yes_no());
}

TEST(LoadGrid, OuiNonScaleIsYesNo) {
  const auto g = only<spec::Grid>(R"x(<grid id="g" label="Actions"><scale value="oui" label="Oui"/><scale value="non" label="Non"/>
  <row id="a" label="A" required="true"/><row id="b" label="B"/></grid>
)x");
  EXPECT_TRUE(g.yes_no());
  EXPECT_TRUE(g.rows[0].required);
  EXPECT_FALSE(g.rows[1].required);
}

TEST(LoadGrid, DuplicatesBadValuesUnknownElementsAndEmpty) {
  EXPECT_EQ(load_body(R"x(<grid id="g" label="G">
  <scale value="Oui" label="Oui"/>
  <row id="a" label="A"/>
  <row id="a" label="A encore"/>
  <option value="x" label="X"/>
</grid>
<grid id="h" label="H"><scale value="x" label="X"/><scale value="x" label="Y"/></grid>
)x").diags,
            (Diags{"/mem/t.xml:2:1: erreur: <grid> sans échelle : au moins deux <scale> sont attendus",
                   "/mem/t.xml:3:17: erreur: valeur d’échelle « Oui » invalide (minuscules, chiffres et « _ »)",
                   "/mem/t.xml:5:12: erreur: ligne « a » en double dans <grid id=\"g\">",
                   "/mem/t.xml:6:3: erreur: élément <option> inattendu dans <grid> (permis : <scale>, <row>)",
                   "/mem/t.xml:8:1: erreur: <grid> sans <row>",
                   "/mem/t.xml:8:66: erreur: échelon « x » en double dans <grid id=\"h\">"}));
}

TEST(LoadGrid, RowAnswersAreNamesInExpressions) {
  EXPECT_EQ(load_body(R"x(<grid id="g" label="G"><scale value="oui" label="Oui"/><scale value="non" label="Non"/><row id="a" label="A"/></grid>
<check test="g.a = oui" message="{g.a}"/>
<check test="g.b = oui" message="x"/>
)x").diags,
            (Diags{"/mem/t.xml:4:14: erreur: « g.b » ne désigne aucun champ du formulaire (vouliez-vous dire « g.a » ?)"}));
}

}  // namespace
}  // namespace bilan::load::test

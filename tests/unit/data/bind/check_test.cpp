// data/bind/check: rules on the answers, once or per table row.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindCheck, OnceAndPerRow) {
  const auto b = bind_body(R"x(<field id="a" type="integer" label="A"/>
<table id="t1"><column id="n" label="N" type="integer"/><row id="r1" label="Première"/><row id="r2" label="Seconde"/></table>
<check id="petit" test="a &lt; 10" message="{a} est trop grand" rule="au plus 9"/>
<check test="t1.n &lt;= a" message="{row} : {t1.n} > {a}" rows="t1" severity="error"/>
)x",
                           R"x(<answer field="a">12</answer>
<table field="t1">
  <row id="r1"><cell column="n">5</cell></row>
  <row id="r2"><cell column="n">20</cell></row>
</table>
)x");
  EXPECT_EQ(b->diags, (Diags{"/mem/r.xml:2:19: avertissement: 12 est trop grand (règle : « au plus 9 »)",
                             "/mem/r.xml:5:3: erreur: Seconde : 20 > 12"}));
  // Kept in its place, nothing to print.
  EXPECT_EQ(b->body_as<BoundCheck>(2).loc.to_string(), "/mem/t.xml:4:1");
}

TEST(BindCheck, ARuleNamesNoFieldEvenWhenItsTextQuotesOne) {
  // A rule's message is the layout's text: naming « a » in it does not make
  // it a message about field a (import-pdf then names the PDF field itself).
  const auto b = bind_body("<field id=\"a\" type=\"integer\" label=\"A\"/>\n"
                           "<check test=\"a &lt; 10\" message=\"champ « a » trop grand\"/>\n",
                           "<answer field=\"a\">12</answer>\n");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:2:19: avertissement: champ « a » trop grand"});
  ASSERT_EQ(b->items.size(), 1u);
  EXPECT_EQ(b->items[0].code, DiagCode::Rule);
  EXPECT_FALSE(b->items[0].names_field);
}

TEST(BindCheck, SilentWithoutAnswersAndOnPartialForms) {
  const char* layout = "<field id=\"a\" type=\"integer\" label=\"A\"/>\n<field id=\"b\" type=\"integer\" label=\"B\"/>\n"
                       "<check test=\"a + b = 10\" message=\"somme fausse\"/>\n";
  EXPECT_EQ(bind_body(layout, std::nullopt)->diags, Diags{});
  BindOptions partial;
  partial.partial = true;
  EXPECT_EQ(bind_body(layout, "<answer field=\"a\">3</answer>\n", partial)->diags, Diags{});
  EXPECT_EQ(bind_body(layout, "<answer field=\"a\">3</answer>\n")->diags,
            Diags{"/mem/r.xml:2:19: avertissement: somme fausse"});
}

}  // namespace
}  // namespace bilan::data::test

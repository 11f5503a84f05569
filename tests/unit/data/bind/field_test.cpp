// data/bind/field: typed values, required answers, computed fields.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

const char* const kFields = R"x(<field id="nom" label="Nom" required="true"/>
<field id="a" type="integer" label="A"/>
<field id="b" type="integer" label="B"/>
<field id="total" type="amount" label="Total" computed="a + b"/>
)x";

TEST(BindField, TypedAndComputed) {
  const auto b = bind_body(kFields, "<answer field=\"nom\">X</answer>\n<answer field=\"a\">1 200</answer>\n<answer field=\"b\">3</answer>\n");
  EXPECT_EQ(b->diags, Diags{});
  EXPECT_EQ(b->node("a").value.integer, 1200);
  EXPECT_EQ(b->node("a").value_loc.to_string(), "/mem/r.xml:3:19");
  const BoundField& total = b->node_as<BoundField>("total");
  EXPECT_TRUE(total.computed);
  EXPECT_EQ(total.value.kind, ValueKind::Amount);
  EXPECT_EQ(total.value.integer, 120300);  // cents
  // The computed= expression, copied for a fillable bilan's calculate action.
  EXPECT_EQ(total.type, spec::FieldType::Amount);
  ASSERT_TRUE(total.formula);
  std::vector<const spec::Expr*> refs;
  total.formula->collect_refs(refs);
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0]->text, "a");
  EXPECT_EQ(refs[1]->text, "b");
  EXPECT_FALSE(b->node_as<BoundField>("a").formula);
  EXPECT_EQ(b->node_as<BoundField>("nom").type, spec::FieldType::Text);
}

TEST(BindField, BadValueRequiredAndComputedMismatch) {
  const auto b = bind_body(kFields, "<answer field=\"a\">douze</answer>\n<answer field=\"b\">3</answer>\n<answer field=\"total\">4</answer>\n");
  EXPECT_EQ(b->diags, (Diags{"/mem/r.xml:1:1: erreur: champ obligatoire sans réponse : « nom » (Nom)",
                             "/mem/r.xml:2:19: erreur: champ « a » : nombre entier attendu, reçu « douze »",
                             "/mem/r.xml:4:1: avertissement: « total » vaut 4.00 dans les réponses, mais a + b donne 3.00 : la valeur calculée est imprimée"}));
}

}  // namespace
}  // namespace bilan::data::test

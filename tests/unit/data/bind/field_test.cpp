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

// SIRET, SIREN, code postal and code Insee: typed with spaces, kept as their
// digits (the code Insee upper-cased); a wrong key or shape is the answer's error.
TEST(BindField, IdentifiersAreKeptCanonical) {
  const char* const ids = R"x(<field id="siret" type="siret" label="SIRET"/>
<field id="siren" type="siren" label="SIREN"/>
<field id="cp" type="postcode" label="CP"/>
<field id="insee" type="insee" label="Insee"/>
)x";
  const auto ok = bind_body(ids, "<answer field=\"siret\">130 025 265 00013</answer>\n<answer field=\"siren\">130 025 265</answer>\n"
                                 "<answer field=\"cp\">20 000</answer>\n<answer field=\"insee\">2a004</answer>\n");
  EXPECT_EQ(ok->diags, Diags{});
  EXPECT_EQ(ok->node("siret").value.kind, ValueKind::Text);
  EXPECT_EQ(ok->node("siret").value.text, "13002526500013");
  EXPECT_EQ(ok->node("siren").value.text, "130025265");
  EXPECT_EQ(ok->node("cp").value.text, "20000");
  EXPECT_EQ(ok->node("insee").value.text, "2A004");
  const auto bad = bind_body(ids, "<answer field=\"siret\">130 025 265 00014</answer>\n<answer field=\"siren\">130 025 256</answer>\n"
                                  "<answer field=\"cp\">2A000</answer>\n<answer field=\"insee\">73000 Chambéry</answer>\n");
  EXPECT_EQ(bad->diags,
            (Diags{"/mem/r.xml:2:23: erreur: champ « siret » : clé de contrôle du SIRET fausse (formule de Luhn) : un chiffre est sans doute mal recopié, reçu « 130 025 265 00014 »",
                   "/mem/r.xml:3:23: erreur: champ « siren » : clé de contrôle du SIREN fausse (formule de Luhn) : un chiffre est sans doute mal recopié, reçu « 130 025 256 »",
                   "/mem/r.xml:4:20: erreur: champ « cp » : code postal attendu : 5 chiffres (73000), reçu « 2A000 »",
                   "/mem/r.xml:5:23: erreur: champ « insee » : code Insee attendu : 5 chiffres, ou 2A ou 2B et 3 chiffres en Corse (73065, 2A004), reçu « 73000 Chambéry »"}));
}

}  // namespace
}  // namespace bilan::data::test

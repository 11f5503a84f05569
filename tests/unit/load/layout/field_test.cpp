// load/layout/field: <field>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadField, TypeRequiredHintAndComputed) {
  const auto r = load_body(R"x(<field id="a" type="amount" label="A" required="true" hint="En euros"/>
<field id="b" type="amount" label="B" computed="a * 2"/>
<field id="c" label="C"/>
)x");
  ASSERT_EQ(r.diags, Diags{});
  const auto& a = as<spec::Field>(r.form->body[0]);
  EXPECT_EQ(a.id, "a");
  EXPECT_EQ(a.type, spec::FieldType::Amount);
  EXPECT_TRUE(a.required);
  EXPECT_EQ(a.hint, "En euros");
  EXPECT_FALSE(a.computed);
  const auto& b = as<spec::Field>(r.form->body[1]);
  ASSERT_TRUE(b.computed);
  EXPECT_EQ(b.computed->source, "a * 2");
  EXPECT_EQ(as<spec::Field>(r.form->body[2]).type, spec::FieldType::Text);  // the default type
  EXPECT_EQ(r.form->calculation_order(), std::vector<std::string>{"b"});
}

TEST(LoadField, IdentifierTypes) {
  const auto r = load_body(R"x(<field id="a" type="siret" label="A"/>
<field id="b" type="siren" label="B"/>
<field id="c" type="postcode" label="C"/>
<field id="d" type="insee" label="D"/>
)x");
  ASSERT_EQ(r.diags, Diags{});
  EXPECT_EQ(as<spec::Field>(r.form->body[0]).type, spec::FieldType::Siret);
  EXPECT_EQ(as<spec::Field>(r.form->body[1]).type, spec::FieldType::Siren);
  EXPECT_EQ(as<spec::Field>(r.form->body[2]).type, spec::FieldType::Postcode);
  EXPECT_EQ(as<spec::Field>(r.form->body[3]).type, spec::FieldType::Insee);
  EXPECT_STREQ(spec::type_name(spec::FieldType::Postcode), "postcode");
  // Identifiers are not numbers: never computed.
  EXPECT_EQ(load_body(R"x(<field id="e" type="siret" label="E" computed="1"/>
)x").diags,
            Diags{"/mem/t.xml:2:48: erreur: un champ calculé doit être de type integer, decimal ou amount"});
}

TEST(LoadField, BadTypeComputedTextAndMissingLabel) {
  EXPECT_EQ(load_body(R"x(<field id="a" type="entier" label="A"/>
<field id="b" label="B" computed="1 + 1"/>
<field id="c"/>
)x").diags,
            (Diags{"/mem/t.xml:2:21: erreur: type « entier » inconnu ; types permis : text, integer, decimal, amount, date, email, phone, siret, siren, postcode, insee",
                   "/mem/t.xml:3:35: erreur: un champ calculé doit être de type integer, decimal ou amount",
                   "/mem/t.xml:4:1: erreur: attribut « label » manquant sur <field>"}));
}

// A total of totals, written before them: each total is recomputed after those
// it reads (the /CO of a fillable bilan), whatever the order on the page.
TEST(LoadField, ATotalOfTotalsComesAfterTheTotalsItReads) {
  const auto r = load_body(R"x(<field id="g" type="integer" label="G" computed="ta + tb"/>
<field id="ta" type="integer" label="TA" computed="a1 + a2"/>
<field id="a1" type="integer" label="A1"/>
<field id="a2" type="integer" label="A2"/>
<field id="tb" type="integer" label="TB" computed="ta * 2"/>
)x");
  ASSERT_EQ(r.diags, Diags{});
  EXPECT_EQ(r.form->calculation_order(), (std::vector<std::string>{"ta", "tb", "g"}));
}

}  // namespace
}  // namespace bilan::load::test

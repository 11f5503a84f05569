// load/layout/group: <group>, and <include when="…"> that makes one.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadGroup, WhenElseAndChildren) {
  const auto r = load_body(R"x(<yesno id="a" label="A"/>
<group when="a = oui" else="omit" label="Si A">
  <field id="b" label="B"/>
</group>
<group when="a = non"><field id="c" label="C"/></group>
)x");
  ASSERT_EQ(r.diags, Diags{});
  const auto& g = as<spec::Group>(r.form->body[1]);
  EXPECT_EQ(g.label, "Si A");
  ASSERT_TRUE(g.when);
  EXPECT_EQ(g.when->source, "a = oui");
  EXPECT_TRUE(g.else_omit);
  ASSERT_EQ(g.children.size(), 1u);
  EXPECT_EQ(as<spec::Field>(g.children[0]).id, "b");
  EXPECT_FALSE(as<spec::Group>(r.form->body[2]).else_omit);  // « Sans objet » by default
  EXPECT_NE(r.form->find("c"), nullptr);    // a group's questions are the form's
}

TEST(LoadGroup, MissingWhenBadElseAndUnknownReference) {
  EXPECT_EQ(load_body("<group else=\"cacher\"/>\n<group when=\"x = 1\"/>\n").diags,
            (Diags{"/mem/t.xml:2:1: erreur: attribut « when » manquant sur <group>",
                   "/mem/t.xml:2:14: erreur: valeur « cacher » invalide pour « else » (sans-objet ou omit)",
                   "/mem/t.xml:3:14: erreur: « x » ne désigne aucun champ du formulaire"}));
}

}  // namespace
}  // namespace bilan::load::test

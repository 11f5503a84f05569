// data/bind/yesno: oui/non answers.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindYesNo, OuiNon) {
  const auto b = bind_body("<yesno id=\"a\" label=\"A\"/>\n<yesno id=\"b\" label=\"B\"/>\n",
                           "<answer field=\"a\">Oui</answer>\n<answer field=\"b\">non</answer>\n");
  EXPECT_EQ(b->diags, Diags{});
  EXPECT_EQ(b->node("a").value.kind, ValueKind::Bool);
  EXPECT_TRUE(b->node("a").value.boolean);
  EXPECT_FALSE(b->node("b").value.boolean);
}

TEST(BindYesNo, NeitherOuiNorNon) {
  const auto b = bind_body("<yesno id=\"a\" label=\"A\"/>\n", "<answer field=\"a\">bof</answer>\n");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:2:19: erreur: champ « a » : oui ou non attendu, reçu « bof »"});
  EXPECT_TRUE(b->node("a").value.missing());
}

}  // namespace
}  // namespace bilan::data::test

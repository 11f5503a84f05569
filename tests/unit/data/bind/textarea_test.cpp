// data/bind/textarea: any text, its lines kept.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindTextArea, TextKept) {
  const auto b = bind_body("<textarea id=\"t1\" label=\"Bilan\" required=\"true\"/>\n",
                           "<answer field=\"t1\">Ligne 1\n- point</answer>\n");
  EXPECT_EQ(b->diags, Diags{});
  EXPECT_EQ(b->node("t1").value.kind, ValueKind::Text);
  EXPECT_EQ(b->node("t1").value.text, "Ligne 1\n- point");
  EXPECT_EQ(b->node("t1").label, "Bilan");
  EXPECT_EQ(b->node_as<BoundTextArea>("t1").lines, 3);  // the loader's default
}

TEST(BindTextArea, EmptyRequiredAnswer) {
  const auto b = bind_body("<textarea id=\"t1\" label=\"Bilan\" required=\"true\"/>\n", "<answer field=\"t1\"> </answer>\n");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:2:1: erreur: champ obligatoire sans réponse : « t1 » (Bilan)"});
}

}  // namespace
}  // namespace bilan::data::test

// data/bind/group: a group's condition decides whether it applies.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

const char* const kGroups = R"x(<yesno id="a" label="A"/>
<group when="a = oui" label="Si oui"><field id="b" label="B" required="true"/></group>
<group when="a = non" else="omit"><field id="c" label="C"/></group>
)x";

TEST(BindGroup, SansObjetOmittedAndShown) {
  const auto b = bind_body(kGroups, "<answer field=\"a\">non</answer>\n");
  EXPECT_EQ(b->diags, Diags{});  // b is required only where its group applies
  EXPECT_EQ(b->body_as<BoundGroup>(1).presence, Presence::SansObjet);
  EXPECT_EQ(b->body_as<BoundGroup>(1).label, "Si oui");
  EXPECT_EQ(b->body_as<BoundGroup>(2).presence, Presence::Shown);
  ASSERT_EQ(b->body_as<BoundGroup>(2).children.size(), 1u);
  const auto other = bind_body(kGroups, "<answer field=\"a\">oui</answer>\n<answer field=\"b\">x</answer>\n");
  EXPECT_EQ(other->body_as<BoundGroup>(1).presence, Presence::Shown);
  EXPECT_EQ(other->body_as<BoundGroup>(2).presence, Presence::Omitted);
}

TEST(BindGroup, AnswerInAPartThatDoesNotApply) {
  const auto b = bind_body(kGroups, "<answer field=\"a\">non</answer>\n<answer field=\"b\">x</answer>\n");
  EXPECT_EQ(b->diags, Diags{"/mem/r.xml:3:1: avertissement: réponse à « b » dans une partie sans objet (condition « a = oui » fausse) : elle n’est pas imprimée"});
}

}  // namespace
}  // namespace bilan::data::test

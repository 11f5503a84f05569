// data/bind/choice: chosen values, « Autres » texts and their checks.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

const char* const kChoices = R"x(<choice id="un" label="Un">
  <option value="a" label="A"/><option value="b" label="B"/>
</choice>
<choice id="plus" label="Plusieurs" multiple="true">
  <option value="a" label="A"/><option value="autres" label="Autres" other="true"/>
</choice>
)x";

TEST(BindChoice, ValuesAndOtherText) {
  const auto b = bind_body(kChoices, R"x(<answer field="un">b</answer>
<answer field="plus">a, autres</answer>
<answer field="plus.autres">Sorties</answer>
)x");
  EXPECT_EQ(b->diags, Diags{});
  EXPECT_EQ(b->node("un").value.choices, std::vector<std::string>{"b"});
  EXPECT_EQ(b->node("plus").value.choices, (std::vector<std::string>{"a", "autres"}));
  const BoundChoice& plus = b->node_as<BoundChoice>("plus");
  EXPECT_EQ(plus.other_texts.at("autres"), "Sorties");
  EXPECT_EQ(plus.other_text_locs.at("autres").to_string(), "/mem/r.xml:4:29");
  // What compose prints is the bound choice's own: its options, its layout.
  EXPECT_TRUE(plus.multiple);
  EXPECT_FALSE(b->node_as<BoundChoice>("un").multiple);
  ASSERT_EQ(plus.options.size(), 2u);
  EXPECT_EQ(plus.options[1].value, "autres");
  EXPECT_EQ(plus.options[1].label, "Autres");
  EXPECT_TRUE(plus.options[1].other);
  EXPECT_EQ(plus.label, "Plusieurs");
}

TEST(BindChoice, OutOfChoicesOneOnlyAndUntickedOther) {
  const auto b = bind_body(kChoices, R"x(<answer field="un">a b</answer>
<answer field="plus">c</answer>
<answer field="plus.autres">Sorties</answer>
)x");
  EXPECT_EQ(b->diags, (Diags{"/mem/r.xml:2:20: erreur: champ « un » : un seul choix possible, reçu « a b »",
                             "/mem/r.xml:3:22: erreur: champ « plus » : valeur « c » hors des choix possibles (a, autres) (vouliez-vous dire « a » ?)",
                             "/mem/r.xml:4:1: avertissement: précision « plus.autres » donnée, mais « Autres » n’est pas coché : ajoutez « autres » à la réponse « plus »"}));
  // As data: the suggestion is the hint, and whether the message names the
  // value at fault (no « reçu ») or its field is said by the parser, not read in the text.
  ASSERT_EQ(b->items.size(), 3u);
  EXPECT_EQ(b->items[1].code, DiagCode::BadValue);
  EXPECT_EQ(b->items[1].message, "champ « plus » : valeur « c » hors des choix possibles (a, autres)");
  EXPECT_EQ(b->items[1].hint, "vouliez-vous dire « a » ?");
  EXPECT_EQ(b->items[1].field, "plus");
  for (const auto& d : b->items) EXPECT_TRUE(d.names_field) << d.message;
}

TEST(BindChoice, NoChoiceSaysWhatWasReceived) {
  const auto b = bind_body(kChoices, R"x(<answer field="un">, ;</answer>
)x");
  EXPECT_EQ(b->diags, (Diags{"/mem/r.xml:2:20: erreur: champ « un » : aucun choix, reçu « , ; »"}));
  ASSERT_EQ(b->items.size(), 1u);
  EXPECT_EQ(b->items[0].hint, "");
}

}  // namespace
}  // namespace bilan::data::test

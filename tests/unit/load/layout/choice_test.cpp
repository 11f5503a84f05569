// load/layout/choice: <choice>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadChoice, OptionsMultipleInlineAndOther) {
  const auto c = only<spec::Choice>(R"x(<choice id="c" label="C" multiple="true" layout="inline">
  <option value="a" label="A"/>
  <option value="autres" label="Autres" other="true"/>
</choice>
)x");
  EXPECT_TRUE(c.multiple);
  EXPECT_TRUE(c.inline_options);
  ASSERT_EQ(c.options.size(), 2u);
  EXPECT_EQ(c.options[0].value, "a");
  EXPECT_FALSE(c.options[0].other);
  EXPECT_EQ(c.options[1].label, "Autres");
  EXPECT_TRUE(c.options[1].other);
  EXPECT_EQ(c.options[1].loc.to_string(), "/mem/t.xml:4:3");
}

TEST(LoadChoice, DuplicateBadValueLayoutAndEmpty) {
  EXPECT_EQ(load_body(R"x(<choice id="c" label="C" layout="grid">
  <option value="a" label="A"/>
  <option value="a" label="B"/>
  <option value="B-" label="B"/>
</choice>
<choice id="d" label="D"/>
)x").diags,
            (Diags{"/mem/t.xml:2:34: erreur: valeur « grid » invalide pour « layout » (inline ou column)",
                   "/mem/t.xml:4:18: erreur: option « a » en double dans <choice id=\"c\">",
                   "/mem/t.xml:5:18: erreur: valeur d’option « B- » invalide (minuscules, chiffres et « _ »)",
                   "/mem/t.xml:7:1: erreur: <choice> sans <option>"}));
}

}  // namespace
}  // namespace bilan::load::test

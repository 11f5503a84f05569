// load/layout/check: <check>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadCheck, TestWhenMessageRuleSeverityRows) {
  const auto r = load_body(R"x(<table id="t1"><column id="n" label="N" type="integer"/><row id="r" label="R"/></table>
<check id="c1" when="t1.n > 0" test="t1.n &lt; 10" message="{row} : trop ({t1.n})" rule="Au plus 9" severity="error" rows="t1"/>
)x");
  ASSERT_EQ(r.diags, Diags{});
  const auto& c = as<spec::Check>(r.form->body[1]);
  EXPECT_EQ(c.id, "c1");
  ASSERT_TRUE(c.when);
  EXPECT_EQ(c.test.source, "t1.n < 10");
  EXPECT_EQ(c.message, "{row} : trop ({t1.n})");
  EXPECT_EQ(c.rule, "Au plus 9");
  EXPECT_TRUE(c.error);
  EXPECT_EQ(c.each_row, "t1");
}

TEST(LoadCheck, MissingTestMessageBadSeverityAndRows) {
  EXPECT_EQ(load_body("<check severity=\"fatal\" rows=\"x\"/>\n").diags,
            (Diags{"/mem/t.xml:2:1: erreur: attribut « test » manquant sur <check>",
                   "/mem/t.xml:2:1: erreur: attribut « message » manquant sur <check>",
                   "/mem/t.xml:2:1: erreur: rows=\"x\" sur <check> ne désigne aucun tableau du formulaire",
                   "/mem/t.xml:2:18: erreur: sévérité « fatal » invalide (warning ou error)"}));
}

}  // namespace
}  // namespace bilan::load::test

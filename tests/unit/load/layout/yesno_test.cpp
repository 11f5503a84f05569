// load/layout/yesno: <yesno>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadYesNo, IdLabelRequiredAndExpectedWhen) {
  const auto r = load_body("<field id=\"n\" type=\"integer\" label=\"N\"/>\n<yesno id=\"a\" label=\"A ?\" required=\"true\" expected-when=\"n > 0\"/>\n");
  ASSERT_EQ(r.diags, Diags{});
  const auto& y = as<spec::YesNo>(r.form->body[1]);
  EXPECT_EQ(y.label, "A ?");
  EXPECT_TRUE(y.required);
  ASSERT_TRUE(y.expected_when);
  EXPECT_EQ(y.expected_when->source, "n > 0");
}

TEST(LoadYesNo, NoChildrenAndBadId) {
  EXPECT_EQ(load_body("<yesno id=\"A\" label=\"A\"><option value=\"x\"/></yesno>\n").diags,
            (Diags{"/mem/t.xml:2:12: erreur: identifiant « A » invalide : minuscules, chiffres et « _ », en commençant par une lettre",
                   "/mem/t.xml:2:25: erreur: élément <option> inattendu dans <yesno>"}));
}

}  // namespace
}  // namespace bilan::load::test

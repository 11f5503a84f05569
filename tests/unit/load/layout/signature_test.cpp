// load/layout/signature: <signature>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadSignature, WordingDefaultsOverridesAndFootnotes) {
  const auto s = only<spec::Signature>(R"x(<signature role-label="en qualité de" stamp-label="TAMPON">
  <footnote mark="(1)">Président ou trésorier</footnote>
</signature>
)x");
  EXPECT_EQ(s.text.role_label, "en qualité de");
  EXPECT_EQ(s.text.stamp_label, "TAMPON");
  EXPECT_EQ(s.text.name_label, spec::SignatureText{}.name_label);  // the 2024/25 model's
  ASSERT_EQ(s.children.size(), 1u);
  EXPECT_EQ(as<spec::Footnote>(s.children[0]).mark, "(1)");
}

TEST(LoadSignature, OnlyFootnotesInside) {
  EXPECT_EQ(load_body("<signature><p>A</p>texte</signature>\n").diags,
            (Diags{"/mem/t.xml:2:12: erreur: élément <p> inattendu dans <signature> (seul <footnote> y est permis)",
                   "/mem/t.xml:2:20: erreur: texte inattendu dans <signature>"}));
}

}  // namespace
}  // namespace bilan::load::test

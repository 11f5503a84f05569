#include "text/unicode.hpp"

#include <gtest/gtest.h>

namespace bilan::text {
namespace {

TEST(Invisible, FormatCharactersAreNeverDrawn) {
  for (const char32_t cp : {U'\u200B', U'\u200C', U'\u200D', U'\u200E', U'\u200F', U'\u2060', U'\uFEFF', U'\u00AD',
                            U'\u202A', U'\u2066', U'\uFE0F'})
    EXPECT_TRUE(is_invisible(cp)) << static_cast<unsigned>(cp);
  for (const char32_t cp : {U'a', U' ', U'\u00A0', U'\u202F', U'\u2011', U'\u2212', U'\uFFFD', U'\U0001F600'})
    EXPECT_FALSE(is_invisible(cp)) << static_cast<unsigned>(cp);
}

TEST(Nfc, ComposesDecomposedAccents) {
  EXPECT_EQ(nfc("e\u0301cole"), "\u00e9cole");          // e + combining acute -> é
  EXPECT_EQ(nfc("Cre\u0300che"), "Cr\u00e8che");        // e + combining grave -> è
  EXPECT_EQ(nfc("c\u0327a"), "\u00e7a");                // c + combining cedilla -> ç
}

TEST(Nfc, LeavesComposedAndAsciiTextUnchanged) {
  EXPECT_EQ(nfc("Public concern\u00e9"), "Public concern\u00e9");
  EXPECT_EQ(nfc("plain ascii\n"), "plain ascii\n");
  EXPECT_EQ(nfc(""), "");
}

TEST(Nfc, ReordersCombiningMarksCanonically) {
  // dot below (ccc 220) must come before dot above (ccc 230); then q has no precomposed form.
  EXPECT_EQ(nfc("q\u0307\u0323"), "q\u0323\u0307");
}

TEST(IsNfc, DistinguishesComposedFromDecomposed) {
  EXPECT_TRUE(is_nfc("\u00e9cole"));
  EXPECT_TRUE(is_nfc("ascii only"));
  EXPECT_TRUE(is_nfc(""));
  EXPECT_FALSE(is_nfc("e\u0301cole"));
  EXPECT_FALSE(is_nfc("\u212b"));  // ANGSTROM SIGN normalises to U+00C5
  EXPECT_TRUE(is_nfc(nfc("e\u0301cole")));
}

TEST(UpperFr, KeepsAccentsOnCapitals) {
  EXPECT_EQ(upper_fr("Public concern\u00e9"), "PUBLIC CONCERN\u00c9");
  EXPECT_EQ(upper_fr("mise en \u0153uvre"), "MISE EN \u0152UVRE");
  EXPECT_EQ(upper_fr("\u00e0 l\u2019\u00e9cole, d\u00e9j\u00e0 \u00e7a"), "\u00c0 L\u2019\u00c9COLE, D\u00c9J\u00c0 \u00c7A");
}

TEST(UpperFr, UsesFullCaseMapping) {
  EXPECT_EQ(upper_fr("stra\u00dfe"), "STRASSE");  // ß has no single-letter capital
  EXPECT_EQ(upper_fr("\u00ff"), "\u0178");         // ÿ -> Ÿ (L'Haÿ-les-Roses)
}

TEST(UpperFr, LeavesNonLettersAlone) {
  EXPECT_EQ(upper_fr("Partie 1\u00a0: 50\u202f%\n"), "PARTIE 1\u00a0: 50\u202f%\n");
  EXPECT_EQ(upper_fr(""), "");
}

}  // namespace
}  // namespace bilan::text

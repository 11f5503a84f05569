#include "text/typography.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace bilan::text {
namespace {

// Applies one rule of french_rules() by name.
std::string run_rule(std::string_view rule_name, std::string_view text) {
  const TypographyRule* rule = find_french_rule(rule_name);
  if (rule == nullptr) {
    ADD_FAILURE() << "no rule named " << rule_name;
    return {};
  }
  return rule->apply(text);
}

// ---- The rule table -------------------------------------------------------------

TEST(FrenchRules, NamedInApplicationOrder) {
  std::vector<std::string_view> names;
  for (const TypographyRule& rule : french_rules()) names.push_back(rule.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"apostrophe", "double-quotes", "guillemets",
                                                   "thin-space-before-high-punctuation", "nbsp-before-colon",
                                                   "ellipsis", "nbsp-before-units", "nbsp-before-degrees",
                                                   "nbsp-in-times", "nbsp-before-measures", "nbsp-after-numero"}));
}

TEST(FrenchRules, EveryRuleIsDescribedAndCallable) {
  for (const TypographyRule& rule : french_rules()) {
    EXPECT_GT(rule.description.size(), 20u) << rule.name;
    EXPECT_TRUE(rule.description.ends_with(".")) << rule.name;
    ASSERT_NE(rule.apply, nullptr) << rule.name;
    EXPECT_EQ(rule.apply("Texte sans rien \u00e0 changer"), "Texte sans rien \u00e0 changer") << rule.name;
    EXPECT_EQ(rule.apply(""), "") << rule.name;
    EXPECT_EQ(find_french_rule(rule.name), &rule);
  }
  EXPECT_EQ(find_french_rule("no-such-rule"), nullptr);
}

// ---- apostrophe -------------------------------------------------------------------

TEST(Apostrophe, BecomesTypographic) {
  EXPECT_EQ(run_rule("apostrophe", "l'\u00e9cole"), "l\u2019\u00e9cole");
  EXPECT_EQ(run_rule("apostrophe", "aujourd'hui"), "aujourd\u2019hui");
  EXPECT_EQ(run_rule("apostrophe", "qu'il l'a dit\nd'abord"), "qu\u2019il l\u2019a dit\nd\u2019abord");
}

TEST(Apostrophe, LeavesTypographicApostropheAlone) {
  EXPECT_EQ(run_rule("apostrophe", "l\u2019\u00e9cole"), "l\u2019\u00e9cole");
}

TEST(Apostrophe, NotInsideUrlsOrAddresses) {
  EXPECT_EQ(run_rule("apostrophe", "voir https://exemple.fr/l'avis et l'\u00e9cole"),
            "voir https://exemple.fr/l'avis et l\u2019\u00e9cole");
  EXPECT_EQ(run_rule("apostrophe", "\u00e9crire \u00e0 o'brien@exemple.fr"), "\u00e9crire \u00e0 o'brien@exemple.fr");
}

// ---- double-quotes -----------------------------------------------------------------

TEST(DoubleQuotes, OpenAfterSpaceCloseAfterWord) {
  EXPECT_EQ(run_rule("double-quotes", "Il a dit \"oui\"."), "Il a dit \u00aboui\u00bb.");
  EXPECT_EQ(run_rule("double-quotes", "\"D\u00e9but\" du texte"), "\u00abD\u00e9but\u00bb du texte");
  EXPECT_EQ(run_rule("double-quotes", "un \"a\" et un \"b\""), "un \u00aba\u00bb et un \u00abb\u00bb");
}

TEST(DoubleQuotes, OpenAfterBracketNewlineAndApostrophe) {
  EXPECT_EQ(run_rule("double-quotes", "(\"entre\") [\"crochets\"]"), "(\u00abentre\u00bb) [\u00abcrochets\u00bb]");
  EXPECT_EQ(run_rule("double-quotes", "fin\n\"suite\""), "fin\n\u00absuite\u00bb");
  EXPECT_EQ(run_rule("double-quotes", "l\u2019\"\u00e9cole\""), "l\u2019\u00ab\u00e9cole\u00bb");
}

TEST(DoubleQuotes, SpacingIsLeftToTheGuillemetRule) {
  EXPECT_EQ(run_rule("double-quotes", "\" oui \""), "\u00ab oui \u00bb");
  EXPECT_EQ(run_rule("double-quotes", "dit \" oui \" et"), "dit \u00ab oui \u00bb et");
  EXPECT_EQ(french_typography("Il a dit \"oui\"."), "Il a dit \u00ab\u202foui\u202f\u00bb.");
}

// ---- guillemets ----------------------------------------------------------------------

TEST(Guillemets, InsertsNarrowNoBreakSpaceWhenMissing) {
  EXPECT_EQ(run_rule("guillemets", "\u00abtexte\u00bb"), "\u00ab\u202ftexte\u202f\u00bb");
}

TEST(Guillemets, ReplacesAnySpacesByOneNarrowNoBreakSpace) {
  EXPECT_EQ(run_rule("guillemets", "\u00ab texte \u00bb"), "\u00ab\u202ftexte\u202f\u00bb");
  EXPECT_EQ(run_rule("guillemets", "\u00ab\u00a0texte\u00a0\u00bb"), "\u00ab\u202ftexte\u202f\u00bb");
  EXPECT_EQ(run_rule("guillemets", "\u00ab   texte  \u00bb"), "\u00ab\u202ftexte\u202f\u00bb");
  EXPECT_EQ(run_rule("guillemets", "\u00ab\u202ftexte\u202f\u00bb"), "\u00ab\u202ftexte\u202f\u00bb");
}

TEST(Guillemets, LeavesOutsideSpacesAlone) {
  EXPECT_EQ(run_rule("guillemets", "il dit \u00ab oui \u00bb et part"), "il dit \u00ab\u202foui\u202f\u00bb et part");
}

TEST(Guillemets, NoSpaceAtStartOrEndOfLine) {
  EXPECT_EQ(run_rule("guillemets", "\u00ab\ntexte\n\u00bb"), "\u00ab\ntexte\n\u00bb");
  EXPECT_EQ(run_rule("guillemets", "\u00bb suite"), "\u00bb suite");
  EXPECT_EQ(run_rule("guillemets", "fin \u00ab"), "fin \u00ab");
}

// ---- thin-space-before-high-punctuation -------------------------------------------

constexpr std::string_view kThin = "thin-space-before-high-punctuation";

TEST(ThinSpace, InsertedWhenGlued) {
  EXPECT_EQ(run_rule(kThin, "Pourquoi?"), "Pourquoi\u202f?");
  EXPECT_EQ(run_rule(kThin, "Attention!"), "Attention\u202f!");
  EXPECT_EQ(run_rule(kThin, "oui; non"), "oui\u202f; non");
  EXPECT_EQ(run_rule(kThin, "\u00e9t\u00e9?"), "\u00e9t\u00e9\u202f?");
  EXPECT_EQ(run_rule(kThin, "(voir)?"), "(voir)\u202f?");
  EXPECT_EQ(run_rule(kThin, "\u00ab\u202fOui\u202f\u00bb!"), "\u00ab\u202fOui\u202f\u00bb\u202f!");
}

TEST(ThinSpace, ReplacesSpaceOrNoBreakSpace) {
  EXPECT_EQ(run_rule(kThin, "Pourquoi ?"), "Pourquoi\u202f?");
  EXPECT_EQ(run_rule(kThin, "Vraiment\u00a0!"), "Vraiment\u202f!");
  EXPECT_EQ(run_rule(kThin, "oui ; non"), "oui\u202f; non");
  EXPECT_EQ(run_rule(kThin, "Quoi   ?"), "Quoi\u202f?");
}

TEST(ThinSpace, OneSpaceBeforeARun) {
  EXPECT_EQ(run_rule(kThin, "Quoi?!"), "Quoi\u202f?!");
  EXPECT_EQ(run_rule(kThin, "Quoi ?!"), "Quoi\u202f?!");
  EXPECT_EQ(run_rule(kThin, "Non!!!"), "Non\u202f!!!");
}

TEST(ThinSpace, NothingAfterOpeningMarkOrAtLineStart) {
  EXPECT_EQ(run_rule(kThin, "(?)"), "(?)");
  EXPECT_EQ(run_rule(kThin, "?"), "?");
  EXPECT_EQ(run_rule(kThin, "ligne\n? suite"), "ligne\n? suite");
  EXPECT_EQ(run_rule(kThin, "  ! indent\u00e9"), "  ! indent\u00e9");
}

TEST(ThinSpace, NotInsideUrls) {
  EXPECT_EQ(run_rule(kThin, "https://exemple.fr/page?id=1;a=2!"), "https://exemple.fr/page?id=1;a=2!");
  EXPECT_EQ(run_rule(kThin, "voir www.exemple.fr/?q=oui ici"), "voir www.exemple.fr/?q=oui ici");
  // A URL runs to the next whitespace, so punctuation glued to it is left as typed...
  EXPECT_EQ(run_rule(kThin, "Avez-vous vu www.caf.fr?"), "Avez-vous vu www.caf.fr?");
  // ...but spaced punctuation after it is typeset.
  EXPECT_EQ(run_rule(kThin, "Avez-vous vu www.caf.fr ?"), "Avez-vous vu www.caf.fr\u202f?");
}

TEST(ThinSpace, NotInsideEmailsOrEntities) {
  EXPECT_EQ(run_rule(kThin, "contact!urgent@exemple.fr"), "contact!urgent@exemple.fr");
  EXPECT_EQ(run_rule(kThin, "Tom &amp; Jerry &#233; &#xE9;"), "Tom &amp; Jerry &#233; &#xE9;");
  EXPECT_EQ(run_rule(kThin, "\u00e9crire \u00e0 jean@exemple.fr!"), "\u00e9crire \u00e0 jean@exemple.fr\u202f!");
}

// ---- nbsp-before-colon -------------------------------------------------------------

constexpr std::string_view kColon = "nbsp-before-colon";

TEST(NbspBeforeColon, InsertedOrReplaced) {
  EXPECT_EQ(run_rule(kColon, "Objet: test"), "Objet\u00a0: test");
  EXPECT_EQ(run_rule(kColon, "Objet : test"), "Objet\u00a0: test");
  EXPECT_EQ(run_rule(kColon, "Objet\u202f: test"), "Objet\u00a0: test");
  EXPECT_EQ(run_rule(kColon, "Objet   : test"), "Objet\u00a0: test");
  EXPECT_EQ(run_rule(kColon, "Partie 1 : bilan"), "Partie 1\u00a0: bilan");
  EXPECT_EQ(run_rule(kColon, "\u00ab\u202fNon\u202f\u00bb:"), "\u00ab\u202fNon\u202f\u00bb\u00a0:");
}

TEST(NbspBeforeColon, NotInTimesAndRatios) {
  EXPECT_EQ(run_rule(kColon, "de 10:30 \u00e0 12:00"), "de 10:30 \u00e0 12:00");
  EXPECT_EQ(run_rule(kColon, "ratio 1:2"), "ratio 1:2");
  EXPECT_EQ(run_rule(kColon, "\u00e0 10:30: fin"), "\u00e0 10:30\u00a0: fin");
}

TEST(NbspBeforeColon, NotInUrlsOrMailto) {
  EXPECT_EQ(run_rule(kColon, "https://exemple.fr/a:b"), "https://exemple.fr/a:b");
  EXPECT_EQ(run_rule(kColon, "http://localhost:8080/x"), "http://localhost:8080/x");
  EXPECT_EQ(run_rule(kColon, "mailto:jean@exemple.fr"), "mailto:jean@exemple.fr");
  EXPECT_EQ(run_rule(kColon, "\u00c9crire: mailto:jean@exemple.fr"), "\u00c9crire\u00a0: mailto:jean@exemple.fr");
  EXPECT_EQ(run_rule(kColon, "Site: www.caf.fr: voir"), "Site\u00a0: www.caf.fr: voir");
  EXPECT_EQ(run_rule(kColon, "C:\\dossier"), "C:\\dossier");
}

TEST(NbspBeforeColon, NotAtLineStart) {
  EXPECT_EQ(run_rule(kColon, ":d\u00e9but"), ":d\u00e9but");
  EXPECT_EQ(run_rule(kColon, "ligne\n: suite"), "ligne\n: suite");
  EXPECT_EQ(run_rule(kColon, "ligne\n  : suite"), "ligne\n  : suite");
}

// ---- ellipsis ------------------------------------------------------------------------

TEST(Ellipsis, ThreeDotsBecomeOneCharacter) {
  EXPECT_EQ(run_rule("ellipsis", "Et..."), "Et\u2026");
  EXPECT_EQ(run_rule("ellipsis", "Et... puis...\nfin"), "Et\u2026 puis\u2026\nfin");
  EXPECT_EQ(run_rule("ellipsis", "...d\u00e9but"), "\u2026d\u00e9but");
}

TEST(Ellipsis, OtherRunsOfDotsAreLeftAlone) {
  EXPECT_EQ(run_rule("ellipsis", "Nom......12"), "Nom......12");
  EXPECT_EQ(run_rule("ellipsis", "a.. b.... c"), "a.. b.... c");
  EXPECT_EQ(run_rule("ellipsis", "fin."), "fin.");
}

TEST(Ellipsis, NotInsideUrls) {
  EXPECT_EQ(run_rule("ellipsis", "https://exemple.fr/.../a"), "https://exemple.fr/.../a");
  EXPECT_EQ(run_rule("ellipsis", "voir https://exemple.fr/a... et..."), "voir https://exemple.fr/a... et\u2026");
}

// ---- nbsp-before-units -------------------------------------------------------------

constexpr std::string_view kUnits = "nbsp-before-units";

TEST(NbspBeforeUnits, PlainSpaceBecomesNarrowNoBreakSpace) {
  EXPECT_EQ(run_rule(kUnits, "50 %"), "50\u202f%");
  EXPECT_EQ(run_rule(kUnits, "12 \u20ac"), "12\u202f\u20ac");
  EXPECT_EQ(run_rule(kUnits, "soit 1 234,50 \u20ac."), "soit 1 234,50\u202f\u20ac.");
  EXPECT_EQ(run_rule(kUnits, "50  %"), "50\u202f%");
}

TEST(NbspBeforeUnits, OtherCasesAreLeftAlone) {
  EXPECT_EQ(run_rule(kUnits, "50%"), "50%");                      // no space typed: none added
  EXPECT_EQ(run_rule(kUnits, "12\u00a0\u20ac"), "12\u00a0\u20ac");  // ICU amounts keep their no-break space
  EXPECT_EQ(run_rule(kUnits, "taux %"), "taux %");                // not after a digit
  EXPECT_EQ(run_rule(kUnits, "50\n%"), "50\n%");
}

// ---- nbsp-before-degrees -----------------------------------------------------------

TEST(NbspBeforeDegrees, PlainSpaceBeforeCelsiusOrFahrenheit) {
  EXPECT_EQ(run_rule("nbsp-before-degrees", "\u22125 \u00b0C"), "\u22125\u202f\u00b0C");
  EXPECT_EQ(run_rule("nbsp-before-degrees", "il fait 21,5  \u00b0C."), "il fait 21,5\u202f\u00b0C.");
  EXPECT_EQ(run_rule("nbsp-before-degrees", "soit 70 \u00b0F"), "soit 70\u202f\u00b0F");
}

TEST(NbspBeforeDegrees, OtherCasesAreLeftAlone) {
  EXPECT_EQ(run_rule("nbsp-before-degrees", "5\u00b0C"), "5\u00b0C");              // glued: as typed
  EXPECT_EQ(run_rule("nbsp-before-degrees", "un angle de 90 \u00b0"), "un angle de 90 \u00b0");
  EXPECT_EQ(run_rule("nbsp-before-degrees", "5 \u00b0Celsius"), "5 \u00b0Celsius");  // not a unit alone
  EXPECT_EQ(run_rule("nbsp-before-degrees", "5\n\u00b0C"), "5\n\u00b0C");
}

// ---- nbsp-in-times -----------------------------------------------------------------

TEST(NbspInTimes, BothGapsOfATime) {
  EXPECT_EQ(run_rule("nbsp-in-times", "de 16 h 30 \u00e0 18 h"), "de 16\u202fh\u202f30 \u00e0 18\u202fh");
  EXPECT_EQ(run_rule("nbsp-in-times", "9 h-12 h, 45 min."), "9\u202fh-12\u202fh, 45\u202fmin.");
}

TEST(NbspInTimes, OtherCasesAreLeftAlone) {
  EXPECT_EQ(run_rule("nbsp-in-times", "16h30"), "16h30");                      // glued: as typed
  EXPECT_EQ(run_rule("nbsp-in-times", "les CM2 h\u00e9sitent"), "les CM2 h\u00e9sitent");
  EXPECT_EQ(run_rule("nbsp-in-times", "en CM2 h"), "en CM2 h");                // no number alone
  EXPECT_EQ(run_rule("nbsp-in-times", "3 minutes, 2 h\u00f4tes"), "3 minutes, 2 h\u00f4tes");
  EXPECT_EQ(run_rule("nbsp-in-times", "voir https://exemple.fr/a 2 h/"), "voir https://exemple.fr/a 2\u202fh/");
  EXPECT_EQ(run_rule("nbsp-in-times", "https://exemple.fr/1 h"), "https://exemple.fr/1 h");
}

// ---- nbsp-before-measures ----------------------------------------------------------

TEST(NbspBeforeMeasures, PlainSpaceBeforeAUnit) {
  EXPECT_EQ(run_rule("nbsp-before-measures", "12 km, 40 m\u00b2 et 3 kg."), "12\u202fkm, 40\u202fm\u00b2 et 3\u202fkg.");
  EXPECT_EQ(run_rule("nbsp-before-measures", "1,5 l"), "1,5\u202fl");
}

TEST(NbspBeforeMeasures, WordsAreNotUnits) {
  EXPECT_EQ(run_rule("nbsp-before-measures", "3 mois, 2 gar\u00e7ons, 4 lecteurs"), "3 mois, 2 gar\u00e7ons, 4 lecteurs");
  EXPECT_EQ(run_rule("nbsp-before-measures", "2 m\u2019ont dit"), "2 m\u2019ont dit");
  EXPECT_EQ(run_rule("nbsp-before-measures", "12km"), "12km");
  EXPECT_EQ(run_rule("nbsp-before-measures", "CE1 m"), "CE1 m");
}

// ---- nbsp-after-numero -------------------------------------------------------------

TEST(NbspAfterNumero, SignKeepsItsNumber) {
  EXPECT_EQ(run_rule("nbsp-after-numero", "salle n\u00b0 4"), "salle n\u00b0\u00a04");
  EXPECT_EQ(run_rule("nbsp-after-numero", "N\u00b0  12 et n\u00ba A3"), "N\u00b0\u00a012 et n\u00ba\u00a0A3");
}

TEST(NbspAfterNumero, OtherCasesAreLeftAlone) {
  EXPECT_EQ(run_rule("nbsp-after-numero", "n\u00b04"), "n\u00b04");  // glued: as typed
  EXPECT_EQ(run_rule("nbsp-after-numero", "21 \u00b0C"), "21 \u00b0C");
  EXPECT_EQ(run_rule("nbsp-after-numero", "un\u00b0 4"), "un\u00b0 4");
  EXPECT_EQ(run_rule("nbsp-after-numero", "n\u00b0\n4"), "n\u00b0\n4");
}

// ---- The whole set -----------------------------------------------------------------

TEST(FrenchTypography, AppliesEveryRule) {
  EXPECT_EQ(french_typography("L'action \"Coup de pouce\": 50 % des enfants ; vraiment? Oui... 12 \u20ac"),
            "L\u2019action \u00ab\u202fCoup de pouce\u202f\u00bb\u00a0: 50\u202f% des enfants\u202f; vraiment\u202f? "
            "Oui\u2026 12\u202f\u20ac");
}

TEST(FrenchTypography, PreservesLineBreaks) {
  EXPECT_EQ(french_typography("Objectifs: lire\n\nR\u00e9sultats: bons!\n"),
            "Objectifs\u00a0: lire\n\nR\u00e9sultats\u00a0: bons\u202f!\n");
  EXPECT_EQ(french_typography("a ?\r\nb"), "a\u202f?\r\nb");
}

TEST(FrenchTypography, NeverAddsLeadingSpaceNorDoublesSpaces) {
  EXPECT_EQ(french_typography("?!"), "?!");
  EXPECT_EQ(french_typography(": d\u00e9but"), ": d\u00e9but");
  EXPECT_EQ(french_typography("Quoi  ?  "), "Quoi\u202f?  ");
  EXPECT_EQ(french_typography("\u00ab  Oui  \u00bb  !"), "\u00ab\u202fOui\u202f\u00bb\u202f!");
}

TEST(FrenchTypography, LeavesUrlsAndEmailsIntact) {
  const std::string text = "Voir https://exemple.fr/l'a?x=1;y=2:3...!, \u00e9crire \u00e0 a.b+c@exemple.fr ou mailto:d@e.fr";
  EXPECT_EQ(french_typography(text),
            "Voir https://exemple.fr/l'a?x=1;y=2:3...!, \u00e9crire \u00e0 a.b+c@exemple.fr ou mailto:d@e.fr");
}

TEST(FrenchTypography, IsIdempotent) {
  const std::string paragraph =
      "L'\u00e9quipe a dit \"bravo\" ; les parents : \u00ab tr\u00e8s bien \u00bb!\n"
      "Pourquoi?! Parce que 50 % des familles... ont pay\u00e9 12 \u20ac.\n"
      "Rendez-vous \u00e0 10:30 sur https://exemple.fr/a:b?c=d;e ou \u00e9crire \u00e0 jean@exemple.fr: merci!!!\n"
      "Sommaire......3 ; Tom &amp; Jerry ; (?) ; \"\u00ab\u00bb\"";
  const std::string once = french_typography(paragraph);
  EXPECT_NE(once, paragraph);
  EXPECT_EQ(french_typography(once), once);
  // Every rule left its mark.
  EXPECT_NE(once.find("L\u2019\u00e9quipe"), std::string::npos);
  EXPECT_NE(once.find("\u00ab\u202fbravo\u202f\u00bb\u202f;"), std::string::npos);
  EXPECT_NE(once.find("parents\u00a0: \u00ab\u202ftr\u00e8s bien\u202f\u00bb\u202f!"), std::string::npos);
  EXPECT_NE(once.find("Pourquoi\u202f?!"), std::string::npos);
  EXPECT_NE(once.find("50\u202f% des familles\u2026"), std::string::npos);
  EXPECT_NE(once.find("12\u202f\u20ac."), std::string::npos);
  EXPECT_NE(once.find("10:30 sur https://exemple.fr/a:b?c=d;e ou"), std::string::npos);
  EXPECT_NE(once.find("jean@exemple.fr\u00a0: merci\u202f!!!"), std::string::npos);
  EXPECT_NE(once.find("Sommaire......3\u202f; Tom &amp; Jerry\u202f; (?)"), std::string::npos);
  // And each rule on its own is idempotent too.
  for (const TypographyRule& rule : french_rules()) {
    const std::string first = rule.apply(paragraph);
    EXPECT_EQ(rule.apply(first), first) << rule.name;
  }
}

// french_typography() decodes once for all the rules and skips those whose
// trigger is absent: it must give exactly what the rules applied one by one,
// each decoding and encoding, give.
std::string rule_by_rule(std::string_view text) {
  std::string out(text);
  for (const TypographyRule& rule : french_rules()) out = rule.apply(out);
  return out;
}

TEST(FrenchTypography, SameAsEveryRuleInTurn) {
  const std::vector<std::string> texts = {
      "",
      "Texte sans rien \u00e0 changer",
      "L'action \"Coup de pouce\": 50 % des enfants ; vraiment? Oui... 12 \u20ac",
      "\"Il a dit \"oui\"\" puis \u00abnon\u00bb !",
      "de 9 h 30 \u00e0 16 h, 45 min, 3 km, 12 m\u00b2, 2 m\u2019ont, \u22125 \u00b0C, n\u00b0 4, N\u00ba 12",
      "Objectifs: lire\n\nR\u00e9sultats: bons!\n10:30 ; C:\\dossier ; a ?\r\nb",
      "Voir HTTPS://Exemple.fr/l'a?x=1;y=2:3...!, WWW.caf.fr?, Mailto:d@e.fr, a.b+c@exemple.fr: ok",
      "Tom &amp; Jerry &#233; &#xE9; ; & seul ; l'\u00e9t\u00e9... \"www.x.fr\"",
      "sans d\u00e9clencheur mais accentu\u00e9 \u00e9\u00e8\u00ea \u2019 \u00ab",
      "Sommaire......3 ; (?) ; \"\u00ab\u00bb\" ; 50\u202f% ; 20\u00a0\u20ac",
      // Invalid UTF-8: the rules decode it to U+FFFD once one applies.
      "caf\xC3 : \xE2\x80 l'\xFF ... 5 %",
      "\xC2\xAB sans r\xE8gle",
      "\xE2\xC2\xAB oui \xC2\xBB",
      "vrai \uFFFD : l'\u00e9t\u00e9",
      "\"seul\" d\u00e9clencheur : les guillemets viennent des doubles quotes",
      "a ... b .. c . . . d....\u00ab x \u00bb : 3 \u00b0C n\u00b0 5 ; 10 % 4 \u20ac\u2026 \u00ab h \u00bb 9 h",
      "www.a.fr/... \"x\" 12 km ; a@b.fr : \u00ba 3",
      // Guarded text found once in the decoded text, for every rule.
      "\u00e9crire mailto:jean@x.fr: ok ; HTTP://a.b/c:d... l'\"x\" &eacute; & ; 5 %",
      "sans adresse: ni lien; juste l'essentiel... wwwx. mail: &",
      // One to four bytes per character, each encoded back.
      "a\u00e9\u20ac\U0001F600 : \u00ab\U0001F600\u00bb ; 3 \u20ac ! x\U00010348?",
  };
  for (const std::string& text : texts) {
    EXPECT_EQ(french_typography(text), rule_by_rule(text)) << text;
    const std::string once = french_typography(text);
    EXPECT_EQ(french_typography(once), rule_by_rule(once)) << once;
  }
}

TEST(FrenchTypography, GuardsFoundWhateverTheCase) {
  // Each kind of protected text is looked for only when its mark is there.
  EXPECT_EQ(french_typography("WWW.Caf.fr/l'a?b Mailto:x:y HTTP://a.fr/x:y ; x"),
            "WWW.Caf.fr/l'a?b Mailto:x:y HTTP://a.fr/x:y\u202f; x");
  EXPECT_EQ(french_typography("l'a@b.fr : &amp; ;"), "l'a@b.fr\u00a0: &amp;\u202f;");
  EXPECT_EQ(french_typography("www : mailto ; http:/ l'x"), "www\u00a0: mailto\u202f; http:/ l\u2019x");
}

}  // namespace
}  // namespace bilan::text

#include "load/answers_loader.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/sha256.hpp"
#include "support/test_support.hpp"

namespace bilan::load {
namespace {

using bilan::testing::MemoryEnvironment;
using Diags = std::vector<std::string>;

struct Parsed {
  std::optional<data::AnswerSet> set;
  Diags diags;
};

Parsed parse(const MemoryEnvironment& env, const std::string& path, const std::string& bytes) {
  DiagnosticSink sink;
  Parsed p;
  p.set = parse_answers(env, path, bytes, sink);
  for (const auto& d : sink.sorted()) p.diags.push_back(d.to_string());
  return p;
}

Parsed parse(const std::string& bytes) {
  MemoryEnvironment env;
  return parse(env, "/mem/r.xml", bytes);
}

// The sample's stamp: a real PNG (300 × 300, palette with transparency).
std::string png_bytes() { return bilan::testing::read_text(bilan::testing::source_path("samples/images/cachet-association.png")); }

std::string utf16le(std::string_view ascii, bool bom) {
  std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
  for (const char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

std::string utf16be(std::string_view ascii, bool bom) {
  std::string out = bom ? std::string("\xFE\xFF", 2) : std::string();
  for (const char c : ascii) {
    out += '\0';
    out += c;
  }
  return out;
}

// Issue 18: one action, whatever the file's escapes, spaces or Unicode form.
TEST(LoadAnswers, ActionIdsAreDecodedTrimmedAndNfc) {
  EXPECT_EQ(normalize_action_id("  A&B \t\n C  "), "A&B C");
  EXPECT_EQ(normalize_action_id("Cafe\xCC\x81\x01"), "Caf\xC3\xA9");
  EXPECT_EQ(normalize_action_id(""), "");
  const auto p = parse("<bilan form=\"clas-2024-2025\" action=\"  A&#38;B  Cafe\xCC\x81 \"/>");
  ASSERT_TRUE(p.set);
  EXPECT_EQ(p.set->action, "A&B Caf\xC3\xA9");
  EXPECT_EQ(peek_answers_action("<bilan form=\"f\" action=\"A&amp;B\"/>"), "A&B");
  const auto peeked = peek_answers_action_at("/d/b.xml", "<bilan form=\"f\"\n  action=\"  A&#38;B  \"/>");
  EXPECT_EQ(peeked.id, "A&B");
  EXPECT_EQ(peeked.loc.to_string(), "/d/b.xml:2:11");
  EXPECT_EQ(peek_answers_action_at("/d/c.xml", "<bilan form=").id, "");
}

TEST(LoadAnswers, ReadsAWholeFile) {
  const std::string bytes = R"(<?xml version="1.0" encoding="UTF-8"?>
<bilan form="clas-2024-2025" department="47" action="ACT-2025-0012">
  <answer field="structure">Association Les Petits Curieux</answer>
  <answer field="objectifs">
    Les objectifs ont été atteints :
    - 14 enfants ;
      - sous-point

    Nouveau paragraphe.
  </answer>
  <answer field="vide"></answer>
  <table field="tne_ateliers">
    <row id="cafe_parents"><cell column="seances">4</cell><cell column="parents"> 23 </cell></row>
    <row id="autres" label="Atelier « codage »"><cell column="seances">2</cell></row>
  </table>
  <signature name="Marie Dupont" role="Présidente" place="Agen" date="2025-06-30"/>
</bilan>
)";
  const auto p = parse(bytes);
  EXPECT_EQ(p.diags, Diags{});
  ASSERT_TRUE(p.set);
  const data::AnswerSet& s = *p.set;
  EXPECT_EQ(s.path, "/mem/r.xml");
  EXPECT_EQ(s.sha256, Sha256::hex(Sha256::of(bytes)));
  EXPECT_EQ(s.form, "clas-2024-2025");
  EXPECT_EQ(s.form_loc.to_string(), "/mem/r.xml:2:14");
  EXPECT_EQ(s.department, "47");
  EXPECT_EQ(s.action, "ACT-2025-0012");
  EXPECT_EQ(s.loc.to_string(), "/mem/r.xml:2:1");
  ASSERT_EQ(s.answers.size(), 3u);
  EXPECT_EQ(s.answers[0].field, "structure");
  EXPECT_EQ(s.answers[0].text, "Association Les Petits Curieux");
  EXPECT_EQ(s.answers[0].loc.to_string(), "/mem/r.xml:3:3");
  EXPECT_EQ(s.answers[0].value_loc.to_string(), "/mem/r.xml:3:29");
  EXPECT_EQ(s.answers[1].text, "Les objectifs ont été atteints :\n- 14 enfants ;\n  - sous-point\n\nNouveau paragraphe.");
  EXPECT_EQ(s.answers[1].value_loc.to_string(), "/mem/r.xml:5:5");  // first character of the text
  EXPECT_EQ(s.answers[2].text, "");
  ASSERT_EQ(s.tables.size(), 1u);
  const auto& t = s.tables[0];
  EXPECT_EQ(t.field, "tne_ateliers");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].id, "cafe_parents");
  ASSERT_EQ(t.rows[0].cells.size(), 2u);
  EXPECT_EQ(t.rows[0].cells[1].column, "parents");
  EXPECT_EQ(t.rows[0].cells[1].text, "23");
  EXPECT_EQ(t.rows[1].label, "Atelier « codage »");
  ASSERT_TRUE(s.signature);
  EXPECT_EQ(s.signature->name.value, "Marie Dupont");
  EXPECT_EQ(s.signature->role.value, "Présidente");
  EXPECT_EQ(s.signature->date.value, "2025-06-30");
  EXPECT_EQ(s.signature->date.loc.to_string(), "/mem/r.xml:16:71");
  EXPECT_EQ(s.signature->stamp.value, "");
  EXPECT_FALSE(s.stamp_image);
}

TEST(LoadAnswers, MalformedXmlIsLocated) {
  const auto p = parse("<bilan form=\"t\">\n  <answer field=\"a\">x</answr>\n</bilan>\n");
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, Diags{"/mem/r.xml:2:24: erreur: XML invalide : la balise fermante </answr> ne correspond pas à la balise ouverte <answer> de la ligne 2"});
}

TEST(LoadAnswers, MalformedAttributeIsLocated) {
  const auto p = parse("<bilan form=\"t\">\n  <answer field=a>x</answer>\n</bilan>\n");
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, Diags{"/mem/r.xml:2:17: erreur: XML invalide : attribut mal formé (guillemets ou « = » manquants ?)"});
}

TEST(LoadAnswers, WindowsLineEndingsCountOneLine) {
  const auto p = parse("<bilan form=\"t\">\r\n  <answer field=\"a\">un\r\n  deux</answer>\r\n  <answr/>\r\n</bilan>\r\n");
  EXPECT_EQ(p.diags, Diags{"/mem/r.xml:4:3: erreur: élément <answr> inconnu dans <bilan> (vouliez-vous dire « answer » ?)"});
}

TEST(LoadAnswers, EmptyFile) {
  for (const std::string& bytes : {std::string(), std::string(" \n\t\n"), std::string("\xEF\xBB\xBF")}) {
    const auto p = parse(bytes);
    EXPECT_FALSE(p.set);
    EXPECT_EQ(p.diags, Diags{"/mem/r.xml: erreur: le fichier est vide"});
  }
}

TEST(LoadAnswers, Utf8ByteOrderMarkIsAccepted) {
  const auto ok = parse("\xEF\xBB\xBF<bilan form=\"t\"><answer field=\"a\">é</answer></bilan>");
  EXPECT_EQ(ok.diags, Diags{});
  ASSERT_TRUE(ok.set);
  EXPECT_EQ(ok.set->answers[0].text, "é");
  EXPECT_EQ(ok.set->loc.to_string(), "/mem/r.xml:1:1");
  // Columns on the first line do not count the mark.
  const auto bad = parse("\xEF\xBB\xBF<bilan form=\"t\"><answr/></bilan>");
  EXPECT_EQ(bad.diags, Diags{"/mem/r.xml:1:17: erreur: élément <answr> inconnu dans <bilan> (vouliez-vous dire « answer » ?)"});
}

TEST(LoadAnswers, Utf16IsRefused) {
  const std::string xml = "<?xml version=\"1.0\"?><bilan form=\"t\"/>";
  for (const std::string& bytes : {utf16le(xml, true), utf16be(xml, true), utf16le(xml, false), utf16be(xml, false)}) {
    const auto p = parse(bytes);
    EXPECT_FALSE(p.set);
    EXPECT_EQ(p.diags, Diags{"/mem/r.xml: erreur: le fichier est encodé en UTF-16 ; enregistrez-le en UTF-8"});
  }
}

TEST(LoadAnswers, Latin1BytesAreRefusedWithTheirOffset) {
  const auto p = parse("<bilan form=\"t\">\n  <answer field=\"a\">\xE9t\xE9</answer>\n</bilan>");
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, Diags{"/mem/r.xml:2:21: erreur: octet 0xE9 invalide en UTF-8 à l’octet 37 (le fichier semble encodé "
                           "en Latin-1 ou Windows-1252) ; enregistrez-le en UTF-8"});
}

TEST(LoadAnswers, NonUtf8EncodingDeclarationIsRefused) {
  const auto p = parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<bilan form=\"t\">\n</bilan>");
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, Diags{"/mem/r.xml:1:31: erreur: encodage « ISO-8859-1 » non pris en charge ; enregistrez le fichier en UTF-8"});
  const auto win = parse("<?xml version='1.0' encoding='windows-1252'?><bilan form=\"t\"/>");
  EXPECT_EQ(win.diags, Diags{"/mem/r.xml:1:31: erreur: encodage « windows-1252 » non pris en charge ; enregistrez le fichier en UTF-8"});
}

TEST(LoadAnswers, XmlVersionOtherThanOneIsRefused) {
  const auto p = parse("<?xml version=\"2.0\"?>\n<bilan form=\"t\"/>");
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, Diags{"/mem/r.xml:1:16: erreur: version XML « 2.0 » non prise en charge : XML 1.x attendu "
                           "(<?xml version=\"1.0\"?>)"});
  for (const char* bad : {"1", "1.", "1.0a", "01.0", ""}) {
    const auto q = parse(std::string("<?xml version=\"") + bad + "\"?><bilan form=\"t\"/>");
    EXPECT_FALSE(q.set) << bad;
  }
  for (const char* good : {"1.0", "1.1", "1.10"}) {
    const auto q = parse(std::string("<?xml version='") + good + "'?><bilan form=\"t\"/>");
    EXPECT_EQ(q.diags, Diags{}) << good;
    EXPECT_TRUE(q.set) << good;
  }
}

TEST(LoadAnswers, Utf8EncodingDeclarationInAnyCaseIsAccepted) {
  for (const char* enc : {"UTF-8", "utf-8", "utf8"}) {
    const auto p = parse(std::string("<?xml version=\"1.0\" encoding=\"") + enc + "\"?>\n<bilan form=\"t\"/>");
    EXPECT_EQ(p.diags, Diags{}) << enc;
    EXPECT_TRUE(p.set) << enc;
  }
}

TEST(LoadAnswers, NulByteIsRefused) {
  static const char raw[] = "<bilan form=\"t\">\n  <answer field=\"a\">x\0y</answer></bilan>";
  const auto p = parse(std::string(raw, sizeof raw - 1));
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, Diags{"/mem/r.xml:2:22: erreur: octet nul à l’octet 38 : ce n’est pas un fichier texte"});
}

TEST(LoadAnswers, ForbiddenCharacterReferencesAreLocatedErrors) {
  // pugixml would cut « avant&#x0;après » to « avant » without a word.
  const auto p = parse("<bilan form=\"t\">\n  <answer field=\"a\">avant&#x0;après</answer>\n"
                       "  <answer field=\"b\">&#xD800;&#x110000;&#65534;&#xFFFF;&#233;&#x1F600;</answer>\n"
                       "  <signature name=\"A&#1;B\"/>\n</bilan>");
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, (Diags{
      "/mem/r.xml:2:26: erreur: XML invalide : la référence « &#x0; » désigne U+0000, caractère interdit en XML 1.0 ; supprimez-la",
      "/mem/r.xml:3:21: erreur: XML invalide : la référence « &#xD800; » désigne U+D800, une moitié de paire UTF-16 et non un caractère ; écrivez le caractère lui-même",
      "/mem/r.xml:3:29: erreur: XML invalide : la référence « &#x110000; » dépasse U+10FFFF, le dernier caractère Unicode",
      "/mem/r.xml:3:39: erreur: XML invalide : la référence « &#65534; » désigne U+FFFE, caractère interdit en XML 1.0 ; supprimez-la",
      "/mem/r.xml:3:47: erreur: XML invalide : la référence « &#xFFFF; » désigne U+FFFF, caractère interdit en XML 1.0 ; supprimez-la",
      "/mem/r.xml:4:21: erreur: XML invalide : la référence « &#1; » désigne U+0001, caractère interdit en XML 1.0 ; supprimez-la",
  }));
}

TEST(LoadAnswers, EveryEntityButXmlsFiveIsAnError) {
  const auto p = parse("<bilan form=\"t\">\n  <answer field=\"a\">&adresse_siege; &lt;&gt;&amp;&quot;&apos; &x-1.y;</answer>\n"
                       "  <!-- &commentaire; --><answer field=\"b\"><![CDATA[&cdata;]]> A & B</answer>\n</bilan>");
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, (Diags{
      "/mem/r.xml:2:21: erreur: XML invalide : entité « &adresse_siege; » inconnue ; écrivez le caractère lui-même (seules &lt; &gt; &amp; &quot; &apos; existent en XML)",
      "/mem/r.xml:2:63: erreur: XML invalide : entité « &x-1.y; » inconnue ; écrivez le caractère lui-même (seules &lt; &gt; &amp; &quot; &apos; existent en XML)",
  }));
}

TEST(LoadAnswers, RawNoncharactersAreLocatedErrors) {
  const auto p = parse("<bilan form=\"t\">\n  <answer field=\"a\">x\xEF\xBF\xBEy\xEF\xBF\xBF</answer>\n</bilan>");
  EXPECT_FALSE(p.set);
  EXPECT_EQ(p.diags, (Diags{
      "/mem/r.xml:2:22: erreur: caractère U+FFFE interdit en XML 1.0 (ce n’est pas un caractère) ; supprimez-le",
      "/mem/r.xml:2:24: erreur: caractère U+FFFF interdit en XML 1.0 (ce n’est pas un caractère) ; supprimez-le",
  }));
}

TEST(LoadAnswers, ControlCharactersAreDroppedWithAWarning) {
  const auto p = parse("<bilan form=\"t\" action=\"A\x02" "B\">\n  <answer field=\"a\">x\x01y\x7F\tz\x0B</answer>\n"
                       "  <answer field=\"b\">\xC2\x85" "ok</answer>\n</bilan>");
  ASSERT_TRUE(p.set);  // warnings only
  EXPECT_EQ(p.diags, (Diags{
                         "/mem/r.xml:1:26: avertissement: caractère de contrôle U+0002 supprimé",
                         "/mem/r.xml:2:22: avertissement: caractère de contrôle U+0001 supprimé",
                         "/mem/r.xml:2:24: avertissement: caractère de contrôle U+007F supprimé",
                         "/mem/r.xml:2:27: avertissement: caractère de contrôle U+000B supprimé",
                         "/mem/r.xml:3:21: avertissement: caractère de contrôle U+0085 supprimé",
                     }));
  EXPECT_EQ(p.set->action, "AB");
  EXPECT_EQ(p.set->answers[0].text, "xy z");  // the tab is kept, then turned into a space
  EXPECT_EQ(p.set->answers[1].text, "ok");
}

TEST(LoadAnswers, OnlyControlCharactersAreDropped) {
  // Answers without a control character are kept byte for byte (no copy):
  // U+00A0 (C2 A0) is no C1 control, U+009F (C2 9F) is the last one.
  const auto p = parse("<bilan form=\"t\">\n  <answer field=\"a\">\xC2\xA0x\xC2\x9F</answer>\n"
                       "  <answer field=\"b\">\xC2\xA0\xC3\xA9 \xE2\x80\xAF;\xC2\xBF</answer>\n</bilan>");
  ASSERT_TRUE(p.set);
  EXPECT_EQ(p.diags, (Diags{"/mem/r.xml:2:23: avertissement: caractère de contrôle U+009F supprimé"}));
  EXPECT_EQ(p.set->answers[0].text, "\xC2\xA0x");
  EXPECT_EQ(p.set->answers[1].text, "\xC2\xA0\xC3\xA9 \xE2\x80\xAF;\xC2\xBF");
}

TEST(LoadAnswers, DuplicateAnswers) {
  const auto p = parse(R"(<bilan form="t">
  <answer field="a">1</answer>
  <answer field="a">2</answer>
  <table field="tb">
    <row id="r"><cell column="c">1</cell><cell column="c">2</cell></row>
    <row id="r"/>
  </table>
  <table field="tb"/>
  <signature name="x"/>
  <signature name="y"/>
</bilan>)");
  EXPECT_TRUE(p.set) << "structural errors do not stop the reading: bind() reports the rest";
  EXPECT_EQ(p.diags, (Diags{
                         "/mem/r.xml:3:3: erreur: réponse au champ « a » déjà donnée en /mem/r.xml:2:3",
                         "/mem/r.xml:5:42: erreur: cellule « c » déjà donnée en /mem/r.xml:5:17",
                         "/mem/r.xml:6:5: erreur: ligne « r » déjà donnée en /mem/r.xml:5:5",
                         "/mem/r.xml:8:3: erreur: réponse au tableau « tb » déjà donnée en /mem/r.xml:4:3",
                         "/mem/r.xml:10:3: erreur: signature déjà donnée en /mem/r.xml:9:3",
                     }));
}

TEST(LoadAnswers, UnknownElementsAndAttributes) {
  const auto p = parse(R"(<bilan form="t" departement="47">
  <answr field="a">1</answr>
  <answer feild="b">2</answer>
  <answer field="c">x <b>y</b></answer>
  texte libre
</bilan>)");
  EXPECT_TRUE(p.set) << "structural errors do not stop the reading: bind() reports the rest";
  EXPECT_EQ(p.diags, (Diags{
                         "/mem/r.xml:1:17: erreur: attribut « departement » inconnu sur <bilan> (vouliez-vous dire « department » ?) ; "
                         "attributs permis : form, department, action",
                         "/mem/r.xml:2:3: erreur: élément <answr> inconnu dans <bilan> (vouliez-vous dire « answer » ?)",
                         "/mem/r.xml:3:3: erreur: attribut « field » manquant sur <answer>",
                         "/mem/r.xml:3:11: erreur: attribut « feild » inconnu sur <answer> (vouliez-vous dire « field » ?) ; attributs permis : field",
                         "/mem/r.xml:4:23: erreur: élément <b> inattendu dans <answer> : une réponse est du texte",
                         "/mem/r.xml:5:3: erreur: texte hors d’une réponse : écrivez-le dans <answer field=\"…\">",
                     }));
}

TEST(LoadAnswers, BadRootAndMissingForm) {
  const auto root = parse("<reponses form=\"t\"/>");
  EXPECT_FALSE(root.set);
  EXPECT_EQ(root.diags, Diags{"/mem/r.xml:1:1: erreur: élément racine <reponses> : un fichier de réponses commence par <bilan form=\"…\">"});
  const auto form = parse("<bilan>\n</bilan>");
  EXPECT_TRUE(form.set) << "read on; the engine stops before binding a file without form";
  EXPECT_EQ(form.diags, Diags{"/mem/r.xml:1:1: erreur: attribut « form » manquant sur <bilan> : quel formulaire ?"});
}

TEST(LoadAnswers, UnreadableFile) {
  MemoryEnvironment env;
  DiagnosticSink sink;
  EXPECT_FALSE(load_answers(env, "/mem/absent.xml", sink));
  ASSERT_EQ(sink.items().size(), 1u);
  EXPECT_EQ(sink.items()[0].to_string(), "/mem/absent.xml: erreur: lecture impossible : fichier introuvable");
}

TEST(LoadAnswers, LoadThroughTheEnvironment) {
  MemoryEnvironment env;
  env.add_file("/mem/r.xml", "<bilan form=\"t\"><answer field=\"a\">1</answer></bilan>");
  DiagnosticSink sink;
  const auto set = load_answers(env, "/mem/r.xml", sink);
  ASSERT_TRUE(set);
  EXPECT_TRUE(sink.empty());
  EXPECT_EQ(set->answers[0].text, "1");
}

TEST(NormalizeAnswerText, RemovesCommonIndentationAndBlankEnds) {
  EXPECT_EQ(data::normalize_answer_text("\n    a\n      b\n    c\n  "), "a\n  b\nc");
  EXPECT_EQ(data::normalize_answer_text("  a\n\n  b"), "a\n\nb");
  EXPECT_EQ(data::normalize_answer_text("  x\n y"), " x\ny");
  EXPECT_EQ(data::normalize_answer_text("a   \nb  "), "a\nb");
  EXPECT_EQ(data::normalize_answer_text("\n\n  \n  seul  \n \n"), "seul");
}

TEST(NormalizeAnswerText, TabsCarriageReturnsAndEmpty) {
  EXPECT_EQ(data::normalize_answer_text("\t\ta\n\t\t\tb"), "a\n b");
  EXPECT_EQ(data::normalize_answer_text("a\r\nb\r\n"), "a\nb");
  EXPECT_EQ(data::normalize_answer_text(""), "");
  EXPECT_EQ(data::normalize_answer_text("   \n  \n"), "");
  EXPECT_EQ(data::normalize_answer_text("été"), "été");
}

TEST(NormalizeAnswerText, BlankLinesInsideKeepNoSpaces) {
  EXPECT_EQ(data::normalize_answer_text("    un\n      \n    deux"), "un\n\ndeux");
}

TEST(LoadAnswers, TextsAreNfcNormalised) {
  // « e » + U+0301 (combining acute) is stored as « é ».
  const auto p = parse("<bilan form=\"t\">\n  <answer field=\"a\">e\xCC\x81t\xC3\xA9</answer>\n"
                       "  <table field=\"tb\"><row id=\"autres\" label=\"Cre\xCC\x81" "ation\"><cell column=\"c\">ide\xCC\x81" "e</cell></row></table>\n"
                       "  <signature name=\"Ame\xCC\x81lie\"/>\n</bilan>");
  EXPECT_EQ(p.diags, Diags{});
  ASSERT_TRUE(p.set);
  EXPECT_EQ(p.set->answers[0].text, "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(p.set->tables[0].rows[0].label, "Cr\xC3\xA9" "ation");
  EXPECT_EQ(p.set->tables[0].rows[0].cells[0].text, "id\xC3\xA9" "e");
  EXPECT_EQ(p.set->signature->name.value, "Am\xC3\xA9lie");
}

TEST(LoadAnswers, ImagesAreResolvedRelativeToTheAnswerFile) {
  MemoryEnvironment env;
  const std::string png = png_bytes();
  env.add_file("/mem/dir/cachet.png", png);
  env.add_file("/mem/img/sig.png", png);
  // Outside the answer file's folder only when the user allows it (--images-anywhere).
  env.set_images_anywhere(true);
  const auto p = parse(env, "/mem/dir/r.xml",
                       "<bilan form=\"t\">\n  <signature stamp=\"cachet.png\" signature=\"../img/sig.png\"/>\n</bilan>");
  EXPECT_EQ(p.diags, Diags{});
  ASSERT_TRUE(p.set);
  ASSERT_TRUE(p.set->stamp_image);
  EXPECT_EQ(p.set->stamp_image->path, "/mem/dir/cachet.png");
  ASSERT_TRUE(p.set->stamp_image->image);
  EXPECT_EQ(p.set->stamp_image->image->width, 300u);
  EXPECT_EQ(p.set->stamp_image->image->digest, Sha256::hex(Sha256::of(png)));
  ASSERT_TRUE(p.set->signature_image);
  EXPECT_EQ(p.set->signature_image->path, "/mem/img/sig.png");
  EXPECT_EQ(p.set->signature->stamp.value, "cachet.png");
}

TEST(LoadAnswers, ImagesMayNotLeaveTheAnswerFilesFolder) {
  MemoryEnvironment env;
  env.add_file("/mem/img/sig.png", png_bytes());
  env.add_file("/mem/dir/sous/sig.png", png_bytes());
  const auto p = parse(env, "/mem/dir/r.xml",
                       "<bilan form=\"t\">\n  <signature stamp=\"/mem/img/sig.png\" signature=\"sous/../../img/sig.png\"/>\n</bilan>");
  const std::string tail = " hors du dossier du fichier de réponses (chemin absolu, « .. » ou lien symbolique) ; placez-la "
                           "à côté du fichier, ou permettez-le avec --images-anywhere";
  EXPECT_EQ(p.diags, (Diags{"/mem/dir/r.xml:2:21: erreur: image « /mem/img/sig.png »" + tail,
                            "/mem/dir/r.xml:2:50: erreur: image « sous/../../img/sig.png »" + tail}));
  const auto inside = parse(env, "/mem/dir/r.xml",
                            "<bilan form=\"t\">\n  <signature stamp=\"sous/../sous/sig.png\"/>\n</bilan>");
  EXPECT_EQ(inside.diags, Diags{});
}

TEST(LoadAnswers, AnswerLimitsAreLocatedErrors) {
  MemoryEnvironment env;
  Limits limits;
  limits.answers = 3;
  limits.answer_bytes = 5;
  limits.name_bytes = 4;
  env.set_limits(limits);
  auto p = parse(env, "/mem/r.xml",
                 "<bilan form=\"t\">\n  <answer field=\"a\">123456</answer>\n  <answer field=\"champ\">1</answer>\n"
                 "  <table field=\"t\"><row id=\"r\"><cell column=\"c\">1</cell></row></table>\n</bilan>");
  EXPECT_EQ(p.diags, (Diags{"/mem/r.xml:2:21: erreur: réponse trop longue (6 octets ; limite : 5 octets)",
                            "/mem/r.xml:3:18: erreur: valeur de « field » trop longue (5 octets ; limite : 4 octets)",
                            "/mem/r.xml:4:20: erreur: trop de réponses dans le fichier (limite : 3 réponses, lignes et cellules)"}));
  EXPECT_FALSE(p.set);
}

TEST(LoadAnswers, MissingOrBadImageIsAnError) {
  MemoryEnvironment env;
  env.add_file("/mem/dir/faux.png", "pas une image");
  const auto p = parse(env, "/mem/dir/r.xml",
                       "<bilan form=\"t\">\n  <signature stamp=\"absent.png\" signature=\"faux.png\"/>\n</bilan>");
  EXPECT_TRUE(p.set) << "structural errors do not stop the reading: bind() reports the rest";
  EXPECT_EQ(p.diags, (Diags{
                         "/mem/dir/r.xml:2:21: erreur: image « absent.png » : fichier introuvable",
                         "/mem/dir/r.xml:2:44: erreur: image « faux.png » : format d’image non pris en charge (PNG ou JPEG attendu)",
                     }));
}

}  // namespace
}  // namespace bilan::load

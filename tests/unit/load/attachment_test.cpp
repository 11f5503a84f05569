// <attachment> in answer files (issue 20, point 4): types known by their
// bytes, paths confined like the images, declared limits, exact messages.
#include "load/attachment_type.hpp"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "load/answers_loader.hpp"
#include "support/test_support.hpp"

// A namespace of its own: the unity build puts test files side by side.
namespace bilan::load::attachment_test {
namespace {

using bilan::testing::MemoryEnvironment;
using Diags = std::vector<std::string>;

const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "rest";
const std::string kJpeg = "\xFF\xD8\xFF\xE0 rest";

struct Parsed {
  std::optional<data::AnswerSet> set;
  Diags diags;
};

Parsed parse(const MemoryEnvironment& env, const std::string& body) {
  DiagnosticSink sink;
  Parsed p;
  p.set = parse_answers(env, "/mem/dir/r.xml", "<bilan form=\"t\">\n" + body + "</bilan>", sink);
  for (const auto& d : sink.sorted()) p.diags.push_back(d.to_string());
  return p;
}

std::string mime_of(std::string_view bytes) {
  const auto t = sniff_attachment_type(bytes);
  return t ? std::string(t->mime) : "?";
}

TEST(AttachmentType, KnownByTheirBytes) {
  EXPECT_EQ(mime_of(kPdf), "application/pdf");
  EXPECT_EQ(mime_of(kPng), "image/png");
  EXPECT_EQ(mime_of(kJpeg), "image/jpeg");
  EXPECT_EQ(mime_of(bilan::testing::tiny_odt("x")), "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(mime_of(bilan::testing::tiny_docx("x")), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  // A spreadsheet is no text document; a ZIP is not a DOCX for its name.
  EXPECT_EQ(mime_of(bilan::testing::stored_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}})), "?");
  EXPECT_EQ(mime_of(bilan::testing::stored_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<w/>"}})), "?");
  EXPECT_EQ(mime_of(bilan::testing::stored_zip({{"a.txt", "x"}})), "?");
  EXPECT_EQ(mime_of("PK\x03\x04"), "?") << "a truncated ZIP";
  EXPECT_EQ(mime_of(""), "?");
  EXPECT_EQ(mime_of("%PDF"), "?");
  EXPECT_EQ(mime_of("GIF89a"), "?");
  // An end-of-central-directory record pointing past the end is no DOCX.
  std::string bad = bilan::testing::tiny_docx("x");
  bad[bad.size() - 6] = '\x7F';
  EXPECT_EQ(mime_of(bad), "?");
}

TEST(AttachmentType, ExtensionsAndSafeNames) {
  EXPECT_EQ(attachment_type_of_name("a.PDF")->label, "PDF");
  EXPECT_EQ(attachment_type_of_name("photo.jpeg")->label, "JPEG");
  EXPECT_EQ(attachment_type_of_name("photo.Jpg")->label, "JPEG");
  EXPECT_EQ(attachment_type_of_name("b.docx")->label, "DOCX");
  EXPECT_FALSE(attachment_type_of_name("b.doc"));
  EXPECT_FALSE(attachment_type_of_name(".pdf"));
  EXPECT_FALSE(attachment_type_of_name("pdf"));
  EXPECT_TRUE(is_safe_file_name("bilan qualitatif été.pdf"));
  for (const std::string& bad : std::vector<std::string>{"", ".", "..", ".cache.pdf", "a/b.pdf", "a\\b.pdf", "a\nb.pdf", "\xC3.pdf", std::string(256, 'a')})
    EXPECT_FALSE(is_safe_file_name(bad)) << bad;
  EXPECT_TRUE(is_safe_file_name(std::string(255, 'a')));
}

TEST(LoadAttachments, ReadTypedAndResolvedLikeImages) {
  MemoryEnvironment env;
  env.add_file("/mem/dir/bilan-qualitatif.pdf", kPdf);
  env.add_file("/mem/dir/annexes/photo.JPG", kJpeg);
  env.add_file("/mem/dir/compte-rendu.odt", bilan::testing::tiny_odt("cr"));
  const auto p = parse(env,
                       "  <action rural=\"oui\"/>\n"
                       "  <attachment file=\"bilan-qualitatif.pdf\" description=\"  Bilan qualitatif\n détaillé \"/>\n"
                       "  <attachment file=\"annexes/photo.JPG\"/>\n"
                       "  <attachment file=\"compte-rendu.odt\" description=\"Compte rendu\"/>\n");
  EXPECT_EQ(p.diags, Diags{});
  ASSERT_TRUE(p.set);
  ASSERT_EQ(p.set->attachments.size(), 3u);
  const auto& a = p.set->attachments[0];
  EXPECT_EQ(a.file, "bilan-qualitatif.pdf");
  EXPECT_EQ(a.name, "bilan-qualitatif.pdf");
  EXPECT_EQ(a.path, "/mem/dir/bilan-qualitatif.pdf");
  EXPECT_EQ(a.description, "Bilan qualitatif détaillé") << "one line, spaces collapsed";
  EXPECT_EQ(a.mime, "application/pdf");
  EXPECT_EQ(*a.bytes, kPdf);
  EXPECT_EQ(a.file_loc.to_string(), "/mem/dir/r.xml:3:21");
  EXPECT_EQ(p.set->attachments[1].name, "photo.JPG");
  EXPECT_EQ(p.set->attachments[1].path, "/mem/dir/annexes/photo.JPG");
  EXPECT_EQ(p.set->attachments[1].mime, "image/jpeg");
  EXPECT_EQ(p.set->attachments[2].mime, "application/vnd.oasis.opendocument.text");
}

TEST(LoadAttachments, PathsMayNotLeaveTheAnswerFilesFolder) {
  MemoryEnvironment env;
  env.add_file("/mem/autre/a.pdf", kPdf);
  const auto p = parse(env, "  <attachment file=\"/mem/autre/a.pdf\"/>\n  <attachment file=\"../autre/a.pdf\"/>\n");
  const std::string tail = " hors du dossier du fichier de réponses (chemin absolu, « .. » ou lien symbolique) ; placez-la "
                           "à côté du fichier, ou permettez-le avec --images-anywhere";
  EXPECT_EQ(p.diags, (Diags{"/mem/dir/r.xml:2:21: erreur: pièce jointe « /mem/autre/a.pdf »" + tail,
                            "/mem/dir/r.xml:3:21: erreur: pièce jointe « ../autre/a.pdf »" + tail}));
  ASSERT_TRUE(p.set);
  EXPECT_TRUE(p.set->attachments.empty());
  env.set_images_anywhere(true);
  const auto anywhere = parse(env, "  <attachment file=\"../autre/a.pdf\"/>\n");
  EXPECT_EQ(anywhere.diags, Diags{});
  ASSERT_EQ(anywhere.set->attachments.size(), 1u);
  EXPECT_EQ(anywhere.set->attachments[0].path, "/mem/autre/a.pdf");
}

TEST(LoadAttachments, TypeIsTheBytesAndTheNameMustAgree) {
  MemoryEnvironment env;
  env.add_file("/mem/dir/photo.pdf", kPng);
  env.add_file("/mem/dir/texte.docx", "du texte");
  env.add_file("/mem/dir/tableur.odt", bilan::testing::stored_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}}));
  env.add_file("/mem/dir/prog.exe", "MZ");
  const auto p = parse(env,
                       "  <attachment file=\"photo.pdf\"/>\n  <attachment file=\"texte.docx\"/>\n"
                       "  <attachment file=\"tableur.odt\"/>\n  <attachment file=\"prog.exe\"/>\n"
                       "  <attachment file=\"absent.png\"/>\n");
  EXPECT_EQ(p.diags,
            (Diags{"/mem/dir/r.xml:2:21: erreur: pièce jointe « photo.pdf » : son contenu est celui d’un fichier PNG, pas PDF "
                   "comme le dit son nom",
                   "/mem/dir/r.xml:3:21: erreur: pièce jointe « texte.docx » : son contenu n’est pas celui d’un fichier DOCX (ni "
                   "d’aucun type permis : PDF, ODT, DOCX, PNG, JPEG)",
                   "/mem/dir/r.xml:4:21: erreur: pièce jointe « tableur.odt » : son contenu n’est pas celui d’un fichier ODT (ni "
                   "d’aucun type permis : PDF, ODT, DOCX, PNG, JPEG)",
                   "/mem/dir/r.xml:5:21: erreur: pièce jointe « prog.exe » : type de fichier non permis ; permis : PDF (.pdf), "
                   "ODT (.odt), DOCX (.docx), PNG (.png), JPEG (.jpg .jpeg)",
                   "/mem/dir/r.xml:6:21: erreur: pièce jointe « absent.png » : fichier introuvable"}));
}

TEST(LoadAttachments, NamesAreUniqueSafeAndNotTheAnswersOwn) {
  MemoryEnvironment env;
  env.add_file("/mem/dir/a.pdf", kPdf);
  env.add_file("/mem/dir/sous/a.pdf", kPdf);
  env.add_file("/mem/dir/.cache.pdf", kPdf);
  const auto p = parse(env,
                       "  <attachment file=\"a.pdf\"/>\n  <attachment file=\"sous/a.pdf\"/>\n"
                       "  <attachment file=\".cache.pdf\"/>\n  <attachment file=\"reponses.xml\"/>\n  <attachment/>\n"
                       "  <attachment file=\"a.pdf\" titre=\"x\">texte</attachment>\n");
  EXPECT_EQ(p.diags,
            (Diags{"/mem/dir/r.xml:3:21: erreur: pièce jointe « a.pdf » déjà donnée en /mem/dir/r.xml:2:3 : deux pièces jointes ne "
                   "peuvent porter le même nom",
                   "/mem/dir/r.xml:4:21: erreur: pièce jointe « .cache.pdf » : nom de fichier non permis (vide, commençant par « . », "
                   "ou avec « \\ » ou un caractère de contrôle)",
                   "/mem/dir/r.xml:5:21: erreur: pièce jointe « reponses.xml » : « reponses.xml » est le nom du fichier de réponses "
                   "que porte le PDF ; renommez la pièce jointe",
                   "/mem/dir/r.xml:6:3: erreur: attribut « file » manquant sur <attachment> : quel fichier joindre ?",
                   "/mem/dir/r.xml:7:21: erreur: pièce jointe « a.pdf » déjà donnée en /mem/dir/r.xml:2:3 : deux pièces jointes ne "
                   "peuvent porter le même nom",
                   "/mem/dir/r.xml:7:28: erreur: attribut « titre » inconnu sur <attachment> ; attributs permis : file, description",
                   "/mem/dir/r.xml:7:38: erreur: contenu inattendu dans <attachment>"}));
  ASSERT_TRUE(p.set);
  EXPECT_EQ(p.set->attachments.size(), 1u);
}

TEST(LoadAttachments, LimitsAreLocatedErrors) {
  MemoryEnvironment env;
  Limits limits;
  limits.attachments = 4;
  limits.attachment_bytes = 40;
  limits.attachments_total_bytes = 70;
  limits.attachment_name_bytes = 8;
  limits.attachment_description_bytes = 5;
  env.set_limits(limits);
  env.add_file("/mem/dir/a.pdf", kPdf);                 // 51 bytes
  env.add_file("/mem/dir/b.png", kPng + std::string(24, 'x'));  // 36
  env.add_file("/mem/dir/c.png", kPng + std::string(24, 'y'));  // 36: 72 with b
  env.add_file("/mem/dir/longnom.png", kPng);
  env.add_file("/mem/dir/d.png", kPng);
  ASSERT_EQ(kPdf.size(), 51u);
  const auto p = parse(env,
                       "  <attachment file=\"a.pdf\"/>\n  <attachment file=\"b.png\" description=\"12345\"/>\n"
                       "  <attachment file=\"c.png\" description=\"123456\"/>\n  <attachment file=\"c.png\"/>\n"
                       "  <attachment file=\"longnom.png\"/>\n  <attachment file=\"d.png\" description=\"a\x02" "b\"/>\n");
  EXPECT_EQ(p.diags,
            (Diags{"/mem/dir/r.xml:2:21: erreur: pièce jointe « a.pdf » trop grande (51 octets ; limite : 40 octets)",
                   "/mem/dir/r.xml:4:41: erreur: description de pièce jointe trop longue (6 octets ; limite : 5 octets)",
                   "/mem/dir/r.xml:5:21: erreur: pièces jointes trop grandes dans l’ensemble (limite : 70 octets)",
                   "/mem/dir/r.xml:6:3: erreur: trop de pièces jointes (limite : 4 pièces jointes)"}));
  ASSERT_TRUE(p.set);
  ASSERT_EQ(p.set->attachments.size(), 1u);
  EXPECT_EQ(p.set->attachments[0].name, "b.png");

  limits.attachments = 10;
  env.set_limits(limits);
  const auto q = parse(env, "  <attachment file=\"longnom.png\"/>\n  <attachment file=\"d.png\" description=\"a\x02" "b\"/>\n");
  EXPECT_EQ(q.diags, (Diags{"/mem/dir/r.xml:2:21: erreur: nom de pièce jointe trop long (11 octets ; limite : 8 octets)",
                            "/mem/dir/r.xml:3:41: erreur: description de pièce jointe : une ligne de texte, sans caractère de "
                            "contrôle"}));
}

}  // namespace
}  // namespace bilan::load::attachment_test

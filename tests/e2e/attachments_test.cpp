// Attached documents end to end (issue 20, point 4): an answer file's
// <attachment>s carried by `fill --pdfa` as PDF/A-3 associated files and by a
// plain `fill` as embedded files, given back byte for byte by `extract --all`,
// kept, re-rendered and compared by the archive; the files refused.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "support/test_support.hpp"

// A namespace of its own: the unity build puts test files side by side.
namespace bilan::attachments_test {
namespace {

namespace fs = std::filesystem;
using testing::run;

const char* const kEpoch = "SOURCE_DATE_EPOCH=1751625000";  // 2025-07-04T10:30:00Z

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// A small but real PDF (qpdf reads it), with a marker found nowhere else.
std::string tiny_pdf(const std::string& marker) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> at;
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Info (" + marker + ") >>"};
  for (std::size_t i = 0; i < objects.size(); ++i) {
    at.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 4\n0000000000 65535 f \n";
  for (const std::size_t o : at) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

struct Folder {
  std::string dir = testing::temp_dir();
  std::string answers = dir + "/commune.xml";
  std::string sample = testing::read_text(testing::source_path("samples/commune-rurale-2024-2025.xml"));
  std::string pdf_bytes = tiny_pdf("MARQUEUR-PDF-4f1c");
  std::string jpeg = testing::read_text(testing::source_path("samples/images/signature-presidente.jpg"));
  std::string odt = testing::tiny_odt("MARQUEUR-ODT-7a2e");
  std::string docx = testing::tiny_docx("MARQUEUR-DOCX-9b3d");

  Folder() {
    testing::write_text(dir + "/bilan-qualitatif.pdf", pdf_bytes);
    testing::write_text(dir + "/annexes/photo séance.jpg", jpeg);
    testing::write_text(dir + "/compte-rendu.odt", odt);
    testing::write_text(dir + "/budget.docx", docx);
  }
  // The sample with `elements` after its <action> (line 10): from line 11 on.
  void write(const std::string& elements) const {
    const std::string action = "  <action rural=\"oui\"/>\n";
    testing::write_text(answers, replaced(sample, action, action + elements));
  }
  void write_all() const {
    write("  <attachment file=\"bilan-qualitatif.pdf\" description=\"Bilan qualitatif détaillé\"/>\n"
          "  <attachment file=\"annexes/photo séance.jpg\" description=\"Une séance\"/>\n"
          "  <attachment file=\"compte-rendu.odt\"/>\n"
          "  <attachment file=\"budget.docx\" description=\"Budget\"/>\n");
  }
  testing::CommandResult bilan(std::vector<std::string> args, const char* epoch = kEpoch) const {
    std::vector<std::string> argv{"env", epoch, BILAN_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }
};

void expect_qpdf_clean(const std::string& pdf) {
  const auto qpdf = run({"qpdf", "--check", pdf});
  EXPECT_EQ(qpdf.exit_code, 0) << qpdf.out << qpdf.err;
  EXPECT_EQ(qpdf.out.find("WARNING"), std::string::npos) << qpdf.out;
}

TEST(Attachments, PdfaCarriesThemAsAssociatedFilesAndExtractAllGivesThemBackByteForByte) {
  const Folder f;
  f.write_all();
  const std::string pdf = f.dir + "/bilan.pdf";
  const auto fill = f.bilan({"fill", f.answers, "--pdfa", "-o", pdf});
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  EXPECT_EQ(fill.err, "");
  expect_qpdf_clean(pdf);
  // The same inputs, the same bytes.
  const std::string again = f.dir + "/again.pdf";
  ASSERT_EQ(f.bilan({"fill", f.answers, "--pdfa", "-o", again}).exit_code, 0);
  EXPECT_EQ(testing::read_text(pdf), testing::read_text(again));

  // Associated files: /AF, /Supplement, /Desc, /Params (/Size, /ModDate, /CheckSum), the name tree sorted.
  const auto json = run({"qpdf", "--json", "--json-key=attachments", pdf});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  for (const std::string& expected : std::vector<std::string>
       {"\"bilan-qualitatif.pdf\"", "\"photo séance.jpg\"", "\"compte-rendu.odt\"", "\"budget.docx\"", "\"reponses.xml\"",
        "\"description\": \"Bilan qualitatif détaillé\"", "\"mimetype\": \"application/pdf\"", "\"mimetype\": \"image/jpeg\"",
        "\"mimetype\": \"application/vnd.oasis.opendocument.text\"",
        "\"mimetype\": \"application/vnd.openxmlformats-officedocument.wordprocessingml.document\"",
        "\"checksum\": \"" + run({"sh", "-c", "md5sum | cut -c1-32"}, f.pdf_bytes).out.substr(0, 32) + "\""})
    EXPECT_NE(json.out.find(expected), std::string::npos) << expected << "\n" << json.out;
  const std::string qdf = f.dir + "/bilan.qdf";
  ASSERT_EQ(run({"qpdf", "--qdf", "--object-streams=disable", pdf, qdf}).exit_code, 0);
  const std::string text = testing::read_text(qdf);
  std::size_t supplements = 0;
  for (std::size_t at = 0; (at = text.find("/AFRelationship /Supplement", at)) != std::string::npos; ++at) ++supplements;
  EXPECT_EQ(supplements, 4u);
  EXPECT_NE(text.find("/AFRelationship /Source"), std::string::npos);
  EXPECT_NE(text.find("/CheckSum <"), std::string::npos);
  EXPECT_NE(text.find("/ModDate (D:20250704103000Z)"), std::string::npos) << "the environment's clock";
  // Name tree keys in byte order: bilan-qualitatif, budget, compte-rendu, (photo,) reponses.
  const std::size_t names = text.find("/EmbeddedFiles");
  ASSERT_NE(names, std::string::npos);
  std::vector<std::size_t> order;
  for (const std::string key : {"(bilan-qualitatif.pdf)", "(budget.docx)", "(compte-rendu.odt)", "(reponses.xml)"})
    order.push_back(text.find(key, text.find("/Names [", names)));
  EXPECT_EQ(std::count(order.begin(), order.end(), std::string::npos), 0);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << "name tree keys sorted";

  const std::string out = f.dir + "/extrait";
  const auto extract = f.bilan({"extract", pdf, "--all", "-o", out});
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  // The answers first, then the documents as the name tree sorts them.
  EXPECT_EQ(extract.out, out + "/reponses.xml\n" + out + "/bilan-qualitatif.pdf\n" + out + "/budget.docx\n" + out +
                             "/compte-rendu.odt\n" + out + "/photo séance.jpg\n");
  EXPECT_EQ(extract.err, "");
  for (const auto& [name, source] : std::vector<std::pair<std::string, std::string>>{
           {"reponses.xml", f.answers},
           {"bilan-qualitatif.pdf", f.dir + "/bilan-qualitatif.pdf"},
           {"photo séance.jpg", f.dir + "/annexes/photo séance.jpg"},
           {"compte-rendu.odt", f.dir + "/compte-rendu.odt"},
           {"budget.docx", f.dir + "/budget.docx"}}) {
    const auto cmp = run({"cmp", out + "/" + name, source});
    EXPECT_EQ(cmp.exit_code, 0) << name << ": " << cmp.out << cmp.err;
  }
  // --out DIR says the same; without --all, only the answers, as before.
  const auto by_out = f.bilan({"extract", pdf, "--all", "--out", f.dir + "/extrait2"});
  EXPECT_EQ(by_out.exit_code, 0) << by_out.err;
  EXPECT_EQ(run({"cmp", f.dir + "/extrait2/budget.docx", f.dir + "/budget.docx"}).exit_code, 0);
  EXPECT_EQ(f.bilan({"extract", pdf}).out, testing::read_text(f.answers));
  const auto usage = f.bilan({"extract", pdf, "--out", out});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_TRUE(usage.err.starts_with("bilan: erreur: --out DIR va avec --all ; pour le seul fichier de réponses : -o FICHIER"))
      << usage.err;
}

TEST(Attachments, ExtractAllNeverReplacesAnInputAndWritesAllOrNothing) {
  const Folder f;
  f.write("  <attachment file=\"bilan-qualitatif.pdf\"/>\n  <attachment file=\"budget.docx\"/>\n");
  const std::string pdf = f.dir + "/sortie/budget.docx";  // the PDF, named as an attachment
  fs::create_directories(f.dir + "/sortie");
  ASSERT_EQ(f.bilan({"fill", f.answers, "--pdfa", "-o", pdf}).exit_code, 0);
  const auto r = f.bilan({"extract", pdf, "--all", "-o", f.dir + "/sortie"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "bilan: erreur: " + f.dir + "/sortie/budget.docx : c’est « " + pdf +
                       " », lu par cette commande : il ne sera pas remplacé ; choisissez un autre nom\n");
  EXPECT_FALSE(fs::exists(f.dir + "/sortie/reponses.xml")) << "nothing written";
  EXPECT_FALSE(fs::exists(f.dir + "/sortie/bilan-qualitatif.pdf"));
  // A PDF that carries no answers: as extract says.
  const std::string plain = f.dir + "/plain.pdf";
  ASSERT_EQ(f.bilan({"fill", f.answers, "-o", plain}).exit_code, 0);
  const auto none = f.bilan({"extract", plain, "--all", "-o", f.dir + "/x"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(none.err.starts_with(plain + ": erreur: ce PDF n’est pas un bilan archivé par bilan")) << none.err;
}

// A PDF whose attachment's name was changed by hand (QDF, then fix-qdf):
// `extract --all` writes nothing rather than leave the folder or write twice.
TEST(Attachments, ExtractAllRefusesANameThatLeadsOutOrIsGivenTwice) {
  const Folder f;
  f.write("  <attachment file=\"bilan-qualitatif.pdf\"/>\n");
  const std::string pdf = f.dir + "/bilan.pdf";
  ASSERT_EQ(f.bilan({"fill", f.answers, "--pdfa", "-o", pdf}).exit_code, 0);
  ASSERT_EQ(run({"qpdf", "--qdf", "--object-streams=disable", pdf, f.dir + "/q.pdf"}).exit_code, 0);
  const std::string qdf = testing::read_text(f.dir + "/q.pdf");
  const auto renamed = [&](const std::string& name) {
    std::string hostile = qdf;
    for (std::size_t at; (at = hostile.find("(bilan-qualitatif.pdf)")) != std::string::npos;)
      hostile.replace(at, std::string("(bilan-qualitatif.pdf)").size(), "(" + name + ")");
    testing::write_text(f.dir + "/edited.qdf", hostile);
    const std::string bad = f.dir + "/hostile.pdf";
    EXPECT_EQ(run({"sh", "-c", "fix-qdf \"$0\" > \"$1\"", f.dir + "/edited.qdf", bad}).exit_code, 0);
    return bad;
  };
  for (const auto& [name, message] : std::vector<std::pair<std::string, std::string>>{
           {"../evil.pdf", "pièce jointe au nom dangereux « ../evil.pdf » : ce n’est pas un simple nom de fichier ; rien n’est écrit"},
           {".profile", "pièce jointe au nom dangereux « .profile » : ce n’est pas un simple nom de fichier ; rien n’est écrit"},
           {"Makefile", "pièce jointe « Makefile » : ni PDF, ODT, DOCX, PNG ni JPEG, d’après son nom et ses octets ; rien n’est écrit"},
           {"bilan-qualitatif.png", "pièce jointe « bilan-qualitatif.png » : ni PDF, ODT, DOCX, PNG ni JPEG, d’après son nom et ses octets ; rien n’est écrit"}}) {
    const std::string bad = renamed(name);
    const std::string out = f.dir + "/out/sous";
    const auto r = f.bilan({"extract", bad, "--all", "-o", out});
    EXPECT_EQ(r.exit_code, 1) << name;
    EXPECT_EQ(r.err, bad + ": erreur: " + message + "\n");
    EXPECT_FALSE(fs::exists(out)) << "nothing written, not even the folder";
    EXPECT_FALSE(fs::exists(f.dir + "/out/evil.pdf"));
  }
  // Named as the answers: a name tree holds one file per name (qpdf keeps the
  // first), so the answers come back and the other is not written over them.
  const std::string twice = renamed("reponses.xml");
  const auto r = f.bilan({"extract", twice, "--all", "-o", f.dir + "/twice"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, f.dir + "/twice/reponses.xml\n");
  EXPECT_EQ(testing::read_text(f.dir + "/twice/reponses.xml"), testing::read_text(f.answers));
}

// The largest attachment allowed, bytes that do not compress (deflated, they
// would grow past what extract reads): stored as they are, it comes back.
TEST(Attachments, TheLargestAttachmentThatDoesNotCompressComesBack) {
  const Folder f;
  std::mt19937 random(20);
  std::string big = "%PDF-1.4\n";
  big.reserve(16u << 20);
  while (big.size() < (16u << 20)) big += static_cast<char>(random() & 0xFF);
  testing::write_text(f.dir + "/gros.pdf", big);
  f.write("  <attachment file=\"gros.pdf\"/>\n");
  const std::string pdf = f.dir + "/bilan.pdf";
  const auto fill = f.bilan({"fill", f.answers, "--pdfa", "-o", pdf});
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  const auto extract = f.bilan({"extract", pdf, "--all", "-o", f.dir + "/out"});
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  EXPECT_EQ(run({"cmp", f.dir + "/out/gros.pdf", f.dir + "/gros.pdf"}).exit_code, 0);
  big += 'x';
  testing::write_text(f.dir + "/gros.pdf", big);
  const auto over = f.bilan({"check", f.answers});
  EXPECT_EQ(over.exit_code, 1);
  EXPECT_EQ(over.err, f.answers + ":11:21: erreur: pièce jointe « gros.pdf » trop grande (16\u202F777\u202F217 octets ; limite : "
                                  "16\u202F777\u202F216 octets)\n");
}

TEST(Attachments, APlainFillEmbedsThemWithoutDates) {
  const Folder f;
  f.write("  <attachment file=\"bilan-qualitatif.pdf\" description=\"Bilan\"/>\n");
  const std::string pdf = f.dir + "/bilan.pdf";
  const auto fill = f.bilan({"fill", f.answers, "-o", pdf});
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  expect_qpdf_clean(pdf);
  const std::string other = f.dir + "/autre.pdf";
  ASSERT_EQ(f.bilan({"fill", f.answers, "-o", other}, "SOURCE_DATE_EPOCH=1893456000").exit_code, 0);
  EXPECT_EQ(testing::read_text(pdf), testing::read_text(other)) << "no clock in a plain fill";
  const auto list = run({"qpdf", "--list-attachments", "--verbose", pdf});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("bilan-qualitatif.pdf -> "), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("reponses.xml"), std::string::npos) << list.out;
  const std::string got = f.dir + "/got.pdf";
  EXPECT_EQ(run({"qpdf", "--show-attachment=bilan-qualitatif.pdf", pdf}).out, f.pdf_bytes);
  // Without attachments, the PDF is the one it always was (the reference outputs prove the samples).
  const std::string bare = f.dir + "/bare.xml";
  testing::write_text(bare, f.sample);
  ASSERT_EQ(f.bilan({"fill", bare, "-o", got}).exit_code, 0);
  EXPECT_EQ(run({"qpdf", "--list-attachments", got}).out.find("->"), std::string::npos);
}

TEST(Attachments, CheckRefusesPathsOutWrongTypesAndFilesThatAreNotRegular) {
  const Folder f;
  testing::write_text(f.dir + "/../dehors-" + fs::path(f.dir).filename().string() + ".pdf", f.pdf_bytes);
  ASSERT_EQ(mkfifo((f.dir + "/tube.pdf").c_str(), 0600), 0);
  testing::write_text(f.dir + "/image.pdf", f.jpeg);
  const std::string outside = "../dehors-" + fs::path(f.dir).filename().string() + ".pdf";
  f.write("  <attachment file=\"" + outside + "\"/>\n  <attachment file=\"tube.pdf\"/>\n  <attachment file=\"image.pdf\"/>\n"
          "  <attachment file=\"/dev/zero.pdf\"/>\n");
  const auto r = f.bilan({"check", f.answers});
  EXPECT_EQ(r.exit_code, 1);
  const std::string loc = f.answers + ":";
  for (const std::string& expected : std::vector<std::string>
       {loc + "11:21: erreur: pièce jointe « " + outside +
            " » hors du dossier du fichier de réponses (chemin absolu, « .. » ou lien symbolique) ; placez-la à côté du "
            "fichier, ou permettez-le avec --images-anywhere\n",
        loc + "12:21: erreur: pièce jointe « tube.pdf » : ce n’est pas un fichier ordinaire (tube, périphérique ou socket)\n",
        loc + "13:21: erreur: pièce jointe « image.pdf » : son contenu est celui d’un fichier JPEG, pas PDF comme le dit son nom\n",
        loc + "14:21: erreur: pièce jointe « /dev/zero.pdf » hors du dossier"})
    EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
  // Allowed anywhere: the file outside is read; a device never.
  fs::create_symlink("/dev/zero", f.dir + "/zero.pdf");
  f.write("  <attachment file=\"" + outside + "\"/>\n  <attachment file=\"zero.pdf\"/>\n");
  const auto anywhere = f.bilan({"check", f.answers, "--images-anywhere"});
  EXPECT_EQ(anywhere.exit_code, 1);
  EXPECT_EQ(anywhere.err, loc + "12:21: erreur: pièce jointe « zero.pdf » : ce n’est pas un fichier ordinaire (tube, "
                                "périphérique ou socket)\n");
  const auto fill = f.bilan({"fill", f.answers, "-o", f.dir + "/x.pdf"});
  EXPECT_EQ(fill.exit_code, 1);
  EXPECT_FALSE(fs::exists(f.dir + "/x.pdf"));
}

TEST(Attachments, TheArchiveKeepsVerifiesAndDiffsThem) {
  const Folder f;
  const std::string db = f.dir + "/bilan.db";
  const auto archive = [&](std::vector<std::string> args, const char* epoch = kEpoch) {
    args.insert(args.begin(), "archive");
    args.push_back("--db");
    args.push_back(db);
    return f.bilan(args, epoch);
  };
  f.write("");
  ASSERT_EQ(archive({"submit", f.answers}).exit_code, 0);
  f.write_all();
  const auto s2 = archive({"submit", f.answers}, "SOURCE_DATE_EPOCH=1751625060");
  ASSERT_EQ(s2.exit_code, 0) << s2.err;
  testing::write_text(f.dir + "/budget.docx", testing::tiny_docx("MARQUEUR-DOCX-autre"));
  f.write("  <attachment file=\"bilan-qualitatif.pdf\" description=\"Bilan qualitatif, version 2\"/>\n"
          "  <attachment file=\"budget.docx\" description=\"Budget\"/>\n");
  ASSERT_EQ(archive({"submit", f.answers}, "SOURCE_DATE_EPOCH=1751625120").exit_code, 0);

  const auto show = archive({"show", "CLAS-47-2024-031@2"});
  EXPECT_NE(show.out.find("attachment"), std::string::npos) << show.out;
  const auto verify = archive({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  const auto diff = archive({"diff", "CLAS-47-2024-031@1", "CLAS-47-2024-031@2"});
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  const auto sha = [](const std::string& bytes) {
    const auto r = run({"sh", "-c", "sha256sum | cut -c1-12"}, bytes);
    return r.out.substr(0, 12);
  };
  EXPECT_NE(diff.out.find("CLAS-47-2024-031@1 → CLAS-47-2024-031@2 : 4 réponses changent\n"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("  Pièce jointe « bilan-qualitatif.pdf » (attachment.bilan-qualitatif.pdf) : (sans réponse) → « SHA-256 " +
                          sha(f.pdf_bytes) + " — Bilan qualitatif détaillé »\n"),
            std::string::npos)
      << diff.out;
  const auto diff23 = archive({"diff", "CLAS-47-2024-031@2", "CLAS-47-2024-031@3"});
  EXPECT_EQ(diff23.out,
            "CLAS-47-2024-031@2 → CLAS-47-2024-031@3 : 4 réponses changent\n"
            "  Pièce jointe « bilan-qualitatif.pdf » (attachment.bilan-qualitatif.pdf) : « SHA-256 " + sha(f.pdf_bytes) +
                " — Bilan qualitatif détaillé » → « SHA-256 " + sha(f.pdf_bytes) + " — Bilan qualitatif, version 2 »\n"
            "  Pièce jointe « budget.docx » (attachment.budget.docx) : « SHA-256 " + sha(f.docx) + " — Budget » → « SHA-256 " +
                sha(testing::tiny_docx("MARQUEUR-DOCX-autre")) + " — Budget »\n"
            "  Pièce jointe « compte-rendu.odt » (attachment.compte-rendu.odt) : « SHA-256 " + sha(f.odt) + " » → (sans réponse)\n"
            "  Pièce jointe « photo séance.jpg » (attachment.photo séance.jpg) : « SHA-256 " + sha(f.jpeg) +
                " — Une séance » → (sans réponse)\n");

  // Exported, the PDF/A gives them back.
  const std::string pdf = f.dir + "/v2.pdf";
  ASSERT_EQ(archive({"export", "CLAS-47-2024-031@2", "-o", pdf}).exit_code, 0);
  const auto extract = f.bilan({"extract", pdf, "--all", "-o", f.dir + "/v2"});
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  EXPECT_EQ(run({"cmp", f.dir + "/v2/compte-rendu.odt", f.dir + "/compte-rendu.odt"}).exit_code, 0);
  EXPECT_EQ(run({"cmp", f.dir + "/v2/budget.docx", f.dir + "/v2/budget.docx"}).exit_code, 0);
  EXPECT_EQ(testing::read_text(f.dir + "/v2/budget.docx"), f.docx) << "the version's, not the file changed since";

  // A byte of an attached document changed in the database file: tampering.
  // It is there twice: its own blob, and the PDF/A that stores it as it is.
  std::string bytes = testing::read_text(db);
  int found = 0;
  for (std::size_t at = 0; (at = bytes.find("MARQUEUR-ODT-7a2e", at)) != std::string::npos; ++found) bytes[at] = 'N';
  EXPECT_EQ(found, 2);
  testing::write_text(db, bytes);
  const auto tampered = archive({"verify"});
  EXPECT_EQ(tampered.exit_code, 1) << tampered.out;
  EXPECT_NE(tampered.out.find("CLAS-47-2024-031@2 : ALTÉRÉE : fichier « " + f.dir + "/compte-rendu.odt » altéré"), std::string::npos)
      << tampered.out;
}

}  // namespace
}  // namespace bilan::attachments_test

// An archival bilan (fill --pdfa) is PDF/A-3b carrying its answer file, and
// `bilan extract` gives that file back byte for byte; a PDF that is not ours
// is a clear error.
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace bilan {
namespace {

using testing::run;

TEST(Archive, FillPdfaThenExtractGivesTheAnswersBack) {
  const std::string dir = testing::temp_dir();
  const std::string answers = testing::source_path("samples/association-urbaine-2024-2025.xml");
  const std::string pdf = dir + "/archive.pdf";
  const auto fill = run({"env", "SOURCE_DATE_EPOCH=1751292300", BILAN_BINARY, "fill", answers, "--pdfa", "-o", pdf});
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  const auto info = run({"pdfinfo", pdf});
  EXPECT_EQ(info.err, "");
  EXPECT_NE(info.out.find("CreationDate:    Mon Jun 30 14:05:00 2025 UTC"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Metadata Stream: yes"), std::string::npos) << info.out;
  EXPECT_EQ(run({"qpdf", "--check", pdf}).exit_code, 0);

  const auto out = run({BILAN_BINARY, "extract", pdf});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(out.out, testing::read_text(answers)) << "byte for byte";
  const auto to_file = run({BILAN_BINARY, "extract", pdf, "-o", dir + "/back.xml"});
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(testing::read_text(dir + "/back.xml"), testing::read_text(answers));

  // The same answers and the same date: the same archive.
  const auto again = run({"env", "SOURCE_DATE_EPOCH=1751292300", BILAN_BINARY, "fill", answers, "--pdfa", "-o", dir + "/again.pdf"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(testing::read_text(dir + "/again.pdf"), testing::read_text(pdf));
}

TEST(Archive, ExtractRefusesWhatIsNotOurs) {
  const std::string dir = testing::temp_dir();
  const std::string plain = dir + "/plain.pdf";
  ASSERT_EQ(run({BILAN_BINARY, "blank", "tne-parentalite-numerique", "-o", plain}).exit_code, 0);
  const auto r = run({BILAN_BINARY, "extract", plain});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, plain +
                       ": erreur: ce PDF n’est pas un bilan archivé par bilan : il ne porte pas de fichier de réponses "
                       "« reponses.xml » (produit par « bilan (libharu 2.3.0, HarfBuzz) »)\n");
  const std::string text = dir + "/pas-un.pdf";
  testing::write_text(text, "bonjour\n");
  const auto t = run({BILAN_BINARY, "extract", text});
  EXPECT_EQ(t.exit_code, 1);
  EXPECT_EQ(t.err, text + ": erreur: ce n’est pas un PDF (il ne commence pas par « %PDF- »)\n");
  const std::string broken = dir + "/casse.pdf";
  testing::write_text(broken, "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n");
  const auto b = run({BILAN_BINARY, "extract", broken});
  EXPECT_EQ(b.exit_code, 1);
  EXPECT_TRUE(b.err.starts_with(broken + ": erreur: PDF illisible : ")) << b.err;
}

}  // namespace
}  // namespace bilan

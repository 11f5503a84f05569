#include "render/pdf/pdf_backend.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "render/font_manifest.hpp"
#include "render/trace/trace_canvas.hpp"
#include "support/test_support.hpp"

namespace bilan::render {
namespace {

compose::PagedDocument sample_document(const std::string& words) {
  compose::PagedDocument doc;
  doc.info.title = "Bilan « été »";
  doc.info.author = "Association Œuvre";
  doc.info.id_seed = words;
  compose::Page page;
  page.items.push_back(compose::TextItem{56.69, 70, compose::Face::Regular, 10, {}, words});
  page.items.push_back(compose::TextItem{56.69, 90, compose::Face::Bold, 12, {0, 0, 0.5}, "PUBLIC CONCERNÉ"});
  page.items.push_back(compose::LineItem{56.69, 100, 300, 100, 0.6, {0.5, 0.5, 0.5}, compose::LineStyle::Dotted});
  page.items.push_back(compose::BoxItem{{56.69, 110, 100, 20}, 0.5, {}, true, {0.9, 0.9, 0.9}});
  page.items.push_back(compose::CheckboxItem{{200, 110, 8.5, 8.5}, true, {0, 0, 0.5}});
  doc.pages.push_back(page);
  doc.outline.push_back({"Public concerné", 1, 0, 90});
  return doc;
}

PdfBackend& backend() {
  static testing::MemoryEnvironment env;
  static PdfBackend b(must_load_font_manifest(env, env.font_manifest_path()));
  return b;
}

TEST(Trace, OneOperationPerLineRounded) {
  const std::string t = trace(sample_document("Été"));
  EXPECT_EQ(t,
            "document title=\"Bilan « été »\" author=\"Association Œuvre\"\n"
            "page 1 595.28x841.89\n"
            "text 56.69 70.00 Regular 10.00 #000000 \"Été\"\n"
            "text 56.69 90.00 Bold 12.00 #000080 \"PUBLIC CONCERNÉ\"\n"
            "line 56.69 100.00 300.00 100.00 w0.60 #808080 dotted\n"
            "box 56.69 110.00 100.00 20.00 stroke 0.50 #000000 fill #e6e6e6\n"
            "checkbox 200.00 110.00 8.50 checked\n"
            "outline 1 p1 90.00 \"Public concerné\"\n");
}

TEST(PdfBackend, MetricsComeFromTheEmbeddedFonts) {
  // Liberation Sans: « a » is 1139/2048 em → 556 thousandths, as in the PDF /W array.
  EXPECT_DOUBLE_EQ(backend().advance(compose::Face::Regular, U'a'), 556);
  EXPECT_TRUE(backend().has_glyph(compose::Face::Regular, U'é'));
  EXPECT_TRUE(backend().has_glyph(compose::Face::Regular, U'€'));
  EXPECT_FALSE(backend().has_glyph(compose::Face::Regular, 0x2603)) << "snowman: only DejaVu has it";
  EXPECT_TRUE(backend().has_glyph(compose::Face::FallbackRegular, 0x2603));
  EXPECT_FALSE(backend().has_glyph(compose::Face::FallbackRegular, 0x1F600)) << "outside the BMP";
}

TEST(PdfBackend, SameDocumentSameBytesWhateverCameBefore) {
  const std::string a1 = backend().write(sample_document("Premier document"));
  const std::string b = backend().write(sample_document("Un autre texte, avec d’autres glyphes : xyzQWZ"));
  const std::string a2 = backend().write(sample_document("Premier document"));
  EXPECT_TRUE(a1.starts_with("%PDF-1."));
  EXPECT_EQ(a1, a2);
  EXPECT_NE(a1, b);
}

TEST(PdfBackend, ToUnicodeIsAValidCMap) {
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/t.pdf", backend().write(sample_document("Été « œuvre »")));
  const auto qdf = testing::run({"qpdf", "--qdf", "--object-streams=disable", dir + "/t.pdf", dir + "/q.pdf"});
  ASSERT_EQ(qdf.exit_code, 0) << qdf.err;
  const std::string q = testing::read_text(dir + "/q.pdf");
  EXPECT_NE(q.find("beginbfrange"), std::string::npos);
  EXPECT_EQ(q.find("begincidrange"), std::string::npos) << "libharu's invalid ToUnicode must be replaced";
  EXPECT_NE(q.find("/ID ["), std::string::npos);
  const auto txt = testing::run({"pdftotext", dir + "/t.pdf", "-"});
  EXPECT_EQ(txt.err, "");
  EXPECT_NE(txt.out.find("Été « œuvre »"), std::string::npos) << txt.out;
}

TEST(FontManifest, ErrorsNameTheLine) {
  testing::MemoryEnvironment env;
  env.add_file("/m/fonts.conf", "regular = a.ttf\nbold a.ttf\n");
  try {
    must_load_font_manifest(env, "/m/fonts.conf");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_STREQ(e.what(), "/m/fonts.conf:2: ligne sans « = » (attendu : rôle = fichier.ttf)");
  }
  env.add_file("/m/short.conf", "regular = /x/a.ttf\n");
  try {
    must_load_font_manifest(env, "/m/short.conf");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_STREQ(e.what(), "/m/short.conf: le rôle « bold » n’a pas de fichier");
  }
}

TEST(FontManifest, MissingFontFileIsAClearError) {
  FontManifest m;
  for (auto& f : m.files) f = "/nonexistent/font.ttf";
  try {
    PdfBackend b(m);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("police illisible : /nonexistent/font.ttf"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace bilan::render

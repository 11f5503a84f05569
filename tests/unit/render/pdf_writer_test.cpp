#include "render/pdf/pdf_writer.hpp"

#include <gtest/gtest.h>

#include "compose/line_setter.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "render/trace/trace_canvas.hpp"
#include "support/test_support.hpp"

namespace bilan::render {
namespace {

const fonts::FontSet& fonts() {
  static const testing::MemoryEnvironment env = testing::MemoryEnvironment::with_fonts();
  static const auto set = fonts::FontSet::must_load(env, env.font_manifest_path());
  return *set;
}

compose::TextItem text(double x, double y, compose::Face face, double size, Color color, const std::string& s) {
  compose::TextItem t{x, y, face, size, color, s};
  t.glyphs = compose::LineSetter(fonts()).shape_line(s, face, t.rtl);
  return t;
}

compose::PagedDocument sample_document(const std::string& words) {
  compose::PagedDocument doc;
  doc.info.title = "Bilan « été »";
  doc.info.author = "Association Œuvre";
  doc.info.id_seed = words;
  compose::Page page;
  page.items.push_back(text(56.69, 70, compose::Face::Regular, 10, {}, words));
  page.items.push_back(text(56.69, 90, compose::Face::Bold, 12, {0, 0, 0.5}, "PUBLIC CONCERNÉ"));
  page.items.push_back(compose::LineItem{56.69, 100, 300, 100, 0.6, {0.5, 0.5, 0.5}, compose::LineStyle::Dotted});
  page.items.push_back(compose::BoxItem{{56.69, 110, 100, 20}, 0.5, {}, true, {0.9, 0.9, 0.9}});
  page.items.push_back(compose::CheckboxItem{{200, 110, 8.5, 8.5}, true, {0, 0, 0.5}});
  doc.pages.push_back(page);
  doc.outline.push_back({"Public concerné", 1, 0, 90});
  return doc;
}

PdfWriter& writer() {
  static PdfWriter w(fonts());
  return w;
}

// Decompressed, readable objects (qpdf's QDF form); the PDF stays as dir/t.pdf.
std::string qdf(const std::string& pdf, const std::string& dir = testing::temp_dir()) {
  testing::write_text(dir + "/t.pdf", pdf);
  const auto r = testing::run({"qpdf", "--qdf", "--object-streams=disable", dir + "/t.pdf", dir + "/q.pdf"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return testing::read_text(dir + "/q.pdf");
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

TEST(PdfWriter, SameDocumentSameBytesWhateverCameBefore) {
  const std::string a1 = writer().write(sample_document("Premier document"));
  const std::string b = writer().write(sample_document("Un autre texte, avec d’autres glyphes : xyzQWZ"));
  const std::string a2 = writer().write(sample_document("Premier document"));
  EXPECT_TRUE(a1.starts_with("%PDF-1."));
  EXPECT_EQ(a1, a2);
  EXPECT_NE(a1, b);
  PdfWriter other(fonts());
  EXPECT_EQ(other.write(sample_document("Premier document")), a1) << "a fresh writer gives the same bytes";
}

std::size_t count_of(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(PdfWriter, FontsAreSubsetsWithOneByteCodes) {
  const std::string dir = testing::temp_dir();
  const std::string q = qdf(writer().write(sample_document("abcdef Été « œuvre »")), dir);
  EXPECT_NE(q.find("/CIDToGIDMap /Identity"), std::string::npos);
  EXPECT_NE(q.find("/CIDSet"), std::string::npos);
  EXPECT_NE(q.find("/FontFile2"), std::string::npos);
  // One-byte codes, each the glyph's CID and glyph id in its subset: one
  // identity CMap for both faces.
  EXPECT_EQ(count_of(q, "/CMapName /Bilan-OneByte-Identity def"), 1u) << q;
  EXPECT_NE(q.find("1 begincidrange\n<00> <FF> 0\nendcidrange"), std::string::npos);
  EXPECT_NE(q.find("beginbfchar"), std::string::npos) << "ToUnicode for the glyphs drawn";
  EXPECT_NE(q.find("\n<61> <66> <0061>\n"), std::string::npos) << "a…f: one range" << q;
  EXPECT_NE(q.find("(PUBLIC CONCERN"), std::string::npos) << "ASCII keeps its byte: readable content";
  EXPECT_NE(q.find("/ID ["), std::string::npos);
  const auto fonts_out = testing::run({"pdffonts", dir + "/t.pdf"});
  EXPECT_EQ(fonts_out.err, "");
  EXPECT_NE(fonts_out.out.find("+LiberationSans-Bold"), std::string::npos) << fonts_out.out;
  EXPECT_NE(fonts_out.out.find("CID TrueType"), std::string::npos) << fonts_out.out;
  const auto txt = testing::run({"pdftotext", dir + "/t.pdf", "-"});
  EXPECT_EQ(txt.err, "");
  EXPECT_NE(txt.out.find("abcdef Été « œuvre »"), std::string::npos) << txt.out;
}


// A character has the same code in every face: a word in bold is the same
// bytes as in roman, and one ToUnicode CMap serves both faces.
TEST(PdfWriter, FacesShareTheirCodesAndOneToUnicode) {
  compose::PagedDocument doc;
  compose::Page page;
  page.items.push_back(text(50, 50, compose::Face::Regular, 10, {}, "l’œuvre"));
  page.items.push_back(text(50, 70, compose::Face::Bold, 10, {}, "l’œuvre"));
  page.items.push_back(text(50, 90, compose::Face::Italic, 10, {}, "Œ…"));
  doc.pages.push_back(page);
  const std::string dir = testing::temp_dir();
  const std::string q = qdf(writer().write(doc), dir);
  EXPECT_EQ(count_of(q, "/CMapName /Adobe-Identity-UCS def"), 1u) << q;
  EXPECT_EQ(count_of(q, "/ToUnicode "), 3u);
  const std::size_t first = q.find(" Tj\n");
  ASSERT_NE(first, std::string::npos);
  const std::size_t start = q.rfind('\n', first) + 1;
  const std::string word = q.substr(start, first + 4 - start);
  EXPECT_EQ(count_of(q, "\n" + word), 2u) << word;
  const auto txt = testing::run({"pdftotext", dir + "/t.pdf", "-"});
  EXPECT_EQ(txt.out, "l’œuvre\nl’œuvre\nŒ…\n\n\f");
}

// More distinct characters than one byte holds across the faces: the face
// that does not fit takes codes of its own, with its own ToUnicode CMap.
TEST(PdfWriter, AFaceThatDoesNotFitTheSharedCodesHasItsOwn) {
  std::string roman, bold;
  for (char32_t c = 0x100; c < 0x180; ++c) utf8::append(roman, c);  // Latin Extended-A
  for (char32_t c = 0x410; c < 0x450; ++c) utf8::append(roman, c);  // Cyrillic
  for (char32_t c = 0x391; c <= 0x3A9; ++c)
    if (c != 0x3A2) utf8::append(bold, c);  // Greek capitals
  for (char32_t c = 0x3B1; c <= 0x3C9; ++c) utf8::append(bold, c);
  for (char32_t c = 0x400; c < 0x410; ++c) utf8::append(bold, c);  // more Cyrillic: 272 characters in all
  for (char32_t c = 0x450; c < 0x460; ++c) utf8::append(bold, c);
  compose::PagedDocument doc;
  compose::Page page;
  page.items.push_back(text(20, 50, compose::Face::Regular, 2, {}, roman));
  page.items.push_back(text(20, 70, compose::Face::Bold, 2, {}, bold));
  doc.pages.push_back(page);
  const std::string dir = testing::temp_dir();
  const std::string q = qdf(writer().write(doc), dir);
  const auto fonts_out = testing::run({"pdffonts", dir + "/t.pdf"});
  EXPECT_EQ(count_of(fonts_out.out, "CID TrueType"), 2u) << fonts_out.out;
  EXPECT_EQ(count_of(q, "/CMapName /Adobe-Identity-UCS def"), 2u);
  EXPECT_EQ(count_of(q, "/Identity-H"), 0u) << "both faces keep one-byte codes";
  const auto txt = testing::run({"pdftotext", dir + "/t.pdf", "-"});
  EXPECT_EQ(txt.err, "");
  EXPECT_NE(txt.out.find(roman), std::string::npos) << txt.out;
  EXPECT_NE(txt.out.find(bold), std::string::npos) << txt.out;
}

// Dictionaries in object streams, a cross-reference stream, stream lengths
// in place: what real readers accept without a word.
TEST(PdfWriter, ObjectStreamsThatReadersAccept) {
  const std::string dir = testing::temp_dir();
  const std::string pdf = writer().write(sample_document("Objets compressés"));
  EXPECT_TRUE(pdf.starts_with("%PDF-1.5\n"));
  EXPECT_NE(pdf.find("/Type /ObjStm"), std::string::npos);
  EXPECT_NE(pdf.find("/Type /XRef"), std::string::npos);
  EXPECT_EQ(pdf.find("/Type /Catalog"), std::string::npos) << "the catalog is in an object stream";
  EXPECT_EQ(pdf.find("\nxref\n"), std::string::npos);
  EXPECT_EQ(pdf.find(" 0 R\n/Filter"), std::string::npos) << "no indirect /Length";
  testing::write_text(dir + "/o.pdf", pdf);
  const auto check = testing::run({"qpdf", "--check", dir + "/o.pdf"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.err, "");
  const auto txt = testing::run({"pdftotext", dir + "/o.pdf", "-"});
  EXPECT_EQ(txt.err, "");
  EXPECT_NE(txt.out.find("Objets compressés"), std::string::npos);
  const auto info = testing::run({"pdfinfo", dir + "/o.pdf"});
  EXPECT_EQ(info.err, "");
  EXPECT_NE(info.out.find("Title:           Bilan « été »"), std::string::npos) << info.out;
  // Without: the classic table, as libharu writes it.
  PdfOptions options;
  options.object_streams = false;
  const std::string plain = writer().write(sample_document("Objets compressés"), options);
  EXPECT_NE(plain.find("\nxref\n"), std::string::npos);
  EXPECT_GT(plain.size(), pdf.size());
}

TEST(PdfWriter, OnlyTheFacesUsedAreEmbedded) {
  compose::PagedDocument doc;
  compose::Page page;
  page.items.push_back(text(50, 50, compose::Face::Italic, 10, {}, "seulement l’italique"));
  doc.pages.push_back(page);
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/i.pdf", writer().write(doc));
  const auto out = testing::run({"pdffonts", dir + "/i.pdf"});
  EXPECT_NE(out.out.find("LiberationSans-Italic"), std::string::npos) << out.out;
  EXPECT_EQ(out.out.find("LiberationSans-Bold"), std::string::npos) << out.out;
  EXPECT_EQ(out.out.find("DejaVu"), std::string::npos) << out.out;
}

TEST(PdfWriter, UncompressedOnRequest) {
  PdfOptions options;
  options.deflate_level = 0;
  const std::string pdf = writer().write(sample_document("Lisible"), options);
  EXPECT_NE(pdf.find("(Lisible) Tj"), std::string::npos);
  EXPECT_EQ(pdf.find("/FlateDecode"), std::string::npos);
}

// Text strings (outline, info) in PDFDocEncoding when every character has a
// code there (one byte per character), UTF-16BE otherwise; readers get both back.
TEST(PdfWriter, TextStringsInPdfDocEncodingWhenTheyFit) {
  compose::PagedDocument doc = sample_document("Titres");
  doc.outline.clear();
  doc.outline.push_back({"Œuvre d’été — bilan", 1, 0, 90});           // Œ ’ é — : all in PDFDocEncoding
  doc.outline.push_back({"Partie\u00a01\u00a0: bilan", 1, 0, 120});  // U+00A0 is not (0xA0 is €)
  doc.outline.push_back({"\u00fe\u00ffpas un BOM", 1, 0, 150});          // þÿ would read as UTF-16
  PdfOptions options;
  options.deflate_level = 0;
  const std::string pdf = writer().write(doc, options);
  EXPECT_NE(pdf.find("/Title (\\226uvre d\\220\\351t\\351 \\204 bilan)"), std::string::npos);
  EXPECT_NE(pdf.find("/Title <FEFF005000610072007400690065"), std::string::npos);
  EXPECT_NE(pdf.find("/Title <FEFF00FE00FF"), std::string::npos);
  EXPECT_NE(pdf.find("/Author (Association \\226uvre)"), std::string::npos);
  EXPECT_NE(pdf.find("/Title (Bilan \\253 \\351t\\351 \\273)"), std::string::npos);

  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/t.pdf", pdf);
  const auto info = testing::run({"pdfinfo", dir + "/t.pdf"});
  EXPECT_NE(info.out.find("Author:          Association Œuvre"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Title:           Bilan « été »"), std::string::npos) << info.out;
  const auto json = testing::run({"qpdf", "--json", "--json-key=outlines", dir + "/t.pdf"});
  EXPECT_NE(json.out.find("\"title\": \"Œuvre d’été — bilan\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"title\": \"Partie\u00a01\u00a0: bilan\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"title\": \"\u00fe\u00ffpas un BOM\""), std::string::npos) << json.out;
}

TEST(PdfWriter, TheFingerprintIsTheId) {
  PdfOptions a, b;
  a.fingerprint = "un";
  b.fingerprint = "deux";
  EXPECT_NE(writer().write(sample_document("x"), a), writer().write(sample_document("x"), b));
  EXPECT_EQ(writer().write(sample_document("x"), a), writer().write(sample_document("x"), a));
}

}  // namespace
}  // namespace bilan::render

namespace bilan::render {
namespace {

// PDF/A-3b: what an archive needs, checked on the objects (qpdf's QDF form):
// XMP saying part 3 / B with the document's title and dates, the sRGB
// output intent, the answers as an associated file, fonts with a full CIDSet.
TEST(PdfWriter, ArchivalPdfA3b) {
  PdfOptions options;
  options.pdfa = true;
  options.icc_profile = testing::read_text("/usr/share/color/icc/sRGB.icc");
  options.created = Timestamp{2025, 6, 30, 14, 5, 0};
  options.attachments.push_back({"reponses.xml", "application/xml", "Réponses déposées", "<bilan form=\"x\"/>\n"});
  const std::string dir = testing::temp_dir();
  const std::string q = qdf(writer().write(sample_document("Archivé « été »"), options), dir);
  EXPECT_TRUE(q.starts_with("%PDF-1.7")) << q.substr(0, 10);
  EXPECT_NE(q.find("<pdfaid:part>3</pdfaid:part>"), std::string::npos);
  EXPECT_NE(q.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
  EXPECT_NE(q.find("<rdf:li xml:lang=\"x-default\">Bilan « été »</rdf:li>"), std::string::npos);
  EXPECT_NE(q.find("<xmp:CreateDate>2025-06-30T14:05:00Z</xmp:CreateDate>"), std::string::npos);
  EXPECT_NE(q.find("/CreationDate (D:20250630140500Z"), std::string::npos);
  EXPECT_NE(q.find("/S /GTS_PDFA1"), std::string::npos);
  EXPECT_NE(q.find("/DestOutputProfile"), std::string::npos);
  EXPECT_NE(q.find("/AFRelationship /Source"), std::string::npos);
  EXPECT_NE(q.find("/Subtype /application#2fxml"), std::string::npos);
  EXPECT_NE(q.find("/EmbeddedFiles"), std::string::npos);
  EXPECT_NE(q.find("/AF ["), std::string::npos);
  const auto check = testing::run({"qpdf", "--check", dir + "/t.pdf"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const auto detach = testing::run({"pdfdetach", "-save", "1", "-o", dir + "/out.xml", dir + "/t.pdf"});
  EXPECT_EQ(detach.exit_code, 0) << detach.err;
  EXPECT_EQ(testing::read_text(dir + "/out.xml"), "<bilan form=\"x\"/>\n") << "the attachment comes back byte for byte";
  // Same inputs, same bytes: the dates come from the options, never the clock.
  EXPECT_EQ(writer().write(sample_document("Archivé « été »"), options), writer().write(sample_document("Archivé « été »"), options));
}

// Attached documents (issue 20): associated files /Supplement with an MD5
// /CheckSum in PDF/A, the name tree sorted whatever the order given; plain
// embedded files, without /AF nor dates, in a PDF that is not PDF/A.
TEST(PdfWriter, AttachedDocumentsAreSupplementsInPdfAAndPlainEmbeddedFilesOtherwise) {
  Attachment doc{"bilan.pdf", "application/pdf", "Bilan qualitatif", "%PDF-1.4 abc"};
  doc.relationship = "Supplement";
  doc.checksum = true;
  PdfOptions options;
  options.pdfa = true;
  options.icc_profile = testing::read_text("/usr/share/color/icc/sRGB.icc");
  options.created = Timestamp{2025, 6, 30, 14, 5, 0};
  options.attachments.push_back({"reponses.xml", "application/xml", "Réponses déposées", "<bilan form=\"x\"/>\n"});
  options.attachments.push_back(doc);
  const std::string dir = testing::temp_dir();
  const std::string q = qdf(writer().write(sample_document("PJ"), options), dir);
  EXPECT_NE(q.find("/AFRelationship /Source"), std::string::npos);
  EXPECT_NE(q.find("/AFRelationship /Supplement"), std::string::npos);
  EXPECT_NE(q.find("/Subtype /application#2fpdf"), std::string::npos);
  // MD5("%PDF-1.4 abc"), as md5sum says.
  const std::string md5 = testing::run({"sh", "-c", "printf '%s' '%PDF-1.4 abc' | md5sum | cut -c1-32"}).out.substr(0, 32);
  EXPECT_NE(q.find("/CheckSum <" + md5 + ">"), std::string::npos) << md5;
  EXPECT_EQ(q.find("/CheckSum", q.find("/CheckSum") + 1), std::string::npos) << "the answers have none, as before";
  EXPECT_NE(q.find("/ModDate (D:20250630140500Z)"), std::string::npos);
  EXPECT_LT(q.find("(bilan.pdf)", q.find("/EmbeddedFiles")), q.find("(reponses.xml)", q.find("/EmbeddedFiles")))
      << "name tree keys sorted";
  const auto check = testing::run({"qpdf", "--check", dir + "/t.pdf"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  PdfOptions plain;
  plain.attachments.push_back(doc);
  const std::string p = qdf(writer().write(sample_document("PJ"), plain), dir);
  EXPECT_NE(p.find("/EmbeddedFiles"), std::string::npos);
  EXPECT_NE(p.find("/CheckSum <" + md5 + ">"), std::string::npos);
  for (const char* absent : {"/AF ", "/AFRelationship", "/ModDate", "/Metadata"}) EXPECT_EQ(p.find(absent), std::string::npos) << absent;
  const auto detach = testing::run({"pdfdetach", "-save", "1", "-o", dir + "/out.pdf", dir + "/t.pdf"});
  EXPECT_EQ(detach.exit_code, 0) << detach.err;
  EXPECT_EQ(testing::read_text(dir + "/out.pdf"), "%PDF-1.4 abc") << "byte for byte";
}

TEST(PdfWriter, PdfAWithoutProfileIsAClearError) {
  PdfOptions options;
  options.pdfa = true;
  try {
    writer().write(sample_document("x"), options);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_STREQ(e.what(), "PDF/A : profil de couleur sRGB manquant");
  }
}

// A text field's appearance draws the lines the composer gave it
// (FieldItem::lines, compose/field_lines), one Tj each, and breaks none itself.
TEST(PdfWriter, AFieldShowsTheComposersLines) {
  const auto appearance_of = [](std::vector<std::string> lines) {
    compose::PagedDocument doc = sample_document("Champs");
    compose::FieldItem f;
    f.rect = Rect{56.69, 200, 300, 60};
    f.kind = compose::FieldKind::MultiLine;
    f.name = "remarques";
    f.value = "un deux trois";
    f.lines = std::move(lines);
    doc.pages[0].items.push_back(f);
    PdfOptions options;
    options.deflate_level = 0;
    const std::string pdf = writer().write(doc, options);
    const std::size_t begin = pdf.find("/Tx BMC");
    const std::size_t end = pdf.find("EMC", begin);
    EXPECT_NE(begin, std::string::npos);
    return begin == std::string::npos ? std::string() : pdf.substr(begin, end - begin);
  };
  const auto count = [](const std::string& s, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  // 300 pt hold the whole value on one line: the writer still draws the three it is given.
  EXPECT_EQ(count(appearance_of({"un", "deux", "trois"}), " Tj\n"), 3u);
  EXPECT_EQ(count(appearance_of({"un deux trois"}), " Tj\n"), 1u);
}

}  // namespace
}  // namespace bilan::render

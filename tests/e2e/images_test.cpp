// Images in real PDFs: decoded by bilan (image/decode), embedded through
// render/pdf/pdf_image, checked with qpdf and pdfimages.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using testing::run;

struct ImageRow {
  int page = 0;
  std::string type, color, enc;
  int width = 0, height = 0;
  int bits = 0;
  double bytes = 0;
};

double parse_size(const std::string& s) {  // pdfimages: "289B", "12.1K", "1.2M"
  const double v = std::stod(s);
  switch (s.back()) {
    case 'K': return v * 1024;
    case 'M': return v * 1024 * 1024;
    default: return v;
  }
}

std::vector<ImageRow> list_images(const std::string& pdf) {
  const auto r = run({"pdfimages", "-list", pdf});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<ImageRow> rows;
  std::istringstream lines(r.out);
  std::string line;
  for (int i = 0; std::getline(lines, line); ++i) {
    if (i < 2 || line.empty()) continue;
    std::istringstream w(line);
    ImageRow row;
    std::string num, comp, bpc, interp, object, gen, xppi, yppi, size;
    w >> row.page >> num >> row.type >> row.width >> row.height >> row.color >> comp >> bpc >> row.enc >> interp >>
        object >> gen >> xppi >> yppi >> size;
    row.bytes = parse_size(size);
    row.bits = std::stoi(bpc);
    rows.push_back(row);
  }
  return rows;
}

void expect_qpdf_clean(const std::string& pdf) {
  const auto qpdf = run({"qpdf", "--check", pdf});
  EXPECT_EQ(qpdf.exit_code, 0) << qpdf.out << qpdf.err;
  EXPECT_EQ(qpdf.out.find("WARNING"), std::string::npos) << qpdf.out;
}

// The stamp's alpha used to be stored raw by libharu (88 KB for 300 × 300):
// it is now a deflated /SMask, and both images together stay small.
TEST(Images, UrbanSampleStampHasACompressedSoftMask) {
  const std::string out = testing::temp_dir() + "/urbain.pdf";
  const auto r = run({testing::bilan_binary(), "fill", testing::source_path("samples/association-urbaine-2024-2025.xml"), "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_qpdf_clean(out);
  const auto rows = list_images(out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].type, "image");
  EXPECT_EQ(rows[0].color, "index") << "a palette PNG stays indexed";
  EXPECT_LT(rows[0].bytes, 1024.0) << "one ink at many opacities: one colour, indices that deflate to nothing";
  EXPECT_EQ(rows[0].bits, 1) << "one colour: one bit per index";
  EXPECT_EQ(rows[1].type, "smask");
  EXPECT_EQ(rows[1].bits, 4) << "16 opacities in steps of 17: 4 bits keep them exact";
  EXPECT_EQ(rows[1].width, 300);
  EXPECT_EQ(rows[1].color, "gray");
  EXPECT_LT(rows[1].bytes, 300.0 * 300 / 5) << "the soft mask is not compressed";
  EXPECT_EQ(rows[2].enc, "jpeg");
  double total = 0;
  for (const auto& row : rows) total += row.bytes;
  EXPECT_LT(total, 25 * 1024.0);
  EXPECT_LT(fs::file_size(out), 300'000u);  // 345,658 bytes before
}

// Every kind the decoder accepts ends up in a valid PDF: palette with
// transparency, interlaced gray, 16-bit RGB, an odd-width 4-bit palette, CMYK
// and progressive JPEG.
TEST(Images, EveryKindEmbeds) {
  const std::string dir = testing::temp_dir();
  const struct {
    const char* stamp;
    const char* signature;
    const char* stamp_color;
    const char* signature_color;
  } cases[] = {{"palette-trns.png", "cmyk.jpg", "index", "cmyk"},
               {"interlaced.png", "progressive.jpg", "gray", "rgb"},
               {"rgb16.png", "gray.jpg", "rgb", "gray"},
               {"palette4-interlaced.png", "gray.jpg", "index", "gray"}};  // 3 colours, 3 wide: 4-bit rows padded
  int n = 0;
  for (const auto& c : cases) {
    for (const char* f : {c.stamp, c.signature})
      fs::copy_file(testing::source_path(std::string("tests/unit/image/data/") + f), dir + "/" + f,
                    fs::copy_options::overwrite_existing);
    const std::string answers = dir + "/r" + std::to_string(++n) + ".xml";
    testing::write_text(answers, std::string("<bilan form=\"clas-2024-2025\">\n"
                                             "  <answer field=\"structure\">Association Lire et Grandir</answer>\n"
                                             "  <answer field=\"referent\">Thomas Nguyen</answer>\n"
                                             "  <answer field=\"intitule\">Accompagnement</answer>\n"
                                             "  <answer field=\"objectifs_atteints\">Atteints.</answer>\n"
                                             "  <answer field=\"bilan_global\">Positif.</answer>\n"
                                             "  <signature name=\"Thomas Nguyen\" stamp=\"") +
                                     c.stamp + "\" signature=\"" + c.signature + "\"/>\n</bilan>\n");
    const std::string out = dir + "/r" + std::to_string(n) + ".pdf";
    const auto r = run({testing::bilan_binary(), "fill", answers, "-o", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_qpdf_clean(out);
    const auto rows = list_images(out);
    std::vector<std::string> colors;
    for (const auto& row : rows)
      if (row.type == "image") colors.push_back(row.color);
    EXPECT_EQ(colors, (std::vector<std::string>{c.stamp_color, c.signature_color})) << c.stamp;
    const auto qdf = run({"qpdf", "--qdf", "--object-streams=disable", out, "-"});
    const bool inverted = qdf.out.find("/Decode [\n    1\n    0\n    1\n    0\n    1\n    0\n    1\n    0\n  ]") != std::string::npos;
    EXPECT_EQ(inverted, std::string(c.signature) == "cmyk.jpg") << c.signature;
    const bool smask = qdf.out.find("/SMask") != std::string::npos;
    EXPECT_EQ(smask, std::string(c.stamp) == "palette-trns.png") << c.stamp;
    if (std::string(c.stamp) == "palette4-interlaced.png") {
      // The 4-bit indices, rows padded to a byte, read back as the colours
      // libpng gives (tests/unit/image: InterlacedFourBitPaletteIsLookedUp).
      ASSERT_EQ(run({"pdfimages", "-l", "20", out, dir + "/px"}).exit_code, 0);
      const std::string ppm = testing::read_text(dir + "/px-000.ppm");
      const std::string pixels = ppm.substr(ppm.size() - 27);
      EXPECT_TRUE(ppm.starts_with("P6\n3 3\n255\n")) << ppm.substr(0, 12);
      EXPECT_EQ(pixels, std::string({10, 20, 30, 40, 50, 60, 70, 80, 90, 40, 50, 60, 70, 80, 90, 10, 20, 30, 70, 80, 90, 10,
                                     20, 30, 40, 50, 60}));
    }
  }
}

}  // namespace
}  // namespace bilan

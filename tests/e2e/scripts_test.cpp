// Any script: an answer mixing French, Arabic and Hebrew is shaped (Arabic
// letters joined, lam-alef ligature), laid out right to left, and read back by
// poppler in the order it was typed.
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace bilan {
namespace {

using testing::run;

// Letters only: without the directional marks poppler adds around
// right-to-left text, and without spaces, which poppler places by their gaps
// and moves across a change of direction. What is left shows the order of
// letters and words.
std::string letters(std::string s) {
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u200E", "\u200F", " "})
    for (std::size_t at; (at = s.find(mark)) != std::string::npos;) s.erase(at, std::string_view(mark).size());
  return s;
}

TEST(Scripts, ArabicAndHebrewCopyBackAsTyped) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/scripts.xml";
  testing::write_text(answers,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<bilan form=\"clas-2024-2025\" department=\"47\">\n"
                      "  <answer field=\"structure\">Association السلام عليكم et שלום עולם</answer>\n"
                      "  <answer field=\"referent\">Nadia</answer>\n"
                      "  <answer field=\"intitule\">Projet</answer>\n"
                      "  <answer field=\"objectifs_atteints\">Atteints.</answer>\n"
                      "  <answer field=\"bilan_global\">Positif.</answer>\n"
                      "</bilan>\n");
  const std::string pdf = dir + "/scripts.pdf";
  const auto fill = run({BILAN_BINARY, "fill", answers, "-o", pdf});
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  EXPECT_EQ(fill.err, "") << "every letter has a glyph: no placeholder warning";
  const auto txt = run({"pdftotext", "-enc", "UTF-8", pdf, "-"});
  EXPECT_EQ(txt.err, "");
  EXPECT_NE(letters(txt.out).find(letters("Association السلام عليكم et שלום עולם")), std::string::npos) << txt.out;
  EXPECT_NE(txt.out.find("السلام عليكم"), std::string::npos) << "Arabic words in the order typed\n" << txt.out;
  EXPECT_NE(txt.out.find("שלום עולם"), std::string::npos) << "Hebrew words in the order typed\n" << txt.out;
  const auto fonts = run({"pdffonts", pdf});
  EXPECT_EQ(fonts.err, "");
  // The answer is bold (issue 18): DejaVu Sans Bold, the bold fallback face.
  EXPECT_NE(fonts.out.find("+DejaVuSans-Bold "), std::string::npos) << "Arabic comes from the fallback face\n" << fonts.out;
  const auto check = run({"qpdf", "--check", pdf});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
}  // namespace bilan

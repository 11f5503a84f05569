// load/layout/paragraph: <p>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadParagraph, StyleAndRichText) {
  const auto p = only<spec::Paragraph>("<p style=\"note\">  Un <b>mot  gras</b>,<br/> puis <i>{school_year}</i>  </p>\n");
  EXPECT_EQ(p.style, spec::ParagraphStyle::Note);
  ASSERT_EQ(p.text.size(), 6u);
  EXPECT_EQ(p.text[0].text, "Un ");
  EXPECT_TRUE(p.text[1].bold);
  EXPECT_EQ(p.text[1].text, "mot gras");
  EXPECT_EQ(p.text[2].text, ",");  // the space before a forced break is dropped
  EXPECT_TRUE(p.text[3].line_break);
  EXPECT_EQ(p.text[4].text, "puis ");
  EXPECT_TRUE(p.text[5].italic);
  EXPECT_EQ(p.text[5].text, "{school_year}");  // trimmed at the end
}

TEST(LoadParagraph, DefaultStyleIsNormal) {
  EXPECT_EQ(only<spec::Paragraph>("<p>Texte</p>\n").style, spec::ParagraphStyle::Normal);
}

TEST(LoadParagraph, UnknownStyleEmptyTextAndUnknownElement) {
  EXPECT_EQ(load_body("<p style=\"gros\">A</p>\n<p> </p>\n<p>A <u>b</u></p>\n").diags,
            (Diags{"/mem/t.xml:2:11: erreur: style « gros » inconnu ; styles permis : normal, note, hint, instruction, title, subtitle",
                   "/mem/t.xml:3:1: erreur: paragraphe <p> vide",
                   "/mem/t.xml:4:6: erreur: élément <u> inattendu dans un texte (permis : <b>, <i>, <br/>)"}));
}

}  // namespace
}  // namespace bilan::load::test

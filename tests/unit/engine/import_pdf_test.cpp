// import-pdf's answers, checked without an answer file: each message names the
// PDF field its answer came from and that field's page.
#include "engine/import_pdf.hpp"

#include <gtest/gtest.h>

#include "core/environment.hpp"
#include "support/test_support.hpp"

namespace bilan::engine {
namespace {

pdfread::PdfForm filled() {
  pdfread::PdfForm pdf;
  pdf.ours = true;
  pdf.form = "clas-2024-2025";
  DiagnosticSink ignored;
  pdf.version = testing::source_forms().catalog->form(pdf.form, ignored)->version;
  pdf.department = "47";
  return pdf;
}

std::vector<std::string> errors(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const auto& d : sink.items())
    if (d.severity == Severity::Error) out.push_back(d.to_string());
  return out;
}

TEST(ImportPdfForm, AMessageNamesTheFieldAndItsPage) {
  pdfread::PdfForm pdf = filled();
  pdf.fields.push_back({"structure", false, true, "Centre", 1});
  pdf.fields.push_back({"tne_familles", false, true, "douze", 4});
  pdf.fields.push_back({"tne_ateliers.autres:libelle", false, true, "Jeux", 5});
  pdf.fields.push_back({"tne_ateliers.autres.seances", false, true, "trois", 6});
  DiagnosticSink sink;
  ImportPdfOptions options;
  options.partial = true;
  EXPECT_FALSE(import_pdf_form(testing::source_forms().renderer, pdf, "f.pdf", options, sink));
  // The cell's own field (page 6), not its row's first one (the label, page 5).
  EXPECT_EQ(errors(sink),
            (std::vector<std::string>{"f.pdf: erreur: page 4, champ « tne_familles » : nombre entier attendu, reçu « douze »",
                                      "f.pdf: erreur: page 6, tableau « tne_ateliers », ligne « autres », colonne « seances » : "
                                      "nombre entier attendu, reçu « trois »"}));
}

TEST(ImportPdfForm, AMessageNotAboutItsFieldIsGivenTheFieldsName) {
  // A rule's message quotes a field (« tne_budget ») but is not about one
  // (Diagnostic::names_field is false, whatever its text quotes): it is put
  // after the PDF field it is located at, with its page.
  pdfread::PdfForm pdf = filled();
  pdf.fields.push_back({"tne_finance", false, true, "oui", 3});
  DiagnosticSink sink;
  import_pdf_form(testing::source_forms().renderer, pdf, "f.pdf", {}, sink);
  std::vector<std::string> rules;
  for (const auto& d : sink.items())
    if (d.code == DiagCode::Rule && d.rule_id == "tne_budget_donne") rules.push_back(d.to_string());
  EXPECT_EQ(rules, (std::vector<std::string>{
                       "f.pdf: avertissement: champ « tne_finance » (page 3) : action « parentalité numérique » financée (TNE), "
                       "mais son budget réalisé n’est pas donné (champ « tne_budget ») (règle : « Budget réalisé pour "
                       "l’action parentalité numérique (€ TTC) »)"}));
}

TEST(ImportPdfForm, TheAnswerFileAsItAlwaysWas) {
  pdfread::PdfForm pdf = filled();
  pdf.action = "A-1";
  pdf.fields.push_back({"structure", false, true, "Les « Curieux » & \"co\"", 1});
  pdf.fields.push_back({"tne_ateliers.autres:libelle", false, true, "Jeux\nvidéo", 5});
  pdf.fields.push_back({"tne_ateliers.autres.seances", false, true, "3", 5});
  pdf.fields.push_back({"tne_ateliers.autres.parents", false, true, "", 5});
  DiagnosticSink sink;
  ImportPdfOptions options;
  options.partial = true;
  const auto imported = import_pdf_form(testing::source_forms().renderer, pdf, "f.pdf", options, sink);
  ASSERT_TRUE(imported) << errors(sink).front();
  EXPECT_EQ(imported->built.answers.at(0).loc.line, 1u);  // the PDF's first field
  EXPECT_EQ(imported->xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<bilan form=\"clas-2024-2025\" department=\"47\" action=\"A-1\">\n"
            "  <answer field=\"structure\">Les « Curieux » &amp; &quot;co&quot;</answer>\n"
            "  <table field=\"tne_ateliers\">\n"
            "    <row id=\"autres\" label=\"Jeux&#10;vidéo\"><cell column=\"seances\">3</cell></row>\n"
            "  </table>\n"
            "</bilan>\n");
}

}  // namespace
}  // namespace bilan::engine

// pdfread::try_read_form: the fields of a fillable bilan read back with qpdf,
// under PdfReadLimits.
#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "pdfread/pdf_reader.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

FileSystemEnvironment real_environment() {
  return FileSystemEnvironment({testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf"));
}

std::string blank_pdf(bool fillable) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  DiagnosticSink sink;
  engine::BlankOptions options;
  options.department = "47";
  options.fillable = fillable;
  auto pdf = engine.blank("clas-2024-2025", options, sink);
  EXPECT_TRUE(pdf);
  return pdf ? *pdf : std::string();
}

TEST(FormReader, ReadsTheIdentityAndFieldsOfAFillableBilan) {
  pdfread::PdfForm form;
  std::string error;
  ASSERT_TRUE(pdfread::try_read_form(blank_pdf(true), {}, form, error)) << error;
  EXPECT_TRUE(form.ours);
  EXPECT_EQ(form.form, "clas-2024-2025");
  EXPECT_EQ(form.version, 1);
  EXPECT_EQ(form.department, "47");
  EXPECT_EQ(form.action, "");
  ASSERT_GT(form.fields.size(), 150u);
  EXPECT_EQ(form.fields[0].name, "structure");
  EXPECT_TRUE(form.fields[0].text);
  EXPECT_EQ(form.fields[0].page, 1);
  bool radio = false;
  for (const auto& f : form.fields)
    if (f.name == "bonus_enfants") {
      radio = true;
      EXPECT_TRUE(f.button);
      EXPECT_EQ(f.value, "");  // Off
    }
  EXPECT_TRUE(radio);
}

TEST(FormReader, APrintableBilanHasNoField) {
  pdfread::PdfForm form;
  std::string error;
  ASSERT_TRUE(pdfread::try_read_form(blank_pdf(false), {}, form, error)) << error;
  EXPECT_FALSE(form.ours);
  EXPECT_TRUE(form.fields.empty());
}

TEST(FormReader, LimitsAreReasonsNamingThem) {
  const std::string pdf = blank_pdf(true);
  pdfread::PdfForm all;
  std::string error;
  ASSERT_TRUE(pdfread::try_read_form(pdf, {}, all, error));
  pdfread::PdfReadLimits limits;
  limits.max_fields = 10;
  pdfread::PdfForm form;
  EXPECT_FALSE(pdfread::try_read_form(pdf, limits, form, error));
  // qpdf counts a field once per widget; the reader keeps one per name.
  EXPECT_TRUE(error.starts_with("trop de champs de formulaire (")) << error;
  EXPECT_TRUE(error.ends_with(", limite 10)")) << error;
  limits = {};
  limits.max_objects = 100;
  EXPECT_FALSE(pdfread::try_read_form(pdf, limits, form, error));
  EXPECT_TRUE(error.starts_with("PDF trop complexe (")) << error;
  limits = {};
  limits.max_bytes = 1000;
  EXPECT_FALSE(pdfread::try_read_form(pdf, limits, form, error));
  EXPECT_EQ(error, "fichier trop volumineux (limite 0 Mo)");
  EXPECT_FALSE(pdfread::try_read_form("%PDF-1.4\ngarbage", {}, form, error));
  EXPECT_TRUE(error.starts_with("PDF illisible : ")) << error;
  EXPECT_FALSE(pdfread::try_read_form("<html>", {}, form, error));
  EXPECT_EQ(error, "ce n’est pas un PDF (il ne commence pas par « %PDF- »)");
}

TEST(FormReader, ALongValueIsRefused) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  DiagnosticSink sink;
  engine::FillOptions options;
  options.partial = true;
  options.fillable = true;
  auto pdf = engine.fill(testing::source_path("samples/association-urbaine-2024-2025.xml"), options, sink);
  ASSERT_TRUE(pdf);
  pdfread::PdfReadLimits limits;
  limits.max_value_bytes = 1024;
  pdfread::PdfForm form;
  std::string error;
  EXPECT_FALSE(pdfread::try_read_form(*pdf, limits, form, error));
  EXPECT_EQ(error, "champ « objectifs_atteints » : valeur trop longue (limite 1 Kio)");
}

}  // namespace
}  // namespace bilan

// pdfread: every stream is decoded through a bound (PdfReadLimits); the
// limits lowered here show each one is the one that stops the decoding.
#include <gtest/gtest.h>

#include "pdfread/pdf_reader.hpp"
#include "support/hostile_pdf.hpp"

namespace bilan {
namespace {

const std::string kAnswers = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"clas-2024-2025\"/>\n";

TEST(StreamBounds, EachAttachmentUnderItsLimitIsRead) {
  pdfread::PdfContents out;
  std::string error;
  pdfread::PdfReadLimits limits;
  limits.max_attachment_bytes = 2 << 20;
  const std::string pdf = testing::pdf_with_attachments(
      {{"reponses.xml", testing::zlib(kAnswers)}, {"un.bin", testing::zlib_bomb(2)}}, testing::zlib("<x:xmpmeta/>"));
  ASSERT_TRUE(pdfread::try_read_pdf(pdf, limits, out, error)) << error;
  ASSERT_EQ(out.files.size(), 2u);
  EXPECT_EQ(out.files[0].bytes, kAnswers);
  EXPECT_EQ(out.files[1].bytes, std::string(2 << 20, '\0'));
  EXPECT_EQ(out.producer, "bilan (hostile)");

  limits.max_attachment_bytes = (2 << 20) - 1;
  EXPECT_FALSE(pdfread::try_read_pdf(pdf, limits, out, error));
  EXPECT_EQ(error, "fichier joint « un.bin » (objet 6) : trop volumineux une fois décompressé (limite : 2\u202F097\u202F151 octets)");
}

TEST(StreamBounds, MetadataHasItsOwnLimit) {
  pdfread::PdfContents out;
  std::string error;
  pdfread::PdfReadLimits limits;
  limits.max_metadata_bytes = 1000;
  const std::string pdf =
      testing::pdf_with_attachments({{"reponses.xml", testing::zlib(kAnswers)}}, testing::zlib(std::string(1001, ' ')));
  EXPECT_FALSE(pdfread::try_read_pdf(pdf, limits, out, error));
  EXPECT_EQ(error, "métadonnées XMP (objet 6) : trop volumineuses une fois décompressées (limite : 1\u202F000 octets)");
  limits.max_metadata_bytes = 1001;
  EXPECT_TRUE(pdfread::try_read_pdf(pdf, limits, out, error)) << error;
}

TEST(StreamBounds, ObjectStreamsHaveTheirOwnLimit) {
  pdfread::PdfForm form;
  std::string error;
  pdfread::PdfReadLimits limits;
  limits.max_object_stream_bytes = 1 << 20;
  const std::string pdf = testing::pdf_with_object_stream(1);
  ASSERT_TRUE(pdfread::try_read_form(pdf, limits, form, error)) << error;
  EXPECT_TRUE(form.ours);
  EXPECT_EQ(form.form, "clas-2024-2025");
  limits.max_object_stream_bytes = (1 << 20) - 1;
  EXPECT_FALSE(pdfread::try_read_form(pdf, limits, form, error));
  EXPECT_EQ(error, "flux d’objets (objet 4) : trop volumineux une fois décompressé (limite : 1\u202F048\u202F575 octets)");
}

TEST(StreamBounds, AllTheStreamsOfAFileTogetherAreBounded) {
  // Three attachments each under their limit, over the total together.
  pdfread::PdfContents out;
  std::string error;
  pdfread::PdfReadLimits limits;
  limits.max_decoded_bytes = 5 << 20;
  const std::string pdf = testing::pdf_with_attachments(
      {{"a.bin", testing::zlib_bomb(2)}, {"b.bin", testing::zlib_bomb(2)}, {"c.bin", testing::zlib_bomb(2)}});
  EXPECT_FALSE(pdfread::try_read_pdf(pdf, limits, out, error));
  EXPECT_EQ(error,
            "flux compressés trop volumineux dans l’ensemble du fichier une fois décompressés (limite : "
            "5\u202F242\u202F880 octets)");
  limits.max_decoded_bytes = 6 << 20;
  EXPECT_TRUE(pdfread::try_read_pdf(pdf, limits, out, error)) << error;
}

TEST(StreamBounds, WidgetsAreCountedAcrossTheKidsOfAField) {
  pdfread::PdfForm form;
  std::string error;
  pdfread::PdfReadLimits limits;
  limits.max_widgets_per_field = 3;
  EXPECT_TRUE(pdfread::try_read_form(testing::pdf_with_widgets(3), limits, form, error)) << error;
  EXPECT_FALSE(pdfread::try_read_form(testing::pdf_with_widgets(4), limits, form, error));
  EXPECT_EQ(error, "champ « structure » : trop de widgets (4, limite 3)");
}

}  // namespace
}  // namespace bilan

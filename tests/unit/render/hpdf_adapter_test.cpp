// The adapter reads libharu 2.3.0's private struct members
// (render/pdf/hpdf_adapter): these tests fail, saying so, when the library
// loaded at run time is another version, and exercise every access on a real
// document so that a changed layout shows as wrong bytes, not as a subtle PDF.
#include "render/pdf/hpdf_adapter.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bilan::render::detail::hpdf {
namespace {

TEST(HpdfAdapter, RunTimeLibharuIsTheVersionTheAdapterWasWrittenFor) {
  ASSERT_STREQ(HPDF_GetVersion(), kVersion)
      << "libharu " << HPDF_GetVersion() << " is loaded, but render/pdf/hpdf_adapter.cpp reads the private struct members of "
      << "libharu " << kVersion << " (compiled against " << HPDF_VERSION_TEXT
      << "): check each access against this version's headers, then update the adapter, its static_assert and this test";
  EXPECT_STREQ(HPDF_VERSION_TEXT, kVersion);
}

void HPDF_STDCALL fail_on_error(HPDF_STATUS error, HPDF_STATUS detail, void*) {
  ADD_FAILURE() << "libharu error 0x" << std::hex << error << ", detail " << std::dec << detail;
}

HPDF_STATUS declare_flate(HPDF_Dict, HPDF_Stream stream) { return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012"); }

std::string saved(HPDF_Doc pdf) {
  EXPECT_EQ(HPDF_SaveToStream(pdf), HPDF_OK);
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  EXPECT_EQ(HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size), HPDF_OK);
  bytes.resize(size);
  return bytes;
}

// Every accessor on one document, each leaving a mark in the saved bytes.
TEST(HpdfAdapter, EveryAccessWorksOnARealDocument) {
  HPDF_Doc pdf = HPDF_New(fail_on_error, nullptr);
  ASSERT_NE(pdf, nullptr);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
  ASSERT_EQ(HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "adapter test"), HPDF_OK);

  // memory(), xref(): the object layer's constructors.
  ASSERT_NE(memory(pdf), nullptr);
  ASSERT_NE(xref(pdf), nullptr);
  HPDF_Dict indirect = HPDF_Dict_New(memory(pdf));
  ASSERT_NE(indirect, nullptr);
  ASSERT_EQ(HPDF_Xref_Add(xref(pdf), indirect), HPDF_OK);
  ASSERT_EQ(HPDF_Dict_AddName(indirect, "Marker", "IndirectDict"), HPDF_OK);

  // catalog(), info(), trailer().
  ASSERT_NE(catalog(pdf), nullptr);
  ASSERT_NE(info(pdf), nullptr);
  ASSERT_NE(trailer(pdf), nullptr);
  ASSERT_EQ(HPDF_Dict_Add(catalog(pdf), "Lang", HPDF_String_New(memory(pdf), "fr-FR", nullptr)), HPDF_OK);
  ASSERT_EQ(HPDF_Dict_Add(catalog(pdf), "Extra", indirect), HPDF_OK);
  ASSERT_EQ(HPDF_Dict_Add(info(pdf), "Title", HPDF_String_New(memory(pdf), "Titre du test", nullptr)), HPDF_OK);
  HPDF_Array id = HPDF_Array_New(memory(pdf));
  ASSERT_EQ(HPDF_Array_Add(id, HPDF_Binary_New(memory(pdf), const_cast<HPDF_BYTE*>(reinterpret_cast<const HPDF_BYTE*>("ABCD")), 4)),
            HPDF_OK);
  ASSERT_EQ(HPDF_Dict_Add(trailer(pdf), "ID", id), HPDF_OK);

  // set_pdf_version().
  set_pdf_version(pdf, HPDF_VER_17);

  // stream_of(), set_filter(), set_on_write(): a page's content stream written
  // as is, a stream declaring a filter applied elsewhere, one libharu marks DCT.
  HPDF_Page page = HPDF_AddPage(pdf);
  ASSERT_NE(page, nullptr);
  auto* contents = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(page, "Contents", HPDF_OCLASS_DICT));
  ASSERT_NE(contents, nullptr);
  set_filter(contents, HPDF_STREAM_FILTER_NONE);
  const std::string ops = "0 0 m 10 10 l S\n";
  ASSERT_EQ(HPDF_Stream_Write(stream_of(contents), reinterpret_cast<const HPDF_BYTE*>(ops.data()), static_cast<HPDF_UINT>(ops.size())),
            HPDF_OK);
  HPDF_Dict flate = HPDF_DictStream_New(memory(pdf), xref(pdf));
  ASSERT_NE(flate, nullptr);
  ASSERT_EQ(HPDF_Stream_WriteStr(stream_of(flate), "flate-bytes"), HPDF_OK);
  set_on_write(flate, declare_flate);
  ASSERT_EQ(HPDF_Dict_Add(indirect, "Flate", flate), HPDF_OK);
  HPDF_Dict dct = HPDF_DictStream_New(memory(pdf), xref(pdf));
  ASSERT_NE(dct, nullptr);
  set_filter(dct, HPDF_STREAM_FILTER_DCT_DECODE);
  ASSERT_EQ(HPDF_Stream_WriteStr(stream_of(dct), "jpeg-bytes"), HPDF_OK);
  ASSERT_EQ(HPDF_Dict_Add(indirect, "Dct", dct), HPDF_OK);

  const std::string bytes = saved(pdf);
  HPDF_Free(pdf);
  EXPECT_TRUE(bytes.starts_with("%PDF-1.7\n")) << bytes.substr(0, 20);
  EXPECT_NE(bytes.find("/Lang (fr-FR)"), std::string::npos);
  EXPECT_NE(bytes.find("/Marker /IndirectDict"), std::string::npos);
  EXPECT_NE(bytes.find("/Title (Titre du test)"), std::string::npos);
  EXPECT_NE(bytes.find("/ID [ <41424344> ]"), std::string::npos);
  EXPECT_NE(bytes.find("stream\r\n0 0 m 10 10 l S\n"), std::string::npos);
  EXPECT_NE(bytes.find("/Filter /FlateDecode\n>>\nstream\r\nflate-bytes"), std::string::npos);
  EXPECT_NE(bytes.find("/Filter [ /DCTDecode ]"), std::string::npos);
  EXPECT_NE(bytes.find("stream\r\njpeg-bytes"), std::string::npos);
}

}  // namespace
}  // namespace bilan::render::detail::hpdf

// render/pdf/hpdf_adapter — the only reads and writes of libharu's private
// struct members. libharu's object layer (hpdf_objects.h: HPDF_Dict_*,
// HPDF_Array_*, HPDF_Xref_Add…) is what the writer builds its objects with,
// but it needs the document's memory manager and cross-reference table, and
// some things have no function at all (the trailer, the PDF version, a
// stream's bytes and filter). The layout of those structs is libharu 2.3.0's
// (Debian's libhpdf-dev): another version must be checked member by member
// against its headers before this assertion is changed, and
// tests/unit/render/hpdf_adapter_test.cpp exercises every access on a real
// document and checks the library loaded at run time.
#pragma once

#include <hpdf.h>

static_assert(HPDF_VERSION_ID == 20300,
              "render/pdf/hpdf_adapter reads libharu 2.3.0's private struct members: check each of them against this "
              "version's headers (hpdf_doc.h, hpdf_objects.h) before changing this assertion");

namespace bilan::render::detail::hpdf {

// The version the adapter was written against, which the library loaded at
// run time must report too (HPDF_GetVersion()).
inline constexpr const char* kVersion = "2.3.0";

// The document's allocator: every object constructor of the object layer takes it.
HPDF_MMgr memory(HPDF_Doc pdf);
// The document's cross-reference table: HPDF_Xref_Add makes an object indirect,
// HPDF_DictStream_New adds a stream to it.
HPDF_Xref xref(HPDF_Doc pdf);
// The document catalog (/Lang, /AcroForm, /Metadata, /OutputIntents, /AF,
// /Names): libharu only sets the entries of its own API there.
HPDF_Dict catalog(HPDF_Doc pdf);
// The document information dictionary, made by the first HPDF_SetInfoAttr
// (nullptr before): HPDF_SetInfoAttr takes C strings, so no UTF-16 text.
HPDF_Dict info(HPDF_Doc pdf);
// The trailer: libharu sets /ID only with PDF/A or encryption, from the clock.
HPDF_Dict trailer(HPDF_Doc pdf);
// The header's version: libharu has no setter (PDF/A-3 associated files are 1.7).
void set_pdf_version(HPDF_Doc pdf, HPDF_PDFVer version);

// A stream object's data: bytes are written into it with HPDF_Stream_Write.
HPDF_Stream stream_of(HPDF_Dict stream);
// The filters libharu applies as it writes a stream, and declares in its
// /Filter (HPDF_STREAM_FILTER_*): none for the streams the writer deflates
// itself, DCTDecode for JPEG data passed through.
void set_filter(HPDF_Dict stream, HPDF_UINT filter);
// A hook called as the dictionary is written, after its entries: it declares
// the /Filter of a stream deflated by the writer, which libharu would remove.
void set_on_write(HPDF_Dict dict, HPDF_Dict_OnWriteFunc on_write);

}  // namespace bilan::render::detail::hpdf

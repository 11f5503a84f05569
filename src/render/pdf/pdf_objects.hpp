// render/pdf/pdf_objects — the writer's libharu handle (Session: errors as
// exceptions, libdeflate) and, per document, the factory of the objects every
// part of the writer builds (Objects: dictionaries, arrays, strings, streams
// deflated by us, text strings). The parts never touch libharu's structs;
// what has no function goes through render/pdf/hpdf_adapter.
#pragma once

#include <hpdf.h>

#include <array>
#include <string>
#include <string_view>

#include "fonts/font_set.hpp"
#include "render/pdf_options.hpp"

struct libdeflate_compressor;  // libdeflate.h, in pdf_objects.cpp only

namespace bilan::render::detail {

// Said in the document information and, under PDF/A, in the XMP.
inline constexpr const char* kProducer = "bilan (libharu 2.3.0, HarfBuzz)";

// One libharu handle, reused from one document to the next (HPDF_NewDoc), and
// the deflate state. libharu reports errors through a handler: the first is
// kept and check() turns it into an IoError.
class Session {
 public:
  explicit Session(const fonts::FontSet& fonts);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  HPDF_Doc doc() const { return pdf_; }
  const fonts::FontSet& fonts() const { return fonts_; }

  // Throws IoError naming `what` when libharu has failed since the last check.
  void check(const char* what);
  // Appends `in` zlib-deflated at `level` to `out`.
  void deflate(std::string_view in, std::string& out, int level);

 private:
  static void HPDF_STDCALL on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user);
  libdeflate_compressor* compressor(int level);

  const fonts::FontSet& fonts_;
  HPDF_Doc pdf_ = nullptr;
  HPDF_STATUS error_ = HPDF_OK;
  HPDF_STATUS detail_ = 0;
  std::array<libdeflate_compressor*, 13> compressors_{};  // by level, made when first used
};

// The objects of one document, on the session's handle after HPDF_NewDoc.
class Objects {
 public:
  Objects(Session& session, const PdfOptions& options);

  HPDF_Doc doc() const { return pdf_; }
  const fonts::FontSet& fonts() const { return session_.fonts(); }
  const PdfOptions& options() const { return options_; }
  void check(const char* what) { session_.check(what); }

  HPDF_Dict dict();           // a direct dictionary
  HPDF_Dict indirect_dict();  // a dictionary of its own object number
  HPDF_Array array();
  HPDF_String string(const char* bytes);  // bytes as they are (ASCII, PDFDocEncoding)
  HPDF_Binary binary(const unsigned char* bytes, std::size_t size);
  HPDF_Null null();
  // A stream object holding `bytes`, deflated by us unless the level is 0.
  HPDF_Dict stream(std::string_view bytes) { return stream(bytes, options_.deflate_level); }
  HPDF_Dict stream(std::string_view bytes, int level);
  // Writes `bytes` into a stream object, deflated at `level` (0: as they are).
  void fill(HPDF_Dict stream, std::string_view bytes) { fill(stream, bytes, options_.deflate_level); }
  void fill(HPDF_Dict stream, std::string_view bytes, int level);

  // A text string: PDFDocEncoding when every character has a code there,
  // UTF-16BE otherwise (an HPDF_String or HPDF_Binary, as HPDF_Dict_Add takes them).
  void* text_string(std::string_view utf8);
  // A text string: printable ASCII as a literal, anything else as text_string().
  void* text_string_of(std::string_view utf8);

  HPDF_Dict catalog();
  HPDF_Dict info();  // after the first HPDF_SetInfoAttr
  HPDF_Dict trailer();

 private:
  Session& session_;
  const PdfOptions& options_;
  HPDF_Doc pdf_;
  HPDF_MMgr mmgr_;
  HPDF_Xref xref_;
  std::string scratch_;  // deflated bytes, reused
};

}  // namespace bilan::render::detail

#include "render/pdf/pdf_objects.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/error.hpp"
#include "render/pdf/hpdf_adapter.hpp"
#include "render/pdf/pdf_syntax.hpp"

namespace bilan::render::detail {

Session::Session(const fonts::FontSet& fonts) : fonts_(fonts) {
  pdf_ = HPDF_New(on_error, this);
  if (!pdf_) throw IoError("libharu : création du document impossible");
  check("l’initialisation de libharu");
}

Session::~Session() {
  for (auto* c : compressors_)
    if (c) libdeflate_free_compressor(c);
  if (pdf_) HPDF_Free(pdf_);
}

void HPDF_STDCALL Session::on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
  auto* session = static_cast<Session*>(user);
  if (session->error_ == HPDF_OK) {
    session->error_ = error;
    session->detail_ = detail;
  }
}

void Session::check(const char* what) {
  if (error_ == HPDF_OK) return;
  char buf[160];
  std::snprintf(buf, sizeof buf, "libharu : échec de %s (erreur 0x%04X, détail %u)", what, static_cast<unsigned>(error_),
                static_cast<unsigned>(detail_));
  error_ = HPDF_OK;
  HPDF_ResetError(pdf_);
  throw IoError(buf);
}

void Session::deflate(std::string_view in, std::string& out, int level) {
  libdeflate_compressor* c = compressor(level);
  const std::size_t at = out.size();
  out.resize(at + libdeflate_zlib_compress_bound(c, in.size()));
  const std::size_t n = libdeflate_zlib_compress(c, in.data(), in.size(), out.data() + at, out.size() - at);
  if (n == 0) throw IoError("libdeflate : compression impossible");
  out.resize(at + n);
}

libdeflate_compressor* Session::compressor(int level) {
  auto*& c = compressors_[static_cast<std::size_t>(std::clamp(level, 1, 12))];
  if (!c) c = libdeflate_alloc_compressor(std::clamp(level, 1, 12));
  if (!c) throw IoError("libdeflate : mémoire insuffisante");
  return c;
}

namespace {

// libharu drops a /Filter it did not apply itself; streams we deflate with
// libdeflate declare theirs here, as the dictionary is written.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) { return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012"); }

}  // namespace

Objects::Objects(Session& session, const PdfOptions& options)
    : session_(session),
      options_(options),
      pdf_(session.doc()),
      mmgr_(hpdf::memory(pdf_)),
      xref_(hpdf::xref(pdf_)) {}

HPDF_Dict Objects::dict() {
  HPDF_Dict d = HPDF_Dict_New(mmgr_);
  check("la création d’un dictionnaire");
  return d;
}

HPDF_Dict Objects::indirect_dict() {
  HPDF_Dict d = dict();
  HPDF_Xref_Add(xref_, d);
  return d;
}

HPDF_Array Objects::array() { return HPDF_Array_New(mmgr_); }
HPDF_String Objects::string(const char* bytes) { return HPDF_String_New(mmgr_, bytes, nullptr); }
HPDF_Binary Objects::binary(const unsigned char* bytes, std::size_t size) {
  return HPDF_Binary_New(mmgr_, const_cast<HPDF_BYTE*>(bytes), static_cast<HPDF_UINT>(size));
}
HPDF_Null Objects::null() { return HPDF_Null_New(mmgr_); }

HPDF_Dict Objects::stream(std::string_view bytes, int level) {
  HPDF_Dict dict = HPDF_DictStream_New(mmgr_, xref_);
  check("la création d’un flux");
  fill(dict, bytes, level);
  return dict;
}

void Objects::fill(HPDF_Dict dict, std::string_view bytes, int level) {
  hpdf::set_filter(dict, HPDF_STREAM_FILTER_NONE);
  HPDF_Stream data = hpdf::stream_of(dict);
  if (level <= 0 || bytes.empty()) {
    HPDF_Stream_Write(data, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
    return;
  }
  scratch_.clear();
  session_.deflate(bytes, scratch_, level);
  HPDF_Stream_Write(data, reinterpret_cast<const HPDF_BYTE*>(scratch_.data()), static_cast<HPDF_UINT>(scratch_.size()));
  hpdf::set_on_write(dict, write_flate_filter);
}

void* Objects::text_string(std::string_view utf8) {
  if (const std::optional<std::string> doc = pdfdoc_encoded(utf8)) return string(doc->c_str());
  std::string bytes = "\xFE\xFF";
  for_each_utf16_unit(utf8, [&bytes](unsigned unit) {
    bytes += static_cast<char>(unit >> 8);
    bytes += static_cast<char>(unit & 0xFF);
  });
  return binary(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

void* Objects::text_string_of(std::string_view utf8) {
  bool ascii = true;
  for (const char c : utf8) ascii = ascii && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
  if (ascii) return string(std::string(utf8).c_str());
  return text_string(utf8);
}

HPDF_Dict Objects::catalog() { return hpdf::catalog(pdf_); }
HPDF_Dict Objects::info() { return hpdf::info(pdf_); }
HPDF_Dict Objects::trailer() { return hpdf::trailer(pdf_); }

}  // namespace bilan::render::detail

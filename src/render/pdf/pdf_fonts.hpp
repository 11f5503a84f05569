// render/pdf/pdf_fonts — the fonts of one document: per face used, a subset
// of exactly the glyphs drawn (fonts/FontSet), one-byte codes shared by the
// faces where a face draws at most 255 glyphs (else two-byte codes,
// Identity-H), code = CID = GID where fonts/glyph_order can renumber the
// subset, /W, /CIDSet and /ToUnicode for those glyphs only, and the CMaps.
#pragma once

#include <hpdf.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "compose/paged_document.hpp"
#include "render/pdf/pdf_objects.hpp"

namespace bilan::render::detail {

// One face as this document uses it: its glyphs, their codes and the text
// each glyph stands for (the first it was drawn for).
struct UsedFace {
  std::vector<std::uint16_t> gids;   // full-face glyph ids, first use first
  std::vector<std::int32_t> slot;    // gid → index in gids, -1 when not drawn
  std::vector<std::string> unicode;  // per slot
  std::vector<std::uint16_t> codes;  // per slot: the code written in content streams
  std::vector<std::uint16_t> cids;   // per slot: glyph id in the subset (= CID)
  bool one_byte = false;             // codes are single bytes
  bool shared_codes = false;         // codes from the document's SharedCodes
  bool identity = false;             // code = CID = glyph id (fonts::try_place_glyphs)
  HPDF_Dict font = nullptr;          // the Type0 font object

  std::uint16_t code(std::uint16_t gid) const { return codes[static_cast<std::size_t>(slot[gid])]; }
};

// One-byte codes shared by the faces of a document: a code stands for the same
// text in every face that uses it, so one ToUnicode CMap serves them all, and
// a word set in bold is the same bytes as in roman (content deflates better).
// A glyph for an ASCII or Latin-1 character keeps that character's byte
// (content streams stay readable); others take free bytes.
class SharedCodes {
 public:
  // Gives u's glyphs their codes; false, with nothing changed, when the face
  // draws more than 255 glyphs or the document's codes run out.
  bool try_assign(UsedFace& u);
  // Code → text for every code given so far (empty texts left out).
  std::vector<std::pair<std::uint16_t, std::string_view>> to_unicode() const;

 private:
  std::array<const std::string*, 256> text_{};  // the UsedFaces outlive this
};

// The faces of one document, embedded once its glyphs are known.
class DocumentFonts {
 public:
  explicit DocumentFonts(Objects& objects) : objects_(objects) {}
  DocumentFonts(const DocumentFonts&) = delete;
  DocumentFonts& operator=(const DocumentFonts&) = delete;

  // Every glyph drawn, per face, in order of first use.
  void collect(const compose::PagedDocument& doc);
  // Codes for every face used, then its subset and font object.
  void embed();
  const UsedFace& used(compose::Face face) const { return used_[static_cast<std::size_t>(face)]; }

  // The Type0 font of `u`, a face's glyphs as `subset` holds them (also the
  // AcroForm's form font, render/pdf/acroform).
  HPDF_Dict font_object(compose::Face face, const UsedFace& u, const fonts::Subset& subset);

 private:
  HPDF_Dict identity_system_info();
  HPDF_Dict identity_cmap();
  HPDF_Dict one_byte_cmap(const UsedFace& u);
  HPDF_Dict encoding_cmap(const std::string& name, std::vector<std::pair<std::uint16_t, std::uint16_t>> map);
  HPDF_Dict to_unicode(const UsedFace& u);
  HPDF_Dict to_unicode(std::vector<std::pair<std::uint16_t, std::string_view>> entries, int digits);

  Objects& objects_;
  std::array<UsedFace, compose::kFaceCount> used_;
  SharedCodes shared_codes_;  // after used_: it points into their texts
  HPDF_Dict shared_to_unicode_ = nullptr;  // the one ToUnicode CMap of the faces with shared codes
  HPDF_Dict identity_system_info_ = nullptr;
  HPDF_Dict identity_cmap_ = nullptr;
};

}  // namespace bilan::render::detail

#include "render/pdf/pdf_fonts.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "core/utf8.hpp"
#include "fonts/glyph_order.hpp"
#include "render/pdf/pdf_syntax.hpp"

namespace bilan::render::detail {
namespace {

using compose::Face;

// Free codes, in the order they are given: control bytes and C1 first
// (Latin-1's bytes may come later).
constexpr std::array<int, 255> kFreeOrder = [] {
  std::array<int, 255> order{};
  std::size_t n = 0;
  for (int c = 1; c < 0x20; ++c) order[n++] = c;
  order[n++] = 0x7F;
  for (int c = 0x80; c < 0xA0; ++c) order[n++] = c;
  for (int c = 0x20; c < 0x7F; ++c) order[n++] = c;
  for (int c = 0xA0; c < 0x100; ++c) order[n++] = c;
  return order;
}();

// A face's own one-byte codes, when the shared ones ran out.
bool assign_one_byte_codes(UsedFace& u) {
  SharedCodes own;
  return own.try_assign(u);
}

// The cluster starts of an item's glyphs, sorted, and the end of its text.
void cluster_bounds(const compose::TextItem& t, std::vector<std::uint32_t>& bounds) {
  bounds.clear();
  for (const auto& g : t.glyphs) bounds.push_back(g.cluster);
  bounds.push_back(static_cast<std::uint32_t>(t.text.size()));
  std::sort(bounds.begin(), bounds.end());
}

// The text glyph k stands for: from its cluster to the next (`bounds` from cluster_bounds()).
std::string_view cluster_text(const compose::TextItem& t, std::size_t k, const std::vector<std::uint32_t>& bounds) {
  const std::uint32_t start = t.glyphs[k].cluster;
  const auto next = std::upper_bound(bounds.begin(), bounds.end(), start);
  const std::uint32_t end = next == bounds.end() ? static_cast<std::uint32_t>(t.text.size()) : *next;
  if (start >= t.text.size()) return {};
  return std::string_view(t.text).substr(start, end - start);
}

std::string reversed(std::string_view utf8) {
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < utf8.size();) cps.push_back(utf8::next(utf8, i));
  std::string out;
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) utf8::append(out, *it);
  return out;
}

// A subset tag (six capitals) that depends on the glyphs only: same
// glyphs, same tag; no counter, no clock.
std::string subset_tag(const fonts::FaceInfo& info, const UsedFace& u) {
  std::vector<std::uint16_t> sorted = u.gids;
  std::sort(sorted.begin(), sorted.end());
  std::string key = info.sha256;
  for (const auto g : sorted) key += std::to_string(g) + ",";
  const Sha256::Digest d = Sha256::of(key);
  std::string tag;
  for (int i = 0; i < 6; ++i) tag += static_cast<char>('A' + d[static_cast<std::size_t>(i)] % 26);
  return tag;
}

}  // namespace

// ---- shared one-byte codes ------------------------------------------------------

bool SharedCodes::try_assign(UsedFace& u) {
  if (u.gids.size() > 255) return false;
  std::array<const std::string*, 256> text = text_;
  std::array<bool, 256> taken{};  // in this face
  taken[0] = true;
  std::vector<std::uint16_t> codes(u.gids.size(), 0);
  std::vector<std::size_t> pending;
  for (std::size_t s = 0; s < u.gids.size(); ++s) {
    const std::string& t = u.unicode[s];
    std::size_t i = 0;
    const char32_t cp = t.empty() ? 0 : utf8::next(t, i);
    if (i == t.size() && cp >= 0x20 && cp <= 0xFF && cp != 0x7F && !taken[cp] && (!text[cp] || *text[cp] == t)) {
      codes[s] = static_cast<std::uint16_t>(cp);
      taken[cp] = true;
      text[cp] = &t;
    } else {
      pending.push_back(s);
    }
  }
  for (const std::size_t s : pending) {
    const std::string& t = u.unicode[s];
    // The same text's code in another face, else a code no face uses yet.
    int code = -1;
    for (const int c : kFreeOrder)
      if (!taken[c] && text[c] && *text[c] == t) {
        code = c;
        break;
      }
    for (const int c : kFreeOrder)
      if (code < 0 && !taken[c] && !text[c]) code = c;
    if (code < 0) return false;
    codes[s] = static_cast<std::uint16_t>(code);
    taken[static_cast<std::size_t>(code)] = true;
    text[static_cast<std::size_t>(code)] = &t;
  }
  text_ = text;
  u.codes = std::move(codes);
  return true;
}

std::vector<std::pair<std::uint16_t, std::string_view>> SharedCodes::to_unicode() const {
  std::vector<std::pair<std::uint16_t, std::string_view>> out;
  for (std::size_t c = 0; c < text_.size(); ++c)
    if (text_[c] && !text_[c]->empty()) out.emplace_back(static_cast<std::uint16_t>(c), *text_[c]);
  return out;
}

// ---- the document's faces ---------------------------------------------------------

void DocumentFonts::collect(const compose::PagedDocument& doc) {
  const fonts::FontSet& fonts = objects_.fonts();
  std::vector<std::uint32_t> bounds;
  for (const auto& page : doc.pages)
    for (const auto& item : page.items) {
      const auto* t = std::get_if<compose::TextItem>(&item);
      if (!t || t->face == Face::None) continue;
      UsedFace& u = used_[static_cast<std::size_t>(t->face)];
      if (u.slot.empty()) u.slot.assign(fonts.info(t->face).glyph_count, -1);
      bool bounded = false;  // the item's cluster bounds, sorted once, when a glyph is new
      for (std::size_t k = 0; k < t->glyphs.size(); ++k) {
        const std::uint16_t gid = t->glyphs[k].gid;
        if (gid >= u.slot.size() || u.slot[gid] >= 0) continue;
        u.slot[gid] = static_cast<std::int32_t>(u.gids.size());
        u.gids.push_back(gid);
        if (!bounded) cluster_bounds(*t, bounds);
        bounded = true;
        std::string text(cluster_text(*t, k, bounds));
        // Readers take right-to-left glyphs as drawn (visual order) and
        // reverse them; a ligature's characters are reversed here so that
        // they come back in the order typed (lam-alef: « لا », not « ال »).
        if (t->rtl) text = reversed(text);
        u.unicode.push_back(std::move(text));
      }
    }
}

void DocumentFonts::embed() {
  // Every face's codes first: the shared ToUnicode CMap lists them all.
  for (std::size_t f = 1; f < used_.size(); ++f) {
    UsedFace& u = used_[f];
    if (u.gids.empty()) continue;
    u.shared_codes = shared_codes_.try_assign(u);
    u.one_byte = u.shared_codes || assign_one_byte_codes(u);
  }
  for (std::size_t f = 1; f < used_.size(); ++f) {
    UsedFace& u = used_[f];
    if (u.gids.empty()) continue;
    const Face face = static_cast<Face>(f);
    fonts::Subset subset;
    std::string error;
    if (!objects_.fonts().try_subset(face, u.gids, subset, error)) throw IoError(error);
    u.cids = subset.new_gids;
    std::string why;
    // Glyph id = code: the face then needs no CMap of its own.
    if (u.one_byte && fonts::try_place_glyphs(subset, u.codes, why)) {
      u.cids = u.codes;
      u.identity = true;
    }
    if (!u.one_byte) u.codes = u.cids;
    u.font = font_object(face, u, subset);
  }
}

HPDF_Dict DocumentFonts::font_object(Face face, const UsedFace& u, const fonts::Subset& subset) {
  const fonts::FontSet& fonts = objects_.fonts();
  const fonts::FaceInfo& info = fonts.info(face);
  const std::string name = subset_tag(info, u) + "+" + info.postscript_name;

  // The font file: the subset, deflated.
  HPDF_Dict file = objects_.stream(subset.bytes);
  HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(subset.bytes.size()));

  // CIDSet: one bit per CID the font program holds. The subset is
  // renumbered from 0 (what is drawn, .notdef, composite components), so
  // every CID below its glyph count is present.
  std::string cidset((subset.glyph_count + 7) / 8, '\0');
  for (std::size_t cid = 0; cid < subset.glyph_count; ++cid)
    cidset[cid / 8] = static_cast<char>(cidset[cid / 8] | (0x80 >> (cid % 8)));
  HPDF_Dict cidset_stream = objects_.stream(cidset);

  HPDF_Dict descriptor = objects_.indirect_dict();
  HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
  HPDF_Dict_AddName(descriptor, "FontName", name.c_str());
  HPDF_Dict_AddNumber(descriptor, "Flags", 32 | (info.italic ? 64 : 0) | (info.fixed_pitch ? 1 : 0));
  HPDF_Array bbox = objects_.array();
  for (const int v : info.bbox) HPDF_Array_AddNumber(bbox, v);
  HPDF_Dict_Add(descriptor, "FontBBox", bbox);
  HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(info.italic_angle));
  HPDF_Dict_AddNumber(descriptor, "Ascent", info.ascent);
  HPDF_Dict_AddNumber(descriptor, "Descent", info.descent);
  HPDF_Dict_AddNumber(descriptor, "CapHeight", info.cap_height);
  HPDF_Dict_AddNumber(descriptor, "StemV", 80);
  HPDF_Dict_Add(descriptor, "FontFile2", file);
  HPDF_Dict_Add(descriptor, "CIDSet", cidset_stream);

  // Widths of the CIDs drawn, in runs of consecutive CIDs.
  std::vector<std::pair<std::uint16_t, std::int32_t>> widths;
  for (std::size_t s = 0; s < u.gids.size(); ++s) widths.emplace_back(u.cids[s], fonts.glyph_advance(face, u.gids[s]));
  std::sort(widths.begin(), widths.end());
  HPDF_Array w = objects_.array();
  for (std::size_t i = 0; i < widths.size();) {
    std::size_t j = i + 1;
    while (j < widths.size() && widths[j].first == widths[j - 1].first + 1) ++j;
    HPDF_Array_AddNumber(w, widths[i].first);
    HPDF_Array run = objects_.array();
    for (std::size_t k = i; k < j; ++k) HPDF_Array_AddNumber(run, widths[k].second);
    HPDF_Array_Add(w, run);
    i = j;
  }

  HPDF_Dict system = identity_system_info();

  HPDF_Dict cid_font = objects_.indirect_dict();
  HPDF_Dict_AddName(cid_font, "Type", "Font");
  HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2");
  HPDF_Dict_AddName(cid_font, "BaseFont", name.c_str());
  HPDF_Dict_Add(cid_font, "CIDSystemInfo", system);
  HPDF_Dict_Add(cid_font, "FontDescriptor", descriptor);
  HPDF_Dict_AddNumber(cid_font, "DW", 1000);
  HPDF_Dict_Add(cid_font, "W", w);
  HPDF_Dict_AddName(cid_font, "CIDToGIDMap", "Identity");

  HPDF_Dict font = objects_.indirect_dict();
  HPDF_Dict_AddName(font, "Type", "Font");
  HPDF_Dict_AddName(font, "Subtype", "Type0");
  HPDF_Dict_AddName(font, "BaseFont", name.c_str());
  if (u.identity) {
    HPDF_Dict_Add(font, "Encoding", identity_cmap());
  } else if (u.one_byte) {
    HPDF_Dict_Add(font, "Encoding", one_byte_cmap(u));
  } else {
    HPDF_Dict_AddName(font, "Encoding", "Identity-H");
  }
  HPDF_Array descendants = objects_.array();
  HPDF_Array_Add(descendants, cid_font);
  HPDF_Dict_Add(font, "DescendantFonts", descendants);
  if (u.shared_codes && !shared_to_unicode_) shared_to_unicode_ = to_unicode(shared_codes_.to_unicode(), 2);
  HPDF_Dict_Add(font, "ToUnicode", u.shared_codes ? shared_to_unicode_ : to_unicode(u));
  objects_.check("l’écriture d’une police");
  return font;
}

// Adobe-Identity-0, one object every font and CMap of the document refers to
// (an indirect object in an object stream, not a copy in each clear-text
// CMap dictionary).
HPDF_Dict DocumentFonts::identity_system_info() {
  if (identity_system_info_) return identity_system_info_;
  identity_system_info_ = objects_.indirect_dict();
  HPDF_Dict_Add(identity_system_info_, "Registry", objects_.string("Adobe"));
  HPDF_Dict_Add(identity_system_info_, "Ordering", objects_.string("Identity"));
  HPDF_Dict_AddNumber(identity_system_info_, "Supplement", 0);
  return identity_system_info_;
}

// ---- CMaps ----------------------------------------------------------------------

// The one-byte identity CMap (code n is CID n): one object for every face
// whose glyphs sit at their codes.
HPDF_Dict DocumentFonts::identity_cmap() {
  if (identity_cmap_) return identity_cmap_;
  std::vector<std::pair<std::uint16_t, std::uint16_t>> identity;
  for (std::uint16_t code = 0; code < 256; ++code) identity.emplace_back(code, code);
  identity_cmap_ = encoding_cmap("Bilan-OneByte-Identity", std::move(identity));
  return identity_cmap_;
}

// A face's own CMap from its one-byte codes to its CIDs.
HPDF_Dict DocumentFonts::one_byte_cmap(const UsedFace& u) {
  std::vector<std::pair<std::uint16_t, std::uint16_t>> map;
  for (std::size_t s = 0; s < u.gids.size(); ++s) map.emplace_back(u.codes[s], u.cids[s]);
  return encoding_cmap("Bilan-OneByte", std::move(map));
}

// An embedded CMap from one-byte codes to CIDs (code, CID pairs).
HPDF_Dict DocumentFonts::encoding_cmap(const std::string& name, std::vector<std::pair<std::uint16_t, std::uint16_t>> map) {
  std::sort(map.begin(), map.end());
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n"
      "/CMapName /" + name + " def\n/CMapType 1 def\n"
      "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n";
  // Consecutive codes drawing consecutive CIDs (most of ASCII) as one range.
  std::vector<std::string> singles, ranges;
  for (std::size_t k = 0; k < map.size();) {
    std::size_t end = k + 1;
    while (end < map.size() && map[end].first == map[end - 1].first + 1 && map[end].second == map[end - 1].second + 1) ++end;
    std::string line = "<";
    put_hex(line, map[k].first, 2);
    if (end - k == 1) {
      singles.push_back(line + "> " + std::to_string(map[k].second) + "\n");
    } else {
      line += "> <";
      put_hex(line, map[end - 1].first, 2);
      ranges.push_back(line + "> " + std::to_string(map[k].second) + "\n");
    }
    k = end;
  }
  put_cmap_blocks(s, singles, "cidchar");
  put_cmap_blocks(s, ranges, "cidrange");
  s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  HPDF_Dict cmap = objects_.stream(s);
  HPDF_Dict_AddName(cmap, "Type", "CMap");
  HPDF_Dict_AddName(cmap, "CMapName", name.c_str());
  HPDF_Dict_Add(cmap, "CIDSystemInfo", identity_system_info());
  return cmap;
}

// Code → the text the glyph was drawn for, one entry per glyph used.
HPDF_Dict DocumentFonts::to_unicode(const UsedFace& u) {
  std::vector<std::pair<std::uint16_t, std::string_view>> entries;
  for (std::size_t slot = 0; slot < u.gids.size(); ++slot)
    if (!u.unicode[slot].empty()) entries.emplace_back(u.codes[slot], u.unicode[slot]);
  return to_unicode(std::move(entries), u.one_byte ? 2 : 4);
}

HPDF_Dict DocumentFonts::to_unicode(std::vector<std::pair<std::uint16_t, std::string_view>> entries, int digits) {
  std::sort(entries.begin(), entries.end());
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n";
  s += digits == 2 ? "<00> <FF>\n" : "<0000> <FFFF>\n";
  s += "endcodespacerange\n";
  // Consecutive codes for consecutive characters of one 256-block as one range
  // (a bfrange increments the last byte of its destination only).
  const auto single_bmp = [&](std::size_t k) -> std::int32_t {
    const std::string_view text = entries[k].second;
    std::size_t i = 0;
    const char32_t cp = utf8::next(text, i);
    return i == text.size() && cp <= 0xFFFF ? static_cast<std::int32_t>(cp) : -1;
  };
  std::vector<std::string> singles, ranges;
  for (std::size_t k = 0; k < entries.size();) {
    const std::int32_t first = single_bmp(k);
    std::size_t end = k + 1;
    if (first >= 0)
      while (end < entries.size() && entries[end].first == entries[end - 1].first + 1 &&
             single_bmp(end) == first + static_cast<std::int32_t>(end - k) && (single_bmp(end) >> 8) == (first >> 8))
        ++end;
    std::string line = "<";
    put_hex(line, entries[k].first, digits);
    if (end - k == 1) {
      line += "> <";
      put_utf16_hex(line, entries[k].second);
      singles.push_back(line + ">\n");
    } else {
      line += "> <";
      put_hex(line, entries[end - 1].first, digits);
      line += "> <";
      put_hex(line, static_cast<unsigned>(first), 4);
      ranges.push_back(line + ">\n");
    }
    k = end;
  }
  put_cmap_blocks(s, singles, "bfchar");
  put_cmap_blocks(s, ranges, "bfrange");
  s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return objects_.stream(s);
}

}  // namespace bilan::render::detail

#include "fonts/font_set.hpp"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "core/utf8.hpp"

namespace bilan::fonts {
namespace {

// Code points below this are looked up in a table built at load time: the
// whole of French (and every Latin, Greek, Cyrillic, Hebrew letter) costs one
// array access, not a cmap search.
constexpr char32_t kTableEnd = 0x2500;

std::size_t index(Face f) { return static_cast<std::size_t>(f); }

// Big-endian reads from a font table; 0 past the end (a short table reads as zeros).
int u16(const hb_blob_t* blob, unsigned at) {
  unsigned len = 0;
  const char* p = hb_blob_get_data(const_cast<hb_blob_t*>(blob), &len);
  if (at + 2 > len) return 0;
  return (static_cast<unsigned char>(p[at]) << 8) | static_cast<unsigned char>(p[at + 1]);
}
int s16(const hb_blob_t* blob, unsigned at) { return static_cast<std::int16_t>(static_cast<std::uint16_t>(u16(blob, at))); }

// Runs whose every character is in these ranges shape to their nominal glyphs
// (no kerning, no ligature, no mark: see the FontSet unit test that checks it
// against HarfBuzz), so they skip the shaper.
bool is_simple(char32_t cp) {
  if (cp < 0x02B0) return cp != 0x00AD;               // Latin and IPA (not the soft hyphen, which is not drawn)
  if (cp >= 0x2010 && cp <= 0x2027) return true;      // dashes, quotes, bullets, ellipsis
  if (cp >= 0x2030 && cp <= 0x205E) return true;      // per mille, primes, guillemets ‹ ›…
  if (cp == 0x202F || (cp >= 0x20A0 && cp <= 0x20C0)) return true;  // narrow no-break space, currencies
  return false;
}

}  // namespace

struct FontSet::Loaded {
  std::unique_ptr<const FileBytes> file;  // mapped: HarfBuzz reads it in place, untouched pages cost nothing
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;
  FaceInfo info;
  std::vector<std::uint16_t> table_gid;   // per code point < kTableEnd
  std::vector<std::int32_t> advances;     // per glyph, thousandths of an em

  // The face as hb-subset sees it: only the tables a subset keeps (no cmap,
  // no layout tables), so that planning a subset does not walk the
  // character map or the GSUB closure for every document. Built once, from
  // references into the mapped file.
  hb_face_t* subset_face = nullptr;

  ~Loaded() {
    if (font) hb_font_destroy(font);
    if (subset_face) hb_face_destroy(subset_face);
    if (face) hb_face_destroy(face);
    if (blob) hb_blob_destroy(blob);
  }

  std::uint16_t glyph(char32_t cp) const {
    if (cp < kTableEnd) return table_gid[cp];
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(font, cp, &g) && g < 0x10000 ? static_cast<std::uint16_t>(g) : 0;
  }

  std::int32_t to_thousandths(hb_position_t v) const {
    // The same truncating arithmetic as the /W array: what is measured is what is drawn.
    return static_cast<std::int32_t>(static_cast<std::int64_t>(v) * 1000 / info.units_per_em);
  }
};

namespace {

// The face's fingerprint: SHA-256 of its size, its table directory (every
// table's tag, checksum, offset and length) and its head table (whose
// checkSumAdjustment sums the whole file). Not of every byte: hashing the six
// files took 154 M instructions, half of a whole `bilan fill`; a font changed
// by any font tool changes its checksums. docs/architecture.md says what this
// does not catch.
std::string face_digest(std::string_view file, std::string_view head) {
  Sha256 h;
  h.update("size=" + std::to_string(file.size()) + "\n");
  const std::size_t tables = file.size() >= 12 ? (static_cast<std::size_t>(static_cast<unsigned char>(file[4])) << 8) |
                                                     static_cast<unsigned char>(file[5])
                                               : 0;
  h.update(file.substr(0, std::min(file.size(), 12 + 16 * tables)));
  h.update(head);
  return Sha256::hex(h.finish());
}

}  // namespace

std::unique_ptr<const FontSet> FontSet::must_load(const Environment& env, const std::string& manifest_path) {
  const FontManifest manifest = must_load_font_manifest(env, manifest_path);
  std::unique_ptr<FontSet> set(new FontSet());
  Sha256 fingerprint;
  for (std::size_t i = 1; i < static_cast<std::size_t>(kFaceCount); ++i) {
    auto l = std::make_unique<Loaded>();
    const std::string& file = manifest.files[i];
    std::string error;
    const std::string advice = " (installez fonts-liberation2 et fonts-dejavu-core, ou corrigez fonts/fonts.conf)";
    l->file = env.try_map_file(file, error);
    if (!l->file) throw IoError("police illisible : " + file + " : " + error + advice);
    const std::string_view bytes = l->file->bytes();
    l->blob = hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    l->face = hb_face_create(l->blob, 0);
    l->subset_face = hb_face_builder_create();
    for (const char* tag : {"head", "hhea", "maxp", "hmtx", "loca", "glyf"}) {
      hb_blob_t* table = hb_face_reference_table(l->face, hb_tag_from_string(tag, 4));
      hb_face_builder_add_table(l->subset_face, hb_tag_from_string(tag, 4), table);
      hb_blob_destroy(table);
    }
    hb_face_make_immutable(l->subset_face);
    const unsigned glyphs = hb_face_get_glyph_count(l->face);
    hb_blob_t* head = hb_face_reference_table(l->face, HB_TAG('h', 'e', 'a', 'd'));
    hb_blob_t* hhea = hb_face_reference_table(l->face, HB_TAG('h', 'h', 'e', 'a'));
    hb_blob_t* post = hb_face_reference_table(l->face, HB_TAG('p', 'o', 's', 't'));
    hb_blob_t* os2 = hb_face_reference_table(l->face, HB_TAG('O', 'S', '/', '2'));
    hb_blob_t* glyf = hb_face_reference_table(l->face, HB_TAG('g', 'l', 'y', 'f'));
    const bool usable = glyphs > 0 && glyphs < 0x10000 && hb_blob_get_length(head) >= 54 &&
                        hb_blob_get_length(hhea) >= 36 && hb_blob_get_length(glyf) > 0;
    FaceInfo& info = l->info;
    if (usable) {
      info.units_per_em = std::max(16, u16(head, 18));
      const auto k = [&](int v) { return static_cast<int>(static_cast<long>(v) * 1000 / info.units_per_em); };
      info.bbox = {k(s16(head, 36)), k(s16(head, 38)), k(s16(head, 40)), k(s16(head, 42))};
      info.ascent = k(s16(hhea, 4));
      info.descent = k(s16(hhea, 6));
      info.italic_angle = s16(post, 4) + u16(post, 6) / 65536.0;
      info.fixed_pitch = hb_blob_get_length(post) >= 16 && (u16(post, 12) | u16(post, 14)) != 0;
      info.italic = (u16(head, 44) & 2) != 0 || info.italic_angle != 0;
      info.cap_height = u16(os2, 0) >= 2 && hb_blob_get_length(os2) >= 90 ? k(s16(os2, 88)) : info.ascent;
      info.glyph_count = static_cast<std::uint16_t>(glyphs);
    }
    unsigned head_len = 0;
    const char* head_data = hb_blob_get_data(head, &head_len);
    if (usable) info.sha256 = face_digest(bytes, std::string_view(head_data, head_len));
    for (hb_blob_t* b : {head, hhea, post, os2, glyf}) hb_blob_destroy(b);
    if (!usable) throw IoError("police illisible : " + file + " (pas une police TrueType à contours glyf)" + advice);

    char name[128];
    unsigned name_len = sizeof name;
    if (hb_ot_name_get_utf8(l->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, hb_language_from_string("en", -1), &name_len, name) > 0)
      info.postscript_name.assign(name, name_len);
    // A PDF name: keep it plain ASCII without delimiters.
    std::erase_if(info.postscript_name, [](char c) { return c <= ' ' || c > '~' || std::string_view("()<>[]{}/%#").find(c) != std::string_view::npos; });
    if (info.postscript_name.empty()) info.postscript_name = "Face" + std::to_string(i);
    info.file = file;

    l->font = hb_font_create(l->face);
    hb_font_make_immutable(l->font);
    // Every glyph's advance in one call (HarfBuzz's batch path).
    std::vector<hb_codepoint_t> all(glyphs);
    std::vector<hb_position_t> raw(glyphs);
    for (unsigned g = 0; g < glyphs; ++g) all[g] = g;
    hb_font_get_glyph_h_advances(l->font, glyphs, all.data(), sizeof(hb_codepoint_t), raw.data(), sizeof(hb_position_t));
    l->advances.resize(glyphs);
    for (unsigned g = 0; g < glyphs; ++g) l->advances[g] = l->to_thousandths(raw[g]);
    // Only the characters the cmap has (about a fifth of the table's range
    // in Liberation Sans): one lookup each instead of one per code point.
    l->table_gid.assign(kTableEnd, 0);
    hb_set_t* mapped = hb_set_create();
    hb_face_collect_unicodes(l->face, mapped);
    for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(mapped, &cp) && cp < kTableEnd;) {
      hb_codepoint_t g = 0;
      if (hb_font_get_nominal_glyph(l->font, cp, &g) && g < glyphs) l->table_gid[cp] = static_cast<std::uint16_t>(g);
    }
    hb_set_destroy(mapped);
    fingerprint.update(std::to_string(i) + "=" + info.sha256 + "\n");
    set->faces_[i] = std::move(l);
  }
  set->fingerprint_ = Sha256::hex(fingerprint.finish());
  return set;
}

FontSet::~FontSet() = default;

const FontSet::Loaded& FontSet::loaded(Face face) const {
  const auto& l = faces_[index(face == Face::None ? Face::Regular : face)];
  return *l;
}

bool FontSet::has_glyph(Face face, char32_t cp) const {
  if (face == Face::None) return false;
  return loaded(face).glyph(cp) != 0;
}

double FontSet::advance(Face face, char32_t cp) const {
  const Loaded& l = loaded(face);
  return l.advances[l.glyph(cp)];
}

double FontSet::ascent(Face face) const { return loaded(face).info.ascent; }
double FontSet::descent(Face face) const { return loaded(face).info.descent; }
const FaceInfo& FontSet::info(Face face) const { return loaded(face).info; }

std::int32_t FontSet::glyph_advance(Face face, std::uint16_t gid) const {
  const Loaded& l = loaded(face);
  return gid < l.advances.size() ? l.advances[gid] : 0;
}

void FontSet::shape(Face face, std::string_view utf8, bool rtl, std::vector<ShapedGlyph>& out) const {
  const Loaded& l = loaded(face);
  // A character the face lacks may still be drawn (HarfBuzz maps U+2011 to a
  // hyphen, synthesises spaces): only characters the face has are simple.
  bool simple = !rtl;
  for (std::size_t i = 0; simple && i < utf8.size();) {
    const char32_t cp = utf8::next(utf8, i);
    simple = is_simple(cp) && l.glyph(cp) != 0;
  }
  if (simple) {
    for (std::size_t i = 0; i < utf8.size();) {
      const std::size_t at = i;
      const std::uint16_t gid = l.glyph(utf8::next(utf8, i));
      out.push_back({gid, l.advances[gid], 0, 0, static_cast<std::uint32_t>(at)});
    }
    return;
  }
  shape_with_harfbuzz(face, utf8, rtl, out);
}

void FontSet::shape_with_harfbuzz(Face face, std::string_view utf8, bool rtl, std::vector<ShapedGlyph>& out) const {
  const Loaded& l = loaded(face);
  hb_buffer_t* buf = hb_buffer_create();
  hb_buffer_add_utf8(buf, utf8.data(), static_cast<int>(utf8.size()), 0, static_cast<int>(utf8.size()));
  hb_buffer_guess_segment_properties(buf);
  hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_language(buf, hb_language_from_string("fr", 2));
  hb_buffer_set_flags(buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
  // No kerning, no optional ligatures: words measure as their letters do
  // (stable layout, simple text extraction); required forms (Arabic joining,
  // lam-alef) still apply.
  static constexpr hb_feature_t kFeatures[] = {
      {HB_TAG('k', 'e', 'r', 'n'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
  };
  const bool latin = hb_buffer_get_script(buf) == HB_SCRIPT_LATIN || hb_buffer_get_script(buf) == HB_SCRIPT_COMMON;
  hb_shape(l.font, buf, latin ? kFeatures : nullptr, latin ? 2 : 0);
  unsigned n = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buf, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
  for (unsigned k = 0; k < n; ++k) {
    const auto gid = static_cast<std::uint16_t>(infos[k].codepoint);
    ShapedGlyph g{gid, l.to_thousandths(pos[k].x_advance), l.to_thousandths(pos[k].x_offset),
                  l.to_thousandths(pos[k].y_offset), infos[k].cluster};
    // Unkerned glyphs keep their exact /W width (the conversion above may round differently).
    if (gid < l.advances.size() && pos[k].x_advance == hb_font_get_glyph_h_advance(l.font, gid)) g.advance = l.advances[gid];
    out.push_back(g);
  }
  hb_buffer_destroy(buf);
}

bool FontSet::try_subset(Face face, std::span<const std::uint16_t> gids, Subset& out, std::string& error) const {
  const Loaded& l = loaded(face);
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) {
    error = "sous-ensemble de police impossible (mémoire)";
    return false;
  }
  hb_set_t* glyphs = hb_subset_input_glyph_set(input);
  hb_set_add(glyphs, 0);
  for (const std::uint16_t g : gids) hb_set_add(glyphs, g);
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_clear(hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));  // no GSUB closure
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"cmap", "name", "post", "OS/2", "GSUB", "GPOS", "GDEF", "kern", "DSIG", "gasp", "hdmx", "LTSH",
                          "VDMX", "JSTF", "BASE", "MATH", "meta", "FFTM", "PCLT", "vhea", "vmtx"})
    hb_set_add(drop, hb_tag_from_string(tag, 4));
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(l.subset_face, input);  // not hb_subset_preprocess()d: ~260 M instructions at every start for ~4 M per document
  hb_subset_input_destroy(input);
  if (!plan) {
    error = "sous-ensemble de police impossible : " + l.info.file;
    return false;
  }
  const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan);
  out.glyph_count = static_cast<std::uint16_t>(hb_map_get_population(map));
  out.new_gids.clear();
  for (const std::uint16_t g : gids) out.new_gids.push_back(static_cast<std::uint16_t>(hb_map_get(map, g)));
  hb_face_t* subset = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
  if (!subset) {
    error = "sous-ensemble de police impossible : " + l.info.file;
    return false;
  }
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  out.bytes.assign(data, len);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return true;
}

}  // namespace bilan::fonts

#include "fonts/glyph_order.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "core/big_endian.hpp"

namespace bilan::fonts {
namespace {

std::uint32_t checksum(std::string_view table) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < table.size(); i += 4) {
    std::uint32_t word = 0;
    for (std::size_t k = 0; k < 4; ++k)
      word = (word << 8) | (i + k < table.size() ? static_cast<unsigned char>(table[i + k]) : 0u);
    sum += word;
  }
  return sum;
}

struct Table {
  std::string tag;
  std::string data;
};

// Tables a subset without hinting may hold and whether they are renumbered
// here; anything else may index glyphs in ways not handled: refused.
constexpr std::array<std::string_view, 11> kKnown = {"head", "hhea", "maxp", "hmtx", "loca", "glyf",
                                                     "OS/2", "name", "cvt ", "fpgm", "prep"};

// Rewrites the glyph ids inside a composite glyph; false when malformed.
bool renumber_components(std::string& glyph, const std::vector<int>& new_id) {
  std::size_t at = 10;
  for (;;) {
    if (at + 4 > glyph.size()) return false;
    const std::uint32_t flags = be16(glyph, at);
    const std::uint32_t component = be16(glyph, at + 2);
    if (component >= new_id.size() || new_id[component] < 0) return false;
    store_be(glyph, at + 2, static_cast<std::uint32_t>(new_id[component]), 2);
    at += 4 + ((flags & 0x0001) ? 4 : 2);                                                 // ARG_1_AND_2_ARE_WORDS
    at += (flags & 0x0008) ? 2 : (flags & 0x0040) ? 4 : (flags & 0x0080) ? 8 : 0;  // scale, x/y scale, 2×2
    if (!(flags & 0x0020)) return at <= glyph.size();                                   // MORE_COMPONENTS
  }
}

}  // namespace

bool try_place_glyphs(Subset& subset, std::span<const std::uint16_t> wanted, std::string& error) {
  const std::string_view font = subset.bytes;
  const auto fail = [&](const std::string& why) {
    error = "ordre des glyphes : " + why;
    return false;
  };
  if (wanted.size() != subset.new_gids.size()) return fail("autant d’identifiants que de glyphes attendus");
  if (font.size() < 12) return fail("police tronquée");
  const std::size_t table_count = be16(font, 4);
  if (12 + 16 * table_count > font.size()) return fail("police tronquée");
  std::vector<Table> tables;
  std::optional<std::size_t> head, hhea, maxp, hmtx, loca, glyf;
  for (std::size_t i = 0; i < table_count; ++i) {
    const std::size_t rec = 12 + 16 * i;
    const std::uint32_t offset = be32(font, rec + 8), length = be32(font, rec + 12);
    if (offset > font.size() || length > font.size() - offset) return fail("table hors de la police");
    Table t{std::string(font.substr(rec, 4)), std::string(font.substr(offset, length))};
    if (std::find(kKnown.begin(), kKnown.end(), t.tag) == kKnown.end()) return fail("table « " + t.tag + " » non prise en charge");
    if (t.tag == "head") head = i;
    if (t.tag == "hhea") hhea = i;
    if (t.tag == "maxp") maxp = i;
    if (t.tag == "hmtx") hmtx = i;
    if (t.tag == "loca") loca = i;
    if (t.tag == "glyf") glyf = i;
    tables.push_back(std::move(t));
  }
  if (!head || !hhea || !maxp || !hmtx || !loca || !glyf) return fail("table obligatoire absente");
  std::string& head_t = tables[*head].data;
  std::string& hhea_t = tables[*hhea].data;
  std::string& maxp_t = tables[*maxp].data;
  if (head_t.size() < 54 || hhea_t.size() < 36 || maxp_t.size() < 6) return fail("table trop courte");
  const std::size_t old_count = be16(maxp_t, 4);
  const bool long_loca = be16(head_t, 50) != 0;
  const std::size_t metrics = be16(hhea_t, 34);
  const std::string_view old_loca = tables[*loca].data, old_glyf = tables[*glyf].data, old_hmtx = tables[*hmtx].data;
  if (old_count == 0 || metrics == 0 || metrics > old_count) return fail("nombre de glyphes incohérent");
  if (old_loca.size() < (old_count + 1) * (long_loca ? 4 : 2)) return fail("table loca trop courte");
  if (old_hmtx.size() < metrics * 4 + (old_count - metrics) * 2) return fail("table hmtx trop courte");

  // Old glyph id → new one.
  std::vector<int> new_id(old_count, -1);
  std::array<bool, kMaxPlacedGlyphs> taken{};
  new_id[0] = 0;
  taken[0] = true;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const std::uint16_t old = subset.new_gids[i], to = wanted[i];
    if (old >= old_count || to >= kMaxPlacedGlyphs) return fail("identifiant de glyphe hors limites");
    if (new_id[old] == to) continue;
    if (new_id[old] >= 0 || taken[to]) return fail("deux glyphes au même identifiant");
    new_id[old] = to;
    taken[to] = true;
  }
  std::size_t next_free = 1;
  for (std::size_t old = 0; old < old_count; ++old) {
    if (new_id[old] >= 0) continue;
    while (next_free < kMaxPlacedGlyphs && taken[next_free]) ++next_free;
    if (next_free >= kMaxPlacedGlyphs) return fail("plus de 256 glyphes");
    new_id[old] = static_cast<int>(next_free);
    taken[next_free] = true;
  }
  std::size_t new_count = 0;
  std::vector<int> old_of(kMaxPlacedGlyphs, -1);
  for (std::size_t old = 0; old < old_count; ++old) {
    old_of[static_cast<std::size_t>(new_id[old])] = static_cast<int>(old);
    new_count = std::max(new_count, static_cast<std::size_t>(new_id[old]) + 1);
  }

  // glyf, loca and hmtx in the new order.
  const auto loca_at = [&](std::size_t g) -> std::size_t { return long_loca ? be32(old_loca, 4 * g) : 2 * be16(old_loca, 2 * g); };
  std::string glyf_t, hmtx_t;
  std::vector<std::size_t> offsets;
  for (std::size_t g = 0; g < new_count; ++g) {
    offsets.push_back(glyf_t.size());
    const int old = old_of[g];
    if (old < 0) {
      append_be(hmtx_t, 0, 4);  // an empty glyph, zero advance
      continue;
    }
    const auto o = static_cast<std::size_t>(old);
    const std::size_t start = loca_at(o), end = loca_at(o + 1);
    if (start > end || end > old_glyf.size()) return fail("table loca incohérente");
    std::string glyph(old_glyf.substr(start, end - start));
    if (glyph.size() >= 10 && (be16(glyph, 0) & 0x8000) && !renumber_components(glyph, new_id))
      return fail("glyphe composite illisible");
    glyf_t += glyph;
    if (glyf_t.size() % 2) glyf_t += '\0';
    const std::uint32_t advance = be16(old_hmtx, 4 * std::min(o, metrics - 1));
    const std::uint32_t lsb = o < metrics ? be16(old_hmtx, 4 * o + 2) : be16(old_hmtx, 4 * metrics + 2 * (o - metrics));
    append_be(hmtx_t, advance, 2);
    append_be(hmtx_t, lsb, 2);
  }
  offsets.push_back(glyf_t.size());
  const bool short_loca = glyf_t.size() <= 0x1FFFE;
  std::string loca_t;
  for (const std::size_t o : offsets) {
    if (short_loca) append_be(loca_t, static_cast<std::uint32_t>(o / 2), 2);
    else append_be(loca_t, static_cast<std::uint32_t>(o), 4);
  }
  tables[*glyf].data = std::move(glyf_t);
  tables[*loca].data = std::move(loca_t);
  tables[*hmtx].data = std::move(hmtx_t);
  store_be(maxp_t, 4, static_cast<std::uint32_t>(new_count), 2);
  store_be(hhea_t, 34, static_cast<std::uint32_t>(new_count), 2);
  store_be(head_t, 50, short_loca ? 0 : 1, 2);
  store_be(head_t, 8, 0, 4);  // checkSumAdjustment, set once the file is whole

  // The file: same header and table order, offsets and checksums anew.
  std::string out(font.substr(0, 12));
  std::size_t offset = 12 + 16 * tables.size();
  for (const Table& t : tables) {
    out += t.tag;
    append_be(out, checksum(t.data), 4);
    append_be(out, static_cast<std::uint32_t>(offset), 4);
    append_be(out, static_cast<std::uint32_t>(t.data.size()), 4);
    offset += (t.data.size() + 3) / 4 * 4;
  }
  std::size_t head_at = 0;
  for (const Table& t : tables) {
    if (t.tag == "head") head_at = out.size();
    out += t.data;
    out.append((4 - t.data.size() % 4) % 4, '\0');
  }
  store_be(out, head_at + 8, 0xB1B0AFBAu - checksum(out), 4);

  subset.bytes = std::move(out);
  subset.new_gids.assign(wanted.begin(), wanted.end());
  subset.glyph_count = static_cast<std::uint16_t>(new_count);
  return true;
}

}  // namespace bilan::fonts

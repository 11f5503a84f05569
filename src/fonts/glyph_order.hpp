// fonts/glyph_order — puts a subset's glyphs at the glyph ids the PDF writer
// chose. When a face's glyph for code c is glyph c of its subset, code, CID
// and glyph id are one number: every face of a document then shares one
// identity CMap (render/pdf), instead of a CMap of its own per face.
//
// hb-subset (HarfBuzz 6) numbers a subset's glyphs in the order of the full
// face and cannot be told otherwise; this rewrites the few tables that hold
// per-glyph data in a subset without hinting: glyf (and the glyph ids inside
// composite glyphs), loca, hmtx, with maxp, hhea and head to match. Unused
// ids become empty glyphs of zero width.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "fonts/font_set.hpp"

namespace bilan::fonts {

// Glyph ids one byte can reach.
inline constexpr std::size_t kMaxPlacedGlyphs = 256;

// `wanted[i]` is the glyph id for the glyph subset.new_gids[i] stands for;
// .notdef stays 0 and composite components take the lowest free ids. False,
// with `subset` untouched and a reason in `error`, when the font holds a table
// this does not know how to renumber, the ids collide, or more than 256 ids
// would be needed.
bool try_place_glyphs(Subset& subset, std::span<const std::uint16_t> wanted, std::string& error);

}  // namespace bilan::fonts

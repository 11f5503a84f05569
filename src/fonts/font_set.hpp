// fonts/font_set — the faces of the font manifest, parsed once per process
// with HarfBuzz and shared read-only by every thread (they live in the
// engine's Catalog). FontSet answers the composer's FontMetrics, shapes text
// (after bidi, one direction per run) and cuts the per-document subsets the
// PDF writer embeds: what is measured is what is drawn. The only place that
// sees HarfBuzz.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/environment.hpp"
#include "fonts/font_manifest.hpp"
#include "fonts/font_metrics.hpp"

namespace bilan::fonts {

// What a PDF font descriptor needs, in thousandths of an em.
struct FaceInfo {
  std::string postscript_name;  // e.g. LiberationSans-Bold
  std::string file;             // where it was read from
  std::string sha256;           // SHA-256 of its size, table directory and head table: part of the render fingerprint
  int units_per_em = 1000;
  int ascent = 0, descent = 0, cap_height = 0;
  std::array<int, 4> bbox{};    // xMin yMin xMax yMax
  double italic_angle = 0;
  bool italic = false;
  bool fixed_pitch = false;
  std::uint16_t glyph_count = 0;
};

// A subset of one face: exactly the glyphs a document draws (plus .notdef
// and the components of composite glyphs), renumbered from 0.
struct Subset {
  std::string bytes;                    // a TrueType file, no hinting, no cmap/name/post/layout tables
  std::vector<std::uint16_t> new_gids;  // new glyph id of each glyph given, same order
  std::uint16_t glyph_count = 0;        // glyphs in the subset
};

class FontSet final : public FontMetrics {
 public:
  // Reads and parses every face of the manifest; throws IoError naming the file.
  static std::unique_ptr<const FontSet> must_load(const Environment& env, const std::string& manifest_path);
  ~FontSet() override;
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  bool has_glyph(Face face, char32_t cp) const override;
  double advance(Face face, char32_t cp) const override;
  double ascent(Face face) const override;
  double descent(Face face) const override;
  void shape(Face face, std::string_view utf8, bool rtl, std::vector<ShapedGlyph>& out) const override;

  // Always through HarfBuzz, never the table of simple characters that shape()
  // uses for Latin text: tests check that both give the same glyphs.
  void shape_with_harfbuzz(Face face, std::string_view utf8, bool rtl, std::vector<ShapedGlyph>& out) const;

  // The nominal advance of `gid` (thousandths of an em, as written in /W).
  std::int32_t glyph_advance(Face face, std::uint16_t gid) const;
  const FaceInfo& info(Face face) const;
  // SHA-256 (hex) over the manifest roles and every face's digest.
  const std::string& fingerprint() const { return fingerprint_; }

  // Cuts a subset of `face` holding `gids`; false with a French reason when
  // HarfBuzz cannot.
  bool try_subset(Face face, std::span<const std::uint16_t> gids, Subset& out, std::string& error) const;

  struct Loaded;  // one parsed face (HarfBuzz objects), detail of the .cpp

 private:
  FontSet() = default;
  const Loaded& loaded(Face face) const;

  std::array<std::unique_ptr<Loaded>, kFaceCount> faces_;
  std::string fingerprint_;
};

}  // namespace bilan::fonts

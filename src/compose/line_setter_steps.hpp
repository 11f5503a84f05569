// compose/line_setter_steps — LineSetter::set() in its steps, each testable
// on its own (tests/unit/compose/line_setter_steps_test.cpp):
//   1. itemize: the spans joined, one Char per character with its face;
//   2. shape: bidi levels, runs of one span, face and level shaped at once,
//      each character's share of the advances;
//   3. break_opportunities: where lines may end (ICU, less hyphenated words);
//   4. fill_lines: greedy filling, words wider than a line cut between graphemes;
//   5. place_line: a line's fragments with their glyphs, in visual order, placed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "compose/line_setter.hpp"

namespace bilan::compose::detail {

inline constexpr char32_t kGapMark = 0xE000;  // private use: stands for a fill-in blank while breaking
inline constexpr std::uint32_t kNoRun = UINT32_MAX;

// One character of the paragraph.
struct Char {
  std::size_t offset;  // byte offset in the joined text
  std::size_t end;
  char32_t cp;         // U+FFFD when no font has it
  std::size_t span;
  Face face;
  double width;        // its share of the shaped advances, in points
  std::uint8_t level = 0;        // bidi embedding level
  std::uint32_t run = kNoRun;    // shaping run
  std::uint32_t run_offset = 0;  // byte offset of its text in the run
  bool invisible = false;        // takes no room and draws nothing (line ends, format characters)
};

// A stretch of one span, one face and one direction, shaped at once.
struct Run {
  std::string text;
  std::vector<ShapedGlyph> glyphs;
  bool rtl = false;
};

// A paragraph as the steps leave it.
struct Paragraph {
  std::string joined;          // the spans' texts, a gap as kGapMark
  std::vector<Char> chars;
  std::vector<Run> runs;       // after shape()
  bool hard_or_soft_hyphen = false;  // a character that ends a line or may end it with a hyphen
};

// A place where a line may end: the first character of the next line.
struct Opportunity {
  std::size_t glyph;
  bool mandatory;
};

// Characters [begin, end) of a paragraph set on one line.
struct LineRange {
  std::size_t begin, end;
};

bool is_space(char32_t cp);

// 1. The spans joined, each character with its face: the style's, else a
// fallback, else U+FFFD in the fallback (told to `on_missing`).
Paragraph itemize(const LineSetter& setter, const std::vector<Span>& spans,
                  const std::function<void(char32_t, std::size_t)>& on_missing);

// 2. Bidi levels and shaping runs; sets Char::width, level, run, run_offset.
void shape(const FontMetrics& metrics, const std::vector<Span>& spans, Paragraph& p);

// 3. Break opportunities, as character indices; the paragraph's end is one.
std::vector<Opportunity> break_opportunities(const Paragraph& p);

// Whether the paragraph is one line at `width` whatever its break
// opportunities (no hard break, no soft hyphen, its whole width fits).
bool fits_on_one_line(const Paragraph& p, double width);

// 4. Lines by greedy filling at the opportunities; a segment wider than a
// line is cut between graphemes.
std::vector<LineRange> fill_lines(const FontMetrics& metrics, const std::vector<Span>& spans, const Paragraph& p,
                                  const std::vector<Opportunity>& opportunities, double width);

// Buffers place_line() reuses from one line to the next.
struct LineScratch {
  std::vector<std::uint8_t> levels;                             // per fragment of a line
  std::vector<std::pair<std::uint32_t, std::uint32_t>> offsets;  // per fragment: run offset → fragment offset
};

// 5. The line of characters [r.begin, r.end), trailing spaces left out: its
// fragments (one per run), a hyphen after a soft hyphen it ends at, in
// visual order, each at its x.
SetLine place_line(const FontMetrics& metrics, const std::vector<Span>& spans, const Paragraph& p, LineRange r,
                   LineScratch& scratch);

}  // namespace bilan::compose::detail

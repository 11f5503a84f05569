#include "compose/line_setter.hpp"

#include "compose/line_setter_steps.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>

#include "core/utf8.hpp"
#include "text/bidi.hpp"
#include "text/line_break.hpp"
#include "text/unicode.hpp"

namespace bilan::compose {
namespace {

using detail::Char;
using detail::is_space;
using detail::kGapMark;
using detail::LineRange;
using detail::Opportunity;
using detail::Paragraph;
using detail::Run;

bool is_letter(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

// Characters that take no room and draw nothing: line ends and the format
// characters (Default_Ignorable: zero-width and directional marks, the soft
// hyphen where the line does not break). None is below U+00AD.
bool is_invisible(char32_t cp) { return cp == '\n' || cp == '\r' || (cp >= 0xAD && text::is_invisible(cp)); }

}  // namespace

Face primary_face(const TextStyle& style) {
  if (style.bold && style.italic) return Face::BoldItalic;
  if (style.bold) return Face::Bold;
  if (style.italic) return Face::Italic;
  return Face::Regular;
}

LineSetter::LineSetter(const FontMetrics& metrics, std::function<void(char32_t, std::size_t)> on_missing)
    : metrics_(metrics), on_missing_(std::move(on_missing)) {}

Face LineSetter::face_for(const TextStyle& style, char32_t cp) const {
  const Face primary = primary_face(style);
  if (metrics_.has_glyph(primary, cp)) return primary;
  const Face fallback = style.bold ? Face::FallbackBold : Face::FallbackRegular;
  if (metrics_.has_glyph(fallback, cp)) return fallback;
  return Face::None;
}

double LineSetter::measure(std::string_view s, const TextStyle& style) const {
  // As set() draws it, without reporting missing characters (set() does).
  std::int64_t thousandths = 0;
  std::string run;
  Face run_face = Face::None;
  const auto flush = [&] {
    if (run.empty()) return;
    bool rtl = false;
    for (const auto& g : shape_line(run, run_face, rtl)) thousandths += g.advance;
    run.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = utf8::next(s, i);
    if (is_invisible(cp)) continue;
    Face f = face_for(style, cp);
    if (f == Face::None) {
      cp = utf8::kReplacement;
      f = style.bold ? Face::FallbackBold : Face::FallbackRegular;
    }
    if (f != run_face) flush();
    run_face = f;
    utf8::append(run, cp);
  }
  flush();
  return static_cast<double>(thousandths) * style.size / 1000.0;
}

std::vector<ShapedGlyph> LineSetter::shape_line(std::string_view text, Face face, bool& rtl) const {
  std::vector<ShapedGlyph> out;
  rtl = false;
  if (!text::has_rtl(text)) {
    metrics_.shape(face, text, false, out);
    return out;
  }
  const auto runs = text::bidi_runs(text);
  std::vector<std::uint8_t> levels;
  for (const auto& r : runs) levels.push_back(r.level);
  for (const std::size_t k : text::visual_order(levels)) {
    const auto& r = runs[k];
    const std::size_t first = out.size();
    metrics_.shape(face, text.substr(r.begin, r.end - r.begin), r.level % 2 == 1, out);
    for (std::size_t g = first; g < out.size(); ++g) out[g].cluster += static_cast<std::uint32_t>(r.begin);
  }
  rtl = runs.size() == 1 && runs[0].level % 2 == 1;
  return out;
}

std::vector<SetLine> LineSetter::set(const std::vector<Span>& spans, double width) const {
  Paragraph p = detail::itemize(*this, spans, on_missing_);
  std::vector<SetLine> lines;
  if (p.chars.empty()) return lines;
  detail::shape(metrics_, spans, p);
  detail::LineScratch scratch;
  // A paragraph that fits is one line: ICU is not asked where it may break.
  if (detail::fits_on_one_line(p, width)) {
    lines.push_back(detail::place_line(metrics_, spans, p, {0, p.chars.size()}, scratch));
    return lines;
  }
  const auto ranges = detail::fill_lines(metrics_, spans, p, detail::break_opportunities(p), width);
  lines.reserve(ranges.size());
  for (const LineRange r : ranges) lines.push_back(detail::place_line(metrics_, spans, p, r, scratch));
  return lines;
}

namespace detail {

bool is_space(char32_t cp) { return cp == ' ' || cp == '\n' || cp == '\r'; }

// ---- 1. itemize ---------------------------------------------------------------

Paragraph itemize(const LineSetter& setter, const std::vector<Span>& spans,
                  const std::function<void(char32_t, std::size_t)>& on_missing) {
  Paragraph p;
  std::string& joined = p.joined;
  std::vector<Char>& chars = p.chars;
  // Faces of the ASCII characters in one style, asked of the fonts once per
  // paragraph (face_for() depends on the style's bold and italic only).
  std::array<Face, 128> ascii_faces{};
  std::bitset<128> ascii_known;
  bool ascii_bold = false, ascii_italic = false;
  {
    std::size_t bytes = 0;  // at least one per character: room for all of them at once
    for (const Span& span : spans) bytes += span.gap_width > 0 ? 3 : span.text.size();
    joined.reserve(bytes);
    chars.reserve(bytes);
  }
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const Span& span = spans[s];
    if (span.gap_width > 0) {
      const std::size_t at = joined.size();
      utf8::append(joined, kGapMark);
      chars.push_back({at, joined.size(), kGapMark, s, Face::Regular, span.gap_width});
      continue;
    }
    const std::size_t base = joined.size();
    joined += span.text;
    const Face primary = primary_face(span.style);
    if (!ascii_known.none() && (span.style.bold != ascii_bold || span.style.italic != ascii_italic)) ascii_known.reset();
    ascii_bold = span.style.bold;
    ascii_italic = span.style.italic;
    for (std::size_t i = 0; i < span.text.size();) {
      const std::size_t start = i;
      char32_t cp = utf8::next(span.text, i);
      // Line breaks (UAX #14 classes BK, CR, LF, NL: ICU's hard breaks) and the soft hyphen.
      if (cp < 0x20 ? cp >= '\n' && cp <= '\r' : cp == 0x85 || cp == 0xAD || cp == 0x2028 || cp == 0x2029)
        p.hard_or_soft_hyphen = true;
      Face face = primary;
      const bool invisible = is_invisible(cp);
      if (!invisible) {
        if (cp < 0x80) {
          if (!ascii_known[cp]) {
            ascii_faces[cp] = setter.face_for(span.style, cp);
            ascii_known.set(cp);
          }
          face = ascii_faces[cp];
        } else {
          face = setter.face_for(span.style, cp);
        }
        if (face == Face::None) {
          if (on_missing) on_missing(cp, s);
          cp = utf8::kReplacement;
          face = span.style.bold ? Face::FallbackBold : Face::FallbackRegular;
        }
      }
      chars.push_back({base + start, base + i, cp, s, face, 0});
      chars.back().invisible = invisible;
    }
  }
  return p;
}

// ---- 2. shape -------------------------------------------------------------------

namespace {

// Each shaped glyph's advance credited to the character of its cluster:
// characters [i, j) of `p` form `run`.
void credit_advances(Paragraph& p, const Run& run, std::size_t i, std::size_t j, double scale) {
  std::vector<Char>& chars = p.chars;
  // Characters in run order have increasing offsets: find each cluster's
  // character (walking along for left-to-right runs, whose clusters rise).
  const auto end = chars.begin() + static_cast<std::ptrdiff_t>(j);
  auto walk = chars.begin() + static_cast<std::ptrdiff_t>(i);
  for (const auto& sg : run.glyphs) {
    auto it = walk;
    if (run.rtl)
      it = std::lower_bound(chars.begin() + static_cast<std::ptrdiff_t>(i), end, sg.cluster,
                            [](const Char& g, std::uint32_t c) { return g.run_offset < c; });
    else
      while (it != end && it->run_offset < sg.cluster) ++it;
    if (!run.rtl) walk = it;
    // Invisible characters share their offset with the next one: credit the visible one.
    auto target = it;
    while (target + 1 < end && target->invisible && (target + 1)->run_offset == sg.cluster) ++target;
    if (target != end) target->width += sg.advance * scale;
  }
}

}  // namespace

void shape(const FontMetrics& metrics, const std::vector<Span>& spans, Paragraph& p) {
  std::vector<Char>& chars = p.chars;
  if (text::has_rtl(p.joined)) {
    std::size_t g = 0;
    for (const auto& r : text::bidi_runs(p.joined))
      for (; g < chars.size() && chars[g].offset < r.end; ++g) chars[g].level = r.level;
  }
  for (std::size_t i = 0; i < chars.size();) {
    if (chars[i].cp == kGapMark) {
      ++i;
      continue;
    }
    std::size_t j = i;
    Run run;
    run.rtl = chars[i].level % 2 == 1;
    const auto run_index = static_cast<std::uint32_t>(p.runs.size());
    for (; j < chars.size() && chars[j].cp != kGapMark && chars[j].span == chars[i].span && chars[j].face == chars[i].face &&
           chars[j].level == chars[i].level;
         ++j) {
      chars[j].run = run_index;
      chars[j].run_offset = static_cast<std::uint32_t>(run.text.size());
      if (!chars[j].invisible) utf8::append(run.text, chars[j].cp);
    }
    run.glyphs.reserve(run.text.size());  // at most one glyph per byte in the simple case
    metrics.shape(chars[i].face, run.text, run.rtl, run.glyphs);
    credit_advances(p, run, i, j, spans[chars[i].span].style.size / 1000.0);
    p.runs.push_back(std::move(run));
    i = j;
  }
}

// ---- 3. break opportunities ---------------------------------------------------

std::vector<Opportunity> break_opportunities(const Paragraph& p) {
  const std::vector<Char>& chars = p.chars;
  std::vector<Opportunity> opps;
  std::size_t g = 0;
  for (const auto& b : text::line_breaks(p.joined)) {
    while (g < chars.size() && chars[g].offset < b.offset) ++g;
    // No break inside hyphenated words (« rendez-vous », « Saint-Aubin-de-Lède »):
    // French usage avoids it, and text extraction would glue the halves back
    // without their hyphen. Words too long for a line are still cut below.
    if (!b.mandatory && g > 0 && g < chars.size() && chars[g - 1].cp == '-' && is_letter(chars[g].cp)) continue;
    opps.push_back({g, b.mandatory});
  }
  if (opps.empty() || opps.back().glyph != chars.size()) opps.push_back({chars.size(), true});
  return opps;
}

// No shorter stretch is wider than the whole when no width is negative: the
// greedy filling would accept every opportunity and make one line.
bool fits_on_one_line(const Paragraph& p, double width) {
  if (p.hard_or_soft_hyphen) return false;
  double w = 0;
  bool negative = false;
  std::size_t b = p.chars.size();
  while (b > 0 && is_space(p.chars[b - 1].cp)) --b;
  for (std::size_t i = 0; i < b; ++i) {
    w += p.chars[i].width;
    negative = negative || p.chars[i].width < 0;
  }
  return !negative && w <= width + 1e-6;
}

// ---- 4. fill ----------------------------------------------------------------------

namespace {

// A line broken after a soft hyphen ends with a visible hyphen, of this width.
double hyphen_width(const FontMetrics& metrics, const std::vector<Span>& spans, const Paragraph& p, std::size_t a,
                    std::size_t b) {
  if (b <= a || b >= p.chars.size() || p.chars[b - 1].cp != 0x00AD) return 0.0;
  const TextStyle& style = spans[p.chars[b - 1].span].style;
  return metrics.advance(primary_face(style), '-') * style.size / 1000.0;
}

// Width of characters [a, b) without the trailing spaces. The filling asks
// for ever longer stretches from one line start: the sum of the last one is
// carried on, adding the same widths in the same order as summing afresh
// (so the same double), unless a hyphen's width comes first.
class VisibleWidth {
 public:
  VisibleWidth(const FontMetrics& metrics, const std::vector<Span>& spans, const Paragraph& p)
      : metrics_(metrics), spans_(spans), p_(p) {}

  double operator()(std::size_t a, std::size_t b) {
    const std::vector<Char>& chars = p_.chars;
    while (b > a && is_space(chars[b - 1].cp)) --b;
    double w = hyphen_width(metrics_, spans_, p_, a, b);
    if (w != 0) {
      for (std::size_t i = a; i < b; ++i) w += chars[i].width;
      return w;
    }
    if (a != from_ || b < to_) {
      from_ = a;
      to_ = a;
      sum_ = 0;
    }
    for (; to_ < b; ++to_) sum_ += chars[to_].width;
    return sum_;
  }

 private:
  const FontMetrics& metrics_;
  const std::vector<Span>& spans_;
  const Paragraph& p_;
  std::size_t from_ = SIZE_MAX, to_ = 0;
  double sum_ = 0;
};

// Cuts the segment [line_start, end), wider than a line, between graphemes:
// the full lines go to `out`; returns where the rest, still open, starts.
std::size_t cut_segment(const Paragraph& p, std::size_t line_start, std::size_t end, double width, std::vector<LineRange>& out) {
  const std::vector<Char>& chars = p.chars;
  const std::size_t segment_start = chars[line_start].offset;
  const auto clusters =
      text::grapheme_boundaries(std::string_view(p.joined).substr(segment_start, chars[end - 1].end - segment_start));
  std::size_t g = line_start;
  double acc = 0;
  std::size_t cut = line_start;
  for (std::size_t c = 1; c < clusters.size(); ++c) {
    const std::size_t cluster_end = segment_start + clusters[c];
    double cw = 0;
    std::size_t gg = g;
    while (gg < end && chars[gg].offset < cluster_end) cw += chars[gg++].width;
    if (acc + cw > width && cut > line_start) {
      out.push_back({line_start, cut});
      line_start = cut;
      acc = 0;
    }
    acc += cw;
    g = gg;
    cut = gg;
  }
  return line_start;
}

}  // namespace

std::vector<LineRange> fill_lines(const FontMetrics& metrics, const std::vector<Span>& spans, const Paragraph& p,
                                  const std::vector<Opportunity>& opps, double width) {
  std::vector<LineRange> out;
  VisibleWidth visible_width(metrics, spans, p);
  std::size_t line_start = 0, last_fit = 0;
  bool have_fit = false;
  std::size_t prev = 0;
  // The line may run up to `end`; a hard break there closes it.
  const auto accept = [&](std::size_t end, bool mandatory) {
    last_fit = end;
    have_fit = true;
    if (mandatory) {
      out.push_back({line_start, end});
      line_start = end;
      have_fit = false;
    }
    prev = end;
  };
  for (std::size_t k = 0; k < opps.size(); ++k) {
    const std::size_t end = opps[k].glyph;
    if (end == prev && !opps[k].mandatory) continue;
    if (visible_width(line_start, end) <= width + 1e-6) {
      accept(end, opps[k].mandatory);
      continue;
    }
    if (have_fit && last_fit > line_start) {
      out.push_back({line_start, last_fit});
      line_start = last_fit;
      have_fit = false;
      --k;  // retry this opportunity on the new line
      continue;
    }
    // A single segment wider than the line; the rest of it stays open on the current line.
    line_start = cut_segment(p, line_start, end, width, out);
    accept(end, opps[k].mandatory);
  }
  if (line_start < p.chars.size()) out.push_back({line_start, p.chars.size()});
  return out;
}

// ---- 5. place -------------------------------------------------------------------

namespace {

// Characters [i, j) of one left-to-right run, every one drawn (nearly every
// fragment): its text is the run's, from the first character's offset [lo,
// hi), and the walk below is a walk over the characters' starts.
void simple_fragment(const Paragraph& p, const Run& run, std::size_t i, std::size_t j, Fragment& f) {
  const std::vector<Char>& chars = p.chars;
  for (std::size_t k = i; k < j; ++k) f.width += chars[k].width;
  const std::uint32_t lo = chars[i].run_offset;
  const std::uint32_t hi = j < chars.size() && chars[j].run == chars[i].run ? chars[j].run_offset
                                                                           : static_cast<std::uint32_t>(run.text.size());
  const std::uint32_t last = chars[j - 1].run_offset;  // start of the last character
  f.text.assign(run.text, lo, hi - lo);
  auto first = std::lower_bound(run.glyphs.begin(), run.glyphs.end(), lo,
                                [](const ShapedGlyph& g, std::uint32_t c) { return g.cluster < c; });
  std::uint32_t at = lo;  // a character start
  for (auto g = first; g != run.glyphs.end() && g->cluster >= lo && g->cluster < hi; ++g) {
    ShapedGlyph sg = *g;
    while (at < last && at < sg.cluster) {
      ++at;
      while ((static_cast<unsigned char>(run.text[at]) & 0xC0) == 0x80) ++at;  // to the next start
    }
    sg.cluster = at - lo;
    f.glyphs.push_back(sg);
  }
}

// Characters [i, j) of one run, right-to-left or with invisible characters
// (left out of the text): false when none is drawn.
bool general_fragment(const Paragraph& p, const Run& run, std::size_t i, std::size_t j,
                      std::vector<std::pair<std::uint32_t, std::uint32_t>>& offsets, Fragment& f) {
  const std::vector<Char>& chars = p.chars;
  f.text.reserve(chars[j - 1].end - chars[i].offset);
  offsets.clear();
  for (std::size_t k = i; k < j; ++k) {
    const Char& g = chars[k];
    f.width += g.width;
    if (g.invisible) continue;
    offsets.emplace_back(g.run_offset, static_cast<std::uint32_t>(f.text.size()));
    utf8::append(f.text, g.cp);
  }
  if (offsets.empty()) return false;
  const std::uint32_t lo = offsets.front().first;
  const std::uint32_t hi = j < chars.size() && chars[j].run == chars[i].run ? chars[j].run_offset
                                                                           : static_cast<std::uint32_t>(run.text.size());
  // Left-to-right glyphs come in cluster order: start at the first of
  // the fragment and walk both sequences together. Right-to-left runs
  // (rare) are searched whole.
  auto first = run.glyphs.begin();
  if (!run.rtl)
    first = std::lower_bound(run.glyphs.begin(), run.glyphs.end(), lo,
                             [](const ShapedGlyph& g, std::uint32_t c) { return g.cluster < c; });
  std::size_t at = 0;  // in offsets, for the monotonic walk
  for (auto g = first; g != run.glyphs.end(); ++g) {
    ShapedGlyph sg = *g;
    if (sg.cluster < lo || sg.cluster >= hi) {
      if (!run.rtl) break;
      continue;
    }
    if (run.rtl) {
      const auto it = std::lower_bound(offsets.begin(), offsets.end(), sg.cluster,
                                       [](const auto& o, std::uint32_t c) { return o.first < c; });
      sg.cluster = it == offsets.end() ? offsets.back().second : it->second;
    } else {
      while (at + 1 < offsets.size() && offsets[at].first < sg.cluster) ++at;
      sg.cluster = offsets[at].second;
    }
    f.glyphs.push_back(sg);
  }
  return true;
}

// Visual order (mixed directions), then positions from the left.
void order_and_place(SetLine& line, const std::vector<std::uint8_t>& levels) {
  if (std::any_of(levels.begin(), levels.end(), [](std::uint8_t l) { return l > 0; })) {
    std::vector<Fragment> ordered;
    for (const std::size_t k : text::visual_order(levels)) ordered.push_back(std::move(line.fragments[k]));
    line.fragments = std::move(ordered);
  }
  double x = 0;
  for (auto& f : line.fragments) {
    f.x = x;
    x += f.width;
  }
  line.width = x;
}

}  // namespace

SetLine place_line(const FontMetrics& metrics, const std::vector<Span>& spans, const Paragraph& p, LineRange r,
                   LineScratch& scratch) {
  const std::vector<Char>& chars = p.chars;
  const std::size_t a = r.begin;
  std::size_t b = r.end;
  while (b > a && is_space(chars[b - 1].cp)) --b;
  SetLine line;
  std::vector<std::uint8_t>& levels = scratch.levels;
  levels.clear();
  for (std::size_t i = a; i < b;) {
    const Char& g0 = chars[i];
    const Span& span = spans[g0.span];
    line.size = std::max(line.size, span.style.size);
    Fragment f;
    f.size = span.style.size;
    f.color = span.style.color;
    if (g0.cp == kGapMark) {
      f.width = g0.width;
      f.gap = true;
      line.fragments.push_back(std::move(f));
      levels.push_back(g0.level);
      ++i;
      continue;
    }
    f.face = g0.face;
    const Run& run = p.runs[g0.run];
    f.rtl = run.rtl;
    std::size_t j = i;
    bool invisible = false;
    for (; j < b && chars[j].run == g0.run; ++j) invisible = invisible || chars[j].invisible;
    f.glyphs.reserve(j - i);
    const bool drawn = !invisible && !run.rtl ? (simple_fragment(p, run, i, j, f), true)
                                              : general_fragment(p, run, i, j, scratch.offsets, f);
    if (drawn) {
      line.fragments.push_back(std::move(f));
      levels.push_back(g0.level);
    }
    i = j;
  }
  if (const double hw = hyphen_width(metrics, spans, p, a, b); hw > 0) {
    const Span& span = spans[chars[b - 1].span];
    Fragment f;
    f.width = hw;
    f.face = primary_face(span.style);
    f.size = span.style.size;
    f.color = span.style.color;
    f.text = "-";
    metrics.shape(f.face, f.text, false, f.glyphs);
    line.fragments.push_back(std::move(f));
    levels.push_back(chars[b - 1].level);
  }
  order_and_place(line, levels);
  if (line.fragments.empty() && !spans.empty()) line.size = spans.front().style.size;
  return line;
}

}  // namespace detail

}  // namespace bilan::compose

#include "compose/line_setter.hpp"

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

constexpr char32_t kGapMark = 0xE000;  // private use: stands for a fill-in blank while breaking
constexpr std::uint32_t kNoRun = UINT32_MAX;

// One character of the paragraph.
struct Glyph {
  std::size_t offset;  // byte offset in the joined text
  std::size_t end;
  char32_t cp;         // U+FFFD when no font has it
  std::size_t span;
  Face face;
  double width;        // its share of the shaped advances, in points
  std::uint8_t level = 0;        // bidi embedding level
  std::uint32_t run = kNoRun;    // shaping run
  std::uint32_t run_offset = 0;  // byte offset of its text in the run
  bool invisible = false;        // is_invisible(cp), asked once
};

// A stretch of one span, one face and one direction, shaped at once.
struct Run {
  std::string text;
  std::vector<ShapedGlyph> glyphs;
  bool rtl = false;
};

bool is_space(char32_t cp) { return cp == ' ' || cp == '\n' || cp == '\r'; }

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
  // 1. Join the spans, remembering which glyph belongs to which span.
  std::string joined;
  std::vector<Glyph> glyphs;
  bool hard_or_soft_hyphen = false;  // a character that ends a line or may end it with a hyphen
  // Faces of the ASCII characters in one style, asked of the fonts once per
  // paragraph (face_for() depends on the style's bold and italic only).
  std::array<Face, 128> ascii_faces{};
  std::bitset<128> ascii_known;
  bool ascii_bold = false, ascii_italic = false;
  {
    std::size_t bytes = 0;  // at least one per character: room for all of them at once
    for (const Span& span : spans) bytes += span.gap_width > 0 ? 3 : span.text.size();
    joined.reserve(bytes);
    glyphs.reserve(bytes);
  }
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const Span& span = spans[s];
    if (span.gap_width > 0) {
      const std::size_t at = joined.size();
      utf8::append(joined, kGapMark);
      glyphs.push_back({at, joined.size(), kGapMark, s, Face::Regular, span.gap_width});
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
        hard_or_soft_hyphen = true;
      Face face = primary;
      const bool invisible = is_invisible(cp);
      if (!invisible) {
        if (cp < 0x80) {
          if (!ascii_known[cp]) {
            ascii_faces[cp] = face_for(span.style, cp);
            ascii_known.set(cp);
          }
          face = ascii_faces[cp];
        } else {
          face = face_for(span.style, cp);
        }
        if (face == Face::None) {
          if (on_missing_) on_missing_(cp, s);
          cp = utf8::kReplacement;
          face = span.style.bold ? Face::FallbackBold : Face::FallbackRegular;
        }
      }
      glyphs.push_back({base + start, base + i, cp, s, face, 0});
      glyphs.back().invisible = invisible;
    }
  }
  std::vector<SetLine> lines;
  if (glyphs.empty()) return lines;

  // 2. Bidi levels, then shaping runs (one span, one face, one level), shaped
  //    once; each character gets its share of the advances.
  if (text::has_rtl(joined)) {
    std::size_t g = 0;
    for (const auto& r : text::bidi_runs(joined))
      for (; g < glyphs.size() && glyphs[g].offset < r.end; ++g) glyphs[g].level = r.level;
  }
  std::vector<Run> runs;
  for (std::size_t i = 0; i < glyphs.size();) {
    if (glyphs[i].cp == kGapMark) {
      ++i;
      continue;
    }
    std::size_t j = i;
    Run run;
    run.rtl = glyphs[i].level % 2 == 1;
    const auto run_index = static_cast<std::uint32_t>(runs.size());
    for (; j < glyphs.size() && glyphs[j].cp != kGapMark && glyphs[j].span == glyphs[i].span &&
           glyphs[j].face == glyphs[i].face && glyphs[j].level == glyphs[i].level;
         ++j) {
      glyphs[j].run = run_index;
      glyphs[j].run_offset = static_cast<std::uint32_t>(run.text.size());
      if (!glyphs[j].invisible) utf8::append(run.text, glyphs[j].cp);
    }
    run.glyphs.reserve(run.text.size());  // at most one glyph per byte in the simple case
    metrics_.shape(glyphs[i].face, run.text, run.rtl, run.glyphs);
    const double scale = spans[glyphs[i].span].style.size / 1000.0;
    // Characters in run order have increasing offsets: find each cluster's
    // character (walking along for left-to-right runs, whose clusters rise).
    const auto end = glyphs.begin() + static_cast<std::ptrdiff_t>(j);
    auto walk = glyphs.begin() + static_cast<std::ptrdiff_t>(i);
    for (const auto& sg : run.glyphs) {
      auto it = walk;
      if (run.rtl)
        it = std::lower_bound(glyphs.begin() + static_cast<std::ptrdiff_t>(i), end, sg.cluster,
                              [](const Glyph& g, std::uint32_t c) { return g.run_offset < c; });
      else
        while (it != end && it->run_offset < sg.cluster) ++it;
      if (!run.rtl) walk = it;
      // Invisible characters share their offset with the next one: credit the visible one.
      auto target = it;
      while (target + 1 < end && target->invisible && (target + 1)->run_offset == sg.cluster) ++target;
      if (target != end) target->width += sg.advance * scale;
    }
    runs.push_back(std::move(run));
    i = j;
  }

  // A line broken after a soft hyphen ends with a visible hyphen, of this width.
  const auto hyphen_width = [&](std::size_t a, std::size_t b) {
    if (b <= a || b >= glyphs.size() || glyphs[b - 1].cp != 0x00AD) return 0.0;
    const TextStyle& style = spans[glyphs[b - 1].span].style;
    return metrics_.advance(primary_face(style), '-') * style.size / 1000.0;
  };

  // Width of glyphs [a, b) without the trailing spaces. The filling below asks
  // for ever longer stretches from one line start: the sum of the last one is
  // carried on, adding the same widths in the same order as summing afresh
  // (so the same double), unless a hyphen's width comes first.
  std::size_t sum_from = SIZE_MAX, sum_to = 0;
  double sum = 0;
  const auto visible_width = [&](std::size_t a, std::size_t b) {
    while (b > a && is_space(glyphs[b - 1].cp)) --b;
    double w = hyphen_width(a, b);
    if (w != 0) {
      for (std::size_t i = a; i < b; ++i) w += glyphs[i].width;
      return w;
    }
    if (a != sum_from || b < sum_to) {
      sum_from = a;
      sum_to = a;
      sum = 0;
    }
    for (; sum_to < b; ++sum_to) sum += glyphs[sum_to].width;
    return sum;
  };

  std::vector<std::uint8_t> levels;                             // per fragment of a line
  std::vector<std::pair<std::uint32_t, std::uint32_t>> offsets;  // per fragment: run offset → fragment offset
  const auto emit = [&](std::size_t a, std::size_t b) {
    while (b > a && is_space(glyphs[b - 1].cp)) --b;
    SetLine line;
    levels.clear();
    for (std::size_t i = a; i < b;) {
      const Glyph& g0 = glyphs[i];
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
      const Run& run = runs[g0.run];
      f.rtl = run.rtl;
      std::size_t j = i;
      bool invisible = false;
      for (; j < b && glyphs[j].run == g0.run; ++j) invisible = invisible || glyphs[j].invisible;
      f.glyphs.reserve(j - i);
      if (!invisible && !run.rtl) {
        // Every character drawn, left to right (nearly every fragment): its
        // text is the run's, from the first character's offset [lo, hi), and
        // the walk below over `offsets` is a walk over the characters' starts.
        for (std::size_t k = i; k < j; ++k) f.width += glyphs[k].width;
        const std::uint32_t lo = g0.run_offset;
        const std::uint32_t hi = j < glyphs.size() && glyphs[j].run == g0.run ? glyphs[j].run_offset
                                                                              : static_cast<std::uint32_t>(run.text.size());
        const std::uint32_t last = glyphs[j - 1].run_offset;  // start of the last character
        f.text.assign(run.text, lo, hi - lo);
        auto first = std::lower_bound(run.glyphs.begin(), run.glyphs.end(), lo,
                                      [](const ShapedGlyph& g, std::uint32_t c) { return g.cluster < c; });
        std::uint32_t at = lo;  // a character start, as offsets[at].first below
        for (auto g = first; g != run.glyphs.end() && g->cluster >= lo && g->cluster < hi; ++g) {
          ShapedGlyph sg = *g;
          while (at < last && at < sg.cluster) {
            ++at;
            while ((static_cast<unsigned char>(run.text[at]) & 0xC0) == 0x80) ++at;  // to the next start
          }
          sg.cluster = at - lo;
          f.glyphs.push_back(sg);
        }
        line.fragments.push_back(std::move(f));
        levels.push_back(g0.level);
        i = j;
        continue;
      }
      f.text.reserve(glyphs[j - 1].end - g0.offset);
      offsets.clear();
      for (j = i; j < b && glyphs[j].run == g0.run; ++j) {
        const Glyph& g = glyphs[j];
        f.width += g.width;
        if (g.invisible) continue;
        offsets.emplace_back(g.run_offset, static_cast<std::uint32_t>(f.text.size()));
        utf8::append(f.text, g.cp);
      }
      if (!offsets.empty()) {
        const std::uint32_t lo = offsets.front().first;
        const std::uint32_t hi = j < glyphs.size() && glyphs[j].run == g0.run ? glyphs[j].run_offset
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
                                             [](const auto& p, std::uint32_t c) { return p.first < c; });
            sg.cluster = it == offsets.end() ? offsets.back().second : it->second;
          } else {
            while (at + 1 < offsets.size() && offsets[at].first < sg.cluster) ++at;
            sg.cluster = offsets[at].second;
          }
          f.glyphs.push_back(sg);
        }
        line.fragments.push_back(std::move(f));
        levels.push_back(g0.level);
      }
      i = j;
    }
    if (const double hw = hyphen_width(a, b); hw > 0) {
      const Span& span = spans[glyphs[b - 1].span];
      Fragment f;
      f.width = hw;
      f.face = primary_face(span.style);
      f.size = span.style.size;
      f.color = span.style.color;
      f.text = "-";
      metrics_.shape(f.face, f.text, false, f.glyphs);
      line.fragments.push_back(std::move(f));
      levels.push_back(glyphs[b - 1].level);
    }
    // Visual order (mixed directions), then positions from the left.
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
    if (line.fragments.empty() && !spans.empty()) line.size = spans.front().style.size;
    lines.push_back(std::move(line));
  };

  // A paragraph with no hard break and no soft hyphen whose whole width fits
  // is one line whatever its break opportunities: every one of them fits
  // (widths are not negative, so no shorter stretch is wider), the greedy
  // filling below would accept them all and emit [0, end). ICU is not asked.
  if (!hard_or_soft_hyphen) {
    double w = 0;
    bool negative = false;
    std::size_t b = glyphs.size();
    while (b > 0 && is_space(glyphs[b - 1].cp)) --b;
    for (std::size_t i = 0; i < b; ++i) {
      w += glyphs[i].width;
      negative = negative || glyphs[i].width < 0;
    }
    if (!negative && w <= width + 1e-6) {
      emit(0, glyphs.size());
      return lines;
    }
  }

  // 3. Break opportunities, as glyph indices.
  const auto breaks = text::line_breaks(joined);
  struct Opportunity {
    std::size_t glyph;  // first glyph of the next line
    bool mandatory;
  };
  std::vector<Opportunity> opps;
  {
    std::size_t g = 0;
    for (const auto& b : breaks) {
      while (g < glyphs.size() && glyphs[g].offset < b.offset) ++g;
      // No break inside hyphenated words (« rendez-vous », « Saint-Aubin-de-Lède »):
      // French usage avoids it, and text extraction would glue the halves back
      // without their hyphen. Words too long for a line are still cut below.
      if (!b.mandatory && g > 0 && g < glyphs.size() && glyphs[g - 1].cp == '-' && is_letter(glyphs[g].cp)) continue;
      opps.push_back({g, b.mandatory});
    }
    if (opps.empty() || opps.back().glyph != glyphs.size()) opps.push_back({glyphs.size(), true});
  }

  // 4. Greedy filling; words wider than a line are cut between graphemes.
  std::size_t line_start = 0, last_fit = 0;
  bool have_fit = false;
  std::size_t prev = 0;
  // The line may run up to `end`; a hard break there closes it.
  const auto accept = [&](std::size_t end, bool mandatory) {
    last_fit = end;
    have_fit = true;
    if (mandatory) {
      emit(line_start, end);
      line_start = end;
      have_fit = false;
    }
    prev = end;
  };
  for (std::size_t k = 0; k < opps.size(); ++k) {
    const std::size_t end = opps[k].glyph;
    if (end == prev && !opps[k].mandatory) continue;
    const double w = visible_width(line_start, end);
    if (w <= width + 1e-6) {
      accept(end, opps[k].mandatory);
      continue;
    }
    if (have_fit && last_fit > line_start) {
      emit(line_start, last_fit);
      line_start = last_fit;
      have_fit = false;
      --k;  // retry this opportunity on the new line
      continue;
    }
    // A single segment wider than the line: cut it between graphemes.
    const std::size_t segment_start = glyphs[line_start].offset;
    const auto clusters = text::grapheme_boundaries(
        std::string_view(joined).substr(segment_start, glyphs[end - 1].end - segment_start));
    std::size_t g = line_start;
    double acc = 0;
    std::size_t cut = line_start;
    for (std::size_t c = 1; c < clusters.size(); ++c) {
      const std::size_t cluster_end = segment_start + clusters[c];
      double cw = 0;
      std::size_t gg = g;
      while (gg < end && glyphs[gg].offset < cluster_end) cw += glyphs[gg++].width;
      if (acc + cw > width && cut > line_start) {
        emit(line_start, cut);
        line_start = cut;
        acc = 0;
      }
      acc += cw;
      g = gg;
      cut = gg;
    }
    // The rest of the segment stays open on the current line.
    accept(end, opps[k].mandatory);
  }
  if (line_start < glyphs.size()) emit(line_start, glyphs.size());
  return lines;
}

}  // namespace bilan::compose

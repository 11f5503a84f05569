#include "compose/line_setter.hpp"

#include "core/utf8.hpp"
#include "text/line_break.hpp"
#include "text/unicode.hpp"

namespace bilan::compose {
namespace {

constexpr char32_t kGapMark = 0xE000;  // private use: stands for a fill-in blank while breaking

struct Glyph {
  std::size_t offset;  // byte offset in the joined text
  std::size_t end;
  char32_t cp;
  std::size_t span;
  Face face;
  double width;
};

bool is_space(char32_t cp) { return cp == ' ' || cp == '\n' || cp == '\r'; }

bool is_letter(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

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
  double w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = utf8::next(s, i);
    if (text::is_invisible(cp)) continue;
    Face f = face_for(style, cp);
    if (f == Face::None) f = style.bold ? Face::FallbackBold : Face::FallbackRegular;
    w += metrics_.advance(f, f == Face::None ? utf8::kReplacement : cp) * style.size / 1000.0;
  }
  return w;
}

std::vector<SetLine> LineSetter::set(const std::vector<Span>& spans, double width) const {
  // 1. Join the spans, remembering which glyph belongs to which span.
  std::string joined;
  std::vector<Glyph> glyphs;
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
    for (std::size_t i = 0; i < span.text.size();) {
      const std::size_t start = i;
      char32_t cp = utf8::next(span.text, i);
      double w = 0;
      Face face = Face::Regular;
      if (cp == '\n' || cp == '\r' || text::is_invisible(cp)) {
        face = primary_face(span.style);  // not drawn (a soft hyphen only where the line breaks)
      } else {
        face = face_for(span.style, cp);
        if (face == Face::None) {
          if (on_missing_) on_missing_(cp, s);
          cp = utf8::kReplacement;
          face = span.style.bold ? Face::FallbackBold : Face::FallbackRegular;
        }
        w = metrics_.advance(face, cp) * span.style.size / 1000.0;
      }
      glyphs.push_back({base + start, base + i, cp, s, face, w});
    }
  }
  std::vector<SetLine> lines;
  if (glyphs.empty()) return lines;

  // 2. Break opportunities, as glyph indices.
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

  // A line broken after a soft hyphen ends with a visible hyphen, of this width.
  const auto hyphen_width = [&](std::size_t a, std::size_t b) {
    if (b <= a || b >= glyphs.size() || glyphs[b - 1].cp != 0x00AD) return 0.0;
    const TextStyle& style = spans[glyphs[b - 1].span].style;
    return metrics_.advance(primary_face(style), '-') * style.size / 1000.0;
  };

  // Width of glyphs [a, b) without the trailing spaces.
  const auto visible_width = [&](std::size_t a, std::size_t b) {
    while (b > a && is_space(glyphs[b - 1].cp)) --b;
    double w = hyphen_width(a, b);
    for (std::size_t i = a; i < b; ++i) w += glyphs[i].width;
    return w;
  };

  const auto emit = [&](std::size_t a, std::size_t b) {
    while (b > a && is_space(glyphs[b - 1].cp)) --b;
    SetLine line;
    double x = 0;
    for (std::size_t i = a; i < b;) {
      const Glyph& g0 = glyphs[i];
      const Span& span = spans[g0.span];
      line.size = std::max(line.size, span.style.size);
      if (g0.cp == kGapMark) {
        Fragment f;
        f.x = x;
        f.width = g0.width;
        f.gap = true;
        f.size = span.style.size;
        f.color = span.style.color;
        line.fragments.push_back(f);
        x += g0.width;
        ++i;
        continue;
      }
      Fragment f;
      f.x = x;
      f.face = g0.face;
      f.size = span.style.size;
      f.color = span.style.color;
      std::size_t j = i;
      for (; j < b && glyphs[j].span == g0.span && glyphs[j].face == g0.face && glyphs[j].cp != kGapMark; ++j) {
        const Glyph& g = glyphs[j];
        if (g.cp == '\n' || g.cp == '\r' || text::is_invisible(g.cp)) continue;
        utf8::append(f.text, g.cp);
        f.width += g.width;
      }
      x += f.width;
      if (!f.text.empty()) line.fragments.push_back(std::move(f));
      i = j;
    }
    if (const double hw = hyphen_width(a, b); hw > 0) {
      const Span& span = spans[glyphs[b - 1].span];
      Fragment f{x, hw, primary_face(span.style), span.style.size, span.style.color, "-", false};
      x += hw;
      line.fragments.push_back(std::move(f));
    }
    line.width = x;
    if (line.fragments.empty() && !spans.empty()) line.size = spans.front().style.size;
    lines.push_back(std::move(line));
  };

  // 3. Greedy filling; words wider than a line are cut between graphemes.
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

#include "compose/synthesis.hpp"

#include <algorithm>
#include <array>

#include "compose/blocks.hpp"
#include "compose/line_setter.hpp"
#include "compose/paginate.hpp"
#include "compose/style.hpp"
#include "text/format.hpp"

namespace bilan::compose {
namespace {

namespace st = style;

__extension__ typedef __int128 Wide;  // a mean's product: a sum times a power of ten

constexpr double kX0 = st::kMarginLeft;
constexpr double kW = st::kContentWidth;
constexpr double kNumberColumn = 74;  // « Réponses », « Somme », « Moyenne »
constexpr double kBarHeight = 11;
constexpr double kSwatch = 7;         // a legend's colour square
constexpr double kLegendGap = 14;     // between two legend entries

// The bars' colours, one per answer in the layout's order (then again);
// « sans réponse » is always the light grey.
constexpr std::array<Color, 7> kPalette{{
    {0.12, 0.31, 0.47},
    {0.36, 0.61, 0.84},
    {0.44, 0.68, 0.28},
    {0.93, 0.49, 0.19},
    {1.00, 0.75, 0.00},
    {0.44, 0.19, 0.63},
    {0.75, 0.00, 0.00},
}};
constexpr Color kNoAnswerColor{0.85, 0.85, 0.85};

std::optional<std::int64_t> power10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) {
    if (p > INT64_MAX / 10) return std::nullopt;
    p *= 10;
  }
  return p;
}

std::string count_text(std::size_t n) { return text::format_integer(static_cast<std::int64_t>(n)); }

// « 1 action », « 40 actions ».
std::string actions_text(std::size_t n) { return count_text(n) + (n > 1 ? " actions" : " action"); }

// A sum or mean as the bilans print numbers (ICU fr-FR: « 1 234 », « 4,5 », « 2 758,28 € »).
std::string number_text(spec::FieldType type, std::int64_t mantissa, int scale) {
  if (type == spec::FieldType::Amount) return text::format_amount(mantissa);
  if (scale == 0) return text::format_integer(mantissa);
  return text::format_decimal(mantissa, scale);
}

// The share of `n` in `of`, as a whole percentage: « 30 % ».
std::string percent_text(std::size_t n, std::size_t of) {
  const std::size_t p = of ? (n * 200 + of) / (2 * of) : 0;  // rounded half up
  return count_text(p) + "\u202f%";
}

class SynthesisComposer {
 public:
  SynthesisComposer(const Synthesis& s, const FontMetrics& fonts) : s_(s), fonts_(fonts), setter_(fonts) {}

  PagedDocument run() {
    title_block();
    for (const auto& p : s_.parts) part(p);
    PagedDocument doc;
    auto pagination = paginate(std::move(blocks_), PageFrame{st::kMarginTop, st::kContentBottom});
    doc.pages = std::move(pagination.pages);
    doc.outline = std::move(pagination.outline);
    if (doc.pages.empty()) doc.pages.emplace_back();
    footers(doc.pages);
    for (auto& page : doc.pages)
      for (auto& item : page.items)
        if (auto* t = std::get_if<TextItem>(&item); t && t->glyphs.empty() && !t->text.empty())
          t->glyphs = setter_.shape_line(t->text, t->face, t->rtl);
    doc.info.title = title();
    doc.info.subject = "Synthèse départementale des bilans CLAS";
    doc.info.author = s_.caf;
    doc.info.keywords = "CLAS, synthèse, " + s_.department;
    return doc;
  }

 private:
  const Synthesis& s_;
  const FontMetrics& fonts_;
  LineSetter setter_;
  std::vector<Block> blocks_;

  static double leading(double size) { return size * st::kLeading; }

  double baseline(double size) const {
    const double asc = fonts_.ascent(Face::Regular) / 1000.0, desc = fonts_.descent(Face::Regular) / 1000.0;
    return (leading(size) - (asc - desc) * size) / 2 + asc * size;
  }

  std::vector<SetLine> set(std::string_view raw, const TextStyle& style, double width) const {
    return setter_.set({Span{typeset(raw), style, 0}}, width);
  }

  // Lines at the bottom of `c`, from `x`; aligned right within `width` when asked.
  void add_lines(Chunk& c, const std::vector<SetLine>& lines, double x, bool right = false, double width = 0) {
    for (const auto& line : lines) {
      const double dx = right ? x + width - line.width : x;
      const double base = c.height + baseline(line.size);
      for (const auto& f : line.fragments)
        c.items.push_back(TextItem{dx + f.x, base, f.face, f.size, f.color, f.text, f.glyphs, f.rtl});
      c.height += leading(line.size);
    }
  }

  void add_centered(Chunk& c, const std::string& text, const TextStyle& style) {
    for (const auto& line : set(text, style, kW)) {
      const double base = c.height + baseline(line.size);
      for (const auto& f : line.fragments)
        c.items.push_back(TextItem{kX0 + (kW - line.width) / 2 + f.x, base, f.face, f.size, f.color, f.text, f.glyphs, f.rtl});
      c.height += leading(line.size);
    }
  }

  void push(Chunk c, double space_before, bool keep_with_next = false) {
    Block b;
    b.space_before = space_before;
    b.keep_with_next = keep_with_next;
    b.chunks.push_back(std::move(c));
    blocks_.push_back(std::move(b));
  }

  std::string title() const {
    std::vector<std::string> years;
    for (const auto& p : s_.parts)
      if (!p.school_year.empty() && std::find(years.begin(), years.end(), p.school_year) == years.end())
        years.push_back(p.school_year);
    std::string t = "Synthèse départementale CLAS";
    for (std::size_t i = 0; i < years.size(); ++i) t += (i == 0 ? " " : " et ") + years[i];
    return typeset(t + (s_.caf.empty() ? "" : " — " + s_.caf));
  }

  std::size_t total_actions() const {
    std::size_t n = 0;
    for (const auto& p : s_.parts) n += p.actions.size();
    return n;
  }

  void title_block() {
    Chunk c;
    add_centered(c, title(), {true, false, st::kTitleSize, st::kBlack});
    c.height += 2;
    const std::string from = s_.source == SynthesisSource::Archive ? "dernières versions validées de l’archive"
                                                                   : "réponses enregistrées dans la base";
    add_centered(c, "Département " + s_.department + " · " + actions_text(total_actions()) + " · " + from,
                 {false, false, st::kSubtitleSize, st::kGrey});
    if (s_.date) {
      c.height += 2;
      add_centered(c, "Synthèse établie le " + text::format_date_long(s_.date->year, s_.date->month, s_.date->day),
                   {true, false, 9.5, st::kBlack});
    }
    c.height += 6;
    c.items.push_back(LineItem{kX0, c.height, kX0 + kW, c.height, 0.8, st::kRule, LineStyle::Solid});
    c.height += 4;
    push(std::move(c), 0, true);
  }

  // A level-1 band (as the bilans' top sections) or a ruled heading.
  void heading(const std::string& text, int level) {
    Block b;
    b.keep_with_next = true;
    b.outline = OutlineEntry{typeset(text), level, 0, 0};
    Chunk c;
    if (level == 1) {
      b.space_before = st::kSectionGap1;
      const auto lines = set(text, {true, false, st::kH1Size, st::kBlack}, kW - 12);
      double h = 0;
      for (const auto& l : lines) h += leading(l.size);
      c.items.push_back(BoxItem{Rect{kX0, 0, kW, h + 8}, 0, st::kBand, true, st::kBand});
      c.height = 4;
      add_lines(c, lines, kX0 + 6);
      c.height += 4 + 6;
    } else {
      b.space_before = st::kSectionGap2;
      const double size = level == 2 ? st::kH2Size : st::kH3Size;
      add_lines(c, set(text, {true, level > 2, size, st::kBlack}, kW), kX0);
      if (level == 2) {
        c.height += 1.5;
        c.items.push_back(LineItem{kX0, c.height, kX0 + kW, c.height, 0.5, st::kRule, LineStyle::Solid});
        c.height += 4;
      } else {
        c.height += 2;
      }
    }
    b.chunks.push_back(std::move(c));
    blocks_.push_back(std::move(b));
  }

  // Headings under which nothing is summed up are left out.
  static std::vector<bool> kept_headings(const std::vector<SynthesisRow>& rows) {
    std::vector<bool> keep(rows.size(), true);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].kind != SynthesisKind::Heading) continue;
      bool content = false;
      for (std::size_t k = i + 1; k < rows.size(); ++k) {
        if (rows[k].kind == SynthesisKind::Heading) {
          if (rows[k].level <= rows[i].level) break;
          continue;
        }
        content = true;
        break;
      }
      keep[i] = content;
    }
    return keep;
  }

  void part(const SynthesisPart& p) {
    heading((p.title.empty() ? p.form : p.title) + " — " + actions_text(p.actions.size()), 1);
    const auto keep = kept_headings(p.rows);
    for (std::size_t i = 0; i < p.rows.size();) {
      const SynthesisRow& row = p.rows[i];
      switch (row.kind) {
        case SynthesisKind::Heading:
          // The form's sections sit under the part's band: one level down.
          if (keep[i]) heading(row.label, std::min(row.level + 1, 3));
          ++i;
          break;
        case SynthesisKind::Number: {
          std::size_t end = i;
          while (end < p.rows.size() && p.rows[end].kind == SynthesisKind::Number) ++end;
          numbers(p, i, end);
          i = end;
          break;
        }
        case SynthesisKind::Counts:
          // A grid's label once, above its rows.
          if (!row.group.empty() && (i == 0 || p.rows[i - 1].group != row.group)) group_label(row.group);
          counts(p, row);
          ++i;
          break;
        case SynthesisKind::Text:
          free_text(p, row);
          ++i;
          break;
      }
    }
  }

  // A row of the numbers' table: label, then three right-aligned columns.
  Chunk table_row(const std::string& label, const std::array<std::string, 3>& cells, bool header) {
    const TextStyle style{header, false, st::kTableSize, st::kBlack};
    const double label_width = kW - 3 * kNumberColumn - 4;
    Chunk c;
    c.height = 2;
    if (header) c.items.push_back(BoxItem{Rect{kX0, 0, kW, 0}, 0, st::kHeaderFill, true, st::kHeaderFill});
    Chunk label_chunk;
    add_lines(label_chunk, set(label, style, label_width), kX0 + 2);
    double h = label_chunk.height;
    for (auto& item : label_chunk.items) {
      translate(item, 0, c.height);
      c.items.push_back(std::move(item));
    }
    for (std::size_t k = 0; k < cells.size(); ++k) {
      Chunk cell;
      add_lines(cell, set(cells[k], header ? style : TextStyle{false, false, st::kTableSize, st::kAnswer}, kNumberColumn - 4),
                kX0 + label_width + 4 + static_cast<double>(k) * kNumberColumn, true, kNumberColumn - 4);
      h = std::max(h, cell.height);
      for (auto& item : cell.items) {
        translate(item, 0, c.height);
        c.items.push_back(std::move(item));
      }
    }
    c.height += h + 2;
    if (header) std::get<BoxItem>(c.items.front()).rect.height = c.height;
    c.items.push_back(LineItem{kX0, c.height, kX0 + kW, c.height, 0.4, st::kRule, LineStyle::Solid});
    return c;
  }

  void numbers(const SynthesisPart& p, std::size_t begin, std::size_t end) {
    Block b;
    b.space_before = st::kQuestionGap + 2;
    b.min_start = 2;  // never the header alone at a page foot
    const Chunk head = table_row("Nombres et montants", {"Réponses", "Somme", "Moyenne"}, true);
    b.continuation.push_back(head);
    b.chunks.push_back(head);
    for (std::size_t i = begin; i < end; ++i) {
      const SynthesisRow& row = p.rows[i];
      const auto mean = synthesis_mean(row);
      const std::string sum = row.overflow ? "dépassement" : row.answered ? number_text(row.type, row.sum, row.scale) : "—";
      b.chunks.push_back(table_row(row.label, {count_text(row.answered) + " / " + count_text(p.actions.size()), sum,
                                               mean ? number_text(row.type, mean->mantissa, mean->scale) : "—"},
                                   false));
    }
    blocks_.push_back(std::move(b));
  }

  // A grid's statement, kept with its first row.
  void group_label(const std::string& label) {
    Chunk c;
    add_lines(c, set(label, {true, false, st::kBodySize, st::kBlack}, kW), kX0);
    push(std::move(c), st::kQuestionGap + 4, true);
  }

  // The question (a grid's row: its words, under the grid's), a stacked bar
  // of its answers and the legend: kept together.
  void counts(const SynthesisPart& p, const SynthesisRow& row) {
    Chunk c;
    const bool grid_row = !row.group.empty();
    add_lines(c, set(grid_row ? row.item : row.label, {!grid_row, grid_row, st::kBodySize, st::kBlack}, kW), kX0);
    std::string note = count_text(row.answered) + " sur " + actions_text(p.actions.size()) + " ont répondu";
    if (row.multiple) note += " (plusieurs réponses possibles)";
    add_lines(c, set(note, {false, true, st::kSmallSize, st::kGrey}, kW), kX0);
    c.height += 3;
    std::size_t total = 0;
    for (const auto& a : row.answers) total += a.count;
    const auto colour = [&](std::size_t k) {
      return row.answers[k].value.empty() ? kNoAnswerColor : kPalette[k % kPalette.size()];
    };
    double x = kX0;
    for (std::size_t k = 0; k < row.answers.size(); ++k) {
      if (row.answers[k].count == 0 || total == 0) continue;
      const double w = kW * static_cast<double>(row.answers[k].count) / static_cast<double>(total);
      c.items.push_back(BoxItem{Rect{x, c.height, w, kBarHeight}, 0, colour(k), true, colour(k)});
      x += w;
    }
    c.items.push_back(BoxItem{Rect{kX0, c.height, kW, kBarHeight}, 0.4, st::kRule, false, {}});
    c.height += kBarHeight + 4;
    // The legend, entries flowing on as many lines as they need.
    const TextStyle legend{false, false, st::kSmallSize, st::kBlack};
    double lx = kX0;
    const double lh = leading(st::kSmallSize);
    for (std::size_t k = 0; k < row.answers.size(); ++k) {
      const auto& a = row.answers[k];
      const std::string words = typeset(a.label + " : " + count_text(a.count) + " (" + percent_text(a.count, p.actions.size()) + ")");
      const auto lines = setter_.set({Span{words, legend, 0}}, kW - kSwatch - 4);
      const double w = kSwatch + 4 + (lines.empty() ? 0 : lines.front().width);
      if (lx > kX0 && (lx + w > kX0 + kW || lines.size() > 1)) {
        lx = kX0;
        c.height += lh;
      }
      const double top = c.height;
      c.items.push_back(BoxItem{Rect{lx, top + (lh - kSwatch) / 2, kSwatch, kSwatch}, 0, colour(k), true, colour(k)});
      Chunk entry;
      add_lines(entry, lines, lx + kSwatch + 4);
      for (auto& item : entry.items) {
        translate(item, 0, top);
        c.items.push_back(std::move(item));
      }
      if (lines.size() > 1) {
        c.height += entry.height;
        lx = kX0;
        continue;
      }
      lx += w + kLegendGap;
    }
    if (lx > kX0) c.height += lh;
    push(std::move(c), grid_row ? st::kQuestionGap : st::kQuestionGap + 4);
  }

  void free_text(const SynthesisPart& p, const SynthesisRow& row) {
    Chunk c;
    add_lines(c, set(row.label, body(), kW), kX0);
    add_lines(c, set("Texte libre, non agrégé : " + count_text(row.answered) + " sur " + actions_text(p.actions.size()) +
                         " ont répondu",
                     {false, true, st::kSmallSize, st::kGrey}, kW),
              kX0);
    push(std::move(c), st::kQuestionGap);
  }

  static TextStyle body() { return {false, false, st::kBodySize, st::kBlack}; }

  // As the bilans' footer: a rule, what the document is on the left, « Page N / M » on the right.
  void footers(std::vector<Page>& pages) {
    const TextStyle small{false, false, st::kFooterSize, st::kGrey};
    const std::string left = typeset("synthèse départementale · département " + s_.department + " · " +
                                     actions_text(total_actions()));
    const auto lines = setter_.set({Span{left, small, 0}}, 1e6);
    const std::string total = std::to_string(pages.size());
    const double y = kA4.height - st::kFooterBaseline;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      auto& items = pages[i].items;
      items.push_back(LineItem{kX0, y - 10, kX0 + kW, y - 10, 0.4, st::kRule, LineStyle::Solid});
      for (const auto& line : lines)
        for (const auto& f : line.fragments)
          items.push_back(TextItem{kX0 + f.x, y, f.face, f.size, f.color, f.text, f.glyphs, f.rtl});
      const std::string page = "Page " + std::to_string(i + 1) + " / " + total;
      items.push_back(TextItem{kX0 + kW - setter_.measure(page, small), y, Face::Regular, st::kFooterSize, st::kGrey, page});
    }
  }
};

}  // namespace

std::optional<SynthesisMean> synthesis_mean(const SynthesisRow& row) {
  if (row.kind != SynthesisKind::Number || row.answered == 0 || row.overflow) return std::nullopt;
  const int scale = row.type == spec::FieldType::Amount ? 2 : std::max(row.scale, 1);
  const auto p = power10(scale - row.scale);
  if (!p) return std::nullopt;
  const Wide num = static_cast<Wide>(row.sum) * *p;
  const auto n = static_cast<Wide>(row.answered);
  Wide q = num / n;
  const Wide r = num % n;
  if (2 * (r < 0 ? -r : r) >= n) q += num < 0 ? -1 : 1;  // half away from zero
  if (q > INT64_MAX || q < INT64_MIN) return std::nullopt;
  return SynthesisMean{static_cast<std::int64_t>(q), scale};
}

PagedDocument compose_synthesis(const Synthesis& synthesis, const FontMetrics& fonts) {
  return SynthesisComposer(synthesis, fonts).run();
}

}  // namespace bilan::compose

#include "compose/blocks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <optional>
#include <set>

#include "compose/field_lines.hpp"
#include "compose/calculate.hpp"
#include "compose/style.hpp"
#include "core/utf8.hpp"
#include "text/format.hpp"
#include "text/typography.hpp"
#include "text/unicode.hpp"

namespace bilan::compose {

std::string typeset(std::string_view text) { return text::french_typography(text); }

void MissingGlyphs::report(char32_t cp, const SourceLoc& from, bool in_answer) {
  const std::string ch = utf8::encode(cp);
  SourceLoc at = from;
  if (in_answer && form_.locate) {
    // Occurrences are found one after the other; a text set twice finds no more.
    const auto key = std::make_pair(cp, from.to_string());
    const auto next = next_.find(key);
    at = form_.locate(next == next_.end() ? from : next->second, ch);
    if (!at.known()) {
      if (next != next_.end()) return;  // every occurrence already told
      at = from;
    } else {
      next_[key] = SourceLoc{at.file, at.line, at.column + 1};
    }
  }
  if (!reported_.insert({cp, at.to_string()}).second) return;
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  sink_.warning(at, DiagCode::MissingGlyph,
                std::string("caractère ") + code + " « " + ch + " » absent des polices : il est imprimé « \xEF\xBF\xBD »");
}

// A date as one types it in a field: 05/07/2025.
std::string numeric_date(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

// A label without its trailing colon and the spaces before it.
std::string without_colon(std::string label) {
  while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
  if (label.ends_with("\u00a0")) label.erase(label.size() - 2);
  return label;
}

std::string field_text(const data::Value& v) {
  switch (v.kind) {
    case data::ValueKind::Decimal:
    case data::ValueKind::Amount: {
      std::string s = v.canonical();
      if (const auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
      return s;
    }
    case data::ValueKind::Date:
      return numeric_date(v.date);
    case data::ValueKind::Integer:
    case data::ValueKind::Text:
    case data::ValueKind::Bool:
    case data::ValueKind::Choice: return v.canonical();
    case data::ValueKind::None: break;
  }
  return {};
}

std::string format_value(const data::Value& v) {
  switch (v.kind) {
    case data::ValueKind::Integer: return text::format_integer(v.integer);
    case data::ValueKind::Decimal: return text::format_decimal(v.decimal.mantissa, v.decimal.scale);
    case data::ValueKind::Amount: return text::format_amount(v.integer);
    case data::ValueKind::Date: return text::format_date_long(v.date.year, v.date.month, v.date.day);
    case data::ValueKind::Bool: return v.boolean ? "oui" : "non";
    case data::ValueKind::Text: return v.text;
    case data::ValueKind::Choice: return v.canonical();
    case data::ValueKind::None: break;
  }
  return {};
}

namespace {

using data::BoundNode;
using spec::FieldType;
using spec::NodeKind;
namespace st = style;

constexpr double kX0 = st::kMarginLeft;
constexpr double kW = st::kContentWidth;

enum class Align : std::uint8_t { Left, Center, Right };

TextStyle body(bool bold = false, bool italic = false) { return {bold, italic, st::kBodySize, st::kBlack}; }
// Typed answers: navy, and bold so that they stand apart from the form's words
// in black-and-white print too (« Niveaux concernés Du CP… »). The long
// answers of text areas are regular, set off from their label by a navy rule.
TextStyle answer_style(double size = st::kBodySize) { return {true, false, size, st::kAnswer}; }
TextStyle long_answer_style() { return {false, false, st::kBodySize, st::kAnswer}; }

bool is_number(FieldType t) { return t == FieldType::Integer || t == FieldType::Decimal || t == FieldType::Amount; }

// One paragraph of an answer: plain lines or a bullet item.
struct AnswerPara {
  bool bullet = false;
  bool gap_before = false;  // after a blank line
  std::string text;
};

std::vector<AnswerPara> split_answer(std::string_view text) {
  std::vector<AnswerPara> out;
  bool gap = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.find_first_not_of(' ') == std::string_view::npos) {
      gap = !out.empty();
      if (nl == text.size()) break;
      continue;
    }
    std::string_view trimmed = line.substr(line.find_first_not_of(' '));
    bool bullet = false;
    for (const std::string_view mark : {"- ", "* ", "• ", "– "}) {
      if (trimmed.starts_with(mark)) {
        bullet = true;
        trimmed.remove_prefix(mark.size());
        break;
      }
    }
    // A plain line right after another plain line continues it with a line break.
    if (!bullet && !gap && !out.empty() && !out.back().bullet) {
      out.back().text += "\n";
      out.back().text += trimmed;
    } else {
      out.push_back({bullet, gap, std::string(trimmed)});
    }
    gap = false;
    if (nl == text.size()) break;
  }
  return out;
}

class Builder {
 public:
  Builder(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink, TypesetCache* cache,
          const ComposeOptions& options)
      : form_(form), fonts_(fonts), cache_(cache), fields_(options.fields), glyphs_(form, sink),
        setter_(fonts, [this](char32_t cp, std::size_t span) { missing(cp, span); }) {}

  std::vector<Block> run() {
    title_block();
    nodes(form_.body);
    return std::move(blocks_);
  }

 private:
  // --- measures and primitives ---------------------------------------------
  static double leading(double size) { return size * st::kLeading; }
  double baseline(double size) const {
    const double asc = fonts_.ascent(Face::Regular) / 1000.0, desc = fonts_.descent(Face::Regular) / 1000.0;
    return (leading(size) - (asc - desc) * size) / 2 + asc * size;
  }

  // In an answer, point at the character itself. With `span_locs_`, each span
  // says where its text was written: an answer (known) or the layout.
  void missing(char32_t cp, std::size_t span) {
    ++missing_count_;
    if (span < span_locs_.size()) {
      const SourceLoc& at = span_locs_[span];
      glyphs_.report(cp, at.known() ? at : layout_loc_, at.known());
      return;
    }
    glyphs_.report(cp, loc_, in_answer_);
  }

  std::vector<SetLine> set(const std::vector<Span>& spans, double width) const { return setter_.set(spans, width); }
  // Text of the layout (never an answer): typeset with French typography,
  // once per Renderer for a given style and width (compose/typeset_cache).
  std::vector<SetLine> layout_text(std::string_view raw, const TextStyle& style, double width) {
    if (!cache_) return set(typeset(raw), style, width);
    std::string key = TypesetCache::key(raw, style, width);
    if (const auto* hit = cache_->find(key)) return *hit;
    const std::size_t missing_before = missing_count_;
    auto lines = set(typeset(raw), style, width);
    if (missing_count_ == missing_before) cache_->insert(std::move(key), lines);
    return lines;
  }
  std::vector<SetLine> set(std::string_view text, const TextStyle& style, double width) const {
    return setter_.set({Span{std::string(text), style, 0}}, width);
  }
  // Spans some of which are answers: `locs[i]` is where span i was written in
  // the answer file, unknown for layout text.
  std::vector<SetLine> set(const std::vector<Span>& spans, double width, std::vector<SourceLoc> locs) {
    span_locs_ = std::move(locs);
    auto lines = setter_.set(spans, width);
    span_locs_.clear();
    return lines;
  }
  std::vector<SetLine> set(std::string_view text, const TextStyle& style, double width, const SourceLoc& loc) {
    return set({Span{std::string(text), style, 0}}, width, {loc});
  }
  double measure(std::string_view text, const TextStyle& style) const { return setter_.measure(text, style); }

  // Draws `line` with its top at `top` (chunk-relative); returns its height.
  double add_line(Chunk& c, const SetLine& line, double x, double top, Align align = Align::Left,
                  double width = 0) {
    double dx = x;
    if (align == Align::Center) dx = x + (width - line.width) / 2;
    if (align == Align::Right) dx = x + width - line.width;
    const double base = top + baseline(line.size);
    for (const auto& f : line.fragments) {
      if (f.gap) {
        c.items.push_back(LineItem{dx + f.x, base + 1.5, dx + f.x + f.width, base + 1.5, 0.6, st::kRule, LineStyle::Dotted});
        if (!gap_fields_.empty()) {
          // The widget covers the line's height above the dots, where one writes.
          FieldItem field = std::move(gap_fields_.front());
          gap_fields_.pop_front();
          field.rect = Rect{dx + f.x, top + 1, f.width, base + 2.5 - (top + 1)};
          c.items.push_back(std::move(field));
        }
      } else {
        c.items.push_back(TextItem{dx + f.x, base, f.face, f.size, f.color, f.text, f.glyphs, f.rtl});
      }
    }
    return leading(line.size);
  }

  double add_lines(Chunk& c, const std::vector<SetLine>& lines, double x, Align align = Align::Left,
                   double width = 0) {
    double h = 0;
    for (const auto& l : lines) h += add_line(c, l, x, c.height + h, align, width);
    c.height += h;
    return h;
  }

  // The box, and under it its state for readers: an invisible space of the body
  // face (embedded anyway) read as ☒ (U+2612) or ☐ (U+2610), so that `pdftotext`,
  // search and screen readers get « ☒ oui ☐ non » without a font of its own. It
  // comes first, so that button() finds the box as the chunk's last item.
  void checkbox(Chunk& c, double x, double baseline_y, bool checked) const {
    const bool drawn = checked && !fields_;
    TextItem state{x, baseline_y, Face::Regular, st::kBodySize, st::kAnswer, " "};  // the labels' size: no Tf between
    state.actual_text = drawn ? "\u2612" : "\u2610";
    c.items.push_back(std::move(state));
    c.items.push_back(CheckboxItem{Rect{x, baseline_y - st::kBox + 1, st::kBox, st::kBox}, drawn, st::kAnswer});
  }

  // --- fillable fields (ComposeOptions::fields) ------------------------------
  // A button widget exactly over the box checkbox() just drew. Widgets are
  // made only for a fillable bilan: `tooltip` is asked then, never for print.
  // `question`: the field's own tooltip when it differs from the widget's
  // (a radio group, whose widgets each add their option's words).
  template <class Tooltip>
  void button(Chunk& c, FieldKind kind, const std::string& name, const std::string& on, bool checked,
              const Tooltip& tooltip, const std::string& question = {}) const {
    if (!fields_) return;
    const auto& box = std::get<CheckboxItem>(c.items.back());
    FieldItem f;
    f.rect = box.rect;
    f.kind = kind;
    f.name = name;
    f.on = on;
    f.value = checked ? on : std::string();
    f.tooltip = tooltip();
    f.question = question;
    c.items.push_back(std::move(f));
  }

  static FieldItem text_field_item(FieldKind kind, std::string name, std::string value, std::string tooltip,
                                   double size = st::kBodySize) {
    FieldItem f;
    f.kind = kind;
    f.name = std::move(name);
    f.value = std::move(value);
    f.tooltip = std::move(tooltip);
    f.size = size;
    return f;
  }

  // The next gap drawn (a dotted line to write on) carries the field `make`
  // returns, made only for a fillable bilan.
  template <class Make>
  void field_on_next_gap(const Make& make) {
    if (fields_) gap_fields_.push_back(make());
  }

  // The question as a tooltip: its label, without the trailing colon.
  static std::string tooltip_of(const std::string& label) { return without_colon(label); }
  // An answer area within a question (an option, an « Autres » text): the
  // question, then the words printed by that area.
  static std::string tooltip_of(const std::string& question, const std::string& words) {
    const std::string q = without_colon(question), w = without_colon(words);
    if (q.empty() || w.empty()) return q.empty() ? w : q;
    return q + " — " + w;
  }

  // Known answers are not printed on a fillable bilan: they go into the fields.
  bool printed(const data::Value& v) const { return !v.missing() && !fields_; }

  Block& push(Block b) {
    blocks_.push_back(std::move(b));
    return blocks_.back();
  }

  // A block of one chunk: never split, since a chunk never is.
  void push_unit(Chunk c, double space_before, bool keep_with_next = false) {
    Block b;
    b.space_before = space_before;
    b.keep_with_next = keep_with_next;
    b.chunks.push_back(std::move(c));
    push(std::move(b));
  }

  static std::vector<Span> rich_spans(const spec::RichText& runs, double size, bool italic_all, Color color) {
    std::vector<Span> spans;
    for (const auto& r : runs) {
      if (r.line_break) {
        spans.push_back({"\n", {r.bold, r.italic || italic_all, size, color}, 0});
      } else {
        spans.push_back({typeset(r.text), {r.bold, r.italic || italic_all, size, color}, 0});
      }
    }
    return spans;
  }

  // --- document parts -----------------------------------------------------
  void title_block() {
    Chunk c;
    if (!form_.title.empty())
      add_lines(c, layout_text(form_.title, {true, false, st::kTitleSize, st::kBlack}, kW), kX0, Align::Center, kW);
    if (!form_.subtitle.empty()) {
      c.height += 2;
      add_lines(c, layout_text(form_.subtitle, {false, false, st::kSubtitleSize, st::kGrey}, kW), kX0, Align::Center, kW);
    }
    if (const spec::Department* d = form_.department_info) {
      std::string line = d->caf() + " · département " + d->code;
      if (d->return_date)
        line += " · à retourner pour le " + text::format_date_long(d->return_date->year, d->return_date->month, d->return_date->day);
      c.height += 2;
      add_lines(c, layout_text(line, {true, false, 9.5, st::kBlack}, kW), kX0, Align::Center, kW);
      if (!d->contact.empty())
        add_lines(c, layout_text(d->contact, {false, false, 9, st::kGrey}, kW), kX0, Align::Center, kW);
    }
    c.height += 6;
    c.items.push_back(LineItem{kX0, c.height, kX0 + kW, c.height, 0.8, st::kRule, LineStyle::Solid});
    c.height += 4;
    push_unit(std::move(c), 0, true);
  }

  void nodes(const std::vector<BoundNode>& list) {
    for (const auto& n : list) node(n);
  }

  // Messages about an answer's text point into the answer file.
  void answer_loc(const BoundNode& n) {
    in_answer_ = n.value_loc.known();
    loc_ = in_answer_ ? n.value_loc : n.spec->loc;
  }

  void node(const BoundNode& n) {
    gap_fields_.clear();  // a field whose gap was never drawn must not land on another question's
    loc_ = layout_loc_ = n.spec->loc;
    in_answer_ = false;
    // « Si oui, précisez… »: a question asked after the answer to the one
    // before is part of that answer, never the first thing of the next page.
    if (is_question(n.spec->kind) && starts_with_if(n.label) && !blocks_.empty()) blocks_.back().keep_with_next = true;
    switch (n.spec->kind) {
      case NodeKind::Section: section(n); break;
      case NodeKind::Paragraph: paragraph(n); break;
      case NodeKind::List: list(n); break;
      case NodeKind::Field: is_number(n.spec->type) ? number_field(n) : text_field(n); break;
      case NodeKind::TextArea: text_area(n); break;
      case NodeKind::YesNo: yes_no(n); break;
      case NodeKind::Choice: choice(n); break;
      case NodeKind::Table: table(n); break;
      case NodeKind::Group: group(n); break;
      case NodeKind::Signature: signature(n); break;
      case NodeKind::Footnote: footnote(n); break;
      case NodeKind::DepartmentBlocks: nodes(n.children); break;
      case NodeKind::Check: break;  // rules on the answers, checked by bind()
      case NodeKind::PageBreak: {
        Block b;
        b.break_before = true;
        push(std::move(b));
        break;
      }
      case NodeKind::None: break;
    }
  }

  void section(const BoundNode& n) {
    const spec::Node& s = *n.spec;
    const std::string title = typeset(n.label);
    const std::string shown = s.caps ? text::upper_fr(title) : title;
    Block b;
    b.keep_with_next = true;
    b.break_before = s.break_before;
    b.outline = OutlineEntry{s.bookmark.empty() ? title : s.bookmark, s.level, 0, 0};
    Chunk c;
    if (s.level == 1) {
      b.space_before = st::kSectionGap1;
      const auto lines = layout_text(shown, {true, false, st::kH1Size, st::kBlack}, kW - 12);
      double h = 0;
      for (const auto& l : lines) h += leading(l.size);
      c.items.push_back(BoxItem{Rect{kX0, 0, kW, h + 8}, 0, st::kBand, true, st::kBand});
      c.height = 4;
      add_lines(c, lines, kX0 + 6);
      c.height += 4 + 6;
    } else {
      b.space_before = st::kSectionGap2;
      const double size = s.level == 2 ? st::kH2Size : st::kH3Size;
      add_lines(c, layout_text(shown, {true, s.level > 2 && !s.caps, size, st::kBlack}, kW), kX0);
      if (s.level == 2) {
        c.height += 1.5;
        c.items.push_back(LineItem{kX0, c.height, kX0 + kW, c.height, 0.5, st::kRule, LineStyle::Solid});
        c.height += 4;
      } else {
        c.height += 2;
      }
    }
    b.chunks.push_back(std::move(c));
    push(std::move(b));
    nodes(n.children);
  }

  void paragraph(const BoundNode& n) {
    const spec::Node& s = *n.spec;
    double size = st::kBodySize;
    bool italic = false;
    Color color = st::kBlack;
    Align align = Align::Left;
    double space = st::kParagraphGap;
    switch (s.style) {
      case spec::ParagraphStyle::Note: size = st::kNoteSize + 0.5; italic = true; color = st::kGrey; space = 1; break;
      case spec::ParagraphStyle::Hint: size = 9; italic = true; color = st::kGrey; break;
      case spec::ParagraphStyle::Instruction: size = 9.5; italic = true; break;
      case spec::ParagraphStyle::Title: size = st::kTitleSize; align = Align::Center; break;
      case spec::ParagraphStyle::Subtitle: size = st::kSubtitleSize; align = Align::Center; break;
      default: break;
    }
    auto spans = rich_spans(n.text, size, italic, color);
    if (s.style == spec::ParagraphStyle::Title)
      for (auto& sp : spans) sp.style.bold = true;
    Chunk c;
    add_lines(c, set(spans, kW), kX0, align, kW);
    // Lead-ins (« … suivantes : », bold sub-headings, instructions) stay with what they introduce.
    std::string plain;
    bool all_bold = !n.text.empty();
    for (const auto& r : n.text) {
      plain += r.text;
      all_bold = all_bold && (r.bold || r.line_break);
    }
    while (!plain.empty() && plain.back() == ' ') plain.pop_back();
    // « Si oui, vous devrez compléter… »: a note about the answer just given
    // belongs to that question and is never separated from it by a page break.
    if (answers_previous(s, plain) && !blocks_.empty()) blocks_.back().keep_with_next = true;
    push_unit(std::move(c), space, all_bold || plain.ends_with(":") || s.style == spec::ParagraphStyle::Instruction);
  }

  static bool answers_previous(const spec::Node& s, std::string_view plain) {
    if (s.style != spec::ParagraphStyle::Instruction && s.style != spec::ParagraphStyle::Note) return false;
    return starts_with_if(plain);
  }

  // « Si oui… », « Si NON… »: words about the answer just given.
  static bool starts_with_if(std::string_view text) {
    std::string head(text.substr(0, 6));
    for (auto& ch : head) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    return head == "si oui" || head == "si non";
  }

  static bool is_question(NodeKind k) {
    return k == NodeKind::Field || k == NodeKind::TextArea || k == NodeKind::YesNo || k == NodeKind::Choice ||
           k == NodeKind::Table;
  }

  void list(const BoundNode& n) {
    Block b;
    b.space_before = 2;
    for (const auto& item : n.items) {
      Chunk c;
      const auto lines = set(rich_spans(item, st::kBodySize, false, st::kBlack), kW - 16);
      if (!lines.empty()) {
        c.items.push_back(TextItem{kX0 + 5, baseline(st::kBodySize), Face::Regular, st::kBodySize, st::kBlack, "•"});
      }
      add_lines(c, lines, kX0 + 16);
      c.height += 1;
      b.chunks.push_back(std::move(c));
    }
    b.keep_together = n.items.size() <= 8;
    b.min_start = 2;  // a lead-in never ends a page with one item under it
    push(std::move(b));
  }

  // A hint in small italics under a label.
  void hint(Chunk& c, const std::string& text) {
    if (text.empty()) return;
    add_lines(c, set(typeset(text), {false, true, 9, st::kGrey}, kW, SourceLoc{}), kX0);  // layout text
  }

  void text_field(const BoundNode& n) {
    const bool has_value = printed(n.value);
    if (!has_value)
      field_on_next_gap([&] { return text_field_item(FieldKind::Text, n.spec->id, field_text(n.value), tooltip_of(n.label)); });
    Chunk c;
    const std::string label = typeset(n.label);
    if (has_value) {
      answer_loc(n);
      std::string value = format_value(n.value);
      if (n.spec->type == FieldType::Text) value = typeset(value);
      add_lines(c, set({{label + " ", body(), 0}, {value, answer_style(), 0}}, kW, {SourceLoc{}, n.value_loc}), kX0);
    } else {
      const double gap = n.spec->type == FieldType::Date ? 110 : 0;
      auto lines = layout_text(n.label, body(), kW);
      const double last = lines.empty() ? 0 : lines.back().width;
      const double room = kW - last - 6;
      const double want = gap > 0 ? gap : room;
      const bool beside = !lines.empty() && room >= std::min(want, 100.0);
      const std::string known = fields_ ? field_text(n.value) : std::string();
      if (overflows(known, beside ? (gap > 0 ? std::min(gap, room) : room) : (gap > 0 ? gap : kW))) {
        // Too long for the line the blank form has: the lines it takes, under the label.
        FieldItem field = std::move(gap_fields_.front());
        gap_fields_.pop_front();
        add_lines(c, lines, kX0);
        ruled_field(c, kX0, field_line_count(known, kW, st::kRuledFieldSize), std::move(field));
      } else if (beside) {
        Fragment f;
        f.x = last + 5;
        f.width = gap > 0 ? std::min(gap, room) : room;
        f.gap = true;
        lines.back().fragments.push_back(f);
        add_lines(c, lines, kX0);
      } else {
        add_lines(c, lines, kX0);
        SetLine blank;
        Fragment f;
        f.width = gap > 0 ? gap : kW;
        f.gap = true;
        blank.fragments.push_back(f);
        c.height += add_line(c, blank, kX0, c.height);
      }
    }
    hint(c, n.hint);
    push_unit(std::move(c), st::kQuestionGap);
  }

  // A question whose answer sits in a right-hand column `column` wide: the
  // label wraps on the left; the caller draws the column on the first line.
  Chunk label_beside_column(const BoundNode& n, double column) {
    Chunk c;
    add_lines(c, layout_text(n.label, body(), kW - column - st::kGutter), kX0);
    return c;
  }

  void number_field(const BoundNode& n) {
    Chunk c = label_beside_column(n, st::kNumberBox);
    const double box_h = 15;
    const Rect box{kX0 + kW - st::kNumberBox, -1.5, st::kNumberBox, box_h};
    c.items.push_back(BoxItem{box, 0.6, st::kRule, n.spec->computed.has_value(), st::kHeaderFill});
    // A computed total in a fillable bilan is a read-only field the reader
    // recomputes as the person types, not text printed once.
    std::optional<std::string> calculate;
    if (fields_ && n.spec->computed)
      calculate = calculate_script(n.spec->computed->expr, n.spec->type, [this](std::string_view ref) { return ref_fields(ref); });
    if (fields_ && (!n.spec->computed || calculate)) {
      FieldItem f = text_field_item(FieldKind::Text, n.spec->id, field_text(n.value), tooltip_of(n.label));
      f.rect = box;
      f.right = true;
      if (calculate) f.calculate = std::move(*calculate);
      c.items.push_back(std::move(f));
    }
    if (!n.value.missing() && (!fields_ || (n.spec->computed && !calculate))) {
      answer_loc(n);
      const std::string v = format_value(n.value);
      const double w = measure(v, answer_style());
      c.items.push_back(TextItem{box.right() - 5 - w, box.y + 11, Face::Bold, st::kBodySize, st::kAnswer, v});
    }
    c.height = std::max(c.height, box_h);
    hint(c, n.hint);
    push_unit(std::move(c), st::kQuestionGap - 1);
  }

  // The fields a computed total reads: a number field, or a number column's cells.
  std::optional<RefFields> ref_fields(std::string_view ref) const {
    const spec::FormSpec& form = *form_.spec;
    if (const spec::Node* n = form.find(std::string(ref)); n && n->kind == NodeKind::Field && is_number(n->type))
      return RefFields{{n->id}, false};
    const auto dot = ref.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const spec::Node* t = form.find(std::string(ref.substr(0, dot)));
    if (!t || t->kind != NodeKind::Table) return std::nullopt;
    for (const auto& col : t->columns) {
      if (col.id != ref.substr(dot + 1) || !is_number(col.type)) continue;
      RefFields out{{}, true};
      for (const auto& row : t->rows) out.names.push_back(t->id + "." + row.id + "." + col.id);
      return out;
    }
    return std::nullopt;
  }

  void yes_no(const BoundNode& n) {
    Chunk c = label_beside_column(n, st::kYesNoColumn);
    const double base = baseline(st::kBodySize);
    const double right = kX0 + kW;
    const double non_w = measure("non", body()), oui_w = measure("oui", body());
    const double box2 = right - st::kBox;
    const double non_x = box2 - 3 - non_w;
    const double box1 = non_x - 14 - st::kBox;
    const double oui_x = box1 - 3 - oui_w;
    const bool answered = !n.value.missing();
    c.items.push_back(TextItem{oui_x, base, Face::Regular, st::kBodySize, st::kBlack, "oui"});
    const std::string question = fields_ ? tooltip_of(n.label) : std::string();
    checkbox(c, box1, base, answered && n.value.boolean);
    button(c, FieldKind::Radio, n.spec->id, "oui", answered && n.value.boolean, [&] { return tooltip_of(n.label, "oui"); }, question);
    c.items.push_back(TextItem{non_x, base, Face::Regular, st::kBodySize, st::kBlack, "non"});
    checkbox(c, box2, base, answered && !n.value.boolean);
    button(c, FieldKind::Radio, n.spec->id, "non", answered && !n.value.boolean, [&] { return tooltip_of(n.label, "non"); }, question);
    c.height = std::max(c.height, leading(st::kBodySize));
    push_unit(std::move(c), st::kQuestionGap - 1);
  }

  bool chosen(const BoundNode& n, const std::string& value) const {
    return std::find(n.value.choices.begin(), n.value.choices.end(), value) != n.value.choices.end();
  }

  void choice(const BoundNode& n) {
    const spec::Node& s = *n.spec;
    const FieldKind kind = s.multiple ? FieldKind::Check : FieldKind::Radio;
    // A multiple choice is a check box per option (CHOICE.VALUE); a single one a radio group.
    const auto option_name = [&](const spec::Option& o) { return s.multiple ? s.id + "." + o.value : s.id; };
    const auto option_tip = [&](const spec::Option& o) { return tooltip_of(n.label, o.label); };
    // A radio group's field reads as the question; a check box is a field of its own.
    const std::string question = fields_ && !s.multiple ? tooltip_of(n.label) : std::string();
    Chunk c;
    const double base = baseline(st::kBodySize);
    const std::string label = typeset(n.label);
    if (s.inline_options) {
      // Options flow after the label, each « ☐ Libellé » kept whole.
      struct Unit {
        std::string text;
        double width;
        bool checked;
        const spec::Option* option;
      };
      std::vector<Unit> units;
      for (const auto& o : s.options) {
        const std::string t = typeset(o.label);
        units.push_back({t, st::kBox + 4 + measure(t, body()), chosen(n, o.value), &o});
      }
      auto lines = layout_text(n.label, body(), kW);
      double x = lines.empty() ? 0 : lines.back().width + 14;
      double top = 0;
      for (std::size_t i = 0; i + 1 < lines.size(); ++i) top += add_line(c, lines[i], kX0, top);
      if (!lines.empty()) add_line(c, lines.back(), kX0, top);
      for (const auto& u : units) {
        if (x + u.width > kW) {
          top += leading(st::kBodySize);
          x = 12;
        }
        checkbox(c, kX0 + x, top + base, u.checked);
        button(c, kind, option_name(*u.option), u.option->value, u.checked, [&] { return option_tip(*u.option); }, question);
        c.items.push_back(TextItem{kX0 + x + st::kBox + 4, top + base, Face::Regular, st::kBodySize, st::kBlack, u.text});
        x += u.width + 16;
      }
      c.height = top + leading(st::kBodySize);
    } else {
      add_lines(c, layout_text(n.label, body(), kW), kX0);
      const double indent = 12;
      const double text_x = indent + st::kBox + 5;
      for (const auto& o : s.options) {
        std::vector<Span> spans{{typeset(o.label), body(), 0}};
        std::vector<SourceLoc> span_locs;
        std::optional<FieldItem> long_other;  // a known « Autres » text too long for its line
        if (o.other) {
          // The free text of « Autres » (answer CHOICE.VALUE) is field CHOICE:VALUE:
          // CHOICE.VALUE is the check box itself.
          const auto known = n.other_texts.find(o.value);
          const auto other_field = [&] {
            return text_field_item(FieldKind::Text, s.id + ":" + o.value,
                                   known == n.other_texts.end() ? std::string() : known->second,
                                   option_tip(o));
          };
          const double gap = std::max(60.0, kW - text_x - measure(spans[0].text, body()) - 10);
          if (fields_ && known != n.other_texts.end() && overflows(known->second, gap)) {
            // Too long for the line after the option: the lines it takes, under it.
            long_other.emplace(other_field());
          } else if (known == n.other_texts.end() || fields_) {
            field_on_next_gap(other_field);
          }
          if (long_other) {
            // The option's words alone: no line to write on after them.
          } else if (auto it = n.other_texts.find(o.value); it != n.other_texts.end() && !fields_) {
            spans.push_back({" " + typeset(it->second), answer_style(), 0});
            const auto at = n.other_text_locs.find(o.value);
            span_locs = {SourceLoc{}, at == n.other_text_locs.end() ? SourceLoc{} : at->second};
          } else {
            spans.push_back({" ", body(), 0});
            spans.push_back({"", body(), gap});
          }
        }
        const auto lines = set(spans, kW - text_x, std::move(span_locs));
        checkbox(c, kX0 + indent, c.height + base, chosen(n, o.value));
        button(c, kind, option_name(o), o.value, chosen(n, o.value), [&] { return option_tip(o); }, question);
        add_lines(c, lines, kX0 + text_x);
        if (long_other)
          ruled_field(c, kX0 + text_x, field_line_count(long_other->value, kX0 + kW - (kX0 + text_x), st::kRuledFieldSize),
                      std::move(*long_other));
        c.height += 1;
      }
    }
    push_unit(std::move(c), st::kQuestionGap);
  }

  // --- multi-line fields on ruled lines ----------------------------------------
  // The widget of one ruled line (its pitch's top at 0), `x`, `width`: one
  // line of pdf.js's layout (compose/field_lines) at kRuledFieldSize, 4 pt
  // above the pitch and 2 pt taller, so that the lines of n merged widgets
  // (16 n + 2 pt: two 1-pt paddings) are kRuledLine apart and the text sits
  // between the dots: baseline 8.85 pt under the pitch's top, accents 1 pt
  // clear of the dots above, descenders 1.3 pt clear of its own (at 13 pt).
  static Rect ruled_field_rect(double x, double width) { return Rect{x, -4, width, st::kRuledLine + 2}; }

  // Lines `value` takes in a multi-line field `width` wide at `size`.
  int field_line_count(const std::string& value, double width, double size) const {
    if (value.empty()) return 0;
    return static_cast<int>(field_lines(fonts_, value, width - 4, size).size());
  }

  // A one-line field `width` wide is too narrow for its known value (shown on
  // one line, its line breaks as spaces, 2 pt of padding either side).
  bool overflows(std::string value, double width, double size = st::kBodySize) const {
    std::replace(value.begin(), value.end(), '\n', ' ');
    return field_text_width(fonts_, value, size) > width - 4;
  }

  // `count` ruled lines at the bottom of `c`, from `x` to the right margin,
  // with one multi-line field over them: a known answer too long for the
  // one-line field the blank form has gets the lines it needs.
  void ruled_field(Chunk& c, double x, int count, FieldItem field) const {
    field.kind = FieldKind::MultiLine;
    field.size = st::kRuledFieldSize;
    field.pitch = st::kRuledLine;
    const double top = c.height;
    for (int i = 0; i < count; ++i) {
      const double y = c.height + st::kRuledLine - 3;
      c.items.push_back(LineItem{x, y, kX0 + kW, y, 0.6, st::kRule, LineStyle::Dotted});
      c.height += st::kRuledLine;
    }
    field.rect = ruled_field_rect(x, kX0 + kW - x);
    field.rect.y += top;
    field.rect.height += st::kRuledLine * (count - 1);
    c.items.push_back(std::move(field));
  }

  // Ruled lines to write on, `count` of them, each its own chunk after the first `head`.
  // With `field`, each line also carries it (merged per page into one widget,
  // compose.cpp); only the first line holds its value, which compose() splits
  // between the page parts: a long answer is not copied on each of its lines.
  void ruled_lines(Block& b, Chunk& first, int count, const FieldItem* field = nullptr) const {
    FieldItem without_value;
    if (field) {
      without_value = *field;
      without_value.value = std::string();
    }
    for (int i = 0; i < count; ++i) {
      Chunk line;
      line.height = st::kRuledLine;
      // Reserved first: GCC 12 otherwise warns (-Wmaybe-uninitialized, a false
      // positive) while inlining the variant's growth here.
      line.items.reserve(field ? 2 : 1);
      line.items.push_back(LineItem{kX0, st::kRuledLine - 3, kX0 + kW, st::kRuledLine - 3, 0.6, st::kRule, LineStyle::Dotted});
      if (field) {
        FieldItem f = i == 0 ? *field : without_value;
        f.rect = ruled_field_rect(kX0, kW);
        line.items.push_back(std::move(f));
      }
      if (i < 2 || count <= 8) {
        for (Item& item : line.items) {
          translate(item, 0, first.height);
          first.items.push_back(std::move(item));
        }
        first.height += line.height;
      } else {
        b.chunks.push_back(std::move(line));
      }
    }
  }

  void text_area(const BoundNode& n) {
    Block b;
    b.space_before = st::kQuestionGap;
    Chunk head;
    const std::string label = typeset(n.label);
    add_lines(head, layout_text(n.label, body(), kW), kX0);
    hint(head, n.hint);
    head.height += 1;
    if (!printed(n.value)) {
      b.chunks.push_back(std::move(head));
      std::optional<FieldItem> field;
      int count = n.spec->lines;
      if (fields_) {
        field = text_field_item(FieldKind::MultiLine, n.spec->id, field_text(n.value), tooltip_of(n.label),
                                st::kRuledFieldSize);
        field->pitch = st::kRuledLine;
        // A known answer gets the lines it takes, and the blank form's lines besides.
        count += field_line_count(field->value, kW, st::kRuledFieldSize);
      }
      ruled_lines(b, b.chunks.front(), count, field ? &*field : nullptr);
      b.keep_together = count <= 8;
      push(std::move(b));
      return;
    }
    answer_loc(n);
    // Every answer line is its own chunk, so long answers flow across pages.
    std::vector<Chunk> lines;
    const double x = kX0 + st::kAnswerIndent;
    const double width = kW - st::kAnswerIndent;
    for (const auto& para : split_answer(n.value.text)) {
      const double bullet_indent = para.bullet ? 12 : 0;
      const auto set_lines = set(typeset(para.text), long_answer_style(), width - bullet_indent);
      for (std::size_t i = 0; i < set_lines.size(); ++i) {
        Chunk c;
        if (i == 0 && para.gap_before && !lines.empty()) c.height += st::kParagraphGap;
        if (i == 0 && para.bullet)
          c.items.push_back(TextItem{x + 2, c.height + baseline(st::kBodySize), Face::Regular, st::kBodySize, st::kAnswer, "•"});
        c.height += add_line(c, set_lines[i], x + bullet_indent, c.height);
        lines.push_back(std::move(c));
      }
    }
    for (auto& c : lines)
      c.items.push_back(LineItem{kX0 + 3, 0, kX0 + 3, c.height, 1.2, st::kAnswer, LineStyle::Solid});
    // The label keeps the first two lines; the last two lines stay together.
    const std::size_t head_lines = lines.size() <= 4 ? lines.size() : 2;
    for (std::size_t i = 0; i < head_lines; ++i) {
      for (auto item : lines[i].items) {
        translate(item, 0, head.height);
        head.items.push_back(std::move(item));
      }
      head.height += lines[i].height;
    }
    b.chunks.push_back(std::move(head));
    for (std::size_t i = head_lines; i < lines.size(); ++i) {
      if (i + 2 == lines.size()) {
        Chunk tail = std::move(lines[i]);
        for (auto item : lines[i + 1].items) {
          translate(item, 0, tail.height);
          tail.items.push_back(std::move(item));
        }
        tail.height += lines[i + 1].height;
        b.chunks.push_back(std::move(tail));
        break;
      }
      b.chunks.push_back(std::move(lines[i]));
    }
    b.continuation.push_back(continuation_chunk(label));
    push(std::move(b));
  }

  Chunk continuation_chunk(const std::string& label) {
    std::string shortened = label;
    if (utf8::length(shortened) > 90) {
      std::size_t pos = 0, count = 0;
      while (pos < shortened.size() && count < 85) {
        utf8::next(shortened, pos);
        ++count;
      }
      shortened = shortened.substr(0, pos) + "…";
    }
    shortened = without_colon(std::move(shortened));
    Chunk c;
    add_lines(c, set(shortened + " (suite)", {false, true, st::kSmallSize, st::kGrey}, kW), kX0);
    c.height += 2;
    return c;
  }

  // --- tables ------------------------------------------------------------
  std::vector<double> column_widths(const spec::Node& t) const {
    std::vector<double> w;
    const double stub = std::round(kW * 0.26);
    double used = stub;
    int flexible = 0;
    for (const auto& col : t.columns) {
      if (is_number(col.type) || col.type == FieldType::Date) {
        w.push_back(76);
        used += 76;
      } else {
        w.push_back(0);
        ++flexible;
      }
    }
    const double rest = flexible ? (kW - used) / flexible : 0;
    for (auto& x : w)
      if (x == 0) x = rest;
    if (!flexible && !w.empty()) w.back() += kW - used;  // fill the width
    w.insert(w.begin(), stub);
    return w;
  }

  // One table row: cells with their text lines, framed, height to the tallest.
  // `fields` (fillable): one per cell after the row label, or empty.
  // `min_height`: the room the fields' known answers take (fillable).
  Chunk table_row(const std::vector<std::vector<SetLine>>& cells, const std::vector<double>& widths,
                  const std::vector<Align>& aligns, bool header, std::vector<FieldItem> fields = {},
                  double min_height = 0) {
    Chunk c;
    constexpr double kPad = 2.5;
    double h = std::max(16.0, min_height);
    for (const auto& lines : cells) {
      double lh = 2 * kPad;
      for (const auto& l : lines) lh += leading(l.size);
      h = std::max(h, lh);
    }
    double x = kX0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      c.items.push_back(BoxItem{Rect{x, 0, widths[i], h}, 0.5, st::kRule, header, st::kHeaderFill});
      if (i > 0 && i - 1 < fields.size()) {
        fields[i - 1].rect = Rect{x, 0, widths[i], h};
        c.items.push_back(std::move(fields[i - 1]));
      }
      double top = kPad;
      for (const auto& l : cells[i]) top += add_line(c, l, x + kPad, top, aligns[i], widths[i] - 2 * kPad);
      x += widths[i];
    }
    c.height = h;
    return c;
  }

  void table(const BoundNode& n) {
    const spec::Node& t = *n.spec;
    const auto widths = column_widths(t);
    const TextStyle head_style{true, false, st::kTableSize - 0.5, st::kBlack};
    const TextStyle cell_style{false, false, st::kTableSize + 0.5, st::kBlack};
    Block b;
    b.space_before = st::kQuestionGap + 2;
    Chunk first;
    if (!n.label.empty()) {
      add_lines(first, layout_text(n.label, body(), kW), kX0);
      first.height += 3;
    }
    std::vector<std::vector<SetLine>> head_cells;
    std::vector<Align> head_align(widths.size(), Align::Center);
    head_cells.push_back(layout_text(t.stub, head_style, widths[0] - 6));
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      head_cells.push_back(layout_text(t.columns[i].label, head_style, widths[i + 1] - 6));
    const Chunk header = table_row(head_cells, widths, head_align, true);
    for (auto item : header.items) {
      translate(item, 0, first.height);
      first.items.push_back(std::move(item));
    }
    first.height += header.height;

    std::vector<Align> aligns{Align::Left};
    for (const auto& col : t.columns) aligns.push_back(is_number(col.type) ? Align::Right : Align::Left);
    bool first_row = true;
    for (const auto& row : n.rows) {
      std::vector<std::vector<SetLine>> cells;
      std::vector<FieldItem> cell_fields;
      double fields_height = 0;  // what the known answers of free-text cells take
      if (fields_)
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
          // Free text wraps in its cell (a multi-line field); numbers and dates are one line.
          const bool free_text = t.columns[i].type == FieldType::Text;
          FieldItem f = text_field_item(free_text ? FieldKind::MultiLine : FieldKind::Text,
                                        t.id + "." + row.spec->id + "." + t.columns[i].id, field_text(row.cells[i]),
                                        tooltip_of(n.label.empty() ? t.label : n.label) + " — " + row.spec->label + " — " +
                                            t.columns[i].label,
                                        st::kTableSize + 0.5);
          f.right = is_number(t.columns[i].type);
          if (free_text) {
            // pdf.js shows round((height − 2) / (1.35 × size)) lines (compose/field_lines).
            const int lines = field_line_count(f.value, widths[i + 1], f.size);
            fields_height = std::max(fields_height, 4 + lines * kReaderLineFactor * f.size);
          }
          cell_fields.push_back(std::move(f));
        }
      std::optional<FieldItem> long_label;  // a known label too long for the line after « Autres »
      if (row.spec->other) {
        // Its label is typed too: field TABLE.ROW:libelle (TABLE.ROW holds the cells).
        const bool custom = row.label != row.spec->label && !row.label.empty() && !fields_;
        const auto label_field = [&](FieldKind kind) {
          return text_field_item(kind, t.id + "." + row.spec->id + ":libelle",
                                 row.label != row.spec->label ? row.label : std::string(),
                                 tooltip_of(n.label.empty() ? t.label : n.label) + " — " + row.spec->label + " (libellé)",
                                 st::kTableSize + 0.5);
        };
        const double gap = std::max(20.0, widths[0] - 12 - measure(typeset(row.spec->label), cell_style));
        if (fields_ && overflows(row.label != row.spec->label ? row.label : std::string(), gap, st::kTableSize + 0.5)) {
          // It gets the lines it takes, under the row's words, in the cell.
          long_label = label_field(FieldKind::MultiLine);
          cells.push_back(set(typeset(row.spec->label) + "\u00a0:", cell_style, widths[0] - 6));
        } else if (custom) {
          cells.push_back(set({{typeset(row.spec->label) + "\u00a0: ", cell_style, 0},
                               {typeset(row.label), answer_style(st::kTableSize + 0.5), 0}},
                              widths[0] - 6, {SourceLoc{}, row.label_loc}));
        } else {
          field_on_next_gap([&] { return label_field(FieldKind::Text); });
          cells.push_back(set({{typeset(row.spec->label) + " ", cell_style, 0}, {"", cell_style, gap}}, widths[0] - 6));
        }
      } else {
        cells.push_back(set(typeset(row.label), cell_style, widths[0] - 6));
      }
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const data::Value& v = row.cells[i];
        if (!printed(v)) {
          cells.emplace_back();
          continue;
        }
        std::string s = format_value(v);
        if (t.columns[i].type == FieldType::Text) s = typeset(s);
        cells.push_back(set(s, answer_style(st::kTableSize + 0.5), widths[i + 1] - 6,
                            i < row.cell_locs.size() ? row.cell_locs[i] : SourceLoc{}));
      }
      double label_top = 0;  // where a long label's field starts in its cell
      if (long_label) {
        label_top = 2.5 - 1;  // the cell's padding, less the field's
        for (const auto& l : cells.front()) label_top += leading(l.size);
        const int lines = field_line_count(long_label->value, widths[0], long_label->size);
        fields_height = std::max(fields_height, label_top + 4 + lines * kReaderLineFactor * long_label->size);
      }
      Chunk rc = table_row(cells, widths, aligns, false, std::move(cell_fields), fields_height);
      if (long_label) {
        long_label->rect = Rect{kX0, label_top, widths[0], rc.height - label_top};
        rc.items.push_back(std::move(*long_label));
      }
      if (first_row) {
        for (auto item : rc.items) {
          translate(item, 0, first.height);
          first.items.push_back(std::move(item));
        }
        first.height += rc.height;
        b.chunks.push_back(std::move(first));
        first_row = false;
      } else {
        b.chunks.push_back(std::move(rc));
      }
    }
    if (first_row) b.chunks.push_back(std::move(first));
    b.continuation.push_back(header);
    b.keep_together = b.height() < 300;
    push(std::move(b));
  }

  // --- groups, signature, notes --------------------------------------------
  void group(const BoundNode& n) {
    if (n.presence == data::Presence::Shown) {
      nodes(n.children);
      return;
    }
    if (n.presence == data::Presence::Omitted) return;
    Chunk c;
    std::vector<Span> spans;
    if (!n.label.empty()) spans.push_back({typeset(n.label) + "\u00a0: ", {true, false, st::kBodySize, st::kGrey}, 0});
    spans.push_back({"Sans objet", {false, true, st::kBodySize, st::kGrey}, 0});
    add_lines(c, set(spans, kW - 10), kX0 + 10);
    c.items.push_back(LineItem{kX0 + 3, 0, kX0 + 3, c.height, 1.2, st::kBand, LineStyle::Solid});
    push_unit(std::move(c), st::kQuestionGap);
  }

  void image_in(Chunk& c, const std::optional<data::ImageData>& img, const Rect& area) const {
    if (!img || !img->image) return;
    const image::DecodedImage& d = *img->image;
    const double scale = std::min(area.width / d.width, area.height / d.height);
    const double w = d.width * scale, h = d.height * scale;
    c.items.push_back(ImageItem{Rect{area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h},
                                img->image, d.width, d.height});
  }

  void signature(const BoundNode& n) {
    const spec::SignatureText& t = n.spec->signature;
    const data::BoundSignature& s = form_.signature;
    Chunk c;
    const auto value_or_gap = [&](const std::string& value, double gap) -> Span {
      if (!value.empty() && !fields_) return {typeset(value), answer_style(), 0};
      // A known answer in its field: a line as long as it, up to the whole width.
      if (!value.empty()) gap = std::min(kW, std::max(gap, field_text_width(fonts_, value, st::kBodySize) + 6));
      return {"", body(), gap};
    };
    std::string date;
    if (s.date) date = text::format_date_long(s.date->year, s.date->month, s.date->day);
    if (fields_) {
      // Fields in the order of their gaps: name, role, then place, date.
      const std::string typed_date = s.date ? numeric_date(*s.date) : std::string();
      field_on_next_gap([&] { return text_field_item(FieldKind::Text, "signature.name", s.name, tooltip_of(t.name_label)); });
      field_on_next_gap([&] { return text_field_item(FieldKind::Text, "signature.role", s.role, tooltip_of(t.role_label)); });
      field_on_next_gap([&] { return text_field_item(FieldKind::Text, "signature.place", s.place, tooltip_of(t.place_label)); });
      // « le » alone says nothing: the date reads as its line prints, « Fait à … le ».
      field_on_next_gap([&] { return text_field_item(FieldKind::Text, "signature.date", typed_date,
                                                     without_colon(t.place_label) + " … " + without_colon(t.date_label)); });
    }
    add_lines(c,
              set({{typeset(t.name_label) + " ", body(), 0},
                   value_or_gap(s.name, 170),
                   {", " + typeset(t.role_label) + " ", body(), 0},
                   value_or_gap(s.role, 140),
                   {", " + typeset(t.statement), body(), 0}},
                  kW, {SourceLoc{}, s.name_loc, SourceLoc{}, s.role_loc, SourceLoc{}}),
              kX0);
    c.height += 6;
    add_lines(c,
              set({{typeset(t.place_label) + " ", body(), 0},
                   value_or_gap(s.place, 140),
                   {" " + typeset(t.date_label) + " ", body(), 0},
                   value_or_gap(date, 100)},
                  kW, {SourceLoc{}, s.place_loc, SourceLoc{}, SourceLoc{}}),
              kX0);
    c.height += 8;
    const double gap = 16;
    const double bw = (kW - gap) / 2;
    const double top = c.height;
    const struct {
      const std::string& label;
      const std::optional<data::ImageData>& image;
      double x;
    } boxes[] = {{t.stamp_label, s.stamp, kX0}, {t.signature_label, s.signature, kX0 + bw + gap}};
    for (const auto& box : boxes) {
      c.items.push_back(BoxItem{Rect{box.x, top, bw, st::kSignatureBoxHeight}, 0.7, st::kRule, false, {}});
      const TextStyle ls{true, false, 9, st::kBlack};
      const std::string label = typeset(box.label);
      const double lw = measure(label, ls);
      c.items.push_back(TextItem{box.x + (bw - lw) / 2, top + 12, Face::Bold, 9, st::kBlack, label});
      image_in(c, box.image, Rect{box.x + 6, top + 18, bw - 12, st::kSignatureBoxHeight - 24});
    }
    c.height = top + st::kSignatureBoxHeight + 4;
    for (const auto& child : n.children) {
      if (child.spec->kind != NodeKind::Footnote) continue;
      footnote_lines(c, child);
    }
    push_unit(std::move(c), st::kSectionGap2);
  }

  void footnote_lines(Chunk& c, const BoundNode& n) {
    std::vector<Span> spans;
    if (!n.spec->mark.empty()) spans.push_back({n.spec->mark + " ", {false, false, st::kNoteSize, st::kBlack}, 0});
    for (auto& sp : rich_spans(n.text, st::kNoteSize, false, st::kBlack)) spans.push_back(std::move(sp));
    add_lines(c, set(spans, kW), kX0);
  }

  void footnote(const BoundNode& n) {
    Chunk c;
    footnote_lines(c, n);
    push_unit(std::move(c), 4);
  }

  const data::BoundForm& form_;
  const FontMetrics& fonts_;
  TypesetCache* cache_;            // layout text typeset in earlier documents (may be null)
  bool fields_ = false;            // a fillable bilan (ComposeOptions::fields)
  std::deque<FieldItem> gap_fields_;  // placed on the next gaps add_line() draws
  std::size_t missing_count_ = 0;  // characters no font has, met so far
  MissingGlyphs glyphs_;
  LineSetter setter_;
  std::vector<Block> blocks_;
  SourceLoc loc_;
  SourceLoc layout_loc_;    // the layout element being composed
  bool in_answer_ = false;  // loc_ is where an answer's text starts
  std::vector<SourceLoc> span_locs_;  // during set(spans, width, locs)
};

}  // namespace

std::vector<Block> build_blocks(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink,
                                TypesetCache* cache, const ComposeOptions& options) {
  return Builder(form, fonts, sink, cache, options).run();
}

}  // namespace bilan::compose

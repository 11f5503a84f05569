// compose/blocks/builder — the builder's measures and primitives, the title block and the one dispatch on the bound kinds.
#include "compose/blocks/builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "compose/field_lines.hpp"
#include "core/utf8.hpp"
#include "data/walk.hpp"
#include "text/format.hpp"
#include "text/typography.hpp"

namespace bilan::compose::detail {

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

std::vector<Block> Builder::run() {
  title_block();
  nodes(form_.body);
  return std::move(blocks_);
}

double Builder::baseline(double size) const {
  const double asc = fonts_.ascent(Face::Regular) / 1000.0, desc = fonts_.descent(Face::Regular) / 1000.0;
  return (leading(size) - (asc - desc) * size) / 2 + asc * size;
}

// In an answer, point at the character itself. With `span_locs_`, each span
// says where its text was written: an answer (known) or the layout.
void Builder::missing(char32_t cp, std::size_t span) {
  ++missing_count_;
  if (span < span_locs_.size()) {
    const SourceLoc& at = span_locs_[span];
    glyphs_.report(cp, at.known() ? at : layout_loc_, at.known());
    return;
  }
  glyphs_.report(cp, loc_, in_answer_);
}

// Text of the layout (never an answer): typeset with French typography,
// once per Renderer for a given style and width (compose/typeset_cache).
std::vector<SetLine> Builder::layout_text(std::string_view raw, const TextStyle& style, double width) {
  if (!cache_) return set(typeset(raw), style, width);
  std::string key = TypesetCache::key(raw, style, width);
  if (const auto* hit = cache_->find(key)) return *hit;
  const std::size_t missing_before = missing_count_;
  auto lines = set(typeset(raw), style, width);
  if (missing_count_ == missing_before) cache_->insert(std::move(key), lines);
  return lines;
}

std::vector<SetLine> Builder::set(std::string_view text, const TextStyle& style, double width) const {
  return setter_.set({Span{std::string(text), style, 0}}, width);
}

// Spans some of which are answers: `locs[i]` is where span i was written in
// the answer file, unknown for layout text.
std::vector<SetLine> Builder::set(const std::vector<Span>& spans, double width, std::vector<SourceLoc> locs) {
  span_locs_ = std::move(locs);
  auto lines = setter_.set(spans, width);
  span_locs_.clear();
  return lines;
}

std::vector<SetLine> Builder::set(std::string_view text, const TextStyle& style, double width, const SourceLoc& loc) {
  return set({Span{std::string(text), style, 0}}, width, {loc});
}

// Draws `line` with its top at `top` (chunk-relative); returns its height.
double Builder::add_line(Chunk& c, const SetLine& line, double x, double top, Align align,
                double width) {
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

double Builder::add_lines(Chunk& c, const std::vector<SetLine>& lines, double x, Align align,
                 double width) {
  double h = 0;
  for (const auto& l : lines) h += add_line(c, l, x, c.height + h, align, width);
  c.height += h;
  return h;
}

// The box, and under it its state for readers: an invisible space of the body
// face (embedded anyway) read as ☒ (U+2612) or ☐ (U+2610), so that `pdftotext`,
// search and screen readers get « ☒ oui ☐ non » without a font of its own. It
// comes first, so that button() finds the box as the chunk's last item.
void Builder::checkbox(Chunk& c, double x, double baseline_y, bool checked) const {
  const bool drawn = checked && !fields_;
  TextItem state{x, baseline_y, Face::Regular, st::kBodySize, st::kAnswer, " "};  // the labels' size: no Tf between
  state.actual_text = drawn ? "\u2612" : "\u2610";
  c.items.push_back(std::move(state));
  c.items.push_back(CheckboxItem{Rect{x, baseline_y - st::kBox + 1, st::kBox, st::kBox}, drawn, st::kAnswer});
}

FieldItem Builder::text_field_item(FieldKind kind, std::string name, std::string value, std::string tooltip,
                                 double size) {
  FieldItem f;
  f.kind = kind;
  f.name = std::move(name);
  f.value = std::move(value);
  f.tooltip = std::move(tooltip);
  f.size = size;
  return f;
}

// An answer area within a question (an option, an « Autres » text): the
// question, then the words printed by that area.
std::string Builder::tooltip_of(const std::string& question, const std::string& words) {
  const std::string q = without_colon(question), w = without_colon(words);
  if (q.empty() || w.empty()) return q.empty() ? w : q;
  return q + " — " + w;
}

Block& Builder::push(Block b) {
  blocks_.push_back(std::move(b));
  return blocks_.back();
}

// A block of one chunk: never split, since a chunk never is.
void Builder::push_unit(Chunk c, double space_before, bool keep_with_next) {
  Block b;
  b.space_before = space_before;
  b.keep_with_next = keep_with_next;
  b.chunks.push_back(std::move(c));
  push(std::move(b));
}

std::vector<Span> Builder::rich_spans(const spec::RichText& runs, double size, bool italic_all, Color color) {
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
void Builder::title_block() {
  Chunk c;
  if (!form_.title.empty())
    add_lines(c, layout_text(form_.title, {true, false, st::kTitleSize, st::kBlack}, kW), kX0, Align::Center, kW);
  if (!form_.subtitle.empty()) {
    c.height += 2;
    add_lines(c, layout_text(form_.subtitle, {false, false, st::kSubtitleSize, st::kGrey}, kW), kX0, Align::Center, kW);
  }
  if (const auto& d = form_.department_heading) {
    std::string line = d->caf + " · département " + d->code;
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

void Builder::nodes(const std::vector<BoundNode>& list) {
  for (const auto& n : list) node(n);
}

// Messages about an answer's text point into the answer file.
void Builder::answer_loc(const data::BoundQuestion& q) {
  in_answer_ = q.value_loc.known();
  loc_ = in_answer_ ? q.value_loc : q.loc;
}

void Builder::node(const BoundNode& n) {
  gap_fields_.clear();  // a field whose gap was never drawn must not land on another question's
  loc_ = layout_loc_ = data::loc_of(n);
  in_answer_ = false;
  // « Si oui, précisez… »: a question asked after the answer to the one
  // before is part of that answer, never the first thing of the next page.
  if (const data::BoundQuestion* q = data::as_question(n); q && starts_with_if(q->label) && !blocks_.empty())
    blocks_.back().keep_with_next = true;
  // Each kind's blocks are made in compose/blocks/<kind>.cpp.
  data::visit(n, spec::Overloaded{
                     [this](const data::BoundSection& s) { section(s); },
                     [this](const data::BoundParagraph& p) { paragraph(p); },
                     [this](const data::BoundList& l) { list(l); },
                     [this](const data::BoundField& f) { field(f); },
                     [this](const data::BoundTextArea& q) { text_area(q); },
                     [this](const data::BoundYesNo& q) { yes_no(q); },
                     [this](const data::BoundChoice& q) { choice(q); },
                     [this](const data::BoundTable& t) { table(t); },
                     [this](const data::BoundGrid& g) { grid(g); },
                     [this](const data::BoundGroup& g) { group(g); },
                     [this](const data::BoundSignature& s) { signature(s); },
                     [this](const data::BoundFootnote& f) { footnote(f); },
                     [this](const data::BoundPageBreak& p) { page_break(p); },
                     // The department's own parts, bound in its place.
                     [this](const data::BoundDepartmentBlocks& d) { nodes(d.children); },
                     [](const data::BoundCheck&) {},  // rules on the answers, checked by bind()
                 });
}

// « Si oui… », « Si NON… »: words about the answer just given.
bool Builder::starts_with_if(std::string_view text) {
  std::string head(text.substr(0, 6));
  for (auto& ch : head) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return head == "si oui" || head == "si non";
}

// A hint in small italics under a label.
void Builder::hint(Chunk& c, const std::string& text) {
  if (text.empty()) return;
  add_lines(c, set(typeset(text), {false, true, 9, st::kGrey}, kW, SourceLoc{}), kX0);  // layout text
}

// A question whose answer sits in a right-hand column `column` wide: the
// label wraps on the left; the caller draws the column on the first line.
Chunk Builder::label_beside_column(const data::BoundQuestion& q, double column) {
  Chunk c;
  add_lines(c, layout_text(q.label, body(), kW - column - st::kGutter), kX0);
  return c;
}

// Lines `value` takes in a multi-line field `width` wide at `size`.
int Builder::field_line_count(const std::string& value, double width, double size) const {
  if (value.empty()) return 0;
  return static_cast<int>(field_lines(fonts_, value, width - 4, size).size());
}

// A one-line field `width` wide is too narrow for its known value (shown on
// one line, its line breaks as spaces, 2 pt of padding either side).
bool Builder::overflows(std::string value, double width, double size) const {
  std::replace(value.begin(), value.end(), '\n', ' ');
  return field_text_width(fonts_, value, size) > width - 4;
}

// `count` ruled lines at the bottom of `c`, from `x` to the right margin,
// with one multi-line field over them: a known answer too long for the
// one-line field the blank form has gets the lines it needs.
void Builder::ruled_field(Chunk& c, double x, int count, FieldItem field) const {
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
void Builder::ruled_lines(Block& b, Chunk& first, int count, const FieldItem* field) const {
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

Chunk Builder::continuation_chunk(const std::string& label) {
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

}  // namespace bilan::compose::detail

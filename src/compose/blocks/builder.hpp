// compose/blocks/builder — the block builder the kinds share: measures,
// primitives (lines, boxes, fields) and the one dispatch on the bound node's
// kind (data::visit). Each kind's blocks are made in compose/blocks/<kind>.cpp
// from its bound type (data::BoundTable…), never from the spec;
// build_blocks() is the entry (compose/blocks.hpp).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compose/blocks.hpp"
#include "compose/calculate.hpp"
#include "compose/style.hpp"

namespace bilan::compose::detail {

using data::BoundNode;
using spec::FieldType;
namespace st = style;

constexpr double kX0 = st::kMarginLeft;
constexpr double kW = st::kContentWidth;

enum class Align : std::uint8_t { Left, Center, Right };

inline TextStyle body(bool bold = false, bool italic = false) { return {bold, italic, st::kBodySize, st::kBlack}; }
// Typed answers: navy, and bold so that they stand apart from the form's words
// in black-and-white print too (« Niveaux concernés Du CP… »). The long
// answers of text areas are regular, set off from their label by a navy rule.
inline TextStyle answer_style(double size = st::kBodySize) { return {true, false, size, st::kAnswer}; }
inline TextStyle long_answer_style() { return {false, false, st::kBodySize, st::kAnswer}; }

inline bool is_number(FieldType t) { return t == FieldType::Integer || t == FieldType::Decimal || t == FieldType::Amount; }

// A date as one types it in a field: 05/07/2025.
std::string numeric_date(const CivilDate& d);
// A label without its trailing colon and the spaces before it.
std::string without_colon(std::string label);

class Builder {
 public:
  Builder(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink, TypesetCache* cache,
          const ComposeOptions& options)
      : form_(form), fonts_(fonts), cache_(cache), fields_(options.fields), glyphs_(form, sink),
        setter_(fonts, [this](char32_t cp, std::size_t span) { missing(cp, span); }) {}

  std::vector<Block> run();

 private:
  // --- measures and primitives ---------------------------------------------
  static double leading(double size) { return size * st::kLeading; }
  double baseline(double size) const;

  // In an answer, point at the character itself. With `span_locs_`, each span
  // says where its text was written: an answer (known) or the layout.
  void missing(char32_t cp, std::size_t span);

  std::vector<SetLine> set(const std::vector<Span>& spans, double width) const { return setter_.set(spans, width); }
  // Text of the layout (never an answer): typeset with French typography,
  // once per Renderer for a given style and width (compose/typeset_cache).
  std::vector<SetLine> layout_text(std::string_view raw, const TextStyle& style, double width);
  std::vector<SetLine> set(std::string_view text, const TextStyle& style, double width) const;
  // Spans some of which are answers: `locs[i]` is where span i was written in
  // the answer file, unknown for layout text.
  std::vector<SetLine> set(const std::vector<Span>& spans, double width, std::vector<SourceLoc> locs);
  std::vector<SetLine> set(std::string_view text, const TextStyle& style, double width, const SourceLoc& loc);
  double measure(std::string_view text, const TextStyle& style) const { return setter_.measure(text, style); }

  // Draws `line` with its top at `top` (chunk-relative); returns its height.
  double add_line(Chunk& c, const SetLine& line, double x, double top, Align align = Align::Left,
                  double width = 0);

  double add_lines(Chunk& c, const std::vector<SetLine>& lines, double x, Align align = Align::Left,
                   double width = 0);

  // The box, and under it its state for readers: an invisible space of the body
  // face (embedded anyway) read as ☒ (U+2612) or ☐ (U+2610), so that `pdftotext`,
  // search and screen readers get « ☒ oui ☐ non » without a font of its own. It
  // comes first, so that button() finds the box as the chunk's last item.
  void checkbox(Chunk& c, double x, double baseline_y, bool checked) const;

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
                                   double size = st::kBodySize);

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
  static std::string tooltip_of(const std::string& question, const std::string& words);

  // Known answers are not printed on a fillable bilan: they go into the fields.
  bool printed(const data::Value& v) const { return !v.missing() && !fields_; }

  Block& push(Block b);

  // A block of one chunk: never split, since a chunk never is.
  void push_unit(Chunk c, double space_before, bool keep_with_next = false);

  static std::vector<Span> rich_spans(const spec::RichText& runs, double size, bool italic_all, Color color);

  // --- document parts -----------------------------------------------------
  void title_block();

  void nodes(const std::vector<BoundNode>& list);

  // Messages about an answer's text point into the answer file.
  void answer_loc(const data::BoundQuestion& q);

  void node(const BoundNode& n);

  void section(const data::BoundSection& s);

  void paragraph(const data::BoundParagraph& n);

  // A note or instruction about the answer just given (« Si oui, … »).
  static bool answers_previous(const data::BoundParagraph& p, std::string_view plain);

  // « Si oui… », « Si NON… »: words about the answer just given.
  static bool starts_with_if(std::string_view text);

  void list(const data::BoundList& n);

  // A hint in small italics under a label.
  void hint(Chunk& c, const std::string& text);

  // A number (integer, decimal, amount) in a box, or text on a dotted line.
  void field(const data::BoundField& f);

  void text_field(const data::BoundField& n);

  // A question whose answer sits in a right-hand column `column` wide: the
  // label wraps on the left; the caller draws the column on the first line.
  Chunk label_beside_column(const data::BoundQuestion& q, double column);

  void number_field(const data::BoundField& n);

  // The fields a computed total reads: a number field, or a number column's
  // cells, looked up in the bound form (the department's own parts included).
  std::optional<RefFields> ref_fields(std::string_view ref) const;

  void yes_no(const data::BoundYesNo& n);

  static bool chosen(const data::BoundChoice& n, const std::string& value);

  void choice(const data::BoundChoice& n);

  // --- multi-line fields on ruled lines ----------------------------------------
  // The widget of one ruled line (its pitch's top at 0), `x`, `width`: one
  // line of pdf.js's layout (compose/field_lines) at kRuledFieldSize, 4 pt
  // above the pitch and 2 pt taller, so that the lines of n merged widgets
  // (16 n + 2 pt: two 1-pt paddings) are kRuledLine apart and the text sits
  // between the dots: baseline 8.85 pt under the pitch's top, accents 1 pt
  // clear of the dots above, descenders 1.3 pt clear of its own (at 13 pt).
  static Rect ruled_field_rect(double x, double width) { return Rect{x, -4, width, st::kRuledLine + 2}; }

  // Lines `value` takes in a multi-line field `width` wide at `size`.
  int field_line_count(const std::string& value, double width, double size) const;

  // A one-line field `width` wide is too narrow for its known value (shown on
  // one line, its line breaks as spaces, 2 pt of padding either side).
  bool overflows(std::string value, double width, double size = st::kBodySize) const;

  // `count` ruled lines at the bottom of `c`, from `x` to the right margin,
  // with one multi-line field over them: a known answer too long for the
  // one-line field the blank form has gets the lines it needs.
  void ruled_field(Chunk& c, double x, int count, FieldItem field) const;

  // Ruled lines to write on, `count` of them, each its own chunk after the first `head`.
  // With `field`, each line also carries it (merged per page into one widget,
  // compose.cpp); only the first line holds its value, which compose() splits
  // between the page parts: a long answer is not copied on each of its lines.
  void ruled_lines(Block& b, Chunk& first, int count, const FieldItem* field = nullptr) const;

  void text_area(const data::BoundTextArea& n);

  Chunk continuation_chunk(const std::string& label);

  // --- tables ------------------------------------------------------------
  static std::vector<double> column_widths(const data::BoundTable& t);

  // One table row: cells with their text lines, framed, height to the tallest.
  // `fields` (fillable): one per cell after the row label, or empty.
  // `min_height`: the room the fields' known answers take (fillable).
  Chunk table_row(const std::vector<std::vector<SetLine>>& cells, const std::vector<double>& widths,
                  const std::vector<Align>& aligns, bool header, std::vector<FieldItem> fields = {},
                  double min_height = 0);

  void table(const data::BoundTable& t);

  // A row of a table or grid added to its block: the first joins `first`
  // (label and head row), the others are chunks of their own.
  static void add_matrix_row(Block& b, Chunk& first, Chunk row);

  // --- grids (compose/blocks/grid.cpp) ---------------------------------------
  void grid(const data::BoundGrid& g);

  // --- groups, signature, notes --------------------------------------------
  void group(const data::BoundGroup& n);

  void image_in(Chunk& c, const std::optional<data::ImageData>& img, const Rect& area) const;

  // The attestation's block; its answers are form_.signature.
  void signature(const data::BoundSignature& n);

  void footnote_lines(Chunk& c, const data::BoundFootnote& n);

  void footnote(const data::BoundFootnote& n);

  void page_break(const data::BoundPageBreak& n);

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

}  // namespace bilan::compose::detail

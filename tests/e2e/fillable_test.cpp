// Fillable bilans (docs/fillable.md) read by clients no one here wrote:
// pdf.js (pdfjs-dist, installed in tests/pdfjs by scripts/setup.sh) lists the
// fields and types answers into them; qpdf checks, poppler renders; bilan
// import-pdf reads the answers back.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <variant>

#include "compose/blocks.hpp"
#include "compose/calculate.hpp"
#include "compose/style.hpp"
#include "data/eval.hpp"
#include "data/value.hpp"
#include "engine/engine.hpp"
#include "compose/field_lines.hpp"
#include "engine/import_pdf.hpp"
#include "render/trace/trace_canvas.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using compose::FieldItem;
using compose::FieldKind;
using testing::run;

FileSystemEnvironment real_environment() {
  return FileSystemEnvironment({testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf"));
}

struct Variant {
  std::string form, department;
};
const std::vector<Variant> kVariants = {{"clas-2024-2025", "47"},
                                         {"clas-2024-2025", "33"},
                                         {"tne-parentalite-numerique", ""},
                                         {"clas-lot-et-garonne-2021-2022", ""},
                                         {"questionnaire-clas-2023-2024", ""}};

struct PlacedField {
  std::size_t page = 0;  // 0-based
  FieldItem item;
};

compose::PagedDocument compose_fillable(const Variant& v) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  DiagnosticSink sink;
  engine::BlankOptions options;
  options.department = v.department;
  options.fillable = true;
  auto composed = engine.renderer().compose_blank(v.form, options, sink);
  EXPECT_TRUE(composed) << v.form;
  return composed ? std::move(composed->doc) : compose::PagedDocument{};
}

std::vector<PlacedField> fields_of(const compose::PagedDocument& doc) {
  std::vector<PlacedField> out;
  for (std::size_t p = 0; p < doc.pages.size(); ++p)
    for (const auto& item : doc.pages[p].items)
      if (const auto* f = std::get_if<FieldItem>(&item)) out.push_back({p, *f});
  return out;
}

bool near(double a, double b) { return std::abs(a - b) < 0.02; }
bool same_rect(const Rect& a, const Rect& b) {
  return near(a.x, b.x) && near(a.y, b.y) && near(a.width, b.width) && near(a.height, b.height);
}

// What the page prints under a widget: the box itself for buttons, a dotted
// line to write on or a framed cell for text.
bool over_printed_area(const compose::Page& page, const FieldItem& f) {
  for (const auto& item : page.items) {
    if (const auto* c = std::get_if<compose::CheckboxItem>(&item))
      if ((f.kind == FieldKind::Radio || f.kind == FieldKind::Check) && same_rect(c->rect, f.rect) && !c->checked) return true;
    if (f.kind != FieldKind::Text && f.kind != FieldKind::MultiLine) continue;
    if (const auto* b = std::get_if<compose::BoxItem>(&item); b && same_rect(b->rect, f.rect)) return true;
    // A row's label too long for its line: in the row's first cell, under its words.
    if (const auto* b = std::get_if<compose::BoxItem>(&item);
        b && f.kind == FieldKind::MultiLine && f.name.ends_with(":libelle") && near(b->rect.x, f.rect.x) &&
        near(b->rect.width, f.rect.width) && near(b->rect.bottom(), f.rect.bottom()) && f.rect.y > b->rect.y)
      return true;
    if (const auto* l = std::get_if<compose::LineItem>(&item); l && l->style == compose::LineStyle::Dotted) {
      const bool across = near(l->x1, f.rect.x) && near(l->x2, f.rect.right());
      const bool inside = l->y1 > f.rect.y && l->y1 < f.rect.bottom();
      if (across && inside) return true;
    }
  }
  return false;
}

TEST(Fillable, EveryWidgetLiesOverItsPrintedAnswerArea) {
  for (const auto& v : kVariants) {
    const auto doc = compose_fillable(v);
    const auto fields = fields_of(doc);
    EXPECT_GT(fields.size(), 30u) << v.form;
    for (const auto& f : fields)
      EXPECT_TRUE(over_printed_area(doc.pages[f.page], f.item))
          << v.form << " " << v.department << ": " << f.item.name << " page " << f.page + 1;
  }
}

TEST(Fillable, PrefilledWidgetsLieOverBlankAreasAndHoldTheAnswers) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  for (const char* sample : {"association-urbaine-2024-2025", "tne-parentalite-numerique-2024-2025",
                             "clas-lot-et-garonne-2021-2022-association-agen"}) {
    DiagnosticSink sink;
    engine::FillOptions options;
    options.partial = true;
    options.fillable = true;
    auto composed = engine.renderer().compose_fill(testing::source_path(std::string("samples/") + sample + ".xml"), options, sink);
    ASSERT_TRUE(composed) << sample;
    std::size_t with_value = 0;
    for (const auto& f : fields_of(composed->doc)) {
      EXPECT_TRUE(over_printed_area(composed->doc.pages[f.page], f.item)) << sample << ": " << f.item.name;
      with_value += !f.item.value.empty();
    }
    EXPECT_GT(with_value, 20u) << sample;
    // The answers are in the fields, not printed: no box is ticked on the page.
    for (const auto& page : composed->doc.pages)
      for (const auto& item : page.items)
        if (const auto* c = std::get_if<compose::CheckboxItem>(&item)) {
          EXPECT_FALSE(c->checked) << sample;
        }
  }
}

TEST(Fillable, EveryYesNoIsARadioGroupOuiNon) {
  const auto doc = compose_fillable(kVariants[0]);
  std::map<std::string, std::set<std::string>> radios;
  for (const auto& f : fields_of(doc))
    if (f.item.kind == FieldKind::Radio) radios[f.item.name].insert(f.item.on);
  ASSERT_TRUE(radios.count("bonus_enfants"));
  EXPECT_EQ(radios["bonus_enfants"], (std::set<std::string>{"oui", "non"}));
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  DiagnosticSink sink;
  const spec::FormSpec* form = engine.form("clas-2024-2025", sink);
  ASSERT_TRUE(form);
  std::size_t yes_no = 0;
  for (const auto& [id, node] : form->answerable()) {
    if (!std::holds_alternative<spec::YesNo>(node->kind()) || !form->departments_of(id).empty()) continue;
    ++yes_no;
    EXPECT_EQ(radios[id], (std::set<std::string>{"oui", "non"})) << id;
  }
  EXPECT_GT(yes_no, 30u);
}

TEST(Fillable, TextAreaSplitAcrossPagesIsAFieldPerPagePart) {
  const auto doc = compose_fillable(kVariants[0]);
  std::map<std::string, std::vector<std::size_t>> pages;
  for (const auto& f : fields_of(doc))
    if (f.item.kind == FieldKind::MultiLine) pages[f.item.name].push_back(f.page);
  // 9 ruled lines on page 1, the other 7 on page 2: a field each, one widget each.
  EXPECT_EQ(pages["deroulement"], (std::vector<std::size_t>{0}));
  EXPECT_EQ(pages["deroulement~2"], (std::vector<std::size_t>{1}));
  for (const auto& [name, on] : pages) EXPECT_EQ(on.size(), 1u) << name;
}

// Point 3 of issue 17: over ruled lines, a multi-line field's size and height
// make pdf.js's leading the distance of the lines (compose/field_lines), one
// reader line per ruled line.
TEST(Fillable, RuledFieldsLeadingIsThePitchOfTheirLines) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  DiagnosticSink sink;
  engine::FillOptions options;
  options.partial = true;
  options.fillable = true;
  auto prefilled = engine.renderer().compose_fill(testing::source_path("samples/association-urbaine-2024-2025.xml"), options, sink);
  ASSERT_TRUE(prefilled);
  std::size_t ruled = 0;
  const auto blank = compose_fillable(kVariants[0]);
  for (const compose::PagedDocument* doc : std::vector<const compose::PagedDocument*>{&prefilled->doc, &blank}) {
    for (const auto& f : fields_of(*doc)) {
      if (f.item.kind != FieldKind::MultiLine || f.item.pitch == 0) continue;
      ++ruled;
      EXPECT_EQ(f.item.pitch, 16);
      EXPECT_NEAR(compose::field_leading(f.item.rect.height, f.item.size), f.item.pitch, 1e-9) << f.item.name;
      EXPECT_EQ(compose::field_capacity(f.item.rect.height, f.item.size),
                static_cast<std::size_t>(std::lround((f.item.rect.height - 2) / f.item.pitch)))
          << f.item.name;
    }
  }
  EXPECT_GT(ruled, 50u);
}

// Point 5 of issue 17: free text in a table wraps (a multi-line field);
// numbers and dates stay one line.
TEST(Fillable, FreeTextTableCellsAreMultiLine) {
  for (const auto& v : kVariants) {
    std::size_t comments = 0;
    for (const auto& f : fields_of(compose_fillable(v))) {
      if (!f.item.name.starts_with("tne_ateliers.") || f.item.name.find(':') != std::string::npos) continue;
      const bool comment = f.item.name.ends_with(".commentaire");
      comments += comment;
      EXPECT_EQ(f.item.kind, comment ? FieldKind::MultiLine : FieldKind::Text) << f.item.name;
    }
    if (v.form == "tne-parentalite-numerique" || v.department == "47") {
      EXPECT_EQ(comments, 6u) << v.form;
    }
  }
}

// Point 5 of issue 17: room for a 40 mm round stamp, printable or fillable.
TEST(Fillable, StampAndSignatureBoxesAreAtLeast45mmSquare) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  for (const auto& v : kVariants)
    for (const bool fillable : {false, true}) {
      DiagnosticSink sink;
      engine::BlankOptions options;
      options.department = v.department;
      options.fillable = fillable;
      auto composed = engine.renderer().compose_blank(v.form, options, sink);
      ASSERT_TRUE(composed) << v.form;
      int boxes = 0;
      for (const auto& page : composed->doc.pages)
        for (const auto& item : page.items) {
          const auto* t = std::get_if<compose::TextItem>(&item);
          if (!t || (t->text != "CACHET" && t->text != "SIGNATURE")) continue;
          for (const auto& other : page.items)
            if (const auto* b = std::get_if<compose::BoxItem>(&other);
                b && t->x > b->rect.x && t->x < b->rect.right() && t->y > b->rect.y && t->y < b->rect.bottom()) {
              ++boxes;
              EXPECT_GE(b->rect.width, mm(45) - 0.01) << v.form << " " << t->text;
              EXPECT_GE(b->rect.height, mm(45) - 0.01) << v.form << " " << t->text;
            }
        }
      // The Lot-et-Garonne seed and the online questionnaire have no attestation, hence no box.
      EXPECT_EQ(boxes, v.form == "clas-lot-et-garonne-2021-2022" || v.form == "questionnaire-clas-2023-2024" ? 0 : 2) << v.form;
    }
}

// Point 2 of issue 17: in a pre-filled fillable, every known answer has the
// room to be shown whole — a one-line field is wide enough for it, a
// multi-line one shows all its lines — and an answer over a page break is
// split between the parts at line boundaries (joined again, it is the answer).
TEST(Fillable, PrefilledAnswersAreNeverCut) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  const fonts::FontMetrics& fonts = engine.catalog().fonts();
  std::set<std::string> samples;
  for (const auto& e : fs::directory_iterator(testing::source_path("samples")))
    if (e.path().extension() == ".xml") samples.insert(e.path().stem().string());
  EXPECT_GE(samples.size(), 7u);
  for (const std::string& sample : samples) {
    DiagnosticSink sink;
    engine::FillOptions options;
    options.partial = true;
    options.fillable = true;
    auto composed = engine.renderer().compose_fill(testing::source_path("samples/" + sample + ".xml"), options, sink);
    ASSERT_TRUE(composed) << sample;
    std::map<std::string, std::string> joined;
    std::size_t parts = 0;
    for (const auto& f : fields_of(composed->doc)) {
      const FieldItem& item = f.item;
      if (item.value.empty()) continue;
      if (item.kind == FieldKind::Text) {
        EXPECT_LE(compose::field_text_width(fonts, item.value, item.size), item.rect.width - 4) << sample << ": " << item.name;
      } else if (item.kind == FieldKind::MultiLine) {
        EXPECT_LE(compose::field_lines(fonts, item.value, item.rect.width - 4, item.size).size(),
                  compose::field_capacity(item.rect.height, item.size))
            << sample << ": " << item.name;
        const auto tilde = item.name.find('~');
        std::string& whole = joined[item.name.substr(0, tilde)];
        whole += (whole.empty() ? "" : "\n") + item.value;
        parts += tilde != std::string::npos;
      }
    }
    if (sample == "association-urbaine-2024-2025") {
      EXPECT_GE(parts, 2u);
      // Split where a line breaks (a space or a line break): nothing lost, nothing cut in a word.
      const std::string xml = testing::read_text(testing::source_path("samples/" + sample + ".xml"));
      const auto start = xml.find("<answer field=\"deroulement\">") + 28;
      std::string expected = xml.substr(start, xml.find("</answer>", start) - start);
      std::string got = joined["deroulement"];
      for (std::string* t : {&expected, &got}) {
        std::string flat;
        for (const char c : *t)
          if (c == '\n' || c == ' ') {
            if (!flat.empty() && flat.back() != ' ') flat += ' ';
          } else {
            flat += c;
          }
        while (!flat.empty() && flat.front() == ' ') flat.erase(0, 1);
        while (!flat.empty() && flat.back() == ' ') flat.pop_back();
        *t = flat;
      }
      EXPECT_EQ(got.substr(0, 200), expected.substr(0, 200));
      EXPECT_EQ(got.size(), expected.size());
    }
  }
}

TEST(Fillable, PrintableOutputHasNoField) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  DiagnosticSink sink;
  auto composed = engine.renderer().compose_blank("clas-2024-2025", {"47"}, sink);
  ASSERT_TRUE(composed);
  EXPECT_TRUE(fields_of(composed->doc).empty());
  EXPECT_FALSE(composed->doc.identity);
}

// --- pdf.js ------------------------------------------------------------------

std::string pdfjs_script(const std::string& name) { return testing::source_path("tests/pdfjs/" + name); }

void require_pdfjs() {
  ASSERT_TRUE(fs::exists(testing::source_path("tests/pdfjs/node_modules/pdfjs-dist/package.json")))
      << "pdf.js missing: run scripts/setup.sh (npm install in tests/pdfjs)";
}

struct PdfJsWidget {
  std::string name, type, export_value, value, tooltip;
  int page = 0;
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
  }
  return out;
}

std::vector<PdfJsWidget> pdfjs_fields(const std::string& pdf) {
  const auto r = run({"node", pdfjs_script("fields.mjs"), pdf});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<PdfJsWidget> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) cols.push_back(line.substr(start, tab - start));
    cols.push_back(line.substr(start));
    EXPECT_EQ(cols.size(), 7u) << line;
    if (cols.size() != 7) continue;
    PdfJsWidget w;
    w.name = unescape(cols[0]);
    w.type = cols[1];
    w.page = std::stoi(cols[2]);
    std::istringstream rect(cols[3]);
    rect >> w.x1 >> w.y1 >> w.x2 >> w.y2;
    w.export_value = unescape(cols[4]);
    w.value = unescape(cols[5]);
    w.tooltip = unescape(cols[6]);
    out.push_back(std::move(w));
  }
  return out;
}

TEST(FillablePdfJs, ReadsEveryFieldWhereBilanPutIt) {
  require_pdfjs();
  const std::string dir = testing::temp_dir();
  for (const auto& v : kVariants) {
    const std::string pdf = dir + "/" + v.form + v.department + ".pdf";
    std::vector<std::string> argv{testing::bilan_binary(), "blank", v.form, "--fillable", "-o", pdf};
    if (!v.department.empty()) argv.insert(argv.end(), {"--department", v.department});
    const auto r = run(argv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto check = run({"qpdf", "--check", pdf});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

    const auto doc = compose_fillable(v);
    const auto ours = fields_of(doc);
    const auto theirs = pdfjs_fields(pdf);
    ASSERT_EQ(theirs.size(), ours.size()) << v.form;
    for (std::size_t i = 0; i < ours.size(); ++i) {
      const FieldItem& f = ours[i].item;
      const double h = doc.page_size.height;
      // pdf.js lists widgets field by field; find this one by name, page and place.
      bool found = false;
      for (const auto& w : theirs) {
        if (w.name != f.name || w.page != static_cast<int>(ours[i].page) + 1) continue;
        if (!(std::abs(w.x1 - f.rect.x) < 0.02 && std::abs(w.x2 - f.rect.right()) < 0.02 &&
              std::abs(w.y1 - (h - f.rect.bottom())) < 0.02 && std::abs(w.y2 - (h - f.rect.y)) < 0.02))
          continue;
        found = true;
        const std::string type = f.kind == FieldKind::Radio   ? "radiobutton"
                                 : f.kind == FieldKind::Check ? "checkbox"
                                                              : "text";
        EXPECT_EQ(w.type, type) << f.name;
        if (f.kind == FieldKind::Radio || f.kind == FieldKind::Check) {
          EXPECT_EQ(w.export_value, f.on) << f.name;
          EXPECT_EQ(w.value, "Off") << f.name;
        } else {
          EXPECT_EQ(w.value, "") << f.name;
        }
      }
      EXPECT_TRUE(found) << v.form << ": pdf.js has no widget " << f.name << " page " << ours[i].page + 1;
    }
  }
}

// Words compared as a tooltip and a page print them: without spaces of any
// width, colons, a line-end hyphen, with typographic apostrophes.
std::string comparable(std::string s) {
  for (const std::string_view space : {"\u00a0", "\u202f", "\u2009", " ", ":"})
    for (std::size_t at; (at = s.find(space)) != std::string::npos;) s.erase(at, space.size());
  for (std::size_t at; (at = s.find('\'')) != std::string::npos;) s.replace(at, 1, "’");
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

// The words the page prints for a widget's answer area: on its line, those
// before it (since the previous widget: a label before its dotted line or
// box, « oui », « non »), or for an option's box those after it; above a
// multi-line field, its label's last line.
std::vector<std::string> printed_words(const compose::Page& page, const FieldItem& f) {
  std::vector<const compose::TextItem*> texts;
  std::vector<const FieldItem*> widgets;
  for (const auto& item : page.items) {
    // A hint in small italics is help, not the question; a box's state (☐) is no word.
    if (const auto* t = std::get_if<compose::TextItem>(&item);
        t && !t->invisible() && !(t->face == fonts::Face::Italic && t->size < compose::style::kBodySize))
      texts.push_back(t);
    if (const auto* w = std::get_if<FieldItem>(&item)) widgets.push_back(w);
  }
  const auto on_line = [&](double y) { return y >= f.rect.y - 0.5 && y <= f.rect.bottom() + 1.5; };
  std::vector<std::string> out;
  double before = 0, after = 1e9;  // the neighbouring widgets on the line
  for (const auto* w : widgets) {
    if (w == &f || !(w->rect.y < f.rect.bottom() && w->rect.bottom() > f.rect.y)) continue;
    if (w->rect.right() <= f.rect.x + 0.5) before = std::max(before, w->rect.right());
    if (w->rect.x >= f.rect.right() - 0.5) after = std::min(after, w->rect.x);
  }
  // A multi-line table cell (a free-text « Commentaire ») reads as the other cells
  // of its row; a text area, as its label above.
  if (f.kind == FieldKind::MultiLine && before == 0) {
    double best = -1;
    for (const auto* t : texts)
      if (t->y < f.rect.y + 1 && t->y > f.rect.y - 20) best = std::max(best, t->y);
    for (const auto* t : texts)
      if (best >= 0 && near(t->y, best)) out.push_back(t->text);
    return out;
  }
  const bool box = f.kind == FieldKind::Radio || f.kind == FieldKind::Check;
  for (const auto* t : texts)  // an option's words, after its box
    if (box && on_line(t->y) && t->x >= f.rect.right() - 0.5 && t->x < after) out.push_back(t->text);
  if (!out.empty() && (f.kind == FieldKind::Check || f.on != "oui")) return out;
  out.clear();
  for (const auto* t : texts)
    if (on_line(t->y) && t->x >= before - 0.5 && t->x < f.rect.x) out.push_back(t->text);
  if (out.empty())  // a table cell after another: its row's label
    for (const auto* t : texts)
      if (on_line(t->y) && t->x < f.rect.x) out.push_back(t->text);
  return out;
}

TEST(FillablePdfJs, EveryWidgetHasTheTooltipOfWhatThePagePrints) {
  require_pdfjs();
  const std::string dir = testing::temp_dir();
  for (const Variant& v : {kVariants[0], kVariants[2], kVariants[3], kVariants[4]}) {
    const std::string pdf = dir + "/" + v.form + ".pdf";
    std::vector<std::string> argv{testing::bilan_binary(), "blank", v.form, "--fillable", "-o", pdf};
    if (!v.department.empty()) argv.insert(argv.end(), {"--department", v.department});
    ASSERT_EQ(run(argv).exit_code, 0);
    const auto doc = compose_fillable(v);
    const auto theirs = pdfjs_fields(pdf);
    std::size_t checked = 0, with_words = 0;
    for (const auto& placed : fields_of(doc)) {
      const FieldItem& f = placed.item;
      const double h = doc.page_size.height;
      const PdfJsWidget* w = nullptr;
      for (const auto& t : theirs)
        if (t.name == f.name && t.page == static_cast<int>(placed.page) + 1 && std::abs(t.x1 - f.rect.x) < 0.02 &&
            std::abs(t.y2 - (h - f.rect.y)) < 0.02)
          w = &t;
      ASSERT_TRUE(w) << v.form << ": pdf.js has no widget " << f.name;
      ++checked;
      EXPECT_FALSE(w->tooltip.empty()) << v.form << ": " << f.name;
      const auto words = printed_words(doc.pages[placed.page], f);
      with_words += !words.empty();
      for (const auto& word : words)
        EXPECT_NE(comparable(w->tooltip).find(comparable(word)), std::string::npos)
            << v.form << ": " << f.name << " (page " << placed.page + 1 << ") reads « " << w->tooltip << " », the page prints « "
            << word << " »";
    }
    EXPECT_EQ(checked, theirs.size()) << v.form;
    EXPECT_GT(with_words * 10, checked * 9) << v.form << ": " << with_words << " of " << checked << " widgets have printed words to compare with";
  }
}

// Dark pixels (answers' ink) inside a rectangle of page 1 as poppler draws it at 72 dpi.
int dark_pixels(const std::string& pdf, double x1, double y1, double x2, double y2) {
  const std::string base = testing::temp_dir() + "/page";
  const auto r = run({"pdftoppm", "-r", "72", "-gray", "-f", "1", "-l", "1", pdf, base});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string pgm;
  for (const auto& e : fs::directory_iterator(fs::path(base).parent_path())) pgm = testing::read_text(e.path().string());
  // P5 width height 255, then bytes.
  std::istringstream in(pgm);
  std::string magic;
  int w = 0, h = 0, max = 0;
  in >> magic >> w >> h >> max;
  in.get();
  const std::size_t offset = static_cast<std::size_t>(in.tellg());
  int dark = 0;
  for (int y = static_cast<int>(h - y2); y < static_cast<int>(h - y1); ++y)
    for (int x = static_cast<int>(x1); x < static_cast<int>(x2); ++x)
      if (static_cast<unsigned char>(pgm[offset + static_cast<std::size_t>(y * w + x)]) < 100) ++dark;
  return dark;
}

// The 2024/25 fillable blank of `department`, in a new folder, and the PDF
// pdf.js saves after typing `values` (a JSON object: field name → value) in it.
struct TypedBlank {
  std::string dir = testing::temp_dir();
  std::string blank = dir + "/vierge.pdf", typed = dir + "/rempli.pdf";
  bool ok = false;
};

TypedBlank type_into_blank(const std::string& department, const std::string& values) {
  TypedBlank t;
  const auto made = run({testing::bilan_binary(), "blank", "clas-2024-2025", "--department", department, "--fillable", "-o", t.blank});
  if (made.exit_code != 0) {
    ADD_FAILURE() << "bilan blank: " << made.err;
    return t;
  }
  testing::write_text(t.dir + "/values.json", values);
  const auto filled = run({"node", pdfjs_script("fill.mjs"), t.blank, t.typed, t.dir + "/values.json"});
  if (filled.exit_code != 0) {
    ADD_FAILURE() << "pdf.js: " << filled.err;
    return t;
  }
  t.ok = true;
  return t;
}

TEST(FillablePdfJs, TypedAnswersComeBackExactlyAndFillTheSameBilan) {
  require_pdfjs();
  const auto t = type_into_blank("47", R"({
  "structure": "Association « Les Petits Curieux » — Œuvre d’entraide",
  "referent": "Zoé Lefèvre, coordinatrice",
  "objectifs_atteints": "Première ligne : élèves, œuvre, « guillemets ».\nDeuxième ligne ; à côté.\n\nUn paragraphe après une ligne vide : ça marche.",
  "bonus_enfants": "non",
  "bonus_parents": "oui",
  "bonus_enfant_objet.materiel": true,
  "bonus_enfant_objet.sorties": true,
  "tne_ateliers.ent_pronote.seances": "4",
  "signature.name": "Marie-Hélène Dupont",
  "signature.date": "30/06/2025"
})");
  ASSERT_TRUE(t.ok);
  const std::string &dir = t.dir, &blank = t.blank, &typed = t.typed;
  const auto check = run({"qpdf", "--check", typed});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  const auto imported = run({testing::bilan_binary(), "import-pdf", typed, "--partial"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.err, "");
  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<bilan form=\"clas-2024-2025\" department=\"47\">\n"
      "  <answer field=\"structure\">Association « Les Petits Curieux » — Œuvre d’entraide</answer>\n"
      "  <answer field=\"referent\">Zoé Lefèvre, coordinatrice</answer>\n"
      "  <answer field=\"bonus_enfants\">non</answer>\n"
      "  <answer field=\"bonus_parents\">oui</answer>\n"
      "  <answer field=\"objectifs_atteints\">Première ligne : élèves, œuvre, « guillemets ».\n"
      "Deuxième ligne ; à côté.\n"
      "\n"
      "Un paragraphe après une ligne vide : ça marche.</answer>\n"
      "  <answer field=\"bonus_enfant_objet\">materiel, sorties</answer>\n"
      "  <table field=\"tne_ateliers\">\n"
      "    <row id=\"ent_pronote\"><cell column=\"seances\">4</cell></row>\n"
      "  </table>\n"
      "  <signature name=\"Marie-Hélène Dupont\" date=\"30/06/2025\"/>\n"
      "</bilan>\n";
  EXPECT_EQ(imported.out, expected);

  // The typeset bilan of the imported answers is the bilan of the same answers written by hand.
  testing::write_text(dir + "/importees.xml", imported.out);
  testing::write_text(dir + "/directes.xml", expected);
  ASSERT_EQ(run({testing::bilan_binary(), "fill", dir + "/importees.xml", "--partial", "-o", dir + "/a.pdf"}).exit_code, 0);
  ASSERT_EQ(run({testing::bilan_binary(), "fill", dir + "/directes.xml", "--partial", "-o", dir + "/b.pdf"}).exit_code, 0);
  EXPECT_EQ(testing::read_text(dir + "/a.pdf"), testing::read_text(dir + "/b.pdf"));

  // poppler draws what pdf.js typed: ink in the « structure » field, none in the blank's.
  const auto widgets = pdfjs_fields(typed);
  for (const auto& w : widgets)
    if (w.name == "structure") {
      EXPECT_EQ(w.value, "Association « Les Petits Curieux » — Œuvre d’entraide");
      EXPECT_GT(dark_pixels(typed, w.x1, w.y1 + 3, w.x2, w.y2), 50);
      EXPECT_EQ(dark_pixels(blank, w.x1, w.y1 + 3, w.x2, w.y2), 0);
    }
}

TEST(FillablePdfJs, PrefilledFieldsShowTheKnownAnswers) {
  require_pdfjs();
  const std::string dir = testing::temp_dir();
  const std::string pdf = dir + "/pre.pdf";
  const auto r = run({testing::bilan_binary(), "fill", testing::source_path("samples/association-urbaine-2024-2025.xml"),
                      "--partial", "--fillable", "-o", pdf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> values;
  for (const auto& w : pdfjs_fields(pdf))
    if (w.type != "radiobutton" || w.value == w.export_value) values[w.name] = w.value;
  EXPECT_EQ(values["structure"], "Centre social Passerelles (association loi 1901)");
  EXPECT_EQ(values["bonus_enfants"], "oui");
  EXPECT_EQ(values["date_debut"], "07/10/2024");
  EXPECT_EQ(values["signature.name"], "Claire Dubosc");
  // Read back, the known answers are the sample's: the same bilan once typeset (but for its fingerprint).
  const auto back = run({testing::bilan_binary(), "import-pdf", pdf, "--partial"});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("action=\"CLAS-47-2024-018\""), std::string::npos) << back.out.substr(0, 300);
  EXPECT_NE(back.out.find("<answer field=\"date_debut\">07/10/2024</answer>"), std::string::npos);
}

// A page as poppler draws it (pdftoppm, colour), `dpi` dots per inch.
struct Raster {
  int width = 0, height = 0;
  std::string rgb;  // 3 bytes a pixel, rows top to bottom
  const unsigned char* at(int x, int y) const {
    return reinterpret_cast<const unsigned char*>(rgb.data()) + 3 * (static_cast<std::size_t>(y) * width + x);
  }
};

Raster render_page(const std::string& pdf, int page, int dpi) {
  const std::string dir = testing::temp_dir();
  const auto r = run({"pdftoppm", "-r", std::to_string(dpi), "-f", std::to_string(page), "-l", std::to_string(page), pdf,
                      dir + "/page"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string ppm;
  for (const auto& e : fs::directory_iterator(dir)) ppm = testing::read_text(e.path().string());
  std::istringstream in(ppm);
  std::string magic;
  int max = 0;
  Raster out;
  in >> magic >> out.width >> out.height >> max;
  in.get();
  EXPECT_EQ(magic, "P6");
  out.rgb = ppm.substr(static_cast<std::size_t>(in.tellg()));
  EXPECT_EQ(out.rgb.size(), 3u * static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  return out;
}

// How typed text and dotted rules share a field's widget as poppler draws
// it: each pixel row is a rule's (grey dots over a fifth of the row), ink's
// (the answers' blue), both, or neither.
struct RuledRows {
  int rules = 0;        // rules, top to bottom
  int inked_gaps = 0;   // gaps above a rule with ink in them: lines of text
  int crossings = 0;    // rows of a rule with ink in them
  bool ink_below = false;  // ink under the last rule
};

RuledRows ruled_rows(const std::string& pdf, const PdfJsWidget& field) {
  constexpr int kDpi = 288;  // 4 pixels a point
  const Raster page = render_page(pdf, field.page, kDpi);
  const double scale = kDpi / 72.0, page_height = page.height / scale;
  const int x1 = static_cast<int>(field.x1 * scale) + 2, x2 = static_cast<int>(field.x2 * scale) - 2;
  const int y1 = static_cast<int>((page_height - field.y2) * scale), y2 = static_cast<int>((page_height - field.y1) * scale);
  RuledRows out;
  EXPECT_GT(x2, x1);
  EXPECT_LE(y2, page.height);
  if (x2 <= x1 || y2 > page.height) return out;
  bool in_rule = false, ink_in_gap = false;
  for (int y = y1; y < y2; ++y) {
    int grey = 0, ink = 0;
    for (int x = x1; x < x2; ++x) {
      const unsigned char* p = page.at(x, y);
      if (p[2] > p[0] + 15) ++ink;  // blue
      else if (p[0] < 200 && std::abs(p[0] - p[1]) < 12 && std::abs(p[1] - p[2]) < 12) ++grey;
    }
    const bool rule = grey * 5 > x2 - x1;
    out.crossings += rule && ink > 0;
    if (rule && !in_rule) {
      ++out.rules;
      out.inked_gaps += ink_in_gap;
      ink_in_gap = false;
    } else if (!rule && ink > 0) {
      ink_in_gap = true;
    }
    in_rule = rule;
  }
  out.ink_below = ink_in_gap;
  return out;
}

// Point 3 of issue 17: pdf.js types 10 lines into a text area of the blank,
// poppler draws the saved PDF; inside the field, no pixel row of a dotted
// rule holds typed ink, and the 10 lines of ink lie each between two rules,
// one line per gap.
TEST(FillablePdfJs, TypedLinesSitBetweenThePrintedRules) {
  require_pdfjs();
  // Gers (32): the text area's 12 lines are on one page (in the national and
  // the 47 bilans, it starts at a page foot: a field in two parts).
  std::string lines;
  for (int i = 1; i <= 10; ++i)
    lines += (i > 1 ? "\\n" : "") + std::string("Ligne ") + std::to_string(i) + " : Éléonore a tapé « gjpqy » ÀÉÈ, jusqu’ici";
  const auto t = type_into_blank("32", "{\"nouveautes\": \"" + lines + "\"}");
  ASSERT_TRUE(t.ok);
  const std::string& typed = t.typed;
  PdfJsWidget field;
  for (const auto& w : pdfjs_fields(typed)) {
    ASSERT_NE(w.name, "nouveautes~2") << "the text area runs over a page break: type into one whole on its page";
    if (w.name == "nouveautes") field = w;
  }
  ASSERT_EQ(field.name, "nouveautes");
  const RuledRows rows = ruled_rows(typed, field);
  EXPECT_EQ(rows.crossings, 0) << "rows where typed text crosses a rule";
  EXPECT_EQ(rows.rules, 12);       // the field's 12 ruled lines
  EXPECT_EQ(rows.inked_gaps, 10);  // the 10 typed lines, each on its own line
  EXPECT_FALSE(rows.ink_below);

  // pdf.js laid the lines 16 pt apart, as the rules are (poppler's text positions).
  const auto bbox = run({"pdftotext", "-bbox", "-f", std::to_string(field.page), "-l", std::to_string(field.page), typed, "-"});
  std::vector<double> tops;
  for (std::size_t at = 0; (at = bbox.out.find(">Ligne<", at)) != std::string::npos; ++at) {
    const auto y = bbox.out.rfind("yMin=\"", at);
    tops.push_back(std::stod(bbox.out.substr(y + 6)));
  }
  ASSERT_EQ(tops.size(), 10u) << bbox.out.substr(0, 500);
  for (std::size_t i = 1; i < tops.size(); ++i) EXPECT_NEAR(tops[i] - tops[i - 1], 16.0, 0.05) << i;
}

// Our own appearances of known answers place the lines as pdf.js does: on
// the rules too (the pre-filled « objectifs_atteints » of the urban sample,
// its first page part: 22 ruled lines, full).
TEST(FillablePdfJs, PrefilledLinesSitBetweenThePrintedRules) {
  require_pdfjs();
  const std::string dir = testing::temp_dir();
  const std::string pdf = dir + "/pre.pdf";
  ASSERT_EQ(run({testing::bilan_binary(), "fill", testing::source_path("samples/association-urbaine-2024-2025.xml"), "--partial",
                 "--fillable", "-o", pdf})
                .exit_code,
            0);
  PdfJsWidget field;
  for (const auto& w : pdfjs_fields(pdf))
    if (w.name == "objectifs_atteints") field = w;
  ASSERT_EQ(field.name, "objectifs_atteints");
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  std::size_t written = 0;  // lines of the part with words on them
  for (const auto& l : compose::field_lines(engine.catalog().fonts(), field.value, field.x2 - field.x1 - 4, 11.85))
    written += l.end > l.begin;
  const RuledRows rows = ruled_rows(pdf, field);
  EXPECT_EQ(rows.crossings, 0) << "rows where the known answer crosses a rule";
  EXPECT_EQ(rows.rules, std::lround((field.y2 - field.y1 - 2) / 16));
  EXPECT_EQ(static_cast<std::size_t>(rows.inked_gaps), written);
  EXPECT_GT(written, 10u);
  EXPECT_FALSE(rows.ink_below);
}

// Points 2, 5 and 6 of issue 17: a long answer typed over the page break of
// « deroulement » (its two page-part fields) and a long comment in a TNE
// cell come back whole from import-pdf, and fill prints every line of them.
TEST(FillablePdfJs, ALongAnswerOverAPageBreakIsShownOnceAndPrintedWhole) {
  require_pdfjs();
  const auto line = [](int i) { return std::string("Séance L") + (i < 10 ? "0" : "") + std::to_string(i) + " : atelier « lecture »"; };
  std::string first, second, whole;
  for (int i = 1; i <= 20; ++i) {
    std::string& part = i <= 9 ? first : second;  // page 1 has 9 lines, page 2 the rest (and it scrolls)
    part += (part.empty() ? "" : "\\n") + line(i);
    whole += (whole.empty() ? "" : "\n") + line(i);
  }
  const std::string comment =
      "Prise en main individuelle de Pronote, puis par petits groupes : messagerie, cahier de textes, absences et notes";
  const auto t = type_into_blank("47", "{\"deroulement\": \"" + first + "\", \"deroulement~2\": \"" + second +
                                  "\", \"tne_ateliers.ent_pronote.commentaire\": \"" + comment +
                                  "\", \"heures_salaries\": \"120,5\", \"heures_volontaires\": \"80\", "
                                  "\"heures_benevoles\": \"42,75\"}");
  ASSERT_TRUE(t.ok);
  const std::string &dir = t.dir, &blank = t.blank, &typed = t.typed;

  // No field stops scrolling (/Ff bit 24, DoNotScroll): an overfilled one scrolls in the reader.
  ASSERT_EQ(run({"qpdf", "--qdf", "--object-streams=disable", blank, dir + "/q.pdf"}).exit_code, 0);
  const std::string qdf = testing::read_text(dir + "/q.pdf");
  std::size_t flags = 0;
  for (std::size_t at = 0; (at = qdf.find("/Ff ", at)) != std::string::npos; ++at, ++flags)
    EXPECT_EQ(std::stol(qdf.substr(at + 4)) & (1L << 23), 0) << qdf.substr(at, 20);
  EXPECT_GT(flags, 10u);

  // Shown once: what poppler draws of page 1 and 2 never repeats a line.
  const auto shown = run({"pdftotext", "-f", "1", "-l", "2", typed, "-"}).out;
  for (int i = 1; i <= 16; ++i) {
    const std::string l = line(i).substr(0, 11);
    const auto at = shown.find(l);
    EXPECT_NE(at, std::string::npos) << l;
    EXPECT_EQ(shown.find(l, at + 1), std::string::npos) << l << " shown twice";
  }

  const auto imported = run({testing::bilan_binary(), "import-pdf", typed, "--partial", "-o", dir + "/reponses.xml"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const std::string xml = testing::read_text(dir + "/reponses.xml");
  EXPECT_NE(xml.find("<answer field=\"deroulement\">" + whole + "</answer>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<cell column=\"commentaire\">" + comment + "</cell>"), std::string::npos) << xml;

  ASSERT_EQ(run({testing::bilan_binary(), "fill", dir + "/reponses.xml", "--partial", "-o", dir + "/bilan.pdf"}).exit_code, 0);
  std::string printed = run({"pdftotext", dir + "/bilan.pdf", "-"}).out;
  for (int i = 1; i <= 20; ++i) EXPECT_NE(printed.find(line(i).substr(0, 11)), std::string::npos) << line(i);
  // The total is computed from the numbers typed.
  const std::string layout = run({"pdftotext", "-layout", dir + "/bilan.pdf", "-"}).out;
  const auto total = layout.find("Nombre total d’heures");
  ASSERT_NE(total, std::string::npos);
  EXPECT_NE(layout.substr(total, layout.find('\n', total) - total).find("243,25"), std::string::npos)
      << layout.substr(total, 200);
  // The comment wraps in its cell: every word of it is printed.
  std::istringstream words(comment);
  for (std::string word; words >> word;)
    if (word != ":") {
      EXPECT_NE(printed.find(word), std::string::npos) << word;
    }
}

// A known answer of many pages (about 190 KB): a field per page part, each
// holding its own lines (the value is not copied on every ruled line), and
// import-pdf gives the answer back, words and paragraphs in order.
TEST(Fillable, AVeryLongKnownAnswerRunsOverPagePartsAndComesBackWhole) {
  const std::string dir = testing::temp_dir();
  std::string text;
  const char* words[] = {"les", "enfants", "parents", "atelier", "séance", "école", "lecture", "écriture", "scolarité"};
  for (int p = 0; p < 160; ++p) {
    if (p > 0) text += "\n\n";
    for (int w = 0; w < 120; ++w) text += std::string(w ? " " : "") + words[(p * 7 + w * 5) % 9];
  }
  testing::write_text(dir + "/long.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<bilan form=\"clas-2024-2025\" department=\"47\">\n<answer field=\"deroulement\">" +
                                             text + "</answer>\n</bilan>\n");
  const auto filled = run({testing::bilan_binary(), "fill", dir + "/long.xml", "--partial", "--fillable", "-o", dir + "/long.pdf"});
  ASSERT_EQ(filled.exit_code, 0) << filled.err;
  EXPECT_EQ(run({"qpdf", "--check", dir + "/long.pdf"}).exit_code, 0);
  const auto back = run({testing::bilan_binary(), "import-pdf", dir + "/long.pdf", "--partial"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  const auto start = back.out.find("<answer field=\"deroulement\">");
  ASSERT_NE(start, std::string::npos);
  const std::string got = back.out.substr(start + 28, back.out.find("</answer>", start) - start - 28);
  // Parts are joined with a line break where a paragraph ran over a page break.
  const auto words_of = [](const std::string& t) {
    std::vector<std::string> out;
    std::istringstream in(t);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
  };
  EXPECT_EQ(words_of(got), words_of(text));
  std::size_t paragraphs = 0, parts = 0;
  for (std::size_t at = 0; (at = got.find("\n\n", at)) != std::string::npos; at += 2) ++paragraphs;
  EXPECT_EQ(paragraphs, 159u);
  ASSERT_EQ(run({"qpdf", "--qdf", "--object-streams=disable", dir + "/long.pdf", dir + "/q.pdf"}).exit_code, 0);
  const std::string qdf = testing::read_text(dir + "/q.pdf");
  for (std::size_t at = 0; (at = qdf.find("/T (deroulement~", at)) != std::string::npos; ++at) ++parts;
  EXPECT_GT(parts, 30u);
}

// --- pdf.js's viewer with scripting, in chromium --------------------------------
// tests/pdfjs/browser.mjs opens each PDF in pdf.js's PDFViewer with its
// PDFScriptingManager (viewer.html) in headless chromium, types and reads
// fields as a person would; one browser for all the PDFs of a call.

void require_browser() {
  require_pdfjs();
  ASSERT_TRUE(fs::exists(testing::source_path("tests/pdfjs/node_modules/puppeteer-core/package.json")))
      << "puppeteer-core missing: run scripts/setup.sh (npm install in tests/pdfjs)";
  ASSERT_TRUE(fs::exists("/usr/bin/chromium")) << "chromium missing: run scripts/setup.sh (Debian's chromium)";
}

// Runs `steps` (browser.mjs's STEPS.json); returns its reads, « PDF-INDEX\tFIELD\tVALUE ».
std::vector<std::string> in_browser(const std::string& steps) {
  const std::string file = testing::temp_dir() + "/steps.json";
  testing::write_text(file, steps);
  const auto r = run({"node", pdfjs_script("browser.mjs"), file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<std::string> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) out.push_back(unescape(line));
  return out;
}

// One browser for all: typed text, then totals as counts and hours are typed.
TEST(FillableBrowser, TypedTextAndTotalsFollowWhatIsTyped) {
  require_browser();
  const std::string dir = testing::temp_dir();
  const std::string blank = dir + "/vierge.pdf", pre = dir + "/pre.pdf";
  ASSERT_EQ(run({testing::bilan_binary(), "blank", "clas-2024-2025", "--department", "47", "--fillable", "-o", blank}).exit_code, 0);
  ASSERT_EQ(run({testing::bilan_binary(), "fill", testing::source_path("samples/association-urbaine-2024-2025.xml"), "--partial",
                 "--fillable", "-o", pre})
                .exit_code,
            0);
  // The pre-filled totals the file holds (and shows) are the sums of the fields it holds.
  std::map<std::string, std::string> known;
  for (const auto& w : pdfjs_fields(pre)) known[w.name] = w.value;
  EXPECT_EQ(known["intervenants_total"], "12");  // 3 + 2 + 7
  EXPECT_EQ(known["heures_total"], "1360");      // 640 + 300 + 420
  const auto reads = in_browser(R"([{"pdf": ")" + blank + R"(", "steps": [
    {"type": "structure", "text": "Les Petits Curieux, Zoé"},
    {"read": "structure"},
    {"read": "referent"},
    {"read": "intervenants_total"},
    {"editable": "intervenants_total"},
    {"editable": "intervenants_salaries"},
    {"type": "intervenants_salaries", "text": "4"},
    {"read": "intervenants_total", "expect": "4"},
    {"type": "intervenants_volontaires", "text": "2"},
    {"read": "intervenants_total", "expect": "6"},
    {"type": "heures_salaries", "text": "4,5"},
    {"type": "heures_benevoles", "text": "318"},
    {"read": "heures_total", "expect": "322,5"},
    {"type": "heures_salaries", "text": "125,25"},
    {"read": "heures_total", "expect": "443,25"},
    {"type": "intervenants_salaries", "text": ""},
    {"read": "intervenants_total", "expect": "2"},
    {"type": "enfants_college", "text": "12"},
    {"type": "enfants_lycee", "text": "3"},
    {"read": "enfants_total", "expect": "15"},
    {"save": ")" + dir + R"(/enregistre.pdf"}]},
  {"pdf": ")" + pre + R"(", "steps": [
    {"read": "intervenants_total", "expect": "12"},
    {"read": "heures_total", "expect": "1360"},
    {"type": "intervenants_salaries", "text": "4"},
    {"read": "intervenants_total", "expect": "13"},
    {"type": "heures_salaries", "text": "640,5"},
    {"read": "heures_total", "expect": "1360,5"}]}])");
  EXPECT_EQ(reads, (std::vector<std::string>{"0\tstructure\tLes Petits Curieux, Zoé", "0\treferent\t", "0\tintervenants_total\t", "0\tintervenants_total\tlecture seule",
                                             "0\tintervenants_salaries\tmodifiable", "0\tintervenants_total\t4",
                                             "0\tintervenants_total\t6", "0\theures_total\t322,5", "0\theures_total\t443,25",
                                             "0\tintervenants_total\t2", "0\tenfants_total\t15", "1\tintervenants_total\t12",
                                             "1\theures_total\t1360", "1\tintervenants_total\t13", "1\theures_total\t1360,5"}));

  // The PDF the viewer saves holds the totals it showed; import-pdf reads the
  // counts, and bilan computes the same totals from them.
  const std::string saved = dir + "/enregistre.pdf";
  std::map<std::string, std::string> values;
  for (const auto& w : pdfjs_fields(saved)) values[w.name] = w.value;
  EXPECT_EQ(values["intervenants_total"], "2");
  EXPECT_EQ(values["heures_total"], "443,25");
  EXPECT_EQ(values["enfants_total"], "15");
  const auto imported = run({testing::bilan_binary(), "import-pdf", saved, "--partial", "-o", dir + "/reponses.xml"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(testing::read_text(dir + "/reponses.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<bilan form=\"clas-2024-2025\" department=\"47\">\n"
            "  <answer field=\"structure\">Les Petits Curieux, Zoé</answer>\n"
            "  <answer field=\"heures_salaries\">125,25</answer>\n"
            "  <answer field=\"intervenants_volontaires\">2</answer>\n"
            "  <answer field=\"heures_benevoles\">318</answer>\n"
            "  <answer field=\"enfants_college\">12</answer>\n"
            "  <answer field=\"enfants_lycee\">3</answer>\n"
            "</bilan>\n");
  ASSERT_EQ(run({testing::bilan_binary(), "fill", dir + "/reponses.xml", "--partial", "-o", dir + "/bilan.pdf"}).exit_code, 0);
  const auto text = run({"pdftotext", "-layout", dir + "/bilan.pdf", "-"});
  EXPECT_NE(text.out.find("443,25"), std::string::npos);
}

// The totals are calculated fields in the AcroForm's calculation order (/CO),
// read-only, each with its calculate action.
TEST(Fillable, TotalsAreInTheCalculationOrder) {
  const auto doc = compose_fillable(kVariants[0]);
  EXPECT_EQ(doc.calculation_order, (std::vector<std::string>{"intervenants_total", "heures_total", "enfants_total"}));
  std::size_t calculated = 0;
  for (const auto& f : fields_of(doc)) calculated += !f.item.calculate.empty();
  EXPECT_EQ(calculated, 3u);
  const std::string dir = testing::temp_dir();
  ASSERT_EQ(run({testing::bilan_binary(), "blank", "clas-2024-2025", "--department", "47", "--fillable", "-o", dir + "/v.pdf"}).exit_code, 0);
  ASSERT_EQ(run({"qpdf", "--qdf", "--object-streams=disable", dir + "/v.pdf", dir + "/q.pdf"}).exit_code, 0);
  const std::string pdf = testing::read_text(dir + "/q.pdf");
  // Each object of /CO is a field named after a total, read-only, with its /AA /C.
  const auto co = pdf.find("/CO [");
  ASSERT_NE(co, std::string::npos);
  std::istringstream refs(pdf.substr(co + 5, pdf.find(']', co) - co - 5));
  std::vector<std::string> names;
  for (int id = 0, gen = 0; refs >> id >> gen;) {
    std::string r;
    refs >> r;
    const auto at = pdf.find("\n" + std::to_string(id) + " 0 obj\n");
    ASSERT_NE(at, std::string::npos);
    const std::string object = pdf.substr(at, pdf.find("endobj", at) - at);
    EXPECT_NE(object.find("/Ff 1\n"), std::string::npos) << object;
    EXPECT_NE(object.find("/S /JavaScript"), std::string::npos) << object;
    const auto t = object.find("/T (");
    names.push_back(t == std::string::npos ? "" : object.substr(t + 4, object.find(')', t) - t - 4));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"intervenants_total", "heures_total", "enfants_total"}));
}

// A calculated total is not an answer: import-pdf leaves it out (bilan
// computes it again), even when the saved PDF holds a stale one.
TEST(FillablePdfJs, ImportLeavesTheTotalsOut) {
  require_pdfjs();
  const auto t = type_into_blank("47", R"({"intervenants_salaries": "5", "intervenants_benevoles": "2", "intervenants_total": "4"})");
  ASSERT_TRUE(t.ok);
  const std::string& typed = t.typed;
  const auto imported = run({testing::bilan_binary(), "import-pdf", typed, "--partial"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.err, "");
  EXPECT_EQ(imported.out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<bilan form=\"clas-2024-2025\" department=\"47\">\n"
            "  <answer field=\"intervenants_salaries\">5</answer>\n"
            "  <answer field=\"intervenants_benevoles\">2</answer>\n"
            "</bilan>\n");
}

// --- calculated totals -------------------------------------------------------

// What compose/calculate's references read in these tests: a, b, c number
// fields, t.x a column of three rows.
std::optional<compose::RefFields> test_refs(std::string_view ref) {
  if (ref == "a" || ref == "b" || ref == "c") return compose::RefFields{{std::string(ref)}, false};
  if (ref == "t.x") return compose::RefFields{{"t.r1.x", "t.r2.x", "t.r3.x"}, true};
  return std::nullopt;
}

spec::Expr parse(const std::string& text) {
  spec::ExprError error;
  auto e = spec::try_parse_expr(text, error);
  EXPECT_TRUE(e) << text << ": " << error.message;
  return e ? std::move(*e) : spec::Expr{};
}

// A typed number as bilan reads it (spaces, decimal comma), or missing.
data::EvalValue typed_number(const std::map<std::string, std::string>& typed, const std::string& name) {
  const auto it = typed.find(name);
  if (it == typed.end()) return data::EvalValue::missing();
  std::string s;
  for (const char c : it->second)
    if (c != ' ') s += c == ',' ? '.' : c;
  std::size_t used = 0;
  try {
    const double x = std::stod(s, &used);
    if (used == s.size()) return data::EvalValue::of(x);
  } catch (const std::exception&) {
  }
  return data::EvalValue::missing();
}

// bilan's own result (data/eval) as a field of `type` holds it.
std::string bilan_computes(const spec::Expr& e, spec::FieldType type, const std::map<std::string, std::string>& typed) {
  const auto r = data::evaluate(e, [&](std::string_view name) {
    if (name != "t.x") return typed_number(typed, std::string(name));
    data::EvalValue list;
    list.kind = data::EvalValue::Kind::List;
    for (const char* cell : {"t.r1.x", "t.r2.x", "t.r3.x"})
      if (const auto v = typed_number(typed, cell); !v.is_missing()) list.list.push_back(v.number);
    return list.list.empty() ? data::EvalValue::missing() : list;
  });
  if (r.is_missing()) return "";
  data::Value v;
  if (type == spec::FieldType::Integer) {
    v.kind = data::ValueKind::Integer;
    v.integer = std::llround(r.number);
  } else if (type == spec::FieldType::Amount) {
    v.kind = data::ValueKind::Amount;
    v.integer = std::llround(r.number * 100);
  } else {
    v.kind = data::ValueKind::Decimal;
    v.decimal = {std::llround(r.number * 100), 2};
    while (v.decimal.scale > 0 && v.decimal.mantissa % 10 == 0) {
      v.decimal.mantissa /= 10;
      --v.decimal.scale;
    }
  }
  return compose::field_text(v);
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

TEST(FillableCalculate, ScriptsComputeWhatBilanComputes) {
  require_pdfjs();  // node
  const std::vector<std::string> expressions = {"a + b + c", "a - b", "a * b / c", "-a + 2,5", "(a + b) / c",
                                                "sum(a, b, t.x)", "min(t.x)", "max(a, t.x) - 1"};
  const std::vector<std::map<std::string, std::string>> answers = {
      {},
      {{"a", "4"}},
      {{"a", "4,5"}, {"b", "318"}},
      {{"a", "1 234"}, {"b", "-2"}, {"c", "0"}},
      {{"a", "douze"}, {"b", "3"}, {"c", "3"}},
      {{"c", "3"}, {"t.r1.x", "2"}, {"t.r3.x", "7,25"}},
      {{"a", "0,125"}, {"b", "0,005"}, {"c", "2"}},
      {{"a", "2758,28"}, {"b", "0,1"}, {"c", "0,2"}, {"t.r2.x", "-1,5"}}};
  std::string cases = "[";
  std::vector<std::string> expected, labels;
  for (const auto& text : expressions) {
    const spec::Expr e = parse(text);
    for (const auto type : {spec::FieldType::Integer, spec::FieldType::Decimal, spec::FieldType::Amount}) {
      const auto script = compose::calculate_script(e, type, test_refs);
      ASSERT_TRUE(script) << text;
      for (const auto& typed : answers) {
        std::string fields;
        for (const auto& [name, value] : typed) fields += (fields.empty() ? "" : ",") + json_string(name) + ":" + json_string(value);
        cases += std::string(cases.size() > 1 ? "," : "") + "{\"script\":" + json_string(*script) + ",\"fields\":{" + fields + "}}";
        expected.push_back(json_string(bilan_computes(e, type, typed)));
        labels.push_back(text + " " + spec::type_name(type) + " " + fields);
      }
    }
  }
  const std::string file = testing::temp_dir() + "/cases.json";
  testing::write_text(file, cases + "]");
  const auto r = run({"node", pdfjs_script("calculate.mjs"), file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::size_t i = 0;
  for (std::string line; std::getline(lines, line); ++i) {
    ASSERT_LT(i, expected.size());
    EXPECT_EQ(line, expected[i]) << labels[i];
  }
  EXPECT_EQ(i, expected.size());
}

TEST(FillableCalculate, WhatItCannotComputeGetsNoScript) {
  for (const char* text : {"a > b", "'texte'", "oui", "answered(a)", "t.x + 1", "d + 1", "contains(a, 'x')", "a and b"})
    EXPECT_FALSE(compose::calculate_script(parse(text), spec::FieldType::Integer, test_refs)) << text;
  EXPECT_FALSE(compose::calculate_script(parse("a + b"), spec::FieldType::Text, test_refs));
  const auto sum = compose::calculate_script(parse("a + b + c"), spec::FieldType::Integer, test_refs);
  ASSERT_TRUE(sum);
  EXPECT_NE(sum->find("var r=add(add(n(\"a\"),n(\"b\")),n(\"c\"));event.value=r===null?\"\":String(rnd(r));"), std::string::npos) << *sum;
  EXPECT_EQ(sum->find("var agg="), std::string::npos) << "only the helpers it calls";
}

// --- import-pdf errors -------------------------------------------------------

TEST(ImportPdf, APdfNotOursIsAClearError) {
  const std::string dir = testing::temp_dir();
  const std::string pdf = dir + "/imprimable.pdf";
  ASSERT_EQ(run({testing::bilan_binary(), "blank", "clas-2024-2025", "-o", pdf}).exit_code, 0);
  const auto r = run({testing::bilan_binary(), "import-pdf", pdf});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, pdf + ": erreur: ce PDF n’est pas un bilan à remplir produit par bilan (bilan blank --fillable) : il ne dit pas "
                         "de quel formulaire sont ses champs\n");
  testing::write_text(dir + "/texte.pdf", "bonjour");
  const auto t = run({testing::bilan_binary(), "import-pdf", dir + "/texte.pdf"});
  EXPECT_EQ(t.exit_code, 1);
  EXPECT_EQ(t.err, dir + "/texte.pdf: erreur: ce n’est pas un PDF (il ne commence pas par « %PDF- »)\n");
}

TEST(ImportPdf, AnotherVersionOfTheFormIsAClearError) {
  const std::string dir = testing::temp_dir();
  const std::string pdf = dir + "/v.pdf";
  ASSERT_EQ(run({testing::bilan_binary(), "blank", "clas-2024-2025", "--fillable", "-o", pdf}).exit_code, 0);
  // Objects in clear (QDF), where one byte can change in place.
  ASSERT_EQ(run({"qpdf", "--qdf", "--object-streams=disable", pdf, dir + "/q.pdf"}).exit_code, 0);
  std::string bytes = testing::read_text(dir + "/q.pdf");
  const auto at = bytes.find("/Version 1\n");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 9] = '7';  // same length: the cross-reference table stays right
  testing::write_text(pdf, bytes);
  const auto r = run({testing::bilan_binary(), "import-pdf", pdf});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, pdf + ": erreur: ce PDF a été produit pour la version 7 du formulaire « clas-2024-2025 » ; les layouts en ont "
                         "la version 1 : faites remplir un formulaire à jour (bilan blank clas-2024-2025 --fillable)\n");
}

TEST(ImportPdf, BadAnswersNameTheFieldAndItsPage) {
  const std::string dir = testing::temp_dir();
  const std::string pdf = dir + "/b.pdf";
  ASSERT_EQ(run({testing::bilan_binary(), "blank", "clas-2024-2025", "--department", "47", "--fillable", "-o", pdf}).exit_code, 0);
  const auto r = run({testing::bilan_binary(), "import-pdf", pdf});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(pdf + ": erreur: page 1, champ obligatoire sans réponse : « structure » (Structure porteuse :)\n"),
            std::string::npos)
      << r.err;
}

TEST(ImportPdf, UnknownFieldsAreNamedWithTheirPage) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  DiagnosticSink sink;
  const spec::FormSpec* form = engine.form("clas-2024-2025", sink);
  ASSERT_TRUE(form);
  pdfread::PdfForm pdf;
  pdf.ours = true;
  pdf.form = "clas-2024-2025";
  pdf.fields.push_back({"structure", false, true, "Les « Curieux »\n& co", 1});
  pdf.fields.push_back({"structur", false, true, "x", 3});
  EXPECT_FALSE(engine::form_to_answers(*form, pdf, "f.pdf", sink));
  ASSERT_EQ(sink.items().size(), 1u);
  EXPECT_EQ(sink.items()[0].to_string(), "f.pdf: erreur: champ « structur » (page 3) : le formulaire « clas-2024-2025 » n’a pas ce champ");
  pdf.fields.pop_back();
  DiagnosticSink ok;
  const auto xml = engine::form_to_answers(*form, pdf, "f.pdf", ok);
  ASSERT_TRUE(xml);
  EXPECT_EQ(*xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"clas-2024-2025\">\n"
            "  <answer field=\"structure\">Les « Curieux »\n&amp; co</answer>\n</bilan>\n");
}

// The page parts of a text area (NAME~K) are joined to NAME in the order of
// K, with a line break; empty parts add nothing. A part of what is not a
// text area, part 1, a part twice or without its field are unknown fields.
TEST(ImportPdf, PagePartsAreJoinedInOrderWithALineBreak) {
  const FileSystemEnvironment env = real_environment();
  engine::Engine engine(env);
  DiagnosticSink sink;
  const spec::FormSpec* form = engine.form("clas-2024-2025", sink);
  ASSERT_TRUE(form);
  pdfread::PdfForm pdf;
  pdf.ours = true;
  pdf.form = "clas-2024-2025";
  pdf.fields.push_back({"deroulement", false, true, "début", 1});
  pdf.fields.push_back({"deroulement~3", false, true, "fin", 3});
  pdf.fields.push_back({"deroulement~2", false, true, "milieu\nsuite", 2});
  pdf.fields.push_back({"deroulement~4", false, true, "", 4});
  DiagnosticSink ok;
  const auto xml = engine::form_to_answers(*form, pdf, "f.pdf", ok);
  ASSERT_TRUE(xml) << (ok.items().empty() ? "" : ok.items()[0].to_string());
  EXPECT_EQ(*xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"clas-2024-2025\">\n"
            "  <answer field=\"deroulement\">début\nmilieu\nsuite\nfin</answer>\n</bilan>\n");
  for (const char* bad : {"structure~2", "deroulement~1", "deroulement~02", "deroulement~x", "deroulement~3", "inconnu~2", "bilan_global~2"}) {
    pdfread::PdfForm wrong = pdf;
    wrong.fields.push_back({bad, false, true, "x", 6});
    DiagnosticSink errors;
    EXPECT_FALSE(engine::form_to_answers(*form, wrong, "f.pdf", errors)) << bad;
    ASSERT_EQ(errors.items().size(), 1u) << bad;
    EXPECT_EQ(errors.items()[0].to_string(),
              std::string("f.pdf: erreur: champ « ") + bad + " » (page 6) : le formulaire « clas-2024-2025 » n’a pas ce champ");
  }
}

}  // namespace
}  // namespace bilan

namespace bilan {
namespace {

TEST(ImportPdf, StoresAPrefilledBilanAsItsActionsAnswers) {
  const std::string dir = testing::temp_dir();
  const std::string pdf = dir + "/pre.pdf", db = dir + "/bilan.db";
  ASSERT_EQ(run({testing::bilan_binary(), "fill", testing::source_path("samples/association-urbaine-2024-2025.xml"), "--partial",
                 "--fillable", "-o", pdf})
                .exit_code,
            0);
  const auto r = run({testing::bilan_binary(), "import-pdf", pdf, "--partial", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("réponses de l’action « CLAS-47-2024-018 » enregistrées dans " + db + "\n"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  const auto list = run({testing::bilan_binary(), "store", "list", "--db", db});
  EXPECT_EQ(list.out.substr(0, 16), "CLAS-47-2024-018");

  // A blank form names no action: nothing to store it under.
  const std::string blank = dir + "/vierge.pdf";
  ASSERT_EQ(run({testing::bilan_binary(), "fill", testing::source_path("samples/minimal-2024-2025.xml"), "--partial", "--fillable",
                 "-o", blank})
                .exit_code,
            0);
  const auto none = run({testing::bilan_binary(), "import-pdf", blank, "--partial", "--db", db});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.err, blank + ": erreur: ce PDF ne nomme pas d’action (un formulaire vierge) : la base range chaque bilan sous son "
                              "action ; écrivez les réponses avec -o, ajoutez-y l’attribut action, puis bilan store import\n");
}

TEST(Fillable, BatchWritesFillablePrefilledBilans) {
  const std::string dir = testing::temp_dir();
  fs::create_directories(dir + "/in");
  fs::copy_file(testing::source_path("samples/minimal-2024-2025.xml"), dir + "/in/minimal.xml");
  const auto r = run({testing::bilan_binary(), "batch", dir + "/in", "--out", dir + "/out", "--partial", "--fillable", "--jobs", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string pdf;
  for (const auto& e : fs::directory_iterator(dir + "/out"))
    if (e.path().extension() == ".pdf") {
      ASSERT_EQ(run({"qpdf", "--qdf", "--object-streams=disable", e.path().string(), dir + "/q.pdf"}).exit_code, 0);
      pdf = testing::read_text(dir + "/q.pdf");
    }
  EXPECT_NE(pdf.find("/AcroForm"), std::string::npos);
  EXPECT_NE(pdf.find("/BilanForm"), std::string::npos);
  const auto usage = run({testing::bilan_binary(), "batch", dir + "/in", "--out", dir + "/out2", "--fillable"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_EQ(usage.err,
            "bilan: erreur: --fillable va avec --partial : un bilan à remplir ne peut pas exiger ses réponses\n"
            "Essayez « bilan batch --help ».\n");
}

}  // namespace
}  // namespace bilan

namespace bilan {
namespace {

TEST(Fillable, TheTraceListsTheFields) {
  const auto doc = compose_fillable(kVariants[0]);
  const std::string trace = render::trace(doc);
  EXPECT_NE(trace.find(" text \"structure\"\n"), std::string::npos);
  EXPECT_NE(trace.find(" radio \"bonus_enfants\" on=\"oui\"\n"), std::string::npos);
  EXPECT_NE(trace.find(" multiline \"deroulement\"\n"), std::string::npos);
  EXPECT_NE(trace.find(" check \"bonus_enfant_objet.materiel\" on=\"materiel\"\n"), std::string::npos);
  EXPECT_NE(trace.find(" text \"tne_ateliers.cafe_parents.seances\"\n"), std::string::npos);
  EXPECT_NE(trace.find(" text \"signature.date\"\n"), std::string::npos);
  EXPECT_NE(trace.find(" text \"intervenants_total\" calculated\n"), std::string::npos);
  EXPECT_NE(trace.find(" text \"intervenants_salaries\"\n"), std::string::npos);
}

TEST(Fillable, SameInputsSameBytes) {
  const std::string dir = testing::temp_dir();
  for (const char* name : {"a.pdf", "b.pdf"})
    ASSERT_EQ(run({testing::bilan_binary(), "fill", testing::source_path("samples/association-urbaine-2024-2025.xml"), "--partial",
                   "--fillable", "-o", dir + "/" + name})
                  .exit_code,
              0);
  EXPECT_EQ(testing::read_text(dir + "/a.pdf"), testing::read_text(dir + "/b.pdf"));
  // Another document than the printable pre-filled bilan: another /ID.
  ASSERT_EQ(run({testing::bilan_binary(), "fill", testing::source_path("samples/association-urbaine-2024-2025.xml"), "--partial",
                 "-o", dir + "/c.pdf"})
                .exit_code,
            0);
  const auto id = [](const std::string& pdf) { return pdf.substr(pdf.rfind("/ID")); };
  EXPECT_NE(id(testing::read_text(dir + "/a.pdf")), id(testing::read_text(dir + "/c.pdf")));
}

TEST(ImportPdf, Usage) {
  const auto none = run({testing::bilan_binary(), "import-pdf"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err, "bilan: erreur: il manque le PDF rempli (FILLED.pdf) ; voir « bilan import-pdf --help »\n"
                      "Essayez « bilan import-pdf --help ».\n");
  const auto help = run({testing::bilan_binary(), "import-pdf", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(help.out.starts_with("Utilisation : bilan import-pdf FILLED.pdf [options]\n"));
  const auto pdfa = run({testing::bilan_binary(), "fill", "x.xml", "--partial", "--fillable", "--pdfa"});
  EXPECT_EQ(pdfa.exit_code, 2);
  EXPECT_EQ(pdfa.err, "bilan: erreur: --fillable ne se combine pas avec --pdfa (une archive ne se remplit plus)\n"
                      "Essayez « bilan fill --help ».\n");
}

}  // namespace
}  // namespace bilan

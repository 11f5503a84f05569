// Page feet of every sample and every blank form (printable and fillable), as
// composed: no page ends with a heading or a label whose answer starts on the
// next page, a text area that runs over a page break leaves at least two of
// its lines under its label, and a « Si oui, … » question never starts a page
// away from the question it depends on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

#include "compose/compose.hpp"
#include "compose/style.hpp"
#include "data/bind.hpp"
#include "fonts/font_set.hpp"
#include "load/answers_loader.hpp"
#include "load/departments_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
namespace st = compose::style;
using compose::Item;
using compose::Page;
using compose::TextItem;

const fonts::FontSet& font_set() {
  static const testing::MemoryEnvironment env = testing::MemoryEnvironment::with_fonts();
  static const auto set = fonts::FontSet::must_load(env, env.font_manifest_path());
  return *set;
}

// What a reader sees on one baseline of a page's text area (not its footer).
struct Line {
  double y = 0;
  std::string text;         // the visible texts, joined
  bool heading = false;     // only bold black text of body size or more, or a level-1 band
  bool black_regular = false;  // some black text in the regular face (a label, a paragraph)
  bool answer = false;      // something to answer on: a box, a dotted line, a field, an answer's text
  bool ruled = false;       // a dotted line across the width (a text area's line) or a line of a typed long answer
};

bool bold(compose::Face f) { return f == compose::Face::Bold || f == compose::Face::BoldItalic; }

// The page's lines, top to bottom: items within 3 pt of each other's baseline
// are one line; a band box counts at its bottom, a dotted line at its height.
std::vector<Line> lines_of(const Page& page) {
  std::map<long, Line> by_y;  // key: y rounded to 3 pt
  const auto at = [&](double y) -> Line& {
    for (auto& [k, l] : by_y)
      if (std::abs(l.y - y) < 3) return l;
    Line& l = by_y[std::lround(y * 100)];
    l.y = y;
    l.heading = true;
    return l;
  };
  for (const Item& item : page.items) {
    if (const auto* t = std::get_if<TextItem>(&item)) {
      if (t->invisible() || t->y > st::kContentBottom + 1 || t->text.find_first_not_of(' ') == std::string::npos) continue;
      Line& l = at(t->y);
      l.text += (l.text.empty() ? "" : " ") + t->text;
      const bool black = t->color == st::kBlack;
      l.heading = l.heading && black && bold(t->face) && t->size >= st::kH3Size;
      l.black_regular = l.black_regular || (black && t->face == compose::Face::Regular);
      if (t->color == st::kAnswer) l.answer = l.ruled = true;
    } else if (const auto* ln = std::get_if<compose::LineItem>(&item)) {
      if (ln->y1 > st::kContentBottom + 1 || ln->y1 != ln->y2) continue;
      if (ln->style == compose::LineStyle::Dotted) {
        Line& l = at(ln->y1 - 1.5);
        l.answer = true;
        l.heading = false;
        l.ruled = l.ruled || ln->x2 - ln->x1 > st::kContentWidth * 0.9;
      }
    } else if (const auto* b = std::get_if<compose::BoxItem>(&item)) {
      if (b->rect.y > st::kContentBottom + 1) continue;
      if (b->filled && b->fill == st::kBand) {
        Line& l = at(b->rect.bottom());
        l.text += "[bande]";
      } else {
        Line& l = at(b->rect.y + 11);
        l.answer = true;
        l.heading = false;
      }
    } else if (const auto* c = std::get_if<compose::CheckboxItem>(&item)) {
      Line& l = at(c->rect.bottom() - 1);
      l.answer = true;
      l.heading = false;
    }  // fields lie over what the page draws there; images are no answer area
  }
  std::vector<Line> out;
  for (auto& [k, l] : by_y) out.push_back(std::move(l));
  std::sort(out.begin(), out.end(), [](const Line& a, const Line& b) { return a.y < b.y; });
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s;
}

bool starts_with_if(const std::string& text) {
  std::string head = text.substr(0, 6);
  for (auto& ch : head) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return head == "si oui" || head == "si non";
}

// Every problem of the document's page feet, one line each.
std::vector<std::string> page_feet_problems(const compose::PagedDocument& doc) {
  std::vector<std::string> problems;
  for (std::size_t p = 0; p + 1 < doc.pages.size(); ++p) {
    const auto lines = lines_of(doc.pages[p]);
    const auto next = lines_of(doc.pages[p + 1]);
    if (lines.empty() || next.empty()) continue;
    const std::string where = "page " + std::to_string(p + 1) + ": ";
    const Line& last = lines.back();
    const std::string text = trimmed(last.text);
    if (last.heading && !last.answer) problems.push_back(where + "ends with a heading: « " + text + " »");
    // A label's second line has no boxes: they are on its first.
    const bool answered_above = lines.size() >= 2 && last.y - lines[lines.size() - 2].y < 14 && lines[lines.size() - 2].answer;
    if (last.black_regular && !last.answer && !answered_above && (text.ends_with(":") || text.ends_with("?")))
      problems.push_back(where + "ends with a label without its answer: « " + text + " »");
    // A text area goes on: at least two of its lines under its label here.
    if (next.front().text.ends_with("(suite)")) {
      int under = 0;
      for (auto it = lines.rbegin(); it != lines.rend() && it->ruled && !it->black_regular; ++it) ++under;
      if (under < 2)
        problems.push_back(where + std::to_string(under) + " line(s) of « " + next.front().text + " » under its label");
    }
    if (starts_with_if(next.front().text))
      problems.push_back("page " + std::to_string(p + 2) + ": starts with « " + next.front().text + " », away from its question");
  }
  return problems;
}

struct Case {
  std::string name;
  compose::PagedDocument doc;
};

compose::PagedDocument composed(const std::string& form_id, const std::string& department, const std::string& answers_path,
                                bool fillable) {
  testing::MemoryEnvironment env;
  env.add_disk_tree(testing::source_path("layouts"));
  env.add_disk_tree(testing::source_path("samples"));
  if (!answers_path.empty()) env.add_disk_file(answers_path);
  env.set_images_anywhere(true);
  DiagnosticSink sink;
  auto registry = load::load_departments(env, testing::source_path("layouts/departments.xml"), sink);
  EXPECT_TRUE(registry.has_value());
  if (!registry) return {};
  std::optional<data::AnswerSet> answers;
  if (!answers_path.empty()) {
    answers = load::load_answers(env, answers_path, sink);
    EXPECT_TRUE(answers.has_value()) << answers_path;
    if (!answers) return {};
  }
  auto form = load::load_layout(env, load::find_layout(env, answers ? answers->form : form_id), sink, &*registry);
  EXPECT_TRUE(form.has_value()) << form_id;
  if (!form) return {};
  data::BindOptions options;
  options.registry = &*registry;
  options.department = department;
  const data::BoundForm bound = data::bind(*form, answers ? &*answers : nullptr, options, sink);
  compose::ComposeOptions compose_options;
  compose_options.fields = fillable;
  return compose::compose(bound, font_set(), sink, nullptr, compose_options);
}

TEST(PageFeet, NoHeadingOrLabelIsLeftAtAPageFoot) {
  int documents = 0;
  const auto check = [&](const std::string& name, const compose::PagedDocument& doc) {
    ASSERT_FALSE(doc.pages.empty()) << name;
    ++documents;
    for (const auto& problem : page_feet_problems(doc)) ADD_FAILURE() << name << ", " << problem;
  };
  for (const auto& entry : fs::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".xml") continue;
    for (const bool fillable : {false, true})
      check(entry.path().filename().string() + (fillable ? " (à remplir)" : ""), composed("", "", entry.path().string(), fillable));
  }
  const std::pair<std::string, std::string> blanks[] = {{"clas-2024-2025", ""},
                                                        {"clas-2024-2025", "47"},
                                                        {"clas-2024-2025", "32"},
                                                        {"tne-parentalite-numerique", ""},
                                                        {"clas-lot-et-garonne-2021-2022", "47"},
                                                        {"questionnaire-clas-2023-2024", ""}};
  for (const auto& [form_id, department] : blanks)
    for (const bool fillable : {false, true})
      check(form_id + " " + department + (fillable ? " (à remplir)" : ""), composed(form_id, department, "", fillable));
  EXPECT_EQ(documents, 2 * 8 + 2 * 6);
}

// The check finds what it looks for: a heading, a label, a text area with one
// line under its label, a « Si oui » question at the top of a page.
TEST(PageFeet, TheCheckSeesEachKindOfOrphan) {
  const auto text = [](double y, std::string s, compose::Face face = compose::Face::Regular, Color color = st::kBlack,
                       double size = st::kBodySize) {
    return TextItem{56, y, face, size, color, std::move(s)};
  };
  const auto dotted = [](double y) {
    return compose::LineItem{56, y, 56 + st::kContentWidth, y, 0.6, st::kRule, compose::LineStyle::Dotted};
  };
  compose::PagedDocument doc;
  doc.pages.resize(5);
  doc.pages[0].items = {text(100, "Texte"), text(760, "Outils développés :", compose::Face::Bold)};
  doc.pages[1].items = {text(100, "Question"), text(760, "Si oui, précisez :")};
  doc.pages[2].items = {text(100, "Si non, pourquoi ?"), text(740, "Quelles nouveautés ?"), dotted(770)};
  doc.pages[3].items = {text(100, "Quelles nouveautés (suite)", compose::Face::Italic, st::kGrey, st::kSmallSize), dotted(113),
                        text(740, "Décrivez :"), dotted(754), dotted(770)};
  doc.pages[4].items = {text(100, "Décrivez (suite)", compose::Face::Italic, st::kGrey, st::kSmallSize)};
  const auto problems = page_feet_problems(doc);
  EXPECT_EQ(problems, (std::vector<std::string>{
                          "page 1: ends with a heading: « Outils développés : »",
                          "page 2: ends with a label without its answer: « Si oui, précisez : »",
                          "page 3: starts with « Si non, pourquoi ? », away from its question",
                          "page 3: 1 line(s) of « Quelles nouveautés (suite) » under its label",
                      }));
}

}  // namespace
}  // namespace bilan

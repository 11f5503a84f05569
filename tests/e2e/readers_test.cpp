// Real readers on real output: every sample and every blank form goes through
// the `bilan` program, then qpdf --check, pdffonts and pdftotext. The text must
// give back every label the form shows and every answer of the sample.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "compose/blocks.hpp"
#include "data/bind.hpp"
#include "data/walk.hpp"
#include "load/answers_loader.hpp"
#include "load/departments_loader.hpp"
#include "load/layout_loader.hpp"
#include "support/test_support.hpp"
#include "text/unicode.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using testing::run;

// Whitespace of any kind (line ends, U+00A0, U+202F) becomes one space; bullets go.
std::string flatten(std::string_view s) {
  std::string out;
  bool space = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto rest = s.substr(i);
    std::size_t skip = 0;
    if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f') skip = 1;
    else if (rest.starts_with("\u00a0")) skip = 2;
    else if (rest.starts_with("\u202f") || rest.starts_with("\u2022")) skip = 3;
    if (skip) {
      if (!space) out += ' ';
      space = true;
      i += skip - 1;
    } else {
      out += s[i];
      space = false;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Words, with punctuation as words of its own: « président, » reads as « président » « , ».
std::vector<std::string> split_words(const std::string& flat) {
  std::vector<std::string> out;
  std::string cur;
  const auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (std::size_t i = 0; i < flat.size(); ++i) {
    const char c = flat[i];
    if (c == ' ') {
      flush();
    } else if (std::string_view(",.;:!?()").find(c) != std::string_view::npos) {
      flush();
      out.emplace_back(1, c);
    } else if (flat.compare(i, 2, "\u00ab") == 0 || flat.compare(i, 2, "\u00bb") == 0) {
      flush();
      out.push_back(flat.substr(i, 2));
      ++i;
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}

// `want` appears in `text` word for word, in order; between two of its words
// only a page turn may intervene (footer, page number, « (suite) » header).
bool contains_in_order(const std::vector<std::string>& text, const std::vector<std::string>& want) {
  constexpr std::size_t kPageTurn = 40;  // words of a footer plus a continuation header
  for (std::size_t start = 0; start < text.size(); ++start) {
    if (text[start] != want[0]) continue;
    std::size_t at = start, k = 1;
    while (k < want.size()) {
      std::size_t next = at + 1;
      if (next < text.size() && text[next] == want[k]) {
        at = next;
        ++k;
        continue;
      }
      // Not adjacent: allowed only across a page turn.
      bool found = false;
      for (std::size_t j = next; j < std::min(text.size(), next + kPageTurn); ++j) {
        if (text[j] == "Page" && j + 1 < text.size()) {
          for (std::size_t m = j; m < std::min(text.size(), j + kPageTurn); ++m)
            if (text[m] == want[k]) {
              at = m;
              found = true;
              break;
            }
          break;
        }
      }
      if (!found) break;
      ++k;
    }
    if (k == want.size()) return true;
  }
  return false;
}

std::string rich(const spec::RichText& runs) {
  std::string s;
  for (const auto& r : runs) s += r.line_break ? " " : compose::typeset(r.text);
  return s;
}

// What a reader must find in the PDF: every label shown, every answer printed.
// One overload per kind: a kind added must say what it prints.
void expected_texts(const data::BoundForm& form, const std::vector<data::BoundNode>& nodes, std::vector<std::string>& out) {
  const auto question = [&out](const data::BoundQuestion& q) {
    if (!q.label.empty()) out.push_back(compose::typeset(q.label));
    if (!q.hint.empty()) out.push_back(compose::typeset(q.hint));
  };
  for (const auto& n : nodes)
    data::visit(n, spec::Overloaded{
                       [&](const data::BoundSection& s) {
                         if (!s.title.empty()) {
                           const std::string title = compose::typeset(s.title);
                           out.push_back(s.caps ? text::upper_fr(title) : title);
                         }
                         expected_texts(form, s.children, out);
                       },
                       [&](const data::BoundParagraph& p) {
                         if (!p.text.empty()) out.push_back(rich(p.text));
                       },
                       [&](const data::BoundList& l) {
                         for (const auto& item : l.items) out.push_back(rich(item));
                       },
                       [&](const data::BoundField& f) {
                         question(f);
                         if (f.value.missing()) return;
                         const std::string v = compose::format_value(f.value);
                         out.push_back(f.type == spec::FieldType::Text ? compose::typeset(v) : v);
                       },
                       [&](const data::BoundTextArea& t) {
                         question(t);
                         if (t.value.missing()) return;
                         if (t.value.kind != data::ValueKind::Text) {
                           out.push_back(compose::format_value(t.value));
                           return;
                         }
                         std::istringstream lines(t.value.text);
                         std::string line;
                         while (std::getline(lines, line)) {
                           line = line.substr(std::min(line.find_first_not_of(" -*•"), line.size()));
                           if (!line.empty()) out.push_back(compose::typeset(line));
                         }
                       },
                       [&](const data::BoundYesNo& y) { question(y); },
                       [&](const data::BoundChoice& c) {
                         question(c);
                         for (const auto& o : c.options) out.push_back(compose::typeset(o.label));
                         for (const auto& [option, text] : c.other_texts) out.push_back(compose::typeset(text));
                       },
                       [&](const data::BoundTable& t) {
                         question(t);
                         out.push_back(compose::typeset(t.stub));
                         for (const auto& c : t.columns) out.push_back(compose::typeset(c.label));
                         for (const auto& r : t.rows) {
                           out.push_back(compose::typeset(r.label));
                           for (const auto& v : r.cells)
                             if (!v.missing())
                               out.push_back(v.kind == data::ValueKind::Text ? compose::typeset(v.text) : compose::format_value(v));
                         }
                       },
                       [&](const data::BoundGrid& g) {
                         question(g);
                         for (const auto& o : g.scale) out.push_back(compose::typeset(o.label));
                         for (const auto& r : g.rows) out.push_back(compose::typeset(r.label));
                       },
                       [&](const data::BoundGroup& g) {
                         if (g.presence == data::Presence::SansObjet) out.push_back("Sans objet");
                         if (g.presence == data::Presence::Shown) expected_texts(form, g.children, out);
                       },
                       [&](const data::BoundSignature& s) {
                         for (const auto* t : {&s.text.name_label, &s.text.role_label, &s.text.statement, &s.text.place_label,
                                               &s.text.stamp_label, &s.text.signature_label})
                           out.push_back(compose::typeset(*t));
                         for (const auto* v : {&form.signature.name, &form.signature.role, &form.signature.place})
                           if (!v->empty()) out.push_back(compose::typeset(*v));
                         expected_texts(form, s.children, out);
                       },
                       [&](const data::BoundFootnote& f) {
                         if (!f.text.empty()) out.push_back((f.mark.empty() ? "" : f.mark + " ") + rich(f.text));
                       },
                       [](const data::BoundPageBreak&) {},
                       [&](const data::BoundDepartmentBlocks& d) { expected_texts(form, d.children, out); },
                       [](const data::BoundCheck&) {},
                   });
}

struct Rendered {
  std::string pdf;
  std::vector<std::string> expected;
};

class Readers : public ::testing::Test {
 protected:
  static void check_pdf(const Rendered& r, const std::string& what) {
    const auto qpdf = run({"qpdf", "--check", r.pdf});
    EXPECT_EQ(qpdf.exit_code, 0) << what << "\n" << qpdf.out << qpdf.err;
    EXPECT_NE(qpdf.out.find("No syntax or stream encoding errors found"), std::string::npos) << what << qpdf.out;
    EXPECT_EQ(qpdf.out.find("WARNING"), std::string::npos) << what << qpdf.out;

    const auto fonts = run({"pdffonts", r.pdf});
    ASSERT_EQ(fonts.exit_code, 0) << fonts.err;
    EXPECT_EQ(fonts.err, "") << what;
    std::istringstream lines(fonts.out);
    std::string line;
    int count = 0;
    for (int i = 0; std::getline(lines, line); ++i) {
      if (i < 2 || line.empty()) continue;
      std::istringstream words(line);
      std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
      ASSERT_GE(w.size(), 6u) << line;
      EXPECT_EQ(w[w.size() - 5], "yes") << what << ": font not embedded: " << line;
      EXPECT_EQ(w[w.size() - 3], "yes") << what << ": font without ToUnicode: " << line;
      ++count;
    }
    EXPECT_GE(count, 1) << what;

    std::vector<std::string> words[2];
    int k = 0;
    for (const char* mode : {"-layout", "-raw"}) {
      const auto txt = run({"pdftotext", "-enc", "UTF-8", mode, r.pdf, "-"});
      EXPECT_EQ(txt.exit_code, 0);
      EXPECT_EQ(txt.err, "") << what << ": pdftotext printed warnings";
      words[k++] = split_words(flatten(txt.out));
    }
    for (const auto& e : r.expected) {
      const auto want = split_words(flatten(e));
      if (want.empty()) continue;
      EXPECT_TRUE(contains_in_order(words[0], want) || contains_in_order(words[1], want))
          << what << ": text not found in the PDF: « " << flatten(e) << " »";
    }
  }

  static Rendered fill(const std::string& sample) {
    const std::string out = testing::temp_dir() + "/" + fs::path(sample).stem().string() + ".pdf";
    const auto r = run({testing::bilan_binary(), "fill", sample, "-o", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    // A sample fills without diagnostics, or with exactly the warnings it is meant to show.
    const std::string expected_path =
        testing::source_path("tests/e2e/expected/" + fs::path(sample).stem().string() + ".stderr");
    std::string expected = fs::exists(expected_path) ? testing::read_text(expected_path) : "";
    for (std::size_t pos; (pos = expected.find("SAMPLES/")) != std::string::npos;)
      expected.replace(pos, 8, testing::source_path("samples/"));
    EXPECT_EQ(r.err, expected) << sample;
    testing::MemoryEnvironment env;
    env.add_disk_tree(testing::source_path("layouts"));
    env.add_disk_tree(testing::source_path("samples"));
    DiagnosticSink sink;
    auto answers = load::load_answers(env, sample, sink);
    auto registry = load::load_departments(env, testing::source_path("layouts/departments.xml"), sink);
    auto form = load::load_layout(env, load::find_layout(env, answers->form), sink, &*registry);
    EXPECT_TRUE(form.has_value()) << (sink.empty() ? "" : sink.sorted()[0].to_string());
    if (!form) return {out, {}};
    data::BindOptions options;
    options.registry = &*registry;
    const auto bound = data::bind(*form, &*answers, options, sink);
    Rendered rendered{out, {}};
    expected_texts(bound, bound.body, rendered.expected);
    return rendered;
  }
};

TEST_F(Readers, EverySampleFillsAndReadsBack) {
  int samples = 0;
  for (const auto& entry : fs::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".xml") continue;
    ++samples;
    check_pdf(fill(entry.path().string()), entry.path().filename().string());
  }
  EXPECT_GE(samples, 3);
}

TEST_F(Readers, BlankFormsReadBack) {
  testing::MemoryEnvironment env;
  env.add_disk_tree(testing::source_path("layouts"));
  DiagnosticSink sink;
  auto registry = load::load_departments(env, testing::source_path("layouts/departments.xml"), sink);
  ASSERT_TRUE(registry);
  const std::pair<std::string, std::string> forms[] = {{"clas-2024-2025", ""},
                                                       {"clas-2024-2025", "47"},
                                                       {"tne-parentalite-numerique", ""},
                                                       {"clas-lot-et-garonne-2021-2022", "47"}};
  for (const auto& [form_id, department] : forms) {
    const std::string out = testing::temp_dir() + "/" + form_id + ".pdf";
    std::vector<std::string> argv{testing::bilan_binary(), "blank", form_id, "-o", out};
    if (!department.empty()) {
      argv.push_back("--department");
      argv.push_back(department);
    }
    const auto r = run(argv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    auto form = load::load_layout(env, load::find_layout(env, form_id), sink, &*registry);
    ASSERT_TRUE(form);
    data::BindOptions options;
    options.registry = &*registry;
    options.department = department;
    const auto bound = data::bind(*form, nullptr, options, sink);
    Rendered rendered{out, {}};
    expected_texts(bound, bound.body, rendered.expected);
    check_pdf(rendered, form_id);
  }
}

// Format characters steer line breaking but are never drawn: no glyph, no
// placeholder, nothing in the extracted text; a soft hyphen that does not
// break is not drawn either.
TEST_F(Readers, FormatCharactersAreNotDrawn) {
  const std::string out = testing::temp_dir() + "/format.pdf";
  const auto r = run({testing::bilan_binary(), "fill",
                      testing::source_path("tests/inputs/103-text-format-characters-and-units.xml"), "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::string text = run({"pdftotext", "-enc", "UTF-8", "-raw", out, "-"}).out;
  for (const char* invisible : {"\u200B", "\u200E", "\u200F", "\u2060", "\uFEFF", "\u00AD", "\uFFFD"})
    EXPECT_EQ(text.find(invisible), std::string::npos) << "U+" << std::hex << invisible;
  EXPECT_NE(text.find("AssociationLireetGrandir"), std::string::npos) << text;
  EXPECT_NE(text.find("ThomasNguyen"), std::string::npos) << text;
  EXPECT_NE(text.find("Accompagnement à la scolarité"), std::string::npos) << text;
}

// The 2024/25 blank form carries the questions of the seed form, in order.
TEST_F(Readers, BlankFormKeepsTheSeedOrder) {
  const std::string out = testing::temp_dir() + "/order.pdf";
  ASSERT_EQ(run({testing::bilan_binary(), "blank", "clas-2024-2025", "-o", out}).exit_code, 0);
  const std::string text = flatten(run({"pdftotext", "-enc", "UTF-8", out, "-"}).out);
  const char* in_order[] = {
      "Structure porteuse",
      "Vous avez bénéficié du bonus parentalité numérique (Financement TNE)",
      "PARTIE 1 : BILAN QUALITATIF DE L’ACTION",
      "Déroulement de l’action",
      "Nombre total d’intervenants",
      "PUBLIC CONCERNÉ",
      "Disponibilité réduite des parents",
      "INTERVENTION AUPRÈS DES ENFANTS",
      "Bonification de l’axe enfant",
      "INTERVENTION AUPRÈS DES PARENTS",
      "Accompagnement des parents vers les associations de parents d’élèves",
      "Bonification de l’axe parent",
      "Type d’ateliers / séances",
      "ACTIONS DE CONCERTATION",
      "LIBRE EXPRESSION",
      "PERSPECTIVES 2025-2026",
      "Je, soussigné(e) (nom, prénom)",
      "CACHET",
      "SIGNATURE",
      "(1) Si le signataire n’est pas le représentant légal",
  };
  std::size_t pos = 0;
  for (const char* label : in_order) {
    const std::size_t found = text.find(flatten(label), pos);
    ASSERT_NE(found, std::string::npos) << "« " << label << " » missing or out of order";
    pos = found;
  }
}

}  // namespace
}  // namespace bilan

#include "spec/walk.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "load/layout_loader.hpp"
#include "support/test_support.hpp"

namespace bilan::spec {
namespace {

FormSpec load(const std::string& body) {
  bilan::testing::MemoryEnvironment env;
  env.add_file("/mem/t.xml", "<form id=\"t\" school-year=\"2024-2025\">\n" + body + "</form>\n");
  DiagnosticSink sink;
  auto form = load::load_layout(env, "/mem/t.xml", sink);
  if (!form) throw std::runtime_error(sink.items().front().to_string());
  return std::move(*form);
}

const char* const kBody = R"x(<section title="S">
  <p>Texte</p>
  <field id="a" label="A"/>
  <group when="a = 'x'"><yesno id="b" label="B"/><list><item>I</item></list></group>
</section>
<table id="t1"><column id="n" label="N"/><row id="r" label="R"/></table>
<check test="a = 'x'" message="m"/>
<signature><footnote>F</footnote></signature>
<pagebreak/>
<choice id="c" label="C"><option value="o" label="O"/></choice>
<textarea id="d" label="D"/>
<grid id="g" label="G"><scale value="oui" label="Oui"/><scale value="non" label="Non"/><row id="r" label="R"/></grid>
)x";

// The kind's name through the visitor: one overload per kind, no catch-all.
const auto kKindName = Overloaded{
    [](const Section&) { return std::string("section"); },
    [](const Paragraph&) { return std::string("p"); },
    [](const List&) { return std::string("list"); },
    [](const Field&) { return std::string("field"); },
    [](const TextArea&) { return std::string("textarea"); },
    [](const YesNo&) { return std::string("yesno"); },
    [](const Choice&) { return std::string("choice"); },
    [](const Table&) { return std::string("table"); },
    [](const Grid&) { return std::string("grid"); },
    [](const Group&) { return std::string("group"); },
    [](const Signature&) { return std::string("signature"); },
    [](const Footnote&) { return std::string("footnote"); },
    [](const PageBreak&) { return std::string("pagebreak"); },
    [](const DepartmentBlocks&) { return std::string("department-blocks"); },
    [](const Check&) { return std::string("check"); },
};

TEST(Walk, EveryNodeDepthFirstInDocumentOrderEachVisitedAsItsKind) {
  const FormSpec form = load(kBody);
  std::vector<std::string> seen;
  for_each_node(form.body, [&](const Node& n) {
    const std::string name = visit(n, kKindName);
    EXPECT_EQ(name, kind_name(n));
    seen.push_back(name);
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"section", "p", "field", "group", "yesno", "list", "table", "check", "signature",
                                            "footnote", "pagebreak", "choice", "textarea", "grid"}));
}

TEST(Walk, QuestionsOnlyWithTheirKind) {
  const FormSpec form = load(kBody);
  std::vector<std::string> seen;
  for_each_question(form, Overloaded{
                              [&](const Field& q) { seen.push_back("field " + q.id); },
                              [&](const TextArea& q) { seen.push_back("textarea " + q.id); },
                              [&](const YesNo& q) { seen.push_back("yesno " + q.id); },
                              [&](const Choice& q) { seen.push_back("choice " + q.id); },
                              [&](const Table& q) { seen.push_back("table " + q.id); },
                              [&](const Grid& q) { seen.push_back("grid " + q.id); },
                          });
  EXPECT_EQ(seen, (std::vector<std::string>{"field a", "yesno b", "table t1", "choice c", "textarea d", "grid g"}));
  // The same set as the form's index of questions.
  EXPECT_EQ(seen.size(), form.answerable().size());
}

TEST(Walk, QuestionNodesInTheOrderOfTheQuestions) {
  const FormSpec form = load(kBody);
  std::vector<std::string> seen;
  for_each_question_node(form, [&](const Node& n, const Question& q) {
    EXPECT_EQ(as_question(n), &q);
    seen.push_back(std::string(kind_name(n)) + " " + q.id);
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"field a", "yesno b", "table t1", "choice c", "textarea d", "grid g"}));
}

TEST(Walk, QuestionsDeclaredByTheirType) {
  const FormSpec form = load(kBody);
  std::vector<std::string> questions;
  for_each_node(form.body, [&](const Node& n) {
    if (as_question(n)) questions.push_back(kind_name(n));
  });
  EXPECT_EQ(questions, (std::vector<std::string>{"field", "yesno", "table", "choice", "textarea", "grid"}));
}

TEST(Walk, VisitQuestionHandlesQuestionsOnly) {
  const FormSpec form = load(kBody);
  const auto name = Overloaded{
      [](const Field&) { return 1; }, [](const TextArea&) { return 2; }, [](const YesNo&) { return 3; },
      [](const Choice&) { return 4; }, [](const Table&) { return 5; }, [](const Grid&) { return 6; },
  };
  EXPECT_EQ(visit_question(*form.find("c"), name), 4);
  EXPECT_EQ(visit_question(*form.find("t1"), name), 5);
  EXPECT_EQ(visit_question(*form.find("g"), name), 6);
  EXPECT_THROW(visit_question(form.body[0], name), std::logic_error);  // a section
}

}  // namespace
}  // namespace bilan::spec

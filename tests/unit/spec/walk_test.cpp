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
)x";

// The kind's name through the visitor: one overload per kind, no catch-all.
const auto kKindName = Overloaded{
    [](kind::Section, const Node&) { return std::string("section"); },
    [](kind::Paragraph, const Node&) { return std::string("p"); },
    [](kind::List, const Node&) { return std::string("list"); },
    [](kind::Field, const Node&) { return std::string("field"); },
    [](kind::TextArea, const Node&) { return std::string("textarea"); },
    [](kind::YesNo, const Node&) { return std::string("yesno"); },
    [](kind::Choice, const Node&) { return std::string("choice"); },
    [](kind::Table, const Node&) { return std::string("table"); },
    [](kind::Group, const Node&) { return std::string("group"); },
    [](kind::Signature, const Node&) { return std::string("signature"); },
    [](kind::Footnote, const Node&) { return std::string("footnote"); },
    [](kind::PageBreak, const Node&) { return std::string("pagebreak"); },
    [](kind::DepartmentBlocks, const Node&) { return std::string("department-blocks"); },
    [](kind::Check, const Node&) { return std::string("check"); },
};

TEST(Walk, EveryNodeDepthFirstInDocumentOrderEachVisitedAsItsKind) {
  const FormSpec form = load(kBody);
  std::vector<std::string> seen;
  for_each_node(form.body, [&](const Node& n) {
    const std::string name = visit(n, kKindName);
    EXPECT_EQ(name, kind_name(n.kind));
    seen.push_back(name);
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"section", "p", "field", "group", "yesno", "list", "table", "check", "signature",
                                            "footnote", "pagebreak", "choice", "textarea"}));
}

TEST(Walk, AnswerableOnlyWithTheirKind) {
  const FormSpec form = load(kBody);
  std::vector<std::string> seen;
  for_each_answerable(form, Overloaded{
                                [&](kind::Field, const Node& n) { seen.push_back("field " + n.id); },
                                [&](kind::TextArea, const Node& n) { seen.push_back("textarea " + n.id); },
                                [&](kind::YesNo, const Node& n) { seen.push_back("yesno " + n.id); },
                                [&](kind::Choice, const Node& n) { seen.push_back("choice " + n.id); },
                                [&](kind::Table, const Node& n) { seen.push_back("table " + n.id); },
                            });
  EXPECT_EQ(seen, (std::vector<std::string>{"field a", "yesno b", "table t1", "choice c", "textarea d"}));
  // The same set as the form's index of questions.
  EXPECT_EQ(seen.size(), form.answerable().size());
}

TEST(Walk, AnswerableDeclaredByTheKind) {
  for (const auto k : {NodeKind::Section, NodeKind::Paragraph, NodeKind::List, NodeKind::Group, NodeKind::Signature,
                       NodeKind::Footnote, NodeKind::PageBreak, NodeKind::DepartmentBlocks, NodeKind::Check, NodeKind::None})
    EXPECT_FALSE(is_answerable(k)) << kind_name(k);
  for (const auto k : {NodeKind::Field, NodeKind::TextArea, NodeKind::YesNo, NodeKind::Choice, NodeKind::Table})
    EXPECT_TRUE(is_answerable(k)) << kind_name(k);
}

TEST(Walk, ANodeWithoutKindIsABug) {
  const Node none;
  EXPECT_THROW(visit(none, kKindName), std::logic_error);
}

TEST(Walk, VisitAnswerableHandlesQuestionsOnly) {
  const FormSpec form = load(kBody);
  const auto name = Overloaded{
      [](kind::Field, const Node&) { return 1; }, [](kind::TextArea, const Node&) { return 2; },
      [](kind::YesNo, const Node&) { return 3; }, [](kind::Choice, const Node&) { return 4; },
      [](kind::Table, const Node&) { return 5; },
  };
  EXPECT_EQ(visit_answerable(*form.find("c"), name), 4);
  EXPECT_EQ(visit_answerable(*form.find("t1"), name), 5);
  EXPECT_THROW(visit_answerable(form.body[0], name), std::logic_error);  // a section
}

}  // namespace
}  // namespace bilan::spec

#include "spec/form_spec.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace bilan::spec {
namespace {

template <class K>
K question(std::string id) {
  K q;
  q.id = std::move(id);
  return q;
}

template <class K>
const K& as(const Node& n) {
  return std::get<K>(n.kind());
}

FormSpec sample() {
  FormSpec f;
  f.body.push_back(question<Field>("structure"));
  Section section;
  section.title = "Identification";
  Group group;
  group.label = "bonus";
  group.children.push_back(question<YesNo>("bonus_enfants"));
  group.children.push_back(question<Table>("ateliers"));
  section.children.push_back(std::move(group));
  section.children.push_back(question<Choice>("objet"));
  section.children.push_back(question<TextArea>("bilan"));
  section.children.push_back(Paragraph{});
  f.body.push_back(std::move(section));
  Check check;
  check.id = "regle";
  f.body.push_back(std::move(check));
  f.body.push_back(Signature{});
  f.reindex();
  return f;
}

TEST(FormSpec, FindsQuestionsAtAnyDepthAsTheirKind) {
  const FormSpec f = sample();
  ASSERT_NE(f.find_as<Field>("structure"), nullptr);
  EXPECT_EQ(f.find_as<Field>("structure")->id, "structure");
  EXPECT_NE(f.find_as<YesNo>("bonus_enfants"), nullptr);
  EXPECT_NE(f.find_as<Table>("ateliers"), nullptr);
  EXPECT_NE(f.find_as<Choice>("objet"), nullptr);
  EXPECT_NE(f.find_as<TextArea>("bilan"), nullptr);
  EXPECT_EQ(f.find_as<Field>("bilan"), nullptr);  // a text area, not a field
  ASSERT_NE(f.find_question("bilan"), nullptr);
  EXPECT_EQ(f.find_question("bilan")->id, "bilan");
}

TEST(FormSpec, DoesNotFindChecksOrUnknownIds) {
  const FormSpec f = sample();
  EXPECT_EQ(f.find("regle"), nullptr);  // a rule, not a question
  EXPECT_EQ(f.find("nope"), nullptr);
  EXPECT_EQ(f.find(""), nullptr);
  EXPECT_EQ(f.find_question("nope"), nullptr);
  EXPECT_EQ(f.answerable().size(), 5u);
}

TEST(FormSpec, IndexSurvivesMove) {
  FormSpec f = sample();
  FormSpec moved = std::move(f);
  const Node* n = moved.find("bonus_enfants");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n, &as<Group>(as<Section>(moved.body[1]).children[0]).children[0]);
}

TEST(FormSpec, FindBeforeReindexIsEmpty) {
  FormSpec f;
  f.body.push_back(question<Field>("a"));
  EXPECT_EQ(f.find("a"), nullptr);
  f.reindex();
  EXPECT_NE(f.find("a"), nullptr);
}

TEST(FormSpec, KindAndTypeNamesMatchTheXml) {
  EXPECT_STREQ(kind_name(Paragraph{}), "p");
  EXPECT_STREQ(kind_name(TextArea{}), "textarea");
  EXPECT_STREQ(kind_name(PageBreak{}), "pagebreak");
  EXPECT_STREQ(kind_name(DepartmentBlocks{}), "department-blocks");
  EXPECT_STREQ(type_name(FieldType::Amount), "amount");
  EXPECT_STREQ(type_name(FieldType::Phone), "phone");
}

TEST(FormSpec, QuestionsLocationsAndChildrenThroughTheKinds) {
  Table t;
  t.id = "t";
  t.loc = SourceLoc{std::make_shared<const std::string>("f.xml"), 3, 5};
  const Node table = t;
  ASSERT_NE(as_question(table), nullptr);
  EXPECT_EQ(as_question(table)->id, "t");
  EXPECT_EQ(loc_of(table).to_string(), "f.xml:3:5");
  EXPECT_TRUE(children_of(table).empty());
  EXPECT_EQ(as_question(Node(Group{})), nullptr);
  EXPECT_EQ(as_question(Node(Check{})), nullptr);
  Signature s;
  s.children.push_back(Footnote{});
  EXPECT_EQ(children_of(Node(s)).size(), 1u);
  static_assert(is_question_v<Choice> && is_question_v<Table> && !is_question_v<Section> && !is_question_v<Check>);
}

}  // namespace
}  // namespace bilan::spec

#include "spec/form_spec.hpp"

#include <string>

#include <gtest/gtest.h>

namespace bilan::spec {
namespace {

Node node(NodeKind kind, std::string id) {
  Node n;
  n.kind = kind;
  n.id = std::move(id);
  return n;
}

FormSpec sample() {
  FormSpec f;
  f.body.push_back(node(NodeKind::Field, "structure"));
  Node section = node(NodeKind::Section, "identification");
  Node group = node(NodeKind::Group, "bonus");
  group.children.push_back(node(NodeKind::YesNo, "bonus_enfants"));
  group.children.push_back(node(NodeKind::Table, "ateliers"));
  section.children.push_back(std::move(group));
  section.children.push_back(node(NodeKind::Choice, "objet"));
  section.children.push_back(node(NodeKind::TextArea, "bilan"));
  section.children.push_back(node(NodeKind::Paragraph, ""));
  f.body.push_back(std::move(section));
  f.body.push_back(node(NodeKind::Signature, "sig"));
  f.reindex();
  return f;
}

TEST(FormSpec, FindsAnswerableNodesAtAnyDepth) {
  const FormSpec f = sample();
  ASSERT_NE(f.find("structure"), nullptr);
  EXPECT_EQ(f.find("structure")->kind, NodeKind::Field);
  ASSERT_NE(f.find("bonus_enfants"), nullptr);
  EXPECT_EQ(f.find("bonus_enfants")->kind, NodeKind::YesNo);
  EXPECT_EQ(f.find("ateliers")->kind, NodeKind::Table);
  EXPECT_EQ(f.find("objet")->kind, NodeKind::Choice);
  EXPECT_EQ(f.find("bilan")->kind, NodeKind::TextArea);
}

TEST(FormSpec, DoesNotFindSectionsGroupsOrUnknownIds) {
  const FormSpec f = sample();
  EXPECT_EQ(f.find("identification"), nullptr);
  EXPECT_EQ(f.find("bonus"), nullptr);
  EXPECT_EQ(f.find("sig"), nullptr);
  EXPECT_EQ(f.find("nope"), nullptr);
  EXPECT_EQ(f.find(""), nullptr);
  EXPECT_EQ(f.answerable().size(), 5u);
}

TEST(FormSpec, IndexSurvivesMove) {
  FormSpec f = sample();
  FormSpec moved = std::move(f);
  const Node* n = moved.find("bonus_enfants");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n, &moved.body[1].children[0].children[0]);
}

TEST(FormSpec, FindBeforeReindexIsEmpty) {
  FormSpec f;
  f.body.push_back(node(NodeKind::Field, "a"));
  EXPECT_EQ(f.find("a"), nullptr);
  f.reindex();
  EXPECT_NE(f.find("a"), nullptr);
}

TEST(FormSpec, KindAndTypeNamesMatchTheXml) {
  EXPECT_STREQ(kind_name(NodeKind::Paragraph), "p");
  EXPECT_STREQ(kind_name(NodeKind::TextArea), "textarea");
  EXPECT_STREQ(kind_name(NodeKind::PageBreak), "pagebreak");
  EXPECT_STREQ(type_name(FieldType::Amount), "amount");
  EXPECT_STREQ(type_name(FieldType::Phone), "phone");
  EXPECT_TRUE(is_answerable(NodeKind::Table));
  EXPECT_FALSE(is_answerable(NodeKind::Group));
  EXPECT_FALSE(is_answerable(NodeKind::Signature));
}

}  // namespace
}  // namespace bilan::spec

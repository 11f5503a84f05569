// data/bind/department_blocks: the department's own parts, and only its.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

struct Registry {
  bilan::testing::MemoryEnvironment env;
  spec::DepartmentRegistry registry;
  std::optional<spec::FormSpec> form;

  Registry() {
    env.add_file("/mem/t.xml", "<form id=\"t\" school-year=\"2024-2025\">\n<department-blocks/>\n</form>\n");
    env.add_file("/mem/lib.xml", "<library><block id=\"b\"><yesno id=\"propre\" label=\"Propre au {department.code}\"/></block></library>\n");
    registry.path = "/mem/departments.xml";
    for (const char* code : {"47", "64"}) {
      spec::Department d;
      d.code = code;
      d.name = "D" + std::string(code);
      d.forms = {"t"};
      if (d.code == "47") {
        d.blocks.push_back(spec::BlockRef{"lib.xml", "b", {}, {}});
        d.return_date = CivilDate{2025, 7, 15};
        d.contact = "clas@caf47.example";
      }
      registry.departments.push_back(d);
    }
    DiagnosticSink sink;
    form = load::load_layout(env, "/mem/t.xml", sink, &registry);
    if (!form) throw std::runtime_error(sink.items().front().to_string());
  }

  BoundForm bind_for(const std::string& department, DiagnosticSink& sink) const {
    BindOptions options;
    options.department = department;
    options.registry = &registry;
    return bind(*form, nullptr, options, sink);
  }
};

TEST(BindDepartmentBlocks, OnlyTheDepartmentsOwnParts) {
  const Registry r;
  DiagnosticSink sink;
  const BoundForm lot = r.bind_for("47", sink);
  const auto& blocks = as<BoundDepartmentBlocks>(lot.body.at(0));
  ASSERT_EQ(blocks.children.size(), 1u);
  EXPECT_EQ(as<BoundYesNo>(blocks.children[0]).label, "Propre au 47");
  EXPECT_TRUE(as<BoundDepartmentBlocks>(r.bind_for("64", sink).body.at(0)).children.empty());
  EXPECT_TRUE(sink.empty());
}

TEST(BindDepartmentBlocks, AnAnswerForAnotherDepartmentsPart) {
  const Registry r;
  const auto answers = load::parse_answers(r.env, "/mem/r.xml", "<bilan form=\"t\" department=\"64\">\n<answer field=\"propre\">oui</answer>\n</bilan>\n", *std::make_unique<DiagnosticSink>());
  ASSERT_TRUE(answers);
  DiagnosticSink sink;
  BindOptions options;
  options.registry = &r.registry;
  bind(*r.form, &*answers, options, sink);
  ASSERT_EQ(sink.items().size(), 1u);
  EXPECT_EQ(sink.items()[0].to_string(), "/mem/r.xml:2:1: erreur: le champ « propre » n’existe que sur les formulaires du département 47, pas du 64");
}

TEST(BindDepartmentBlocks, TheTitleBlockSaysWhatTheRegistrySaysOfTheDepartment) {
  const Registry r;
  DiagnosticSink sink;
  const BoundForm lot = r.bind_for("47", sink);
  ASSERT_TRUE(lot.department_heading);
  EXPECT_EQ(lot.department_heading->code, "47");
  EXPECT_EQ(lot.department_heading->caf, r.registry.departments[0].caf());
  ASSERT_TRUE(lot.department_heading->return_date);
  EXPECT_EQ(lot.department_heading->return_date->day, 15);
  EXPECT_EQ(lot.department_heading->contact, "clas@caf47.example");
  EXPECT_FALSE(r.bind_for("64", sink).department_heading->return_date);
  EXPECT_FALSE(r.bind_for("", sink).department_heading);  // no department chosen
  EXPECT_TRUE(sink.empty());
}

}  // namespace
}  // namespace bilan::data::test

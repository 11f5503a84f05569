// load/layout/department_blocks: <department-blocks/> and the parts the
// department registry puts there.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadDepartmentBlocks, LevelAndTheDepartmentsParts) {
  bilan::testing::MemoryEnvironment env;
  env.add_file("/mem/t.xml", R"x(<form id="t" school-year="2024-2025">
<section title="S"><department-blocks/></section>
</form>
)x");
  env.add_file("/mem/lib.xml", R"x(<library><block id="b47"><yesno id="propre" label="Propre au 47"/></block></library>
)x");
  spec::DepartmentRegistry registry;
  registry.path = "/mem/departments.xml";
  spec::Department d;
  d.code = "47";
  d.name = "Lot-et-Garonne";
  d.forms = {"t"};
  d.blocks.push_back(spec::BlockRef{"lib.xml", "b47", {}, {}});
  registry.departments.push_back(d);
  DiagnosticSink sink;
  const auto form = load_layout(env, "/mem/t.xml", sink, &registry);
  ASSERT_TRUE(sink.empty()) << sink.items().front().to_string();
  ASSERT_TRUE(form);
  const auto& blocks = as<spec::DepartmentBlocks>(as<spec::Section>(form->body[0]).children[0]);
  EXPECT_EQ(blocks.level, 1);  // the parts' sections go under the enclosing one
  ASSERT_EQ(form->department_blocks.count("47"), 1u);
  EXPECT_EQ(as<spec::YesNo>(form->department_blocks.at("47")[0]).id, "propre");
  EXPECT_EQ(form->departments_of("propre"), std::vector<std::string>{"47"});
}

TEST(LoadDepartmentBlocks, NoChildren) {
  EXPECT_EQ(load_body("<department-blocks>texte</department-blocks>\n").diags,
            Diags{"/mem/t.xml:2:20: erreur: texte inattendu dans <department-blocks> (le texte s’écrit dans l’attribut « label »)"});
}

}  // namespace
}  // namespace bilan::load::test

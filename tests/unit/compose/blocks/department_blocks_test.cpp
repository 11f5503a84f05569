// compose: <department-blocks/> prints the department's parts in its place.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksDepartmentBlocks, TheDepartmentsPartsInPlace) {
  bilan::testing::MemoryEnvironment env;
  env.add_file("/mem/t.xml", "<form id=\"t\" school-year=\"2024-2025\">\n<p>Avant</p>\n<department-blocks/>\n<p>Après</p>\n</form>\n");
  env.add_file("/mem/lib.xml", "<library><block id=\"b\"><p>Propre au 47</p></block></library>\n");
  spec::DepartmentRegistry registry;
  registry.path = "/mem/departments.xml";
  spec::Department d;
  d.code = "47";
  d.name = "Lot-et-Garonne";
  d.forms = {"t"};
  d.blocks.push_back(spec::BlockRef{"lib.xml", "b", {}, {}});
  registry.departments.push_back(d);
  DiagnosticSink sink;
  const auto form = load::load_layout(env, "/mem/t.xml", sink, &registry);
  ASSERT_TRUE(form);
  data::BindOptions options;
  options.department = "47";
  options.registry = &registry;
  const data::BoundForm bound = data::bind(*form, nullptr, options, sink);
  bilan::testing::FakeMetrics metrics;
  const auto blocks = build_blocks(bound, metrics, sink);
  EXPECT_TRUE(sink.empty());
  std::vector<std::string> words;
  for (std::size_t i = 1; i < blocks.size(); ++i)
    for (const auto& item : blocks[i].chunks.at(0).items)
      if (const auto* t = std::get_if<TextItem>(&item)) words.push_back(t->text);
  EXPECT_EQ(words, (std::vector<std::string>{"Avant", "Propre au 47", "Après"}));
}

}  // namespace
}  // namespace bilan::compose::test

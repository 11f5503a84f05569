// compose: <department-blocks/> prints the department's parts in its place.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

// `body` in form t; department 47 adds block b of /mem/lib.xml (`block`) at
// <department-blocks/>, department 33 adds nothing. Blank, for `department`.
std::vector<Block> department_blocks(const std::string& body, const std::string& block, const std::string& department,
                                     ComposeOptions options = {}) {
  bilan::testing::MemoryEnvironment env;
  env.add_file("/mem/t.xml", "<form id=\"t\" school-year=\"2024-2025\">\n" + body + "</form>\n");
  env.add_file("/mem/lib.xml", "<library><block id=\"b\">" + block + "</block></library>\n");
  spec::DepartmentRegistry registry;
  registry.path = "/mem/departments.xml";
  spec::Department d;
  d.code = "47";
  d.name = "Lot-et-Garonne";
  d.forms = {"t"};
  d.blocks.push_back(spec::BlockRef{"lib.xml", "b", {}, {}});
  registry.departments.push_back(d);
  spec::Department gironde;
  gironde.code = "33";
  gironde.name = "Gironde";
  gironde.forms = {"t"};
  registry.departments.push_back(gironde);
  DiagnosticSink sink;
  const auto form = load::load_layout(env, "/mem/t.xml", sink, &registry);
  if (!form) throw std::runtime_error("layout: " + sink.items().front().to_string());
  data::BindOptions bind_options;
  bind_options.department = department;
  bind_options.registry = &registry;
  const data::BoundForm bound = data::bind(*form, nullptr, bind_options, sink);
  bilan::testing::FakeMetrics metrics;
  auto blocks = build_blocks(bound, metrics, sink, nullptr, options);
  if (!sink.empty()) throw std::runtime_error("diagnostic: " + sink.items().front().to_string());
  return blocks;
}

TEST(BlocksDepartmentBlocks, TheDepartmentsPartsInPlace) {
  const auto blocks = department_blocks("<p>Avant</p>\n<department-blocks/>\n<p>Après</p>\n", "<p>Propre au 47</p>", "47");
  std::vector<std::string> words;
  for (std::size_t i = 1; i < blocks.size(); ++i)
    for (const auto& item : blocks[i].chunks.at(0).items)
      if (const auto* t = std::get_if<TextItem>(&item)) words.push_back(t->text);
  EXPECT_EQ(words, (std::vector<std::string>{"Avant", "Propre au 47", "Après"}));
}

// A total of the body that reads a department's own number field: with the
// department, the field is on the bilan; without it, the script still names
// it (an absent field reads as missing), and the total stays a calculated field.
TEST(BlocksDepartmentBlocks, TotalReadsADepartmentsField) {
  const std::string body =
      "<field id=\"n\" type=\"integer\" label=\"N\"/>\n"
      "<field id=\"total\" type=\"integer\" label=\"Total\" computed=\"n + propre\"/>\n<department-blocks/>\n";
  const std::string block = "<field id=\"propre\" type=\"integer\" label=\"Propre\"/>";
  for (const std::string department : {"47", "33", ""}) {
    SCOPED_TRACE(department);
    std::vector<FieldItem> fields;
    for (const auto& b : department_blocks(body, block, department, fillable()))
      for (const auto& c : b.chunks)
        for (const auto& item : c.items)
          if (const auto* f = std::get_if<FieldItem>(&item)) fields.push_back(*f);
    ASSERT_EQ(fields.size(), department == "47" ? 3u : 2u);
    EXPECT_EQ(fields[1].name, "total");
    EXPECT_NE(fields[1].calculate.find("add(n(\"n\"),n(\"propre\"))"), std::string::npos) << fields[1].calculate;
    if (department == "47") {
      EXPECT_EQ(fields[2].name, "propre");
    }
  }
}

}  // namespace
}  // namespace bilan::compose::test

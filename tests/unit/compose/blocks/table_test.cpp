// compose/blocks/table: a header, a framed row per <row>.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

const char* const kTable = R"x(<table id="t1" label="Ateliers" stub="Atelier">
  <column id="n" label="Séances" type="integer"/>
  <column id="note" label="Note"/>
  <row id="cafe" label="Café"/>
  <row id="autre" label="Autre" other="true"/>
</table>
)x";

TEST(BlocksTable, HeaderRowsAndCells) {
  const Built b = build(kTable, R"x(<table field="t1">
  <row id="cafe"><cell column="n">12</cell></row>
  <row id="autre" label="Jeux"><cell column="note">bien</cell></row>
</table>
)x");
  EXPECT_EQ(b.diags, std::vector<std::string>{});
  const Block& t = b.block(0);
  EXPECT_EQ(t.chunks.size(), 2u);        // the label, header and first row; the second row
  EXPECT_EQ(t.continuation.size(), 1u);  // the header again on the next page
  EXPECT_EQ(b.text(0), "Ateliers|Atelier|Séances|Note|Café|12|Autre\u00a0: |Jeux|bien|");
  EXPECT_EQ(b.items<BoxItem>(0).size(), 9u);  // three cells a row
}

TEST(BlocksTable, FillableCellAndLabelFields) {
  const Built b = build(kTable, std::nullopt, fillable());
  std::vector<std::string> names;
  for (const auto& f : b.items<FieldItem>(0)) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"t1.cafe.n", "t1.cafe.note", "t1.autre:libelle", "t1.autre.n", "t1.autre.note"}));
}

}  // namespace
}  // namespace bilan::compose::test

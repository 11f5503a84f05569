// data/bind/table: rows and cells typed per column, other rows' labels.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

const char* const kTable = R"x(<table id="t1" label="Ateliers">
  <column id="n" label="Séances" type="integer"/>
  <row id="cafe" label="Café {school_year}"/>
  <row id="autre" label="Autre" other="true"/>
</table>
)x";

TEST(BindTable, CellsAndOtherLabel) {
  const auto b = bind_body(kTable, R"x(<table field="t1">
  <row id="autre" label="Jeux"><cell column="n">4</cell></row>
</table>
)x");
  EXPECT_EQ(b->diags, Diags{});
  const BoundTable& t = b->node_as<BoundTable>("t1");
  ASSERT_EQ(t.columns.size(), 1u);
  EXPECT_EQ(t.columns[0].id, "n");
  EXPECT_EQ(t.columns[0].type, spec::FieldType::Integer);
  ASSERT_EQ(t.rows.size(), 2u);  // every row of the layout, in its order
  EXPECT_EQ(t.rows[0].id, "cafe");
  EXPECT_EQ(t.rows[0].layout_label, "Café {school_year}");  // as the layout says
  EXPECT_FALSE(t.rows[0].other);
  EXPECT_EQ(t.rows[0].label, "Café 2024-2025");
  EXPECT_TRUE(t.rows[0].cells[0].missing());
  EXPECT_EQ(t.rows[1].id, "autre");
  EXPECT_EQ(t.rows[1].layout_label, "Autre");
  EXPECT_TRUE(t.rows[1].other);
  EXPECT_EQ(t.rows[1].label, "Jeux");
  EXPECT_EQ(t.rows[1].label_loc.to_string(), "/mem/r.xml:3:26");
  EXPECT_EQ(t.rows[1].cells[0].integer, 4);
}

TEST(BindTable, UnknownColumnBadCellAndFixedLabel) {
  const auto b = bind_body(kTable, R"x(<table field="t1">
  <row id="cafe" label="X"><cell column="m">1</cell><cell column="n">un</cell></row>
</table>
)x");
  EXPECT_EQ(b->diags, (Diags{"/mem/r.xml:3:3: avertissement: la ligne « cafe » a un libellé fixe : « label » est ignoré",
                             "/mem/r.xml:3:28: erreur: colonne inconnue « m » dans le tableau « t1 » (vouliez-vous dire « n » ?)",
                             "/mem/r.xml:3:70: erreur: tableau « t1 », ligne « cafe », colonne « n » : nombre entier attendu, reçu « un »"}));
  // The suggestion is the hint; the messages about the table name it (import-pdf adds only the page).
  ASSERT_EQ(b->items.size(), 3u);
  EXPECT_EQ(b->items[1].message, "colonne inconnue « m » dans le tableau « t1 »");
  EXPECT_EQ(b->items[1].hint, "vouliez-vous dire « n » ?");
  EXPECT_FALSE(b->items[0].names_field);
  EXPECT_TRUE(b->items[1].names_field);
  EXPECT_TRUE(b->items[2].names_field);
}

}  // namespace
}  // namespace bilan::data::test

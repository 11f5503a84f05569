// load/layout/table: <table>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadTable, ColumnsAndRows) {
  const auto t = only<spec::Table>(R"x(<table id="t1" label="Ateliers" stub="Atelier">
  <column id="n" label="Séances" type="integer"/>
  <column id="note" label="Note"/>
  <row id="cafe" label="Café"/>
  <row id="autre" label="Autre" other="true"/>
</table>
)x");
  EXPECT_EQ(t.stub, "Atelier");
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[0].type, spec::FieldType::Integer);
  EXPECT_EQ(t.columns[1].type, spec::FieldType::Text);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_FALSE(t.rows[0].other);
  EXPECT_TRUE(t.rows[1].other);
}

TEST(LoadTable, DuplicatesUnknownElementsAndEmpty) {
  EXPECT_EQ(load_body(R"x(<table id="t1">
  <column id="n" label="N"/>
  <column id="n" label="M"/>
  <cell/>
</table>
)x").diags,
            (Diags{"/mem/t.xml:2:1: erreur: <table> sans <row>",
                   "/mem/t.xml:4:15: erreur: colonne « n » en double",
                   "/mem/t.xml:5:3: erreur: élément <cell> inattendu dans <table> (permis : <column>, <row>)"}));
}

}  // namespace
}  // namespace bilan::load::test

// load/layout/pagebreak: <pagebreak/>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadPageBreak, Kind) {
  const auto b = only<spec::PageBreak>("<pagebreak/>\n");
  EXPECT_EQ(b.loc.to_string(), "/mem/t.xml:2:1");
}

TEST(LoadPageBreak, NoAttributesNorChildren) {
  EXPECT_EQ(load_body("<pagebreak><p>A</p></pagebreak>\n").diags,
            Diags{"/mem/t.xml:2:12: erreur: élément <p> inattendu dans <pagebreak>"});
}

}  // namespace
}  // namespace bilan::load::test

// compose/blocks/group: its children, « Sans objet », or nothing.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

const char* const kGroups = R"x(<yesno id="a" label="A"/>
<group when="a = oui" label="Si oui"><field id="b" label="B"/></group>
<group when="a = non" else="omit"><field id="c" label="C"/></group>
)x";

TEST(BlocksGroup, SansObjetAndOmitted) {
  const Built b = build(kGroups, "<answer field=\"a\">non</answer>\n");
  ASSERT_EQ(b.count(), 3u);  // the question, « Sans objet », the third group's field
  EXPECT_EQ(b.text(1), "Si oui\u00a0: |Sans objet|");
  EXPECT_EQ(b.text(2), "C|");
  const Built other = build(kGroups, "<answer field=\"a\">oui</answer>\n");
  ASSERT_EQ(other.count(), 2u);  // the question and the first group's field; the other omitted
  EXPECT_EQ(other.text(1), "B|");
}

}  // namespace
}  // namespace bilan::compose::test

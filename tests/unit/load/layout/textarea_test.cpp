// load/layout/textarea: <textarea>.
#include <gtest/gtest.h>

#include "layout_test.hpp"

namespace bilan::load::test {
namespace {

TEST(LoadTextArea, LinesDefaultAndGiven) {
  const auto r = load_body("<textarea id=\"a\" label=\"A\"/>\n<textarea id=\"b\" label=\"B\" lines=\"8\" hint=\"H\" required=\"true\"/>\n");
  ASSERT_EQ(r.diags, Diags{});
  EXPECT_EQ(as<spec::TextArea>(r.form->body[0]).lines, 3);
  const auto& b = as<spec::TextArea>(r.form->body[1]);
  EXPECT_EQ(b.lines, 8);
  EXPECT_EQ(b.hint, "H");
  EXPECT_TRUE(b.required);
}

TEST(LoadTextArea, LinesOutOfRange) {
  EXPECT_EQ(load_body("<textarea id=\"a\" label=\"A\" lines=\"61\"/>\n").diags,
            Diags{"/mem/t.xml:2:35: erreur: « lines » doit être un entier entre 1 et 60"});
}

}  // namespace
}  // namespace bilan::load::test

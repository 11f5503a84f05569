#include "core/xml_text.hpp"

#include <gtest/gtest.h>

namespace bilan {
namespace {

TEST(XmlEscaped, EscapesTheFourMarkupCharactersOnly) {
  EXPECT_EQ(xml_escaped("a < b & c > \"d\" l’été\n"), "a &lt; b &amp; c &gt; &quot;d&quot; l’été\n");
  EXPECT_EQ(xml_escaped(""), "");
  EXPECT_EQ(xml_escaped("&amp;"), "&amp;amp;");
}

}  // namespace
}  // namespace bilan

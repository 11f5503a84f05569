// compose/blocks/signature: the attestation and its two boxes.
#include <gtest/gtest.h>

#include "blocks_test.hpp"

namespace bilan::compose::test {
namespace {

TEST(BlocksSignature, BoxesAnswersAndFootnote) {
  const Built b = build("<signature><footnote mark=\"(1)\">Président</footnote></signature>\n",
                        "<signature name=\"Marie\" role=\"présidente\" place=\"Agen\" date=\"30/06/2025\"/>\n");
  EXPECT_EQ(b.diags, std::vector<std::string>{});
  ASSERT_EQ(b.count(), 1u);
  EXPECT_EQ(b.items<BoxItem>(0).size(), 2u);
  const std::string text = b.text(0);
  for (const char* word : {"Marie|", "présidente|", "Agen|", "30 juin 2025|", "CACHET|", "SIGNATURE|", "(1) |Président|"})
    EXPECT_NE(text.find(word), std::string::npos) << word << " in " << text;
}

TEST(BlocksSignature, FillableFieldsInTheirGapsOrder) {
  const Built b = build("<signature/>\n", std::nullopt, fillable());
  std::vector<std::string> names;
  for (const auto& f : b.items<FieldItem>(0)) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"signature.name", "signature.role", "signature.place", "signature.date"}));
}

}  // namespace
}  // namespace bilan::compose::test

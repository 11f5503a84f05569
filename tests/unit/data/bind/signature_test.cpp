// data/bind/signature: the attestation's block and answers.
#include <gtest/gtest.h>

#include "bind_test.hpp"

namespace bilan::data::test {
namespace {

TEST(BindSignature, NameRoleDate) {
  const auto b = bind_body("<signature/>\n", "<signature name=\"Marie Curie\" role=\"présidente\" place=\"Agen\" date=\"30/06/2025\"/>\n");
  EXPECT_EQ(b->diags, Diags{});
  const SignatureAnswers& s = b->bound.signature;
  EXPECT_EQ(s.name, "Marie Curie");
  EXPECT_EQ(s.role, "présidente");
  EXPECT_EQ(s.place, "Agen");
  ASSERT_TRUE(s.date);
  EXPECT_EQ(s.date->year, 2025);
  EXPECT_EQ(s.name_loc.to_string(), "/mem/r.xml:2:18");
  // The block's wording is the bound block's own (the 2024/25 model's by default).
  EXPECT_EQ(b->body_as<BoundSignature>(0).text.statement, spec::SignatureText{}.statement);
  EXPECT_EQ(b->body_as<BoundSignature>(0).text.place_label, "Fait à");
}

TEST(BindSignature, BadDateAndNoSignatureBlock) {
  const auto b = bind_body("<p>Sans signature</p>\n", "<signature name=\"X\" date=\"31/02/2025\"/>\n");
  EXPECT_EQ(b->diags, (Diags{"/mem/r.xml:2:1: avertissement: ce formulaire n’a pas de bloc de signature : <signature> est ignoré",
                             "/mem/r.xml:2:27: erreur: date de signature : date impossible, reçu « 31/02/2025 »"}));
}

}  // namespace
}  // namespace bilan::data::test

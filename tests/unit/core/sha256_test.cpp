#include "core/sha256.hpp"

#include <string>

#include <gtest/gtest.h>

namespace bilan {
namespace {

std::string hex_of(std::string_view s) { return Sha256::hex(Sha256::of(s)); }

// FIPS 180-2 / NIST CAVP example vectors.
TEST(Sha256, EmptyMessage) {
  EXPECT_EQ(hex_of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, Abc) {
  EXPECT_EQ(hex_of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, FourHundredFortyEightBitMessage) {
  // 56 bytes: the padding does not fit in the same block.
  EXPECT_EQ(hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, EightHundredNinetySixBitMessage) {
  EXPECT_EQ(hex_of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, OneMillionA) {
  EXPECT_EQ(hex_of(std::string(1'000'000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalUpdatesMatchOneShot) {
  const std::string msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{55}, std::size_t{56}}) {
    Sha256 s;
    s.update(std::string_view(msg).substr(0, cut));
    s.update(std::string_view(msg).substr(cut));
    EXPECT_EQ(Sha256::hex(s.finish()), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") << cut;
  }
  Sha256 s;
  for (int i = 0; i < 1000; ++i) s.update(std::string(1000, 'a'));
  EXPECT_EQ(Sha256::hex(s.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, ExactBlockBoundaries) {
  // 64 bytes: one full block, then a block of padding only.
  EXPECT_EQ(hex_of(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  // 55 bytes: the longest message whose padding fits in one block.
  EXPECT_EQ(hex_of(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
}

TEST(Sha256, HexIsLowercaseAndSixtyFourCharacters) {
  Sha256::Digest d{};
  d[0] = 0xAB;
  d[31] = 0x0F;
  const std::string h = Sha256::hex(d);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.substr(0, 2), "ab");
  EXPECT_EQ(h.substr(62), "0f");
  EXPECT_EQ(h.substr(2, 60), std::string(60, '0'));
}

}  // namespace
}  // namespace bilan

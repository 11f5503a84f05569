// core/sha256 — SHA-256 (FIPS 180-4) for the answers' hash, the render
// fingerprint, the PDF /ID and the archive's integrity. Computed by nettle
// (tested against the NIST vectors), which uses the CPU's SHA instructions
// where it has them: font files are hashed at every start.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace bilan {

class Sha256 {
 public:
  using Digest = std::array<std::uint8_t, 32>;
  Sha256();
  void update(std::string_view data);
  Digest finish();

  static Digest of(std::string_view data);
  static std::string hex(const Digest& d);

 private:
  alignas(16) std::array<unsigned char, 128> state_;  // nettle's sha256_ctx, kept out of this header
};

}  // namespace bilan

// core/sha256 — FIPS 180-4 SHA-256, for the answers' hash in the footer, the
// PDF /ID and, later, archive integrity. Small enough to own; tested against
// the NIST vectors.
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
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t used_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace bilan

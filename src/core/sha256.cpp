#include "core/sha256.hpp"

#include <nettle/sha2.h>

#include <new>

namespace bilan {
namespace {

static_assert(sizeof(sha256_ctx) <= 128 && alignof(sha256_ctx) <= 16, "Sha256::state_ must hold a sha256_ctx");

sha256_ctx* ctx(std::array<unsigned char, 128>& state) { return std::launder(reinterpret_cast<sha256_ctx*>(state.data())); }

}  // namespace

Sha256::Sha256() : state_{} {
  new (state_.data()) sha256_ctx;
  sha256_init(ctx(state_));
}

void Sha256::update(std::string_view data) {
  sha256_update(ctx(state_), data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
}

Sha256::Digest Sha256::finish() {
  Digest d;
  sha256_digest(ctx(state_), d.size(), d.data());  // also resets the state
  return d;
}

Sha256::Digest Sha256::of(std::string_view data) {
  Sha256 s;
  s.update(data);
  return s.finish();
}

std::string Sha256::hex(const Digest& d) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (const auto b : d) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace bilan

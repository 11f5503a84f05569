// libFuzzer target: what the archive reads back from a database file that may
// have been altered: a canonical answers blob, a version name, a submission
// time. Never a crash; a canonical form written again parses to itself.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/archive.hpp"
#include "store/archive.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto parsed = bilan::engine::parse_canonical(text);
  // Keys and values round trip through the escapes.
  std::string again;
  for (const auto& [key, value] : parsed) again += bilan::engine::canonical_line(key, value);
  if (bilan::engine::parse_canonical(again) != parsed) std::abort();
  std::string action;
  int number = 0;
  if (bilan::store::parse_version_name(text, action, number) && (number < 1 || action.empty())) std::abort();
  bilan::engine::parse_iso_time(text);
  return 0;
}

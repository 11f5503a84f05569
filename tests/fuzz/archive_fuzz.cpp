// libFuzzer target: what the archive reads back from a database file that may
// have been altered: a canonical answers blob, a version name, a submission
// time, and the chain of versions and events (built whole, then cut, moved,
// renumbered and unchained as the input says). Never a crash; a canonical
// form written again parses to itself; an untouched chain has no problem.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/archive.hpp"
#include "store/archive.hpp"

namespace {

using bilan::store::ArchivedVersion;
using bilan::store::ArchiveEvent;

void fuzz_chain(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  std::vector<ArchivedVersion> versions;
  std::vector<ArchiveEvent> events;
  std::string prev = bilan::store::kGenesis, prev_name;
  const int records = data[0] % 12;
  for (int i = 1; i <= records; ++i) {
    if (i % 3 == 0 && !versions.empty()) {
      ArchiveEvent e;
      e.id = static_cast<std::int64_t>(events.size()) + 1;
      e.link = i;
      e.seq = versions.back().seq;
      e.kind = "validation";
      e.version_hash = versions.back().record_hash;
      e.prev_hash = prev;
      e.prev_name = prev_name;
      e.event_hash = bilan::store::event_hash(e);
      prev = e.event_hash;
      prev_name = bilan::store::event_description(e.kind, e.id, versions.back().name());
      events.push_back(e);
    } else {
      ArchivedVersion v;
      v.seq = i;
      v.action = i % 2 ? "A" : "B";
      for (const auto& w : versions) v.number = w.action == v.action ? w.number : v.number;
      ++v.number;
      v.prev_hash = prev;
      v.prev_name = prev_name;
      v.record_hash = bilan::store::record_hash(v);
      prev = v.record_hash;
      prev_name = bilan::store::version_description(v.name());
      versions.push_back(v);
    }
  }
  const std::string head = prev;
  const auto whole = bilan::store::check_chain(versions, events, head);
  if (!whole.archive_problems.empty() || !whole.version_problems.empty()) std::abort();
  // Then each 9 bytes: what to change (1 byte) and a value (8 bytes).
  for (std::size_t at = 1; at + 9 <= size; at += 9) {
    std::int64_t value = 0;
    std::memcpy(&value, data + at + 1, sizeof value);
    const std::size_t v = versions.empty() ? 0 : static_cast<std::size_t>(value & 0xFF) % versions.size();
    const std::size_t e = events.empty() ? 0 : static_cast<std::size_t>(value & 0xFF) % events.size();
    switch (data[at] % 8) {
      case 0: if (!versions.empty()) versions[v].seq = value; break;
      case 1: if (!events.empty()) events[e].link = value; break;
      case 2: if (!versions.empty()) versions.erase(versions.begin() + static_cast<std::ptrdiff_t>(v)); break;
      case 3: if (!events.empty()) events.erase(events.begin() + static_cast<std::ptrdiff_t>(e)); break;
      case 4: if (!versions.empty()) versions[v].number = static_cast<int>(value); break;
      case 5: if (!events.empty()) events[e].format = 1; break;
      case 6: if (!versions.empty()) versions[v].prev_hash = events.empty() ? head : events[e].event_hash; break;
      default: if (!events.empty()) events[e].seq = value; break;
    }
  }
  bilan::store::check_chain(versions, events, head);
}

}  // namespace

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
  fuzz_chain(data, size);
  return 0;
}

#include "compose/typeset_cache.hpp"

#include <cstring>

namespace bilan::compose {

std::string TypesetCache::key(std::string_view text, const TextStyle& style, double width) {
  // Exact bits of every number: a key never matches a different setting.
  const double numbers[] = {style.size, style.color.r, style.color.g, style.color.b, width};
  std::string k(sizeof numbers + 2, '\0');
  std::memcpy(k.data(), numbers, sizeof numbers);
  k[sizeof numbers] = style.bold ? 'b' : '-';
  k[sizeof numbers + 1] = style.italic ? 'i' : '-';
  k.append(text);
  return k;
}

const std::vector<SetLine>* TypesetCache::find(const std::string& key) const {
  const auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void TypesetCache::insert(std::string key, std::vector<SetLine> lines) {
  if (entries_.size() < kMaxEntries) entries_.emplace(std::move(key), std::move(lines));
}

}  // namespace bilan::compose

// compose/typeset_cache — layout text (labels, headings, table heads) typeset
// once and reused by every later document: it is the same in every bilan of
// a form, for a given style and width. One cache per Renderer, so per thread:
// never shared, and what it returns is exactly what typesetting again would
// (a text with a character no font has is never kept, so its warning is given
// in every document).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "compose/line_setter.hpp"

namespace bilan::compose {

class TypesetCache {
 public:
  // Entries kept at most: layout text is finite (a few hundred per form), but
  // a registry line may name any department; past this, nothing more is kept.
  static constexpr std::size_t kMaxEntries = 20000;

  static std::string key(std::string_view text, const TextStyle& style, double width);
  const std::vector<SetLine>* find(const std::string& key) const;
  void insert(std::string key, std::vector<SetLine> lines);
  std::size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, std::vector<SetLine>> entries_;
};

}  // namespace bilan::compose

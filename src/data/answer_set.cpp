#include "data/answer_set.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace bilan::data {

std::string normalize_answer_text(std::string_view raw) {
  // Carriage returns dropped and tabs made spaces (a copy only when there are
  // any), then the lines are views into the text: no string per line.
  std::string cleaned;
  std::string_view text = raw;
  // (find_first_of would call memchr once per character.)
  if (std::any_of(raw.begin(), raw.end(), [](char c) { return c == '\r' || c == '\t'; })) {
    cleaned.reserve(raw.size());
    for (const char c : raw)
      if (c != '\r') cleaned += c == '\t' ? ' ' : c;
    text = cleaned;
  }
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  const auto blank = [](std::string_view l) { return l.find_first_not_of(' ') == std::string_view::npos; };
  std::size_t first = 0, last = lines.size();
  while (first < last && blank(lines[first])) ++first;
  while (last > first && blank(lines[last - 1])) --last;
  std::size_t indent = std::string_view::npos;
  for (std::size_t i = first; i < last; ++i)
    if (!blank(lines[i])) indent = std::min(indent, lines[i].find_first_not_of(' '));
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) out += '\n';
    const std::string_view l = lines[i];
    if (blank(l)) continue;
    const std::size_t end = l.find_last_not_of(' ');
    out.append(l, indent, end + 1 - indent);
  }
  return out;
}

}  // namespace bilan::data

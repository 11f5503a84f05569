#include "data/answer_set.hpp"

#include <algorithm>

namespace bilan::data {

std::string normalize_answer_text(std::string_view raw) {
  std::vector<std::string> lines;
  std::string cur;
  for (const char c : raw) {
    if (c == '\r') continue;
    if (c == '\n') {
      lines.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c == '\t' ? ' ' : c;
    }
  }
  lines.push_back(std::move(cur));
  const auto blank = [](const std::string& l) { return l.find_first_not_of(' ') == std::string::npos; };
  while (!lines.empty() && blank(lines.front())) lines.erase(lines.begin());
  while (!lines.empty() && blank(lines.back())) lines.pop_back();
  std::size_t indent = std::string::npos;
  for (const auto& l : lines)
    if (!blank(l)) indent = std::min(indent, l.find_first_not_of(' '));
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    std::string& l = lines[i];
    if (blank(l)) continue;
    const std::size_t end = l.find_last_not_of(' ');
    out.append(l, indent, end + 1 - indent);
  }
  return out;
}

}  // namespace bilan::data

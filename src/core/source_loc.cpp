#include "core/source_loc.hpp"

#include <algorithm>
#include <tuple>

namespace bilan {

const std::string& SourceLoc::file_name() const {
  static const std::string empty;
  return file ? *file : empty;
}

std::string SourceLoc::to_string() const {
  if (!file) return {};
  if (line == 0) return *file;
  return *file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

bool operator<(const SourceLoc& a, const SourceLoc& b) {
  return std::make_tuple(a.file_name(), a.line, a.column) < std::make_tuple(b.file_name(), b.line, b.column);
}

LineIndex::LineIndex(std::string file_name, std::string_view text)
    : file_(std::make_shared<const std::string>(std::move(file_name))), text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

SourceLoc LineIndex::locate(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  // Editors do not show a UTF-8 byte-order mark: it takes no column.
  if (start == 0 && byte_offset >= 3 && text_.starts_with("\xEF\xBB\xBF")) start = 3;
  std::uint32_t column = 1;
  for (std::size_t i = start; i < byte_offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // count code points
  return SourceLoc{file_, static_cast<std::uint32_t>(line), column};
}

std::size_t LineIndex::offset(const SourceLoc& loc) const {
  if (loc.line == 0 || loc.line > line_starts_.size()) return 0;
  std::size_t pos = line_starts_[loc.line - 1];
  std::size_t skip = pos == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // columns start after a BOM
  pos += skip;
  for (std::uint32_t col = 1; col < loc.column && pos < text_.size(); ++col) {
    ++pos;
    while (pos < text_.size() && (static_cast<unsigned char>(text_[pos]) & 0xC0) == 0x80) ++pos;
  }
  return pos;
}

}  // namespace bilan

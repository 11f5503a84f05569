#include "core/source_loc.hpp"

#include <algorithm>
#include <tuple>

namespace bilan {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

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
  checkpoints_.reserve(text.size() / kStride + 1);
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % kStride == 0) checkpoints_.push_back(code_points);
    if (text[i] == '\n') line_starts_.push_back(i + 1);
    if (!is_continuation(text[i])) ++code_points;
  }
  if (text.size() % kStride == 0) checkpoints_.push_back(code_points);
}

std::size_t LineIndex::code_points_before(std::size_t byte_offset) const {
  const std::size_t k = byte_offset / kStride;
  std::size_t n = checkpoints_[k];
  for (std::size_t i = k * kStride; i < byte_offset; ++i)
    if (!is_continuation(text_[i])) ++n;
  return n;
}

SourceLoc LineIndex::locate(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  // Editors do not show a UTF-8 byte-order mark: it takes no column.
  if (start == 0 && byte_offset >= 3 && text_.starts_with("\xEF\xBB\xBF")) start = 3;
  const std::size_t column = start >= byte_offset ? 1 : 1 + code_points_before(byte_offset) - code_points_before(start);
  return SourceLoc{file_, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
}

std::size_t LineIndex::offset(const SourceLoc& loc) const {
  if (loc.line == 0 || loc.line > line_starts_.size()) return 0;
  std::size_t pos = line_starts_[loc.line - 1];
  std::size_t skip = pos == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // columns start after a BOM
  pos += skip;
  if (loc.column <= 1 || pos >= text_.size()) return std::min(pos, text_.size());
  // The first byte after `column - 1` code points: from the last checkpoint before it.
  const std::size_t target = code_points_before(pos) + (loc.column - 1);
  const auto after = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), target);
  const std::size_t k = static_cast<std::size_t>(after - checkpoints_.begin()) - 1;
  std::size_t at = std::max(pos, k * kStride);
  std::size_t count = code_points_before(at);
  while (at < text_.size() && (count < target || is_continuation(text_[at]))) {
    if (!is_continuation(text_[at])) ++count;
    ++at;
  }
  return at;
}

}  // namespace bilan

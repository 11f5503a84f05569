// core/source_loc — where something came from: file, line, column (1-based).
// LineIndex is the one place where byte offsets (what pugixml reports) become
// line and column numbers; columns count Unicode code points, as editors do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bilan {

struct SourceLoc {
  std::shared_ptr<const std::string> file;  // shared: thousands of locations, one name
  std::uint32_t line = 0;                   // 0: no line known
  std::uint32_t column = 0;

  bool known() const { return file != nullptr; }
  const std::string& file_name() const;
  std::string to_string() const;  // "file:line:col", "file" or ""
  friend bool operator<(const SourceLoc& a, const SourceLoc& b);
};

class LineIndex {
 public:
  LineIndex(std::string file_name, std::string_view text);
  SourceLoc locate(std::size_t byte_offset) const;
  // Location of a character inside an attribute value or text node that starts
  // at `base_offset`, `inner` bytes further on.
  SourceLoc locate(std::size_t base_offset, std::size_t inner) const { return locate(base_offset + inner); }
  const std::shared_ptr<const std::string>& file() const { return file_; }
  // Byte offset of a location this index produced (the inverse of locate()).
  std::size_t offset(const SourceLoc& loc) const;

 private:
  std::shared_ptr<const std::string> file_;
  std::string_view text_;
  // Code points before the byte offset: from a checkpoint every kStride
  // bytes, so that a location costs O(kStride) even on a line of megabytes.
  std::size_t code_points_before(std::size_t byte_offset) const;
  static constexpr std::size_t kStride = 256;

  std::vector<std::size_t> line_starts_;
  std::vector<std::size_t> checkpoints_;  // code points in text_[0, k * kStride)
};

}  // namespace bilan

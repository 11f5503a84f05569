// load/xml_source — one XML file read through the Environment, checked for
// encoding, parsed by pugixml, with byte offsets turned into file:line:col.
// Internal to load/: nothing outside this folder sees pugixml.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "core/source_loc.hpp"

namespace bilan::load::detail {

class XmlSource {
 public:
  // Reads, checks and parses `path`; reports problems to `sink` and returns
  // false when there is no usable document. `display_name` is what messages show.
  bool open(const Environment& env, const std::string& path, const std::string& display_name, DiagnosticSink& sink);
  // Same, for bytes already in memory, within `limits` (XML depth).
  void set_limits(const Limits& limits) { limits_ = limits; }
  bool parse(std::string bytes, const std::string& display_name, DiagnosticSink& sink);

  pugi::xml_node root() const { return doc_.document_element(); }
  const std::string& bytes() const { return raw_->bytes; }

  SourceLoc at(std::size_t offset) const { return raw_->index->locate(offset); }
  SourceLoc loc(const pugi::xml_node& node) const;
  // Offset of the first character of an attribute's value (or of the element
  // when the attribute is absent).
  std::size_t attr_offset(const pugi::xml_node& node, const char* name) const;
  SourceLoc attr_loc(const pugi::xml_node& node, const char* name) const { return at(attr_offset(node, name)); }
  // Offset in bytes() of the character `inner` bytes into a value as pugixml
  // decoded it, the value starting at `value_start` in the file: entities such
  // as &lt; are longer in the file than in the value.
  std::size_t value_offset(std::size_t value_start, std::size_t inner) const;
  const std::shared_ptr<const std::string>& file() const { return raw_->index->file(); }
  // Where `needle` first occurs at or after `from` (unknown when it does not);
  // shares the file's bytes, so
  // it outlives this source (AnswerSet::locate).
  std::function<SourceLoc(const SourceLoc& from, std::string_view needle)> locator() const;

  // Reports every attribute of `node` not in `allowed`, with a suggestion.
  void check_attributes(const pugi::xml_node& node, std::initializer_list<std::string_view> allowed,
                        DiagnosticSink& sink) const;

 // Byte offset of a node in bytes() (element name, or start of a text node).
  std::size_t node_offset(const pugi::xml_node& node) const;

 private:

  struct Raw {
    std::string bytes;                 // the file as read (a UTF-8 BOM is kept, offsets skip it)
    std::unique_ptr<LineIndex> index;  // views `bytes`
  };
  std::shared_ptr<Raw> raw_ = std::make_shared<Raw>();
  Limits limits_;
  std::size_t skip_ = 0;    // 3 when the file starts with a UTF-8 BOM
  pugi::xml_document doc_;
};

// Whitespace runs (spaces, tabs, newlines) collapsed to one space, ends trimmed.
std::string collapse_spaces(std::string_view s);

}  // namespace bilan::load::detail

// load/layout/file_loader — loading one XML file of a layout: the context
// shared across includes, the attribute and text readers every element uses,
// and the dispatch on the element's name. Each kind of element is read in
// load/layout/<kind>.cpp (<p> in paragraph.cpp); load_layout() is the entry
// (load/layout_loader.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "core/sha256.hpp"
#include "load/xml_source.hpp"
#include "spec/form_spec.hpp"

namespace bilan::load::detail {

using spec::Node;

// The elements a layout's body may hold, for « vouliez-vous dire ».
extern const std::vector<std::string> kBodyElements;

bool valid_id(std::string_view id);
bool valid_form_id(std::string_view id);
// ID, or GRID.ROW: what same-as may name in another form.
bool valid_question_ref(std::string_view ref);

class FileLoader;

struct LoadContext {
  const Environment& env;
  DiagnosticSink& sink;
  std::vector<std::string> include_stack;  // normalised paths, outermost first
  Sha256 digest;                           // of each file once, in first-read order
  // Included files, read and parsed once however many blocks are taken from them
  // (the shared library is included some twenty times per form).
  std::map<std::string, std::unique_ptr<FileLoader>> included;
  // Bounds on what the recursion below may cost, across includes (core/limits.hpp).
  std::uint32_t depth = 0;         // elements open, all files together
  std::uint32_t nesting = 0;       // <section> and <group> open
  std::uint64_t elements = 0;      // elements loaded (includes repeat theirs)
  bool too_many_reported = false;
  std::uint32_t unused = 0;        // what DepthGuard counts for other elements

  // Includes may read only under the layout folders and the top file's folder.
  bool inside_layout_folders(const std::string& path) const {
    if (path_inside(path, std::filesystem::path(include_stack.front()).parent_path().string())) return true;
    for (const auto& dir : env.layout_dirs())
      if (path_inside(path, dir)) return true;
    return false;
  }

  // The included file at `path`, opened on first use; nullptr when it cannot be read.
  FileLoader* included_file(const std::string& path);
};

// Loads one XML file of a layout (the form itself, or an included file).
class FileLoader {
 public:
  FileLoader(LoadContext& ctx, std::string path, bool top_level)
      : ctx_(ctx), path_(std::move(path)), top_level_(top_level) {}

  bool open();
  const XmlSource& src() const { return src_; }

  // <form> root: fills the form's header and body.
  void load_form(spec::FormSpec& form);

  // Body of an included file: a <form> without its <standalone> parts, or one
  // <block> of a <library>. `title` receives the included form's title.
  bool load_included(const std::string& block, SourceLoc include_loc, std::vector<Node>& out, std::string& title);

  void set_base_level(int level) { base_level_ = level; }

  // same-as="FORM:ID" of a question (or a grid's row): its syntax only; what it
  // names is checked once the form is whole (load/layout_loader.cpp).
  std::optional<spec::SameAs> same_as_attr(const pugi::xml_node& node);

 private:
  // The diagnostic added, to set its hint.
  Diagnostic& error(const pugi::xml_node& node, DiagCode code, std::string message);
  Diagnostic& error_at(SourceLoc loc, DiagCode code, std::string message);

  void check_attributes(const pugi::xml_node& node, std::initializer_list<std::string_view> allowed);


  std::string required_attr(const pugi::xml_node& node, const char* name);

  // Attribute holding display text: whitespace collapsed, variables checked.
  std::string text_attr(const pugi::xml_node& node, const char* name, bool required = false);

  void check_variables(std::string_view text, std::size_t base_offset) { check_variables(text, src_.at(base_offset)); }
  void check_variables(std::string_view text, const SourceLoc& loc);

  bool bool_attr(const pugi::xml_node& node, const char* name, bool fallback);

  std::string id_attr(const pugi::xml_node& node, bool required = true);

  std::optional<spec::Condition> condition_attr(const pugi::xml_node& node, const char* name);

  spec::FieldType field_type(const pugi::xml_node& node, const char* name = "type");

  // Mixed content of <p>, <item>, <footnote>: text with <b>, <i>, <br/>.
  void rich_text(const pugi::xml_node& node, spec::RichText& out, bool bold, bool italic);

  static void trim_rich_text(spec::RichText& runs);

  void no_children(const pugi::xml_node& node);

  // A node of kind K located at `xml`.
  template <class K>
  K make(const pugi::xml_node& xml) {
    K k;
    k.loc = src_.loc(xml);
    return k;
  }

  void body(const pugi::xml_node& parent, std::vector<Node>& out, int section_level);

  void element(const pugi::xml_node& xml, std::vector<Node>& out, int section_level);

  void element_body(const pugi::xml_node& xml, std::vector<Node>& out, int section_level);

  // One element of each kind (load/layout/<kind>.cpp).
  void section(const pugi::xml_node& xml, std::vector<Node>& out, int section_level);
  void paragraph(const pugi::xml_node& xml, std::vector<Node>& out);
  void list(const pugi::xml_node& xml, std::vector<Node>& out);
  void field(const pugi::xml_node& xml, std::vector<Node>& out);
  void textarea(const pugi::xml_node& xml, std::vector<Node>& out);
  void yesno(const pugi::xml_node& xml, std::vector<Node>& out);
  void choice(const pugi::xml_node& xml, std::vector<Node>& out);

  void table(const pugi::xml_node& xml, std::vector<Node>& out);
  void grid(const pugi::xml_node& xml, std::vector<Node>& out);
  void group(const pugi::xml_node& xml, std::vector<Node>& out, int section_level);
  void signature(const pugi::xml_node& xml, std::vector<Node>& out, int section_level);
  void footnote(const pugi::xml_node& xml, std::vector<Node>& out);
  void pagebreak(const pugi::xml_node& xml, std::vector<Node>& out);
  void check(const pugi::xml_node& xml, std::vector<Node>& out);
  void department_blocks(const pugi::xml_node& xml, std::vector<Node>& out, int section_level);

  void include(const pugi::xml_node& xml, std::vector<Node>& out, int section_level);

  LoadContext& ctx_;
  std::string path_;
  bool top_level_;
  int base_level_ = 0;
  bool library_checked_ = false;
  XmlSource src_;
};

}  // namespace bilan::load::detail

#include "load/answers_writer.hpp"

#include <pugixml.hpp>

#include "core/xml_text.hpp"
#include "spec/action.hpp"

namespace bilan::load {
namespace {

// pugixml's own escaping leaves " raw in text and > raw in attributes: the
// files bilan has always written (and whose hashes the base and the archive
// keep) have them as references. Values are escaped here, once, by the
// project's one XML escaper, and saved with format_no_escapes. A line break in
// an attribute is a reference too: raw, it would read back as a space.
std::string escaped(std::string_view s, bool attribute) {
  std::string out = xml_escaped(s);
  if (attribute)
    for (std::size_t at = 0; (at = out.find('\n', at)) != std::string::npos; at += 5) out.replace(at, 1, "&#10;");
  return out;
}

class StringWriter final : public pugi::xml_writer {
 public:
  explicit StringWriter(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override { out_.append(static_cast<const char*>(data), size); }

 private:
  std::string& out_;
};

// The tree holds its own whitespace (format_raw): the layout is the one the
// files have always had, not pugixml's indentation (« <a /> », tabs).
class Tree {
 public:
  explicit Tree(AnswerLayout layout) : layout_(layout) {}

  std::string save(const data::AnswerSet& set) {
    if (layout_ == AnswerLayout::RowsOnOneLine) {
      pugi::xml_node decl = doc_.append_child(pugi::node_declaration);
      decl.append_attribute("version") = "1.0";
      decl.append_attribute("encoding") = "UTF-8";
      text(doc_, "\n");
    }
    pugi::xml_node root = doc_.append_child("bilan");
    attribute(root, "form", set.form);
    if (!set.department.empty()) attribute(root, "department", set.department);
    if (!set.action.empty()) attribute(root, "action", set.action);
    text(root, "\n");
    if (set.order.empty()) {
      for (const auto& a : set.answers) answer(root, a);
      for (const auto& t : set.tables) table(root, t);
      if (set.signature) signature(root, *set.signature);
      if (!set.facts.empty()) facts(root, set);
    } else {
      using Kind = data::AnswerPart::Kind;
      for (const auto& part : set.order) {
        if (part.kind == Kind::Answer) answer(root, set.answers.at(part.index));
        else if (part.kind == Kind::Table) table(root, set.tables.at(part.index));
        else if (part.kind == Kind::Signature && set.signature) signature(root, *set.signature);
        else if (part.kind == Kind::Facts) facts(root, set);
      }
    }
    text(doc_, "\n");
    std::string out;
    StringWriter writer(out);
    doc_.save(writer, "", pugi::format_raw | pugi::format_no_escapes | pugi::format_no_declaration, pugi::encoding_utf8);
    return out;
  }

 private:
  static void text(pugi::xml_node parent, std::string_view value) {
    parent.append_child(pugi::node_pcdata).set_value(std::string(value).c_str());
  }
  static void attribute(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name) = escaped(value, true).c_str();
  }
  // <NAME ATTR="KEY">TEXT</NAME>, its text escaped.
  static pugi::xml_node leaf(pugi::xml_node parent, const char* name, const char* attr, std::string_view key,
                             std::string_view value) {
    pugi::xml_node n = parent.append_child(name);
    attribute(n, attr, key);
    text(n, escaped(value, false));
    return n;
  }

  void answer(pugi::xml_node root, const data::Answer& a) {
    text(root, "  ");
    leaf(root, "answer", "field", a.field, a.text);
    text(root, "\n");
  }

  void table(pugi::xml_node root, const data::TableAnswer& t) {
    text(root, "  ");
    pugi::xml_node table = root.append_child("table");
    attribute(table, "field", t.field);
    text(table, "\n");
    for (const auto& r : t.rows) {
      text(table, "    ");
      pugi::xml_node row = table.append_child("row");
      attribute(row, "id", r.id);
      if (!r.label.empty()) attribute(row, "label", r.label);
      if (layout_ == AnswerLayout::OnePerLine) {
        text(row, "\n");
        for (const auto& c : r.cells) {
          text(row, "      ");
          leaf(row, "cell", "column", c.column, c.text);
          text(row, "\n");
        }
        text(row, "    ");
      } else {
        for (const auto& c : r.cells) leaf(row, "cell", "column", c.column, c.text);
        if (r.cells.empty()) text(row, "");  // <row …></row>, as it always was
      }
      text(table, "\n");
    }
    text(table, "  ");
    text(root, "\n");
  }

  void signature(pugi::xml_node root, const data::SignatureAnswer& s) {
    text(root, "  ");
    pugi::xml_node n = root.append_child("signature");
    const std::pair<const char*, const data::SignatureAnswer::Item*> parts[] = {
        {"name", &s.name}, {"role", &s.role}, {"place", &s.place}, {"date", &s.date}, {"stamp", &s.stamp}, {"signature", &s.signature}};
    for (const auto& [name, item] : parts)
      if (!item->value.empty()) attribute(n, name, item->value);
    text(root, "\n");
  }

  void facts(pugi::xml_node root, const data::AnswerSet& set) {
    text(root, "  ");
    pugi::xml_node n = root.append_child("action");
    for (const auto& f : set.facts) {
      const spec::ActionFact* fact = spec::find_action_fact(f.name);
      attribute(n, fact ? std::string(fact->attribute).c_str() : f.name.c_str(), f.text);
    }
    text(root, "\n");
  }

  AnswerLayout layout_;
  pugi::xml_document doc_;
};

}  // namespace

std::string write_answers(const data::AnswerSet& set, AnswerLayout layout) { return Tree(layout).save(set); }

}  // namespace bilan::load

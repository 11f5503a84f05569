#include "load/layout_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "core/limits.hpp"
#include "core/sha256.hpp"
#include "core/suggest.hpp"
#include "load/xml_source.hpp"
#include "spec/action.hpp"
#include "spec/variables.hpp"

namespace bilan::load {
namespace {

using detail::collapse_spaces;
using detail::XmlSource;
using spec::Node;
using spec::NodeKind;

namespace fs = std::filesystem;

const std::vector<std::string> kBodyElements = {"section", "p", "list", "field", "textarea", "yesno", "choice",
                                                "table", "group", "include", "standalone", "signature",
                                                "footnote", "pagebreak", "department-blocks", "check"};

bool valid_id(std::string_view id) {
  if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool valid_form_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

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
    if (path_inside(path, fs::path(include_stack.front()).parent_path().string())) return true;
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

  bool open() {
    if (!src_.open(ctx_.env, path_, path_, ctx_.sink)) return false;
    ctx_.digest.update(src_.bytes());
    return true;
  }
  const XmlSource& src() const { return src_; }

  // <form> root: fills the form's header and body.
  void load_form(spec::FormSpec& form) {
    const auto root = src_.root();
    if (std::string_view(root.name()) != "form") {
      error(root, DiagCode::BadRoot, "élément racine <" + std::string(root.name()) + "> : un layout commence par <form>");
      return;
    }
    check_attributes(root, {"id", "title", "subtitle", "school-year", "version", "lang"});
    form.loc = src_.loc(root);
    form.id = required_attr(root, "id");
    if (!form.id.empty() && !valid_form_id(form.id))
      error_at(src_.attr_loc(root, "id"), DiagCode::BadId, "identifiant de formulaire « " + form.id +
                                                        " » invalide (minuscules, chiffres et tirets)");
    form.title = text_attr(root, "title");
    form.subtitle = text_attr(root, "subtitle");
    if (auto y = root.attribute("school-year")) {
      const std::string year = y.value();
      int first = 0, second = 0;
      if (year.size() == 9 && year[4] == '-' && std::sscanf(year.c_str(), "%4d-%4d", &first, &second) == 2 &&
          second == first + 1) {
        form.school_year = year;
        form.next_school_year = std::to_string(second) + "-" + std::to_string(second + 1);
      } else {
        error_at(src_.attr_loc(root, "school-year"), DiagCode::BadSchoolYear,
                 "année scolaire « " + year + " » invalide (attendu : 2024-2025)");
      }
    }
    if (auto v = root.attribute("version")) {
      // Digits only, at most six: as_int() would read « 1.5 » as 1 and clamp a
      // long number to INT_MAX without a word.
      const std::string_view text = v.value();
      const bool digits = !text.empty() && text.size() <= 6 && text.find_first_not_of("0123456789") == std::string_view::npos;
      form.version = digits ? std::stoi(std::string(text)) : 0;
      if (form.version <= 0)
        error_at(src_.attr_loc(root, "version"), DiagCode::BadVersion,
                 "version « " + std::string(text) + " » invalide : entier positif attendu (1 à 999999)");
    }
    if (auto lang = root.attribute("lang"); lang && std::string_view(lang.value()) != "fr")
      error_at(src_.attr_loc(root, "lang"), DiagCode::BadLang, "langue « " + std::string(lang.value()) + " » non prise en charge (seul « fr » l’est)");
    body(root, form.body, 0);
  }

  // Body of an included file: a <form> without its <standalone> parts, or one
  // <block> of a <library>. `title` receives the included form's title.
  bool load_included(const std::string& block, SourceLoc include_loc, std::vector<Node>& out, std::string& title) {
    const auto root = src_.root();
    const std::string_view name = root.name();
    if (name == "form") {
      if (!block.empty()) {
        ctx_.sink.error(include_loc, DiagCode::BadInclude, "« block » ne s’emploie qu’avec une bibliothèque <library>, or " + path_ + " est un <form>");
        return false;
      }
      title = collapse_spaces(root.attribute("title").value());
      body(root, out, base_level_);
      return true;
    }
    if (name == "library") {
      // The library's own structure is reported once, not once per include.
      const bool check = !library_checked_;
      library_checked_ = true;
      if (check) check_attributes(root, {});
      std::vector<std::string> ids;
      for (auto b : root.children()) {
        if (b.type() != pugi::node_element) continue;
        if (std::string_view(b.name()) != "block") {
          if (check)
            error(b, DiagCode::UnknownElement, "élément <" + std::string(b.name()) + "> inattendu dans <library> (seul <block> y est permis)");
          continue;
        }
        if (check) check_attributes(b, {"id"});
        ids.push_back(b.attribute("id").value());
        if (!block.empty() && block == b.attribute("id").value()) {
          body(b, out, base_level_);
          return true;
        }
      }
      if (block.empty())
        ctx_.sink.error(include_loc, DiagCode::BadInclude, "inclusion d’une bibliothèque sans « block » : précisez le bloc voulu");
      else
        ctx_.sink.error(include_loc, DiagCode::BadInclude, "bloc « " + block + " » introuvable dans " + path_ + did_you_mean(block, ids));
      return false;
    }
    error(root, DiagCode::BadRoot, "élément racine <" + std::string(name) + "> : un fichier inclus commence par <form> ou <library>");
    return false;
  }

  void set_base_level(int level) { base_level_ = level; }

 private:
  void error(const pugi::xml_node& node, DiagCode code, std::string message) {
    ctx_.sink.error(src_.loc(node), std::move(code), std::move(message));
  }
  void error_at(SourceLoc loc, DiagCode code, std::string message) {
    ctx_.sink.error(std::move(loc), std::move(code), std::move(message));
  }

  void check_attributes(const pugi::xml_node& node, std::initializer_list<std::string_view> allowed) {
    src_.check_attributes(node, allowed, ctx_.sink);
  }


  std::string required_attr(const pugi::xml_node& node, const char* name) {
    auto a = node.attribute(name);
    if (!a || std::string_view(a.value()).empty()) {
      error(node, DiagCode::MissingAttribute, "attribut « " + std::string(name) + " » manquant sur <" + node.name() + ">");
      return {};
    }
    return collapse_spaces(a.value());
  }

  // Attribute holding display text: whitespace collapsed, variables checked.
  std::string text_attr(const pugi::xml_node& node, const char* name, bool required = false) {
    if (required) {
      std::string v = required_attr(node, name);
      check_variables(v, src_.attr_offset(node, name));
      return v;
    }
    std::string v = collapse_spaces(node.attribute(name).value());
    check_variables(v, src_.attr_offset(node, name));
    return v;
  }

  void check_variables(std::string_view text, std::size_t base_offset) { check_variables(text, src_.at(base_offset)); }
  void check_variables(std::string_view text, const SourceLoc& loc) {
    std::vector<spec::VariableRef> refs;
    std::size_t bad = 0;
    if (!spec::scan_variables(text, refs, bad)) {
      error_at(loc, DiagCode::BadVariable, "accolade non appariée dans « " + std::string(text) + " » (écrivez {{ ou }} pour une accolade)");
      return;
    }
    for (const auto& r : refs) {
      if (!spec::is_known_variable(r.name))
        error_at(loc, DiagCode::UnknownVariable, "variable inconnue {" + r.name + "}" + did_you_mean(r.name, spec::known_variables()));
    }
  }

  bool bool_attr(const pugi::xml_node& node, const char* name, bool fallback) {
    auto a = node.attribute(name);
    if (!a) return fallback;
    const std::string_view v = a.value();
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
    error_at(src_.attr_loc(node, name), DiagCode::BadBoolean, "valeur « " + std::string(v) + " » invalide pour « " + name + " » (true ou false)");
    return fallback;
  }

  std::string id_attr(const pugi::xml_node& node, bool required = true) {
    auto a = node.attribute("id");
    if (!a) {
      if (required) error(node, DiagCode::MissingAttribute, "attribut « id » manquant sur <" + std::string(node.name()) + ">");
      return {};
    }
    std::string id = a.value();
    if (!valid_id(id))
      error_at(src_.attr_loc(node, "id"), DiagCode::BadId,
               "identifiant « " + id + " » invalide : minuscules, chiffres et « _ », en commençant par une lettre");
    return id;
  }

  std::optional<spec::Condition> condition_attr(const pugi::xml_node& node, const char* name) {
    auto a = node.attribute(name);
    if (!a) return std::nullopt;
    const std::size_t base = src_.attr_offset(node, name);
    spec::ExprError err;
    auto expr = spec::try_parse_expr(a.value(), err, ctx_.env.limits());
    if (!expr) {
      // A very long expression is quoted by its start only.
      std::string shown = a.value();
      if (shown.size() > 120) {
        std::size_t cut = 100;
        while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
        shown = shown.substr(0, cut) + "…";
      }
      error_at(src_.at(src_.value_offset(base, err.offset)), DiagCode::BadExpression, "expression « " + shown + " » : " + err.message);
      return std::nullopt;
    }
    return spec::Condition{std::move(*expr), a.value(), src_.at(base)};
  }

  spec::FieldType field_type(const pugi::xml_node& node, const char* name = "type") {
    auto a = node.attribute(name);
    if (!a) return spec::FieldType::Text;
    static const std::map<std::string, spec::FieldType, std::less<>> kTypes = {
        {"text", spec::FieldType::Text},       {"integer", spec::FieldType::Integer},
        {"decimal", spec::FieldType::Decimal}, {"amount", spec::FieldType::Amount},
        {"date", spec::FieldType::Date},       {"email", spec::FieldType::Email},
        {"phone", spec::FieldType::Phone}};
    if (auto it = kTypes.find(std::string_view(a.value())); it != kTypes.end()) return it->second;
    std::vector<std::string> names;
    for (const auto& [k, v] : kTypes) names.push_back(k);
    error_at(src_.attr_loc(node, name), DiagCode::BadType,
             "type « " + std::string(a.value()) + " » inconnu" + did_you_mean(a.value(), names) +
                 " ; types permis : text, integer, decimal, amount, date, email, phone");
    return spec::FieldType::Text;
  }

  // Mixed content of <p>, <item>, <footnote>: text with <b>, <i>, <br/>.
  void rich_text(const pugi::xml_node& node, spec::RichText& out, bool bold, bool italic) {
    for (auto child : node.children()) {
      switch (child.type()) {
        case pugi::node_pcdata:
        case pugi::node_cdata: {
          std::string t;
          bool space = false;
          for (const char c : std::string_view(child.value())) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
              space = true;
            } else {
              if (space) t += ' ';
              space = false;
              t += c;
            }
          }
          if (space) t += ' ';
          check_variables(t, src_.loc(child));  // where the text starts, after any indentation
          if (!t.empty()) out.push_back({t, bold, italic, false});
          break;
        }
        case pugi::node_element: {
          const std::string_view name = child.name();
          check_attributes(child, {});
          if (name == "b") {
            rich_text(child, out, true, italic);
          } else if (name == "i") {
            rich_text(child, out, bold, true);
          } else if (name == "br") {
            out.push_back({"", bold, italic, true});
          } else {
            error(child, DiagCode::UnknownElement, "élément <" + std::string(name) + "> inattendu dans un texte (permis : <b>, <i>, <br/>)");
          }
          break;
        }
        default:
          break;
      }
    }
  }

  static void trim_rich_text(spec::RichText& runs) {
    // Collapse spaces across run boundaries and trim both ends.
    bool prev_space = true;  // at the start, a space is dropped
    for (auto& r : runs) {
      if (r.line_break) {
        prev_space = true;
        continue;
      }
      if (prev_space && !r.text.empty() && r.text.front() == ' ') r.text.erase(0, 1);
      if (!r.text.empty()) prev_space = r.text.back() == ' ';
    }
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
      if (it->line_break) continue;
      while (!it->text.empty() && it->text.back() == ' ') it->text.pop_back();
      if (!it->text.empty()) break;
    }
    // A space right before a forced line break is invisible noise.
    for (std::size_t i = 0; i + 1 < runs.size(); ++i)
      if (runs[i + 1].line_break && !runs[i].text.empty() && runs[i].text.back() == ' ') runs[i].text.pop_back();
    std::erase_if(runs, [](const spec::Run& r) { return !r.line_break && r.text.empty(); });
  }

  void no_children(const pugi::xml_node& node) {
    for (auto child : node.children()) {
      if (child.type() == pugi::node_element)
        error(child, DiagCode::UnknownElement, "élément <" + std::string(child.name()) + "> inattendu dans <" + node.name() + ">");
      else if (child.type() == pugi::node_pcdata && !collapse_spaces(child.value()).empty())
        error(child, DiagCode::UnexpectedText, "texte inattendu dans <" + std::string(node.name()) + "> (le texte s’écrit dans l’attribut « label »)");
    }
  }

  Node make(const pugi::xml_node& xml, NodeKind kind) {
    Node n;
    n.kind = kind;
    n.loc = src_.loc(xml);
    return n;
  }

  void body(const pugi::xml_node& parent, std::vector<Node>& out, int section_level) {
    for (auto child : parent.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        if (!collapse_spaces(child.value()).empty())
          error(child, DiagCode::UnexpectedText, "texte inattendu dans <" + std::string(parent.name()) +
                                              "> : écrivez-le dans un paragraphe <p>");
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      element(child, out, section_level);
    }
  }

  void element(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
    const Limits& limits = ctx_.env.limits();
    // An include repeated in an include repeated… multiplies: the whole form is bounded.
    if (++ctx_.elements > limits.form_elements) {
      if (!ctx_.too_many_reported)
        error(xml, DiagCode::TooManyElements, "formulaire trop grand, inclusions comprises (limite : " +
                                            limit_text(limits.form_elements) + " éléments)");
      ctx_.too_many_reported = true;
      return;
    }
    if (ctx_.depth >= limits.xml_depth) {
      error(xml, DiagCode::TooDeep, "imbrication trop profonde, inclusions comprises (limite : " + limit_text(limits.xml_depth) + " niveaux)");
      return;
    }
    const DepthGuard level(ctx_.depth);
    const std::string_view name = xml.name();
    if ((name == "section" || name == "group") && ctx_.nesting >= limits.nesting) {
      error(xml, DiagCode::TooDeep, "sections et groupes trop imbriqués (limite : " + limit_text(limits.nesting) + " niveaux)");
      return;
    }
    const DepthGuard nested(name == "section" || name == "group" ? ctx_.nesting : ctx_.unused);
    const std::size_t before = out.size();
    element_body(xml, out, section_level);
    // « Si oui, précisez » questions: an answer is expected when the condition holds.
    if (out.size() == before + 1 && spec::is_answerable(out.back().kind) && xml.attribute("expected-when"))
      out.back().expected_when = condition_attr(xml, "expected-when");
  }

  void element_body(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
    const std::string_view name = xml.name();
    if (name == "section") {
      check_attributes(xml, {"title", "caps", "break", "bookmark"});
      Node n = make(xml, NodeKind::Section);
      n.label = text_attr(xml, "title", true);
      n.level = section_level + 1;
      n.caps = bool_attr(xml, "caps", n.level == 1);
      n.bookmark = collapse_spaces(xml.attribute("bookmark").value());
      if (auto b = xml.attribute("break")) {
        if (std::string_view(b.value()) == "page")
          n.break_before = true;
        else
          error_at(src_.attr_loc(xml, "break"), DiagCode::BadValue, "valeur « " + std::string(b.value()) + " » invalide pour « break » (seule « page » existe)");
      }
      body(xml, n.children, n.level);
      out.push_back(std::move(n));
    } else if (name == "p") {
      check_attributes(xml, {"style"});
      Node n = make(xml, NodeKind::Paragraph);
      static const std::map<std::string, spec::ParagraphStyle, std::less<>> kStyles = {
          {"normal", spec::ParagraphStyle::Normal}, {"note", spec::ParagraphStyle::Note},
          {"hint", spec::ParagraphStyle::Hint},     {"instruction", spec::ParagraphStyle::Instruction},
          {"title", spec::ParagraphStyle::Title},   {"subtitle", spec::ParagraphStyle::Subtitle}};
      if (auto s = xml.attribute("style")) {
        if (auto it = kStyles.find(std::string_view(s.value())); it != kStyles.end()) {
          n.style = it->second;
        } else {
          error_at(src_.attr_loc(xml, "style"), DiagCode::BadValue, "style « " + std::string(s.value()) +
                                                                 " » inconnu ; styles permis : normal, note, hint, instruction, title, subtitle");
        }
      }
      rich_text(xml, n.text, false, false);
      trim_rich_text(n.text);
      if (n.text.empty()) error(xml, DiagCode::EmptyText, "paragraphe <p> vide");
      out.push_back(std::move(n));
    } else if (name == "list") {
      check_attributes(xml, {});
      Node n = make(xml, NodeKind::List);
      for (auto item : xml.children()) {
        if (item.type() == pugi::node_pcdata) {
          if (!collapse_spaces(item.value()).empty()) error(item, DiagCode::UnexpectedText, "texte inattendu dans <list> : écrivez-le dans un <item>");
          continue;
        }
        if (item.type() != pugi::node_element) continue;
        if (std::string_view(item.name()) != "item") {
          error(item, DiagCode::UnknownElement, "élément <" + std::string(item.name()) + "> inattendu dans <list> (seul <item> y est permis)");
          continue;
        }
        check_attributes(item, {});
        spec::RichText t;
        rich_text(item, t, false, false);
        trim_rich_text(t);
        n.items.push_back(std::move(t));
      }
      if (n.items.empty()) error(xml, DiagCode::EmptyList, "liste <list> sans <item>");
      out.push_back(std::move(n));
    } else if (name == "field") {
      check_attributes(xml, {"id", "label", "type", "required", "computed", "hint", "expected-when"});
      Node n = make(xml, NodeKind::Field);
      n.id = id_attr(xml);
      n.label = text_attr(xml, "label", true);
      n.type = field_type(xml);
      n.required = bool_attr(xml, "required", false);
      n.hint = text_attr(xml, "hint");
      n.computed = condition_attr(xml, "computed");
      if (n.computed && n.type != spec::FieldType::Integer && n.type != spec::FieldType::Decimal &&
          n.type != spec::FieldType::Amount)
        error_at(n.computed->loc, DiagCode::BadComputed, "un champ calculé doit être de type integer, decimal ou amount");
      no_children(xml);
      out.push_back(std::move(n));
    } else if (name == "textarea") {
      check_attributes(xml, {"id", "label", "hint", "lines", "required", "expected-when"});
      Node n = make(xml, NodeKind::TextArea);
      n.id = id_attr(xml);
      n.label = text_attr(xml, "label", true);
      n.hint = text_attr(xml, "hint");
      n.required = bool_attr(xml, "required", false);
      n.lines = 3;
      if (auto l = xml.attribute("lines")) {
        n.lines = l.as_int(0);
        if (n.lines < 1 || n.lines > 60) {
          error_at(src_.attr_loc(xml, "lines"), DiagCode::BadValue, "« lines » doit être un entier entre 1 et 60");
          n.lines = 3;
        }
      }
      no_children(xml);
      out.push_back(std::move(n));
    } else if (name == "yesno") {
      check_attributes(xml, {"id", "label", "required", "expected-when"});
      Node n = make(xml, NodeKind::YesNo);
      n.id = id_attr(xml);
      n.label = text_attr(xml, "label", true);
      n.required = bool_attr(xml, "required", false);
      no_children(xml);
      out.push_back(std::move(n));
    } else if (name == "choice") {
      choice(xml, out);
    } else if (name == "table") {
      table(xml, out);
    } else if (name == "group") {
      check_attributes(xml, {"when", "else", "label"});
      Node n = make(xml, NodeKind::Group);
      n.label = text_attr(xml, "label");
      n.when = condition_attr(xml, "when");
      if (!xml.attribute("when")) error(xml, DiagCode::MissingAttribute, "attribut « when » manquant sur <group>");
      if (auto e = xml.attribute("else")) {
        const std::string_view v = e.value();
        if (v == "omit")
          n.else_omit = true;
        else if (v != "sans-objet")
          error_at(src_.attr_loc(xml, "else"), DiagCode::BadValue, "valeur « " + std::string(v) + " » invalide pour « else » (sans-objet ou omit)");
      }
      body(xml, n.children, section_level);
      out.push_back(std::move(n));
    } else if (name == "include") {
      include(xml, out, section_level);
    } else if (name == "standalone") {
      check_attributes(xml, {});
      if (top_level_) body(xml, out, section_level);
    } else if (name == "signature") {
      check_attributes(xml, {"name-label", "role-label", "statement", "place-label", "date-label", "stamp-label",
                             "signature-label"});
      Node n = make(xml, NodeKind::Signature);
      auto set = [&](const char* attr, std::string& target) {
        if (xml.attribute(attr)) target = text_attr(xml, attr);
      };
      set("name-label", n.signature.name_label);
      set("role-label", n.signature.role_label);
      set("statement", n.signature.statement);
      set("place-label", n.signature.place_label);
      set("date-label", n.signature.date_label);
      set("stamp-label", n.signature.stamp_label);
      set("signature-label", n.signature.signature_label);
      for (auto child : xml.children()) {
        if (child.type() == pugi::node_element && std::string_view(child.name()) == "footnote") {
          element(child, n.children, section_level);
        } else if (child.type() == pugi::node_element) {
          error(child, DiagCode::UnknownElement, "élément <" + std::string(child.name()) + "> inattendu dans <signature> (seul <footnote> y est permis)");
        } else if (child.type() == pugi::node_pcdata && !collapse_spaces(child.value()).empty()) {
          error(child, DiagCode::UnexpectedText, "texte inattendu dans <signature>");
        }
      }
      out.push_back(std::move(n));
    } else if (name == "footnote") {
      check_attributes(xml, {"mark"});
      Node n = make(xml, NodeKind::Footnote);
      n.mark = collapse_spaces(xml.attribute("mark").value());
      rich_text(xml, n.text, false, false);
      trim_rich_text(n.text);
      out.push_back(std::move(n));
    } else if (name == "pagebreak") {
      check_attributes(xml, {});
      no_children(xml);
      out.push_back(make(xml, NodeKind::PageBreak));
    } else if (name == "check") {
      check_attributes(xml, {"id", "when", "test", "message", "rule", "severity", "rows"});
      Node n = make(xml, NodeKind::Check);
      n.id = id_attr(xml, false);
      n.each_row = collapse_spaces(xml.attribute("rows").value());
      n.when = condition_attr(xml, "when");
      n.test = condition_attr(xml, "test");
      if (!xml.attribute("test")) error(xml, DiagCode::MissingAttribute, "attribut « test » manquant sur <check>");
      n.message = collapse_spaces(xml.attribute("message").value());
      if (n.message.empty()) error(xml, DiagCode::MissingAttribute, "attribut « message » manquant sur <check>");
      n.rule = collapse_spaces(xml.attribute("rule").value());
      if (auto sev = xml.attribute("severity")) {
        const std::string_view v = sev.value();
        if (v == "error") n.error = true;
        else if (v != "warning")
          error_at(src_.attr_loc(xml, "severity"), DiagCode::BadValue, "sévérité « " + std::string(v) + " » invalide (warning ou error)");
      }
      no_children(xml);
      out.push_back(std::move(n));
    } else if (name == "department-blocks") {
      check_attributes(xml, {});
      no_children(xml);
      Node n = make(xml, NodeKind::DepartmentBlocks);
      n.level = section_level;
      out.push_back(std::move(n));
    } else {
      error(xml, DiagCode::UnknownElement, "élément <" + std::string(name) + "> inconnu" + did_you_mean(name, kBodyElements));
    }
  }

  void choice(const pugi::xml_node& xml, std::vector<Node>& out) {
    check_attributes(xml, {"id", "label", "multiple", "layout", "required", "expected-when"});
    Node n = make(xml, NodeKind::Choice);
    n.id = id_attr(xml);
    n.label = text_attr(xml, "label", true);
    n.multiple = bool_attr(xml, "multiple", false);
    n.required = bool_attr(xml, "required", false);
    n.inline_options = false;
    if (auto l = xml.attribute("layout")) {
      const std::string_view v = l.value();
      if (v == "inline")
        n.inline_options = true;
      else if (v != "column")
        error_at(src_.attr_loc(xml, "layout"), DiagCode::BadValue, "valeur « " + std::string(v) + " » invalide pour « layout » (inline ou column)");
    }
    std::set<std::string> values;
    for (auto child : xml.children()) {
      if (child.type() == pugi::node_pcdata) {
        if (!collapse_spaces(child.value()).empty()) error(child, DiagCode::UnexpectedText, "texte inattendu dans <choice>");
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      if (std::string_view(child.name()) != "option") {
        error(child, DiagCode::UnknownElement, "élément <" + std::string(child.name()) + "> inattendu dans <choice> (seul <option> y est permis)");
        continue;
      }
      check_attributes(child, {"value", "label", "other"});
      spec::Option o;
      o.loc = src_.loc(child);
      o.value = required_attr(child, "value");
      o.label = text_attr(child, "label", true);
      o.other = bool_attr(child, "other", false);
      if (!o.value.empty() && !std::all_of(o.value.begin(), o.value.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
          }))
        error_at(src_.attr_loc(child, "value"), DiagCode::BadId, "valeur d’option « " + o.value + " » invalide (minuscules, chiffres et « _ »)");
      if (!values.insert(o.value).second)
        error_at(src_.attr_loc(child, "value"), DiagCode::DuplicateOption, "option « " + o.value + " » en double dans <choice id=\"" + n.id + "\">");
      no_children(child);
      n.options.push_back(std::move(o));
    }
    if (n.options.empty()) error(xml, DiagCode::EmptyChoice, "<choice> sans <option>");
    out.push_back(std::move(n));
  }

  void table(const pugi::xml_node& xml, std::vector<Node>& out) {
    check_attributes(xml, {"id", "label", "stub"});
    Node n = make(xml, NodeKind::Table);
    n.id = id_attr(xml);
    n.label = text_attr(xml, "label");
    n.stub = text_attr(xml, "stub");
    std::set<std::string> columns, rows;
    for (auto child : xml.children()) {
      if (child.type() == pugi::node_pcdata) {
        if (!collapse_spaces(child.value()).empty()) error(child, DiagCode::UnexpectedText, "texte inattendu dans <table>");
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (name == "column") {
        check_attributes(child, {"id", "label", "type"});
        spec::Column c;
        c.loc = src_.loc(child);
        c.id = id_attr(child);
        c.label = text_attr(child, "label", true);
        c.type = field_type(child);
        if (!c.id.empty() && !columns.insert(c.id).second)
          error_at(src_.attr_loc(child, "id"), DiagCode::DuplicateId, "colonne « " + c.id + " » en double");
        no_children(child);
        n.columns.push_back(std::move(c));
      } else if (name == "row") {
        check_attributes(child, {"id", "label", "other"});
        spec::Row r;
        r.loc = src_.loc(child);
        r.id = id_attr(child);
        r.label = text_attr(child, "label", true);
        r.other = bool_attr(child, "other", false);
        if (!r.id.empty() && !rows.insert(r.id).second)
          error_at(src_.attr_loc(child, "id"), DiagCode::DuplicateId, "ligne « " + r.id + " » en double");
        no_children(child);
        n.rows.push_back(std::move(r));
      } else {
        error(child, DiagCode::UnknownElement, "élément <" + std::string(name) + "> inattendu dans <table> (permis : <column>, <row>)");
      }
    }
    if (n.columns.empty()) error(xml, DiagCode::EmptyTable, "<table> sans <column>");
    if (n.rows.empty()) error(xml, DiagCode::EmptyTable, "<table> sans <row>");
    out.push_back(std::move(n));
  }

  void include(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
    check_attributes(xml, {"src", "block", "when"});
    const std::string src = required_attr(xml, "src");
    if (src.empty()) return;
    const SourceLoc loc = src_.attr_loc(xml, "src");
    const fs::path target = (fs::path(path_).parent_path() / src).lexically_normal();
    const std::string key = fs::absolute(target).lexically_normal().string();
    if (ctx_.include_stack.size() > ctx_.env.limits().include_depth) {
      error_at(loc, DiagCode::TooDeep, "inclusions trop imbriquées (limite : " + limit_text(ctx_.env.limits().include_depth) + " niveaux)");
      return;
    }
    if (std::find(ctx_.include_stack.begin(), ctx_.include_stack.end(), key) != ctx_.include_stack.end()) {
      error_at(loc, DiagCode::IncludeCycle, "inclusion circulaire : « " + src + " » s’inclut lui-même (directement ou non)");
      return;
    }
    if (!ctx_.inside_layout_folders(target.string())) {
      error_at(loc, DiagCode::IncludeOutside, "inclusion de « " + src + " » refusée : elle sort des dossiers de layouts (« .. » ou lien symbolique)");
      return;
    }
    auto when = condition_attr(xml, "when");
    FileLoader* inner = ctx_.included_file(target.string());
    ctx_.include_stack.push_back(key);
    std::vector<Node> nodes;
    std::string title;
    bool ok = false;
    if (inner) {
      inner->set_base_level(section_level);
      ok = inner->load_included(xml.attribute("block").value(), loc, nodes, title);
    } else {
      ctx_.sink.error(loc, DiagCode::BadInclude, "inclusion de « " + src + " » impossible");
    }
    ctx_.include_stack.pop_back();
    if (!ok) return;
    if (when) {
      Node g = make(xml, NodeKind::Group);
      g.when = std::move(when);
      g.label = title;
      g.children = std::move(nodes);
      out.push_back(std::move(g));
    } else {
      for (auto& n : nodes) out.push_back(std::move(n));
    }
  }

  LoadContext& ctx_;
  std::string path_;
  bool top_level_;
  int base_level_ = 0;
  bool library_checked_ = false;
  XmlSource src_;
};

FileLoader* LoadContext::included_file(const std::string& path) {
  auto [it, inserted] = included.try_emplace(path);
  if (inserted) {
    auto loader = std::make_unique<FileLoader>(*this, path, false);
    if (loader->open()) it->second = std::move(loader);
  }
  return it->second.get();
}

// Checks that need the whole form: unique ids, references of expressions.
class FormChecker {
 public:
  FormChecker(const spec::FormSpec& form, DiagnosticSink& sink) : form_(form), sink_(sink) {}

  void run() {
    collect_ids(form_.body);
    check_refs(form_.body);
    // A department's parts share the form's id space, not each other's.
    const auto body_ids = ids_;
    for (const auto& [code, nodes] : form_.department_blocks) {
      ids_ = body_ids;
      collect_ids(nodes);
      check_refs(nodes);
    }
  }

 private:
  void collect_ids(const std::vector<Node>& nodes) {
    for (const auto& n : nodes) {
      if (!n.id.empty()) {
        auto [it, inserted] = ids_.emplace(n.id, &n);
        if (!inserted)
          sink_.error(n.loc, DiagCode::DuplicateId, "identifiant « " + n.id + " » déjà utilisé (" + it->second->loc.to_string() + ")");
      }
      if (n.kind == NodeKind::Choice)
        for (const auto& o : n.options)
          if (o.other) other_texts_.insert(n.id + "." + o.value);
      collect_ids(n.children);
    }
  }

  void check_refs(const std::vector<Node>& nodes) {
    for (const auto& n : nodes) {
      if (n.computed) check_condition(*n.computed, &n);
      for (const auto* c : {&n.when, &n.expected_when, &n.test})
        if (*c) check_condition(**c, nullptr);
      if (n.kind == NodeKind::Check) {
        check_message(n);
        if (!n.each_row.empty())
          if (const Node* t = form_.find(n.each_row); !t || t->kind != NodeKind::Table)
            sink_.error(n.loc, DiagCode::UnknownReference, "rows=\"" + n.each_row + "\" sur <check> ne désigne aucun tableau du formulaire");
      }
      check_refs(n.children);
    }
  }

  // {field} in a check's message names a field of the form.
  void check_message(const Node& n) {
    std::vector<spec::VariableRef> refs;
    std::size_t bad = 0;
    if (!spec::scan_variables(n.message, refs, bad)) {
      sink_.error(n.loc, DiagCode::BadVariable, "accolade non appariée dans le message de <check>");
      return;
    }
    for (const auto& r : refs)
      if (!form_.find(r.name) && !is_table_column(r.name) && !is_action_fact(r.name) && !form_.variable(r.name) &&
          r.name != "school_year.start" && r.name != "school_year.end" && !(r.name == "row" && !n.each_row.empty()))
        sink_.error(n.loc, DiagCode::UnknownReference, "{" + r.name + "} dans le message de <check> ne désigne aucun champ du formulaire");
  }

  static bool is_action_fact(const std::string& name) {
    if (!name.starts_with("action.")) return false;
    const spec::ActionFact* f = spec::find_action_fact(std::string_view(name).substr(7));
    return f && f->name == std::string_view(name).substr(7);
  }

  static std::string fact_names() {
    std::string out;
    for (const auto& f : spec::action_facts()) out += (out.empty() ? "action." : ", action.") + std::string(f.name);
    return out;
  }

  bool is_table_column(const std::string& name) const {
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) return false;
    const Node* table = form_.find(name.substr(0, dot));
    if (!table || table->kind != NodeKind::Table) return false;
    for (const auto& c : table->columns)
      if (c.id == name.substr(dot + 1)) return true;
    return false;
  }

  void check_condition(const spec::Condition& c, const Node* computed_for) {
    std::vector<const spec::Expr*> refs;
    c.expr.collect_refs(refs);
    for (const auto* r : refs) {
      const std::string& name = r->text;
      if (name.starts_with("department.")) {
        if (computed_for) sink_.error(c.loc, DiagCode::BadReference, "un champ calculé ne peut pas lire « " + name + " »");
        continue;  // department settings are checked against the registry at bind time
      }
      if (name == "school_year.start" || name == "school_year.end") {
        if (computed_for) sink_.error(c.loc, DiagCode::BadReference, "un champ calculé ne peut pas lire « " + name + " »");
        continue;
      }
      if (name.starts_with("action.")) {
        if (computed_for) sink_.error(c.loc, DiagCode::BadReference, "un champ calculé ne peut pas lire « " + name + " »");
        else if (!is_action_fact(name)) sink_.error(c.loc, DiagCode::UnknownReference, "« " + name + " » n’est pas un fait connu sur l’action (" + fact_names() + ")");
        continue;
      }
      if (is_table_column(name) && !computed_for) continue;
      const Node* target = form_.find(name);
      if (!target && other_texts_.count(name)) continue;
      if (!target) {
        std::vector<std::string> candidates;  // only when a name is wrong
        for (const auto& [id, node] : form_.answerable()) candidates.push_back(id);
        sink_.error(c.loc, DiagCode::UnknownReference, "« " + name + " » ne désigne aucun champ du formulaire" + did_you_mean(name, candidates));
        continue;
      }
      if (computed_for) {
        const bool numeric = target->kind == NodeKind::Field &&
                             (target->type == spec::FieldType::Integer || target->type == spec::FieldType::Decimal ||
                              target->type == spec::FieldType::Amount);
        if (!numeric) sink_.error(c.loc, DiagCode::BadReference, "« " + name + " » n’est pas un champ numérique");
        if (target == computed_for) sink_.error(c.loc, DiagCode::BadReference, "le champ « " + name + " » se calcule à partir de lui-même");
      }
    }
  }

  const spec::FormSpec& form_;
  DiagnosticSink& sink_;
  std::map<std::string, const Node*> ids_;
  std::set<std::string> other_texts_;
};

}  // namespace

std::string find_layout(const Environment& env, const std::string& form_or_path) {
  if (form_or_path.find('/') != std::string::npos || form_or_path.ends_with(".xml")) return form_or_path;
  for (const auto& dir : env.layout_dirs()) {
    const std::string candidate = dir + "/" + form_or_path + ".xml";
    if (env.file_exists(candidate)) return candidate;
  }
  return {};
}

std::vector<std::string> list_forms(const Environment& env) {
  std::set<std::string> ids;
  for (const auto& dir : env.layout_dirs()) {
    for (const auto& file : env.list_files(dir)) {
      if (fs::path(file).extension() != ".xml") continue;
      std::string data, error;
      if (!env.try_read_file(file, data, error)) continue;
      pugi::xml_document doc;
      if (!doc.load_buffer(data.data(), data.size())) continue;
      if (std::string_view(doc.document_element().name()) == "form")
        ids.insert(doc.document_element().attribute("id").value());
    }
  }
  return {ids.begin(), ids.end()};
}

namespace {

bool has_department_blocks(const std::vector<Node>& nodes) {
  for (const auto& n : nodes)
    if (n.kind == NodeKind::DepartmentBlocks || has_department_blocks(n.children)) return true;
  return false;
}

}  // namespace

std::optional<spec::FormSpec> load_layout(const Environment& env, const std::string& path, DiagnosticSink& sink,
                                          const spec::DepartmentRegistry* registry) {
  LoadContext ctx{env, sink, {fs::absolute(fs::path(path)).lexically_normal().string()}, Sha256(), {}};
  const std::size_t errors_before = sink.error_count();
  FileLoader loader(ctx, path, true);
  if (!loader.open()) return std::nullopt;
  spec::FormSpec form;
  loader.load_form(form);
  if (registry && has_department_blocks(form.body)) {
    const fs::path base = fs::path(registry->path).parent_path();
    for (const auto& d : registry->departments) {
      for (const auto& ref : d.blocks) {
        if (!ref.forms.empty() && std::find(ref.forms.begin(), ref.forms.end(), form.id) == ref.forms.end()) continue;
        FileLoader* block = ctx.included_file((base / ref.src).lexically_normal().string());
        std::vector<Node> nodes;
        std::string title;
        if (!block) {
          sink.error(ref.loc, DiagCode::BadInclude, "bloc du département " + d.code + " : lecture de « " + ref.src + " » impossible");
          continue;
        }
        block->set_base_level(0);
        if (block->load_included(ref.block, ref.loc, nodes, title))
          for (auto& n : nodes) form.department_blocks[d.code].push_back(std::move(n));
      }
    }
  }
  form.source_digest = Sha256::hex(ctx.digest.finish());
  form.reindex();
  FormChecker(form, sink).run();
  if (sink.error_count() > errors_before) return std::nullopt;
  return form;
}

}  // namespace bilan::load

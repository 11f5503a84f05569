#include "load/layout/file_loader.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>

#include "core/limits.hpp"
#include "core/suggest.hpp"
#include "spec/variables.hpp"

namespace bilan::load::detail {

namespace fs = std::filesystem;

const std::vector<std::string> kBodyElements = {
    spec::Section::kElement,   spec::Paragraph::kElement, spec::List::kElement,     spec::Field::kElement,
    spec::TextArea::kElement,  spec::YesNo::kElement,     spec::Choice::kElement,   spec::Table::kElement,
    spec::Grid::kElement,
    spec::Group::kElement,     "include",                 "standalone",             spec::Signature::kElement,
    spec::Footnote::kElement,  spec::PageBreak::kElement, spec::DepartmentBlocks::kElement, spec::Check::kElement};

bool valid_id(std::string_view id) {
  if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool valid_form_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// A question of another form: ID, or GRID.ROW for a grid's row.
bool valid_question_ref(std::string_view ref) {
  const std::size_t dot = ref.find('.');
  if (dot == std::string_view::npos) return valid_id(ref);
  return valid_id(ref.substr(0, dot)) && valid_id(ref.substr(dot + 1));
}

std::optional<spec::SameAs> FileLoader::same_as_attr(const pugi::xml_node& node) {
  const auto a = node.attribute("same-as");
  if (!a) return std::nullopt;
  const std::string_view value = a.value();
  const std::size_t colon = value.find(':');
  spec::SameAs same;
  same.loc = src_.attr_loc(node, "same-as");
  if (colon != std::string_view::npos) {
    same.form = value.substr(0, colon);
    same.id = value.substr(colon + 1);
  }
  if (!valid_form_id(same.form) || !valid_question_ref(same.id)) {
    error_at(same.loc, DiagCode::BadValue, "same-as=\"" + std::string(value) +
                                             "\" invalide : attendu FORMULAIRE:QUESTION (par exemple same-as=\"clas-2024-2025:structure\")");
    return std::nullopt;
  }
  return same;
}

bool FileLoader::open() {
  if (!src_.open(ctx_.env, path_, path_, ctx_.sink)) return false;
  ctx_.digest.update(src_.bytes());
  return true;
}

// <form> root: fills the form's header and body.
void FileLoader::load_form(spec::FormSpec& form) {
  const auto root = src_.root();
  if (std::string_view(root.name()) != "form") {
    error(root, DiagCode::BadRoot, "élément racine <" + std::string(root.name()) + "> : un layout commence par <form>");
    return;
  }
  check_attributes(root, {"id", "title", "subtitle", "school-year", "version", "lang", "national"});
  form.loc = src_.loc(root);
  form.id = required_attr(root, "id");
  if (!form.id.empty() && !valid_form_id(form.id))
    error_at(src_.attr_loc(root, "id"), DiagCode::BadId, "identifiant de formulaire « " + form.id +
                                                      " » invalide (minuscules, chiffres et tirets)");
  form.title = text_attr(root, "title");
  form.subtitle = text_attr(root, "subtitle");
  form.national = bool_attr(root, "national", false);
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
bool FileLoader::load_included(const std::string& block, SourceLoc include_loc, std::vector<Node>& out, std::string& title) {
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
      ctx_.sink.error(include_loc, DiagCode::BadInclude, "bloc « " + block + " » introuvable dans " + path_).hint = suggestion(block, ids);
    return false;
  }
  error(root, DiagCode::BadRoot, "élément racine <" + std::string(name) + "> : un fichier inclus commence par <form> ou <library>");
  return false;
}

Diagnostic& FileLoader::error(const pugi::xml_node& node, DiagCode code, std::string message) {
  return ctx_.sink.error(src_.loc(node), std::move(code), std::move(message));
}

Diagnostic& FileLoader::error_at(SourceLoc loc, DiagCode code, std::string message) {
  return ctx_.sink.error(std::move(loc), std::move(code), std::move(message));
}

void FileLoader::check_attributes(const pugi::xml_node& node, std::initializer_list<std::string_view> allowed) {
  src_.check_attributes(node, allowed, ctx_.sink);
}

std::string FileLoader::required_attr(const pugi::xml_node& node, const char* name) {
  auto a = node.attribute(name);
  if (!a || std::string_view(a.value()).empty()) {
    error(node, DiagCode::MissingAttribute, "attribut « " + std::string(name) + " » manquant sur <" + node.name() + ">");
    return {};
  }
  return collapse_spaces(a.value());
}

// Attribute holding display text: whitespace collapsed, variables checked.
std::string FileLoader::text_attr(const pugi::xml_node& node, const char* name, bool required) {
  if (required) {
    std::string v = required_attr(node, name);
    check_variables(v, src_.attr_offset(node, name));
    return v;
  }
  std::string v = collapse_spaces(node.attribute(name).value());
  check_variables(v, src_.attr_offset(node, name));
  return v;
}

void FileLoader::check_variables(std::string_view text, const SourceLoc& loc) {
  std::vector<spec::VariableRef> refs;
  std::size_t bad = 0;
  if (!spec::scan_variables(text, refs, bad)) {
    error_at(loc, DiagCode::BadVariable, "accolade non appariée dans « " + std::string(text) + " » (écrivez {{ ou }} pour une accolade)");
    return;
  }
  for (const auto& r : refs) {
    if (!spec::is_known_variable(r.name))
      error_at(loc, DiagCode::UnknownVariable, "variable inconnue {" + r.name + "}").hint = suggestion(r.name, spec::known_variables());
  }
}

bool FileLoader::bool_attr(const pugi::xml_node& node, const char* name, bool fallback) {
  auto a = node.attribute(name);
  if (!a) return fallback;
  const std::string_view v = a.value();
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  error_at(src_.attr_loc(node, name), DiagCode::BadBoolean, "valeur « " + std::string(v) + " » invalide pour « " + name + " » (true ou false)");
  return fallback;
}

std::string FileLoader::id_attr(const pugi::xml_node& node, bool required) {
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

std::optional<spec::Condition> FileLoader::condition_attr(const pugi::xml_node& node, const char* name) {
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

spec::FieldType FileLoader::field_type(const pugi::xml_node& node, const char* name) {
  auto a = node.attribute(name);
  if (!a) return spec::FieldType::Text;
  static const std::map<std::string, spec::FieldType, std::less<>> kTypes = {
      {"text", spec::FieldType::Text},       {"integer", spec::FieldType::Integer},
      {"decimal", spec::FieldType::Decimal}, {"amount", spec::FieldType::Amount},
      {"date", spec::FieldType::Date},       {"email", spec::FieldType::Email},
      {"phone", spec::FieldType::Phone},     {"siret", spec::FieldType::Siret},
      {"siren", spec::FieldType::Siren},     {"postcode", spec::FieldType::Postcode},
      {"insee", spec::FieldType::Insee}};
  if (auto it = kTypes.find(std::string_view(a.value())); it != kTypes.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [k, v] : kTypes) names.push_back(k);
  error_at(src_.attr_loc(node, name), DiagCode::BadType,
           "type « " + std::string(a.value()) + " » inconnu" + did_you_mean(a.value(), names) +
               " ; types permis : text, integer, decimal, amount, date, email, phone, siret, siren, postcode, insee");
  return spec::FieldType::Text;
}

// Mixed content of <p>, <item>, <footnote>: text with <b>, <i>, <br/>.
void FileLoader::rich_text(const pugi::xml_node& node, spec::RichText& out, bool bold, bool italic) {
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

void FileLoader::trim_rich_text(spec::RichText& runs) {
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

void FileLoader::no_children(const pugi::xml_node& node) {
  for (auto child : node.children()) {
    if (child.type() == pugi::node_element)
      error(child, DiagCode::UnknownElement, "élément <" + std::string(child.name()) + "> inattendu dans <" + node.name() + ">");
    else if (child.type() == pugi::node_pcdata && !collapse_spaces(child.value()).empty())
      error(child, DiagCode::UnexpectedText, "texte inattendu dans <" + std::string(node.name()) + "> (le texte s’écrit dans l’attribut « label »)");
  }
}

void FileLoader::body(const pugi::xml_node& parent, std::vector<Node>& out, int section_level) {
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

void FileLoader::element(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
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
  if (out.size() == before + 1 && xml.attribute("expected-when"))
    if (spec::Question* q = spec::as_question(out.back())) q->expected_when = condition_attr(xml, "expected-when");
}

void FileLoader::element_body(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
  const std::string_view name = xml.name();
  if (name == spec::Section::kElement) {
    section(xml, out, section_level);
  } else if (name == spec::Paragraph::kElement) {
    paragraph(xml, out);
  } else if (name == spec::List::kElement) {
    list(xml, out);
  } else if (name == spec::Field::kElement) {
    field(xml, out);
  } else if (name == spec::TextArea::kElement) {
    textarea(xml, out);
  } else if (name == spec::YesNo::kElement) {
    yesno(xml, out);
  } else if (name == spec::Choice::kElement) {
    choice(xml, out);
  } else if (name == spec::Table::kElement) {
    table(xml, out);
  } else if (name == spec::Grid::kElement) {
    grid(xml, out);
  } else if (name == spec::Group::kElement) {
    group(xml, out, section_level);
  } else if (name == "include") {
    include(xml, out, section_level);
  } else if (name == "standalone") {
    check_attributes(xml, {});
    if (top_level_) body(xml, out, section_level);
  } else if (name == spec::Signature::kElement) {
    signature(xml, out, section_level);
  } else if (name == spec::Footnote::kElement) {
    footnote(xml, out);
  } else if (name == spec::PageBreak::kElement) {
    pagebreak(xml, out);
  } else if (name == spec::Check::kElement) {
    check(xml, out);
  } else if (name == spec::DepartmentBlocks::kElement) {
    department_blocks(xml, out, section_level);
  } else {
    error(xml, DiagCode::UnknownElement, "élément <" + std::string(name) + "> inconnu").hint = suggestion(name, kBodyElements);
  }
}

void FileLoader::include(const pugi::xml_node& xml, std::vector<Node>& out, int section_level) {
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
    auto g = make<spec::Group>(xml);
    g.when = std::move(when);
    g.label = title;
    g.children = std::move(nodes);
    out.push_back(std::move(g));
  } else {
    for (auto& n : nodes) out.push_back(std::move(n));
  }
}

FileLoader* LoadContext::included_file(const std::string& path) {
  auto [it, inserted] = included.try_emplace(path);
  if (inserted) {
    auto loader = std::make_unique<FileLoader>(*this, path, false);
    if (loader->open()) it->second = std::move(loader);
  }
  return it->second.get();
}

}  // namespace bilan::load::detail

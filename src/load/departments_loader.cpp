#include "load/departments_loader.hpp"

#include <algorithm>

#include <set>
#include <sstream>

#include "core/suggest.hpp"
#include "data/value.hpp"
#include "load/xml_source.hpp"

namespace bilan::load {
namespace {

using detail::collapse_spaces;

std::vector<std::string> split_words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

std::string find_departments(const Environment& env) {
  for (const auto& dir : env.layout_dirs()) {
    const std::string candidate = dir + "/departments.xml";
    if (env.file_exists(candidate)) return candidate;
  }
  return {};
}

std::optional<spec::DepartmentRegistry> load_departments(const Environment& env, const std::string& path,
                                                         DiagnosticSink& sink) {
  detail::XmlSource src;
  if (!src.open(env, path, path, sink)) return std::nullopt;
  const std::size_t errors_before = sink.error_count();
  const auto root = src.root();
  if (std::string_view(root.name()) != "departments") {
    sink.error(src.loc(root), DiagCode::BadRoot, "élément racine <" + std::string(root.name()) + "> : le registre commence par <departments>");
    return std::nullopt;
  }
  src.check_attributes(root, {}, sink);
  spec::DepartmentRegistry reg;
  reg.path = path;
  std::vector<std::string> default_forms;
  bool default_tne = false;  // TNE is on only where the registry says so
  std::set<std::string> codes;

  const auto parse_bool = [&](const pugi::xml_node& node, const char* name, bool fallback) {
    auto a = node.attribute(name);
    if (!a) return fallback;
    const std::string_view v = a.value();
    if (v == "true") return true;
    if (v == "false") return false;
    sink.error(src.attr_loc(node, name), DiagCode::BadBoolean, "valeur « " + std::string(v) + " » invalide pour « " + name + " » (true ou false)");
    return fallback;
  };

  for (auto node : root.children()) {
    if (node.type() == pugi::node_pcdata && !collapse_spaces(node.value()).empty()) {
      sink.error(src.loc(node), DiagCode::UnexpectedText, "texte inattendu dans <departments>");
      continue;
    }
    if (node.type() != pugi::node_element) continue;
    const std::string_view name = node.name();
    if (name == "defaults") {
      src.check_attributes(node, {"forms", "tne"}, sink);
      default_forms = split_words(node.attribute("forms").value());
      default_tne = parse_bool(node, "tne", false);
      continue;
    }
    if (name != "department") {
      sink.error(src.loc(node), DiagCode::UnknownElement, "élément <" + std::string(name) + "> inconnu").hint =
          suggestion(name, {"department", "defaults"});
      continue;
    }
    src.check_attributes(node, {"code", "name", "article", "forms", "tne", "return-date", "contact"}, sink);
    spec::Department d;
    d.loc = src.loc(node);
    d.code = node.attribute("code").value();
    d.name = collapse_spaces(node.attribute("name").value());
    if (!spec::is_department_code(d.code)) {
      sink.error(node.attribute("code") ? src.attr_loc(node, "code") : d.loc, DiagCode::BadCode,
                 "code de département « " + d.code + " » invalide (" + std::string(spec::kDepartmentCodes) + ")");
      continue;
    }
    if (!codes.insert(d.code).second) sink.error(src.attr_loc(node, "code"), DiagCode::DuplicateId, "département « " + d.code + " » déjà déclaré");
    if (d.name.empty()) sink.error(d.loc, DiagCode::MissingAttribute, "attribut « name » manquant sur <department code=\"" + d.code + "\">");
    if (!node.attribute("article")) {
      sink.error(d.loc, DiagCode::MissingAttribute, "attribut « article » manquant sur <department code=\"" + d.code + "\"> (le, la, les, l’, d’ ou vide)");
    } else {
      d.article = node.attribute("article").value();
      if (d.article == "l'") d.article = "l’";
      if (d.article == "d'") d.article = "d’";
      if (d.article != "le" && d.article != "la" && d.article != "les" && d.article != "l’" && d.article != "d’" &&
          !d.article.empty())
        sink.error(src.attr_loc(node, "article"), DiagCode::BadValue,
                   "article « " + d.article + " » invalide (le, la, les, l’, d’ ou vide)");
    }
    d.forms = node.attribute("forms") ? split_words(node.attribute("forms").value()) : default_forms;
    d.tne = parse_bool(node, "tne", default_tne);
    if (auto rd = node.attribute("return-date")) {
      std::string error;
      if (auto date = data::try_parse_date(rd.value(), error)) d.return_date = *date;
      else sink.error(src.attr_loc(node, "return-date"), DiagCode::BadValue, "date de retour : " + error);
    }
    d.contact = collapse_spaces(node.attribute("contact").value());
    for (auto b : node.children()) {
      if (b.type() != pugi::node_element) continue;
      if (std::string_view(b.name()) == "organisme") {
        src.check_attributes(b, {"name", "short"}, sink);
        spec::Organisme o{collapse_spaces(b.attribute("name").value()), collapse_spaces(b.attribute("short").value()), src.loc(b)};
        if (o.name.empty()) sink.error(o.loc, DiagCode::MissingAttribute, "attribut « name » manquant sur <organisme> : son nom, tel qu’il se nomme");
        else d.organismes.push_back(std::move(o));
        continue;
      }
      if (std::string_view(b.name()) != "block") {
        sink.error(src.loc(b), DiagCode::UnknownElement, "élément <" + std::string(b.name()) + "> inattendu dans <department> (seuls <organisme> et <block> y sont permis)");
        continue;
      }
      src.check_attributes(b, {"src", "block", "forms"}, sink);
      spec::BlockRef ref{b.attribute("src").value(), b.attribute("block").value(),
                         split_words(b.attribute("forms").value()), src.loc(b)};
      if (ref.src.empty() || ref.block.empty()) {
        sink.error(ref.loc, DiagCode::MissingAttribute, "<block> demande « src » et « block »");
        continue;
      }
      // A part meant for one form (Lot-et-Garonne's « Réseau » for its 2021/22 bilan)
      // must name a form the department uses, or it would silently never print.
      for (const auto& f : ref.forms)
        if (std::find(d.forms.begin(), d.forms.end(), f) == d.forms.end())
          sink.error(src.attr_loc(b, "forms"), DiagCode::BadValue,
                     "bloc « " + ref.block + " » : le département " + d.code + " n’utilise pas le formulaire « " + f + " »");
      d.blocks.push_back(std::move(ref));
    }
    reg.departments.push_back(std::move(d));
  }
  if (sink.error_count() > errors_before) return std::nullopt;
  return reg;
}

}  // namespace bilan::load

#include "serve/api.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/limits.hpp"
#include "engine/diagnostics_json.hpp"
#include "engine/import_pdf.hpp"
#include "pdfread/pdf_reader.hpp"
#include "serve/sealed_environment.hpp"
#include "spec/department.hpp"
#include "spec/variables.hpp"

namespace bilan::serve {

namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& value) { return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

constexpr const char* kPrefix = "/api/v1/";

Response json_response(const Json& value) { return {200, "application/json", dump(value), {}}; }

std::string form_text(const spec::FormSpec& form, const std::string& text) {
  return spec::interpolate(text, [&form](std::string_view name) { return form.variable(name); });
}

// A boolean query parameter: absent, "", "false", "0" are false; "true", "1"
// true; anything else is a 400 (a typo must not silently mean false).
std::optional<Response> query_flag(const Request& request, const std::string& name, bool& out) {
  out = false;
  const auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty() || it->second == "false" || it->second == "0") return std::nullopt;
  if (it->second == "true" || it->second == "1") {
    out = true;
    return std::nullopt;
  }
  return problem(400, "bad-parameter", "Paramètre invalide",
                 "le paramètre « " + name + " » vaut « " + it->second + " » : attendu true ou false");
}

std::optional<Response> unknown_parameters(const Request& request, const std::vector<std::string>& known) {
  for (const auto& [name, value] : request.query)
    if (std::find(known.begin(), known.end(), name) == known.end())
      return problem(400, "bad-parameter", "Paramètre inconnu",
                     "paramètre « " + name + " » inconnu" +
                         (known.empty() ? std::string(" : cette adresse n’en prend aucun") : " ; possibles : " + [&known] {
                           std::string s;
                           for (const auto& k : known) s += (s.empty() ? "" : ", ") + k;
                           return s;
                         }()));
  return std::nullopt;
}

// An answer file that is not well-formed XML cannot be checked: 400.
bool malformed(const DiagnosticSink& sink) {
  return std::any_of(sink.items().begin(), sink.items().end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error && d.code == DiagCode::XmlSyntax; });
}

Response answers_problem(const DiagnosticSink& sink) {
  if (malformed(sink))
    return problem(400, "malformed-answers", "Fichier de réponses illisible",
                   "le corps n’est pas un fichier de réponses XML bien formé", &sink);
  return problem(400, "invalid-answers", "Réponses invalides",
                 "le bilan ne peut pas être produit : " + std::to_string(sink.error_count()) + " erreur(s) dans les réponses",
                 &sink);
}

struct Route {
  const char* path;  // after /api/v1/, or absolute when it starts with '/'; "blank/" is a prefix
  const char* method;
};

constexpr Route kRoutes[] = {
    {"/healthz", "GET"},       {"openapi.json", "GET"}, {"forms", "GET"},       {"departments", "GET"},
    {"blank/", "GET"},         {"check", "POST"},       {"fill", "POST"},       {"import-pdf", "POST"},
};

// The route of a path (its method), or nullptr.
const Route* route_of(const std::string& path) {
  for (const auto& r : kRoutes) {
    const std::string p = r.path;
    if (p.front() == '/') {
      if (path == p) return &r;
      continue;
    }
    if (!path.starts_with(kPrefix)) continue;
    const std::string rest = path.substr(std::string(kPrefix).size());
    if (p.back() == '/' ? rest.starts_with(p) && rest.size() > p.size() && rest.find('/', p.size()) == std::string::npos
                        : rest == p)
      return &r;
  }
  return nullptr;
}

}  // namespace

Response problem(int status, const std::string& slug, const std::string& title, const std::string& detail,
                 const DiagnosticSink* diagnostics) {
  Json doc = {{"type", "urn:bilan:problem:" + slug}, {"title", title}, {"status", status}, {"detail", detail}};
  if (diagnostics) {
    // The same members as `check --format json`: one parser for both.
    doc["errors"] = diagnostics->error_count();
    doc["warnings"] = diagnostics->warning_count();
    doc["diagnostics"] = Json::parse(engine::diagnostics_json(*diagnostics))["diagnostics"];
  }
  return {status, "application/problem+json", dump(doc), {}};
}

std::string media_type(const std::string& content_type) {
  std::string out = content_type.substr(0, content_type.find(';'));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  while (!out.empty() && (out.front() == ' ' || out.front() == '\t')) out.erase(0, 1);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Api::Api(const engine::Catalog& catalog, ServeLimits limits,
         std::function<std::optional<store::StoredAnswers>(const std::string& action)> previous)
    : catalog_(catalog), limits_(limits), previous_(std::move(previous)) {}

std::optional<BodyRule> Api::body_rule(const std::string& method, const std::string& path, const std::string& content_type) const {
  const Route* r = route_of(path);
  if (!r || method != r->method || method != "POST") return std::nullopt;
  if (std::string(r->path) == "import-pdf") return BodyRule{{"application/pdf"}, limits_.pdf_body_bytes};
  return BodyRule{{"application/xml", "text/xml", "multipart/form-data"},
                  media_type(content_type) == "multipart/form-data" ? limits_.multipart_body_bytes : limits_.answers_body_bytes};
}

std::optional<Response> Api::refuse_early(const Request& head, std::optional<std::uint64_t> content_length) const {
  const Route* r = route_of(head.path);
  if (!r) return problem(404, "not-found", "Adresse inconnue", "aucune ressource à l’adresse « " + head.path + " »");
  if (head.method != r->method && !(head.method == "HEAD" && std::string(r->method) == "GET")) {
    Response out = problem(405, "method-not-allowed", "Méthode non permise",
                           "la méthode " + head.method + " n’est pas permise sur « " + head.path + " » ; permise : " + r->method);
    out.headers.emplace_back("Allow", r->method);
    return out;
  }
  const auto rule = body_rule(head.method, head.path, head.content_type);
  if (!rule) return std::nullopt;
  const std::string type = media_type(head.content_type);
  if (std::find(rule->media_types.begin(), rule->media_types.end(), type) == rule->media_types.end()) {
    std::string expected;
    for (std::size_t i = 0; i < rule->media_types.size(); ++i)
      expected += (i == 0 ? "" : i + 1 == rule->media_types.size() ? " ou " : ", ") + rule->media_types[i];
    return problem(415, "unsupported-media-type", "Type de contenu non pris en charge",
                   "corps de type « " + (type.empty() ? std::string("(aucun)") : type) + " » : attendu " + expected);
  }
  if (content_length && *content_length > rule->max_bytes) return too_large(*rule);
  return std::nullopt;
}

Response Api::too_large(const BodyRule& rule) {
  return problem(413, "content-too-large", "Corps trop volumineux",
                 "corps trop volumineux (limite : " + limit_text(rule.max_bytes) + " octets)");
}

Response Api::handle(const Request& request, engine::Renderer& renderer) const {
  std::uint64_t size = request.body.size();
  for (const auto& part : request.parts) size += part.bytes.size();
  if (auto refused = refuse_early(request, size)) return *refused;
  const Route* r = route_of(request.path);
  const std::string name = r->path;
  if (name == "/healthz") return {200, "text/plain; charset=utf-8", "ok\n", {}};
  if (name == "openapi.json") return {200, "application/json", openapi_json(), {}};
  if (name == "forms") return unknown_parameters(request, {}).value_or(forms());
  if (name == "departments") return unknown_parameters(request, {}).value_or(departments());
  if (name == "blank/")
    return blank(request, request.path.substr(std::string(kPrefix).size() + name.size()), renderer);
  if (name == "check") return check(request, renderer);
  if (name == "fill") return fill(request, renderer);
  return import_pdf(request, renderer);
}

Response Api::forms() const {
  Json list = Json::array();
  for (const auto& id : catalog_.form_ids()) {
    DiagnosticSink ignored;
    const spec::FormSpec* form = catalog_.form(id, ignored);
    Json entry = {{"id", id}, {"title", form ? form_text(*form, form->title) : ""}, {"usable", form != nullptr}};
    if (form) entry["version"] = form->version;
    list.push_back(std::move(entry));
  }
  return json_response(Json{{"forms", std::move(list)}});
}

Response Api::departments() const {
  DiagnosticSink sink;
  const spec::DepartmentRegistry* reg = catalog_.departments(sink);
  if (!reg) return problem(500, "no-registry", "Registre des départements inutilisable", "le registre des départements est invalide", &sink);
  Json list = Json::array();
  for (const auto& d : reg->departments)
    list.push_back({{"code", d.code}, {"name", d.name}, {"caf", d.caf()}, {"forms", d.forms}, {"tne", d.tne}});
  return json_response(Json{{"departments", std::move(list)}});
}

Response Api::blank(const Request& request, const std::string& form, engine::Renderer& renderer) const {
  if (auto bad = unknown_parameters(request, {"department", "fillable"})) return *bad;
  engine::BlankOptions options;
  if (auto bad = query_flag(request, "fillable", options.fillable)) return *bad;
  if (auto it = request.query.find("department"); it != request.query.end()) options.department = it->second;
  // Form ids only: a layout path in a URL must not reach the file system.
  if (std::find(catalog_.form_ids().begin(), catalog_.form_ids().end(), form) == catalog_.form_ids().end())
    return problem(404, "unknown-form", "Formulaire inconnu",
                   "formulaire « " + form + " » inconnu ; la liste : GET /api/v1/forms");
  DiagnosticSink sink;
  auto pdf = renderer.blank(form, options, sink);
  if (!pdf) return problem(400, "blank-refused", "Formulaire vierge impossible", "le formulaire vierge ne peut pas être produit", &sink);
  return {200, "application/pdf", std::move(*pdf), {}};
}

Response Api::check(const Request& request, engine::Renderer& renderer) const {
  if (auto bad = unknown_parameters(request, {})) return *bad;
  std::string answers;
  std::map<std::string, std::string> files;
  if (auto bad = answers_of(request, answers, files)) return *bad;
  const RequestFiles sent(files);
  DiagnosticSink sink;
  // As Renderer::check: composing too finds what only typesetting can see.
  renderer.compose_fill_bytes(kBodyName, std::move(answers), {}, sink);
  if (malformed(sink)) return answers_problem(sink);
  return {200, "application/json", engine::diagnostics_json(sink), {}};
}

Response Api::fill(const Request& request, engine::Renderer& renderer) const {
  if (auto bad = unknown_parameters(request, {"pdfa", "fillable", "partial"})) return *bad;
  engine::FillOptions options;
  if (auto bad = query_flag(request, "pdfa", options.pdfa)) return *bad;
  if (auto bad = query_flag(request, "fillable", options.fillable)) return *bad;
  if (auto bad = query_flag(request, "partial", options.partial)) return *bad;
  if (options.fillable && !options.partial)
    return problem(400, "bad-parameter", "Paramètres incompatibles", "fillable=true demande partial=true (comme fill --fillable --partial)");
  if (options.pdfa && options.partial)
    return problem(400, "bad-parameter", "Paramètres incompatibles", "pdfa=true et partial=true s’excluent (comme fill --pdfa --partial)");
  if (options.partial && previous_) options.previous = previous_;
  std::string answers;
  std::map<std::string, std::string> files;
  if (auto bad = answers_of(request, answers, files)) return *bad;
  const RequestFiles sent(files);
  DiagnosticSink sink;
  std::optional<std::string> pdf;
  if (options.pdfa) {
    if (auto archived = renderer.fill_pdfa(kBodyName, std::move(answers), options, sink)) pdf = std::move(archived->pdf);
  } else if (auto composed = renderer.compose_fill_bytes(kBodyName, std::move(answers), options, sink)) {
    pdf = renderer.to_pdf(*composed);
  }
  if (!pdf) return answers_problem(sink);
  return {200, "application/pdf", std::move(*pdf), {}};
}

std::optional<Response> Api::answers_of(const Request& request, std::string& answers, std::map<std::string, std::string>& files) const {
  if (media_type(request.content_type) != "multipart/form-data") {
    answers = request.body;
    return std::nullopt;
  }
  if (request.parts.size() > limits_.parts)
    return problem(400, "bad-parts", "Trop de parties",
                   std::to_string(request.parts.size()) + " parties (limite : " + std::to_string(limits_.parts) + ")");
  bool found = false;
  for (const auto& part : request.parts) {
    if (part.name == "answers") {
      if (found) return problem(400, "bad-parts", "Parties invalides", "la partie « answers » est donnée deux fois");
      found = true;
      answers = part.bytes;
      continue;
    }
    // Named as the answer file names it (images/cachet.png), beside requete.xml.
    const std::string name = std::filesystem::path(part.filename.empty() ? part.name : part.filename).lexically_normal().string();
    if (name.empty() || name.starts_with("/") || name.starts_with(".."))
      return problem(400, "bad-parts", "Parties invalides",
                     "partie « " + part.name + " » : nom de fichier « " + name + " » hors du dossier du fichier de réponses");
    if (!files.emplace(name, part.bytes).second)
      return problem(400, "bad-parts", "Parties invalides", "le fichier « " + name + " » est donné deux fois");
  }
  if (!found)
    return problem(400, "bad-parts", "Parties invalides",
                   "il manque la partie « answers » (le fichier de réponses) ; les autres parties sont les fichiers qu’il nomme");
  return std::nullopt;
}

Response Api::import_pdf(const Request& request, engine::Renderer& renderer) const {
  if (auto bad = unknown_parameters(request, {"partial"})) return *bad;
  engine::ImportPdfOptions options;
  if (auto bad = query_flag(request, "partial", options.partial)) return *bad;
  pdfread::PdfForm pdf;
  std::string error;
  DiagnosticSink sink;
  if (!pdfread::try_read_form(request.body, {}, pdf, error)) {
    sink.error(SourceLoc{std::make_shared<const std::string>(kPdfBodyName)}, DiagCode::BadPdf, error);
    return problem(400, "malformed-pdf", "PDF illisible", "le corps n’est pas un PDF lisible", &sink);
  }
  auto imported = engine::import_pdf_form(renderer, pdf, kPdfBodyName, options, sink);
  if (!imported) return problem(400, "import-refused", "Import impossible", "les champs de ce PDF ne font pas un fichier de réponses", &sink);
  Json doc = Json::parse(engine::diagnostics_json(sink));
  Json out = {{"answers", imported->xml}};
  for (auto& [key, value] : doc.items()) out[key] = value;
  return json_response(out);
}

}  // namespace bilan::serve

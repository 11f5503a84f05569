// serve/api as plain data: routing, early refusals, problem documents, the
// listen address, the sealed file system. No socket (tests/e2e/serve_test.cpp has them).
#include "serve/api.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "serve/http_server.hpp"
#include "serve/sealed_environment.hpp"
#include "support/test_support.hpp"

namespace bilan::serve {
namespace {

struct Fixture {
  FileSystemEnvironment env{{testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf")};
  SealedEnvironment sealed{env};
  std::unique_ptr<const engine::Catalog> catalog = engine::Catalog::load(sealed);
  Api api{*catalog, ServeLimits{1000, 2000}};
  engine::Renderer renderer{*catalog};
  Fixture() { sealed.seal(); }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

Request req(const std::string& method, const std::string& path, const std::string& type = {}, const std::string& body = {}) {
  return Request{method, path, {}, type, body, {}};
}

nlohmann::json json_of(const Response& r) { return nlohmann::json::parse(r.body); }

TEST(Api, RoutesEachVerb) {
  auto& f = fixture();
  EXPECT_EQ(f.api.handle(req("GET", "/healthz"), f.renderer).body, "ok\n");
  const auto forms = f.api.handle(req("GET", "/api/v1/forms"), f.renderer);
  EXPECT_EQ(forms.status, 200);
  EXPECT_EQ(forms.content_type, "application/json");
  EXPECT_EQ(json_of(forms)["forms"].size(), f.catalog->form_ids().size());
  const auto blank = f.api.handle(req("GET", "/api/v1/blank/tne-parentalite-numerique"), f.renderer);
  EXPECT_EQ(blank.status, 200);
  EXPECT_EQ(blank.content_type, "application/pdf");
  EXPECT_TRUE(blank.body.starts_with("%PDF-"));
  EXPECT_EQ(f.api.handle(req("HEAD", "/api/v1/departments"), f.renderer).status, 200);
}

TEST(Api, UnknownPathsAndFormsAre404) {
  auto& f = fixture();
  for (const std::string path : {"/", "/api/v1", "/api/v1/", "/api/v2/forms", "/api/v1/forms/", "/api/v1/blank/",
                                 "/api/v1/blank/a/b", "/api/v1/blank/../../etc/passwd"}) {
    const auto r = f.api.handle(req("GET", path), f.renderer);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.content_type, "application/problem+json") << path;
  }
  // A layout path is not a form id here: the file system is not reachable by URL.
  const auto path_form = f.api.handle(req("GET", "/api/v1/blank/..%2Flayouts%2Fclas-2024-2025.xml"), f.renderer);
  EXPECT_EQ(path_form.status, 404);
  const auto unknown = json_of(f.api.handle(req("GET", "/api/v1/blank/clas-1999"), f.renderer));
  EXPECT_EQ(unknown["type"], "urn:bilan:problem:unknown-form");
  EXPECT_EQ(unknown["title"], "Formulaire inconnu");
  EXPECT_EQ(unknown["status"], 404);
  EXPECT_EQ(unknown["detail"], "formulaire « clas-1999 » inconnu ; la liste : GET /api/v1/forms");
}

TEST(Api, WrongMethodIs405WithAllow) {
  auto& f = fixture();
  const auto r = f.api.handle(req("DELETE", "/api/v1/forms"), f.renderer);
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0], std::make_pair(std::string("Allow"), std::string("GET")));
  EXPECT_EQ(json_of(r)["detail"], "la méthode DELETE n’est pas permise sur « /api/v1/forms » ; permise : GET");
  EXPECT_EQ(f.api.handle(req("GET", "/api/v1/check"), f.renderer).status, 405);
}

TEST(Api, BodiesAreTypedAndBounded) {
  auto& f = fixture();
  EXPECT_FALSE(f.api.body_rule("GET", "/api/v1/forms", ""));
  ASSERT_TRUE(f.api.body_rule("POST", "/api/v1/fill", "application/xml"));
  EXPECT_EQ(f.api.body_rule("POST", "/api/v1/fill", "application/xml")->max_bytes, 1000u);
  EXPECT_EQ(f.api.body_rule("POST", "/api/v1/fill", "multipart/form-data; boundary=x")->max_bytes, 64ull << 20);
  EXPECT_EQ(f.api.body_rule("POST", "/api/v1/import-pdf", "application/pdf")->max_bytes, 2000u);
  const auto wrong = f.api.refuse_early(req("POST", "/api/v1/check", "application/json"), 10);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 415);
  EXPECT_EQ(json_of(*wrong)["detail"], "corps de type « application/json » : attendu application/xml, text/xml ou multipart/form-data");
  EXPECT_EQ(f.api.refuse_early(req("POST", "/api/v1/check"), 10)->status, 415);
  EXPECT_FALSE(f.api.refuse_early(req("POST", "/api/v1/check", "Application/XML; charset=utf-8"), 1000));
  const auto big = f.api.refuse_early(req("POST", "/api/v1/check", "text/xml"), 1001);
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(json_of(*big)["detail"], "corps trop volumineux (limite : 1\u202F000 octets)");
  EXPECT_EQ(f.api.handle(req("POST", "/api/v1/check", "text/xml", std::string(1001, ' ')), f.renderer).status, 413);
  EXPECT_EQ(f.api.refuse_early(req("POST", "/api/v1/import-pdf", "application/xml"), 10)->status, 415);
}

TEST(Api, QueryParametersAreChecked) {
  auto& f = fixture();
  Request r = req("GET", "/api/v1/blank/clas-2024-2025");
  r.query = {{"fillable", "oui"}};
  const auto bad = f.api.handle(r, f.renderer);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json_of(bad)["detail"], "le paramètre « fillable » vaut « oui » : attendu true ou false");
  r.query = {{"format", "json"}};
  EXPECT_EQ(json_of(f.api.handle(r, f.renderer))["detail"], "paramètre « format » inconnu ; possibles : department, fillable");
  Request fill = req("POST", "/api/v1/fill", "application/xml", "<bilan/>");
  fill.query = {{"fillable", "true"}};
  EXPECT_EQ(f.api.handle(fill, f.renderer).status, 400);
}

TEST(Api, CheckAnswersTwoHundredWithErrorsAnd400WhenMalformed) {
  auto& f = fixture();
  const auto with_errors =
      f.api.handle(req("POST", "/api/v1/check", "application/xml", "<bilan form=\"clas-2024-2025\" department=\"73\"/>\n"), f.renderer);
  EXPECT_EQ(with_errors.status, 200);
  EXPECT_GT(json_of(with_errors)["errors"], 0);
  const auto malformed = f.api.handle(req("POST", "/api/v1/check", "application/xml", "<bilan>\n  <answer>"), f.renderer);
  EXPECT_EQ(malformed.status, 400);
  const auto doc = json_of(malformed);
  EXPECT_EQ(doc["type"], "urn:bilan:problem:malformed-answers");
  EXPECT_EQ(doc["errors"], 1);
  EXPECT_EQ(doc["diagnostics"][0]["file"], kBodyName);
  EXPECT_EQ(doc["diagnostics"][0]["line"], 2);
  EXPECT_EQ(doc["diagnostics"][0]["severity"], "error");
}

TEST(Api, FillWithErrorsIsAProblemWithTheDiagnostics) {
  auto& f = fixture();
  const auto r = f.api.handle(req("POST", "/api/v1/fill", "application/xml", "<bilan form=\"clas-2024-2025\" department=\"73\"/>"), f.renderer);
  EXPECT_EQ(r.status, 400);
  const auto doc = json_of(r);
  EXPECT_EQ(doc["type"], "urn:bilan:problem:invalid-answers");
  EXPECT_EQ(doc["errors"], doc["diagnostics"].size() - doc["warnings"].get<std::size_t>());
}

TEST(Api, ImportPdfRefusesWhatIsNotAPdf) {
  auto& f = fixture();
  const auto r = f.api.handle(req("POST", "/api/v1/import-pdf", "application/pdf", "pas un PDF"), f.renderer);
  EXPECT_EQ(r.status, 400);
  const auto doc = json_of(r);
  EXPECT_EQ(doc["type"], "urn:bilan:problem:malformed-pdf");
  EXPECT_EQ(doc["diagnostics"][0]["file"], kPdfBodyName);
}

TEST(Api, MultipartBringsTheAnswersAndTheFilesTheyName) {
  auto& f = fixture();
  const std::string answers = testing::read_text(testing::source_path("samples/association-urbaine-2024-2025.xml"));
  Request r = req("POST", "/api/v1/check", "multipart/form-data; boundary=b");
  r.parts = {{"answers", "reponses.xml", answers},
             {"cachet", "images/cachet-association.png", testing::read_text(testing::source_path("samples/images/cachet-association.png"))}};
  const auto doc = json_of(f.api.handle(r, f.renderer));
  // The image sent is read; the one not sent is said missing, never looked for on the server.
  EXPECT_EQ(doc["errors"], 1) << doc.dump();
  EXPECT_EQ(doc["diagnostics"].back()["message"],
            "image « images/signature-presidente.jpg » : fichier absent de la requête (joignez-le comme une partie dont le nom "
            "de fichier est ce chemin)");
  r.parts.erase(r.parts.begin());
  EXPECT_EQ(json_of(f.api.handle(r, f.renderer))["detail"],
            "il manque la partie « answers » (le fichier de réponses) ; les autres parties sont les fichiers qu’il nomme");
  r.parts = {{"answers", "", answers}, {"x", "../secret.png", "x"}};
  EXPECT_EQ(f.api.handle(r, f.renderer).status, 400);
  r.parts = {{"answers", "", answers}, {"x", "a.png", "x"}, {"y", "./a.png", "y"}};
  EXPECT_EQ(json_of(f.api.handle(r, f.renderer))["detail"], "le fichier « a.png » est donné deux fois");
}

TEST(Problem, IsRfc9457) {
  const auto r = problem(404, "x", "Titre", "détail");
  EXPECT_EQ(r.content_type, "application/problem+json");
  const auto doc = json_of(r);
  EXPECT_EQ(doc, nlohmann::json::parse(R"({"type": "urn:bilan:problem:x", "title": "Titre", "status": 404, "detail": "détail"})"));
}

TEST(MediaType, DropsParametersAndCase) {
  EXPECT_EQ(media_type(" Application/PDF ; x=y"), "application/pdf");
  EXPECT_EQ(media_type(""), "");
}

TEST(Listen, ParsesAddressAndPort) {
  std::string host;
  std::uint16_t port = 1;
  parse_listen("127.0.0.1:0", host, port);
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 0);
  parse_listen("[::1]:8080", host, port);
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 8080);
  for (const std::string bad : {"8080", ":8080", "127.0.0.1:", "127.0.0.1:65536", "localhost:80", "127.0.0.1:8x"})
    EXPECT_THROW(parse_listen(bad, host, port), UsageError) << bad;
}

TEST(SealedEnvironment, ReadsOnlyLayoutsOnceSealed) {
  auto& f = fixture();
  std::string out, error;
  EXPECT_TRUE(f.sealed.try_read_file(testing::source_path("layouts/departments.xml"), out, error)) << error;
  EXPECT_FALSE(f.sealed.try_read_file(testing::source_path("samples/images/cachet-association.png"), out, error));
  EXPECT_EQ(error, SealedEnvironment::refusal());
  EXPECT_FALSE(f.sealed.try_read_file(testing::source_path("layouts/../README.md"), out, error));
  EXPECT_FALSE(f.sealed.file_exists("README.md"));
}

}  // namespace
}  // namespace bilan::serve

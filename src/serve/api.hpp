// serve/api — the HTTP API of `bilan serve` (docs/serve.md) as plain data: a
// request in, a response out. No HTTP library here (serve/http_server is the
// one adapter), so routing, statuses and problem documents are unit-tested
// without a socket. Each call uses the Renderer it is given: one per worker.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/catalog.hpp"
#include "engine/renderer.hpp"
#include "store/store.hpp"

namespace bilan::serve {

// Bounds of a request body (docs/limits.md, « bilan serve »).
struct ServeLimits {
  std::uint64_t answers_body_bytes = 16ull << 20;  // an answer file: the answers' total length
  std::uint64_t pdf_body_bytes = 64ull << 20;      // a filled PDF: the file size limit
  // An answer file and the images and attachments it names, as multipart/form-data:
  // the answers' total length and the attachments' total (docs/limits.md), rounded up.
  std::uint64_t multipart_body_bytes = 64ull << 20;
  std::size_t parts = 32;  // the answer file, two images, ten attachments and room
};

// One part of a multipart/form-data body.
struct Part {
  std::string name;      // the form field's name
  std::string filename;  // its file name, empty when none
  std::string bytes;
};

struct Request {
  std::string method;                         // GET, POST…
  std::string path;                           // without the query
  std::map<std::string, std::string> query;   // decoded
  std::string content_type;                   // as sent (parameters included), empty when none
  std::string body;
  std::vector<Part> parts;  // multipart/form-data, parsed by the adapter; then `body` is empty
};

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type (Allow…)
};

// What a body may be, decided from the method and path before it is read:
// its media types and its bound. nullopt when the request takes no body (it
// is answered without reading one).
struct BodyRule {
  std::vector<std::string> media_types;
  std::uint64_t max_bytes = 0;
};

// An RFC 9457 problem document (application/problem+json): type
// (urn:bilan:problem:SLUG), title, status, detail (French) and, when given,
// the located diagnostics (as `check --format json` lists them).
Response problem(int status, const std::string& slug, const std::string& title, const std::string& detail,
                 const DiagnosticSink* diagnostics = nullptr);

// The media type of a Content-Type header: lower case, without parameters.
std::string media_type(const std::string& content_type);

class Api {
 public:
  // `previous`: the store's answers of an action (fill?partial=true, like
  // `fill --partial --db`); null when there is no store. Called from the
  // worker threads: it must be safe to call from several at once.
  Api(const engine::Catalog& catalog, ServeLimits limits,
      std::function<std::optional<store::StoredAnswers>(const std::string& action)> previous = {});

  // The body rule of a request line; nullopt for a request without body (or
  // one answered before its body: unknown path, wrong method).
  std::optional<BodyRule> body_rule(const std::string& method, const std::string& path, const std::string& content_type) const;
  // A response to a request whose head was read, before its body: 404, 405,
  // 415, 413 (from the announced length); nullopt when the body is welcome.
  std::optional<Response> refuse_early(const Request& head, std::optional<std::uint64_t> content_length) const;
  Response handle(const Request& request, engine::Renderer& renderer) const;
  // The 413 of a body over `rule`'s bound.
  static Response too_large(const BodyRule& rule);

  const ServeLimits& limits() const { return limits_; }

 private:
  Response forms() const;
  Response departments() const;
  Response blank(const Request& request, const std::string& form, engine::Renderer& renderer) const;
  Response check(const Request& request, engine::Renderer& renderer) const;
  Response fill(const Request& request, engine::Renderer& renderer) const;
  Response import_pdf(const Request& request, engine::Renderer& renderer) const;
  // check and fill: the answer file (the body, or its multipart part « answers »)
  // and the files it names (the other parts, by file name); a 400 when the parts are wrong.
  std::optional<Response> answers_of(const Request& request, std::string& answers, std::map<std::string, std::string>& files) const;

  const engine::Catalog& catalog_;
  ServeLimits limits_;
  std::function<std::optional<store::StoredAnswers>(const std::string& action)> previous_;
};

// The name an answer file sent as a body has in messages: the body is not a
// file, and no name in a request reaches the file system.
inline constexpr const char* kBodyName = "requete.xml";
inline constexpr const char* kPdfBodyName = "requete.pdf";

// The OpenAPI document served at /api/v1/openapi.json (src/serve/openapi.json).
const std::string& openapi_json();

}  // namespace bilan::serve

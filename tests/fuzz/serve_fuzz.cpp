// libFuzzer target: any bytes as a request of `bilan serve`'s API, after
// libmicrohttpd has parsed it (serve/api): the first line is the method and
// the path (with a query, split here as libmicrohttpd splits it), the second
// the Content-Type, the rest the body; a multipart body's parts are cut at
// "\n--\n" (name, file name and bytes on their own lines). Every answer is a
// well-formed response: a status libmicrohttpd may send, a content type, and
// a problem document that is JSON; nothing crashes, hangs or leaks.
// Build: CXX=clang++ cmake -S . -B build-fuzz -DBILAN_FUZZ=ON -DBILAN_TESTS=OFF && cmake --build build-fuzz
// Run:   build-fuzz/tests/fuzz/serve_fuzz -max_total_time=300 build-fuzz/seeds/serve
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/environment.hpp"
#include "engine/catalog.hpp"
#include "engine/renderer.hpp"
#include "serve/api.hpp"
#include "serve/sealed_environment.hpp"

namespace {

using namespace bilan;

struct World {
  FileSystemEnvironment env{{std::string(BILAN_SOURCE_DIR) + "/layouts"}, std::string(BILAN_SOURCE_DIR) + "/fonts/fonts.conf"};
  serve::SealedEnvironment sealed{env};
  std::unique_ptr<const engine::Catalog> catalog = engine::Catalog::load(sealed);
  serve::Api api{*catalog, serve::ServeLimits{1u << 20, 1u << 20, 1u << 20, 32}};
  engine::Renderer renderer{*catalog};
  World() { sealed.seal(); }
};

std::string take_line(std::string& rest) {
  const auto end = rest.find('\n');
  std::string line = rest.substr(0, end);
  rest = end == std::string::npos ? std::string() : rest.substr(end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  std::string rest(reinterpret_cast<const char*>(data), size);
  serve::Request request;
  const std::string line = take_line(rest);
  const auto space = line.find(' ');
  request.method = line.substr(0, space);
  std::string target = space == std::string::npos ? std::string() : line.substr(space + 1);
  if (const auto q = target.find('?'); q != std::string::npos) {
    std::string query = target.substr(q + 1);
    target.resize(q);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string pair = query.substr(0, amp);
      const auto eq = pair.find('=');
      request.query[pair.substr(0, eq)] = eq == std::string::npos ? std::string() : pair.substr(eq + 1);
      query = amp == std::string::npos ? std::string() : query.substr(amp + 1);
    }
  }
  request.path = target;
  request.content_type = take_line(rest);
  if (serve::media_type(request.content_type) == "multipart/form-data") {
    while (!rest.empty()) {
      const auto end = rest.find("\n--\n");
      std::string part = rest.substr(0, end);
      rest = end == std::string::npos ? std::string() : rest.substr(end + 4);
      serve::Part p;
      p.name = take_line(part);
      p.filename = take_line(part);
      p.bytes = part;
      request.parts.push_back(std::move(p));
    }
  } else {
    request.body = rest;
  }
  if (const auto early = world.api.refuse_early(request, request.body.size())) {
    if (early->status < 400 || early->content_type != "application/problem+json") std::abort();
  }
  const serve::Response response = world.api.handle(request, world.renderer);
  if (response.status < 200 || response.status > 599 || response.content_type.empty()) std::abort();
  return 0;
}

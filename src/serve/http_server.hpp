// serve/http_server — the one adapter of libmicrohttpd (its types stay in
// http_server.cpp): a thread pool of `workers` threads, each answering with
// its own Renderer over the shared Catalog; epoll; caps on connections, on
// each connection's memory (request line and headers) and an idle timeout, so
// a slow client cannot hold a worker; bodies bounded before they are read
// (serve/api). One access-log line per request, never a body.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "engine/catalog.hpp"
#include "serve/api.hpp"

namespace bilan::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 address (loopback by default)
  std::uint16_t port = 8080;       // 0: a free port, read back with port()
  unsigned workers = 2;            // threads, each with its Renderer
  unsigned max_connections = 256;
  std::size_t connection_memory_bytes = 64u << 10;  // request line and headers of one connection
  unsigned timeout_seconds = 30;                    // a connection idle this long is closed
  // Each access-log line (without its "\n"); called one at a time.
  std::function<void(const std::string& line)> log;
};

class HttpServer {
 public:
  // Listens at once; throws IoError (French) when it cannot.
  HttpServer(const engine::Catalog& catalog, const Api& api, const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:PORT" ("http://[::1]:PORT" for IPv6).
  std::string url() const;
  // Stops accepting, lets the requests under way finish (at most
  // `grace_seconds`), then closes every connection.
  void shutdown(unsigned grace_seconds = 60);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// "HOST:PORT" of --listen ("[::1]:8080" for IPv6); throws UsageError.
void parse_listen(const std::string& listen, std::string& host, std::uint16_t& port);

}  // namespace bilan::serve

#include "serve/http_server.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include "core/error.hpp"

namespace bilan::serve {

namespace {

using Clock = std::chrono::steady_clock;

// One request as it arrives: its head, then its body in pieces.
struct Exchange {
  Request request;
  std::optional<BodyRule> rule;
  std::uint64_t received = 0;  // body bytes so far
  bool too_large = false;
  bool bad_parts = false;  // multipart/form-data that libmicrohttpd cannot parse
  bool answered = false;
  MHD_PostProcessor* parts = nullptr;
  Clock::time_point start = Clock::now();
};

MHD_Result add_query(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<std::map<std::string, std::string>*>(cls)->emplace(key ? key : "", value ? value : "");
  return MHD_YES;
}

// One piece of a multipart part: a part begins at offset 0.
MHD_Result add_part(void* cls, MHD_ValueKind, const char* key, const char* filename, const char*, const char*, const char* data,
                    uint64_t off, size_t size) {
  auto& parts = static_cast<Exchange*>(cls)->request.parts;
  const std::string name = key ? key : "", file = filename ? filename : "";
  if (off == 0 && (parts.empty() || parts.back().name != name || parts.back().filename != file || !parts.back().bytes.empty()))
    parts.push_back({name, file, {}});
  if (parts.size() > 1024) return MHD_NO;  // far over ServeLimits::parts: stop parsing
  if (size) parts.back().bytes.append(data, size);
  return MHD_YES;
}

void free_string(void* cls) { delete static_cast<std::string*>(cls); }

// A path as the log prints it: decoded by libmicrohttpd, so « %0A » would
// forge a line; control characters and spaces become « ? ».
std::string loggable(const std::string& text) {
  std::string out = text.substr(0, 512);
  for (char& c : out)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) c = '?';
  return out;
}

}  // namespace

struct HttpServer::State {
  const engine::Catalog& catalog;
  const Api& api;
  ServerOptions options;
  MHD_Daemon* daemon = nullptr;
  std::uint16_t port = 0;
  // One Renderer per worker thread, lent for one request at a time.
  std::mutex renderers_mutex;
  std::vector<std::unique_ptr<engine::Renderer>> renderers;
  // Requests begun and not yet completed (shutdown waits for them).
  std::mutex inflight_mutex;
  std::condition_variable inflight_done;
  std::size_t inflight = 0;
  std::mutex log_mutex;
  bool stopped = false;

  State(const engine::Catalog& c, const Api& a, const ServerOptions& o) : catalog(c), api(a), options(o) {}

  std::unique_ptr<engine::Renderer> take_renderer() {
    {
      std::lock_guard<std::mutex> lock(renderers_mutex);
      if (!renderers.empty()) {
        auto r = std::move(renderers.back());
        renderers.pop_back();
        return r;
      }
    }
    return std::make_unique<engine::Renderer>(catalog);  // never when workers ≥ threads
  }
  void give_back(std::unique_ptr<engine::Renderer> r) {
    std::lock_guard<std::mutex> lock(renderers_mutex);
    renderers.push_back(std::move(r));
  }

  MHD_Result answer(MHD_Connection* connection, Exchange& ex, Response response) {
    ex.answered = true;
    const std::size_t bytes = response.body.size();
    auto* body = new std::string(std::move(response.body));  // freed by libmicrohttpd once sent
    MHD_Response* r = MHD_create_response_from_buffer_with_free_callback_cls(body->size(), body->data(), free_string, body);
    if (!r) {
      delete body;
      return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, response.content_type.c_str());
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    for (const auto& [name, value] : response.headers) MHD_add_response_header(r, name.c_str(), value.c_str());
    const MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned>(response.status), r);
    MHD_destroy_response(r);
    if (options.log) {
      // Method, path (no query: it may carry what the log must not), status, bytes, time. Never a body.
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - ex.start).count();
      const std::string line = loggable(ex.request.method) + " " + loggable(ex.request.path) + " " + std::to_string(response.status) + " " +
                               std::to_string(bytes) + " " + std::to_string(ms) + "ms";
      std::lock_guard<std::mutex> lock(log_mutex);
      options.log(line);
    }
    return queued;
  }
};

namespace {

MHD_Result on_request(void* cls, MHD_Connection* connection, const char* url, const char* method, const char*,
                      const char* upload_data, size_t* upload_data_size, void** req_cls) {
  HttpServer::State& state = *static_cast<HttpServer::State*>(cls);
  auto* ex = static_cast<Exchange*>(*req_cls);
  if (!ex) {
    ex = new Exchange;
    *req_cls = ex;
    {
      std::lock_guard<std::mutex> lock(state.inflight_mutex);
      ++state.inflight;
    }
    ex->request.method = method ? method : "";
    ex->request.path = url ? url : "";
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, add_query, &ex->request.query);
    if (const char* type = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE))
      ex->request.content_type = type;
    std::optional<std::uint64_t> length;
    if (const char* l = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
      char* end = nullptr;
      const unsigned long long v = std::strtoull(l, &end, 10);
      if (end != l && *end == '\0') length = v;
    }
    if (auto refused = state.api.refuse_early(ex->request, length)) return state.answer(connection, *ex, std::move(*refused));
    ex->rule = state.api.body_rule(ex->request.method, ex->request.path, ex->request.content_type);
    if (ex->rule && media_type(ex->request.content_type) == "multipart/form-data") {
      ex->parts = MHD_create_post_processor(connection, 64 * 1024, add_part, ex);
      if (!ex->parts)
        return state.answer(connection, *ex,
                            problem(400, "bad-parts", "Parties invalides",
                                    "corps multipart/form-data sans « boundary » dans son Content-Type"));
    }
    if (ex->rule) return MHD_YES;  // the body follows (MHD answers « 100 Continue » when asked)
  } else if (ex->answered) {
    *upload_data_size = 0;
    return MHD_YES;
  } else if (*upload_data_size > 0) {
    if (!ex->too_large) {
      ex->received += *upload_data_size;
      if (ex->received > ex->rule->max_bytes) {
        ex->too_large = true;
        std::string().swap(ex->request.body);
        std::vector<Part>().swap(ex->request.parts);
      } else if (ex->parts) {
        if (!ex->bad_parts && MHD_post_process(ex->parts, upload_data, *upload_data_size) != MHD_YES) ex->bad_parts = true;
      } else {
        ex->request.body.append(upload_data, *upload_data_size);
      }
    }
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (ex->parts) {
    MHD_destroy_post_processor(ex->parts);
    ex->parts = nullptr;
  }
  if (ex->too_large) return state.answer(connection, *ex, Api::too_large(*ex->rule));
  if (ex->bad_parts)
    return state.answer(connection, *ex, problem(400, "bad-parts", "Parties invalides", "corps multipart/form-data illisible"));
  auto renderer = state.take_renderer();
  Response response;
  try {
    response = state.api.handle(ex->request, *renderer);
  } catch (const std::exception& e) {
    response = problem(500, "internal-error", "Erreur interne", std::string("erreur interne : ") + e.what());
  }
  state.give_back(std::move(renderer));
  std::string().swap(ex->request.body);
  return state.answer(connection, *ex, std::move(response));
}

void on_completed(void* cls, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
  auto& state = *static_cast<HttpServer::State*>(cls);
  auto* ex = static_cast<Exchange*>(*req_cls);
  if (!ex) return;
  if (ex->parts) MHD_destroy_post_processor(ex->parts);
  delete ex;
  *req_cls = nullptr;
  std::lock_guard<std::mutex> lock(state.inflight_mutex);
  if (--state.inflight == 0) state.inflight_done.notify_all();
}

}  // namespace

void parse_listen(const std::string& listen, std::string& host, std::uint16_t& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
    throw UsageError("--listen « " + listen + " » : attendu ADRESSE:PORT, par exemple 127.0.0.1:8080");
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string digits = listen.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos || std::stoul(digits) > 65535)
    throw UsageError("--listen « " + listen + " » : le port doit être un nombre de 0 à 65535");
  port = static_cast<std::uint16_t>(std::stoul(digits));
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, host.c_str(), &v4) != 1 && inet_pton(AF_INET6, host.c_str(), &v6) != 1)
    throw UsageError("--listen « " + listen + " » : « " + host + " » n’est pas une adresse IP (par exemple 127.0.0.1 ou [::1])");
}

HttpServer::HttpServer(const engine::Catalog& catalog, const Api& api, const ServerOptions& options)
    : state_(std::make_unique<State>(catalog, api, options)) {
  const unsigned workers = options.workers ? options.workers : 1;
  for (unsigned i = 0; i < workers; ++i) state_->renderers.push_back(std::make_unique<engine::Renderer>(catalog));

  sockaddr_storage addr{};
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;
  if (in_addr v4{}; inet_pton(AF_INET, options.host.c_str(), &v4) == 1) {
    auto* a = reinterpret_cast<sockaddr_in*>(&addr);
    a->sin_family = AF_INET;
    a->sin_port = htons(options.port);
    a->sin_addr = v4;
  } else if (in6_addr v6{}; inet_pton(AF_INET6, options.host.c_str(), &v6) == 1) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(options.port);
    a->sin6_addr = v6;
    flags |= MHD_USE_IPv6;
  } else {
    throw UsageError("« " + options.host + " » n’est pas une adresse IP");
  }
  state_->daemon = MHD_start_daemon(
      flags, options.port, nullptr, nullptr, on_request, state_.get(), MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&addr),
      MHD_OPTION_THREAD_POOL_SIZE, workers, MHD_OPTION_CONNECTION_LIMIT, options.max_connections,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, options.connection_memory_bytes, MHD_OPTION_CONNECTION_TIMEOUT,
      options.timeout_seconds, MHD_OPTION_NOTIFY_COMPLETED, on_completed, state_.get(), MHD_OPTION_END);
  if (!state_->daemon)
    throw IoError("écoute impossible sur " + options.host + ":" + std::to_string(options.port) +
                  " (adresse déjà utilisée, ou non disponible sur cette machine)");
  const MHD_DaemonInfo* info = MHD_get_daemon_info(state_->daemon, MHD_DAEMON_INFO_BIND_PORT);
  state_->port = info ? info->port : options.port;
}

HttpServer::~HttpServer() { shutdown(0); }

std::uint16_t HttpServer::port() const { return state_->port; }

std::string HttpServer::url() const {
  const bool v6 = state_->options.host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + state_->options.host + "]" : state_->options.host) + ":" + std::to_string(state_->port);
}

void HttpServer::shutdown(unsigned grace_seconds) {
  if (state_->stopped) return;
  state_->stopped = true;
  // No new connection from here; the requests under way finish.
  const MHD_socket listener = MHD_quiesce_daemon(state_->daemon);
  if (listener != MHD_INVALID_SOCKET) ::close(listener);
  {
    std::unique_lock<std::mutex> lock(state_->inflight_mutex);
    state_->inflight_done.wait_for(lock, std::chrono::seconds(grace_seconds), [this] { return state_->inflight == 0; });
  }
  MHD_stop_daemon(state_->daemon);
  state_->daemon = nullptr;
}

}  // namespace bilan::serve

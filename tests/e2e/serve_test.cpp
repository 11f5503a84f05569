// bilan serve through HTTP: the server started as users start it, on a free
// loopback port it prints, and a small raw-socket client (no new dependency).
// Every wait is bounded (poll timeouts); nothing sleeps to synchronise.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

#include "support/test_support.hpp"

namespace {

using bilan::testing::bilan_binary;
using bilan::testing::read_text;
using bilan::testing::run;
using bilan::testing::source_path;
using bilan::testing::temp_dir;
using bilan::testing::write_text;

constexpr int kTimeoutMs = 60000;

struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;
  std::string head;
};

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads until the peer closes (every request says Connection: close), or until `stop_at` is seen.
std::string read_all(int fd, const std::string& stop_at = {}) {
  std::string out;
  char buf[65536];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, kTimeoutMs) <= 0) break;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (!stop_at.empty() && out.find(stop_at) != std::string::npos) break;
  }
  return out;
}

HttpReply parse_reply(const std::string& raw) {
  HttpReply r;
  const auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos || raw.size() < 12) return r;
  r.head = raw.substr(0, end);
  r.status = std::stoi(raw.substr(9, 3));
  r.body = raw.substr(end + 4);
  const auto ct = r.head.find("Content-Type: ");
  if (ct != std::string::npos) r.content_type = r.head.substr(ct + 14, r.head.find("\r\n", ct) - ct - 14);
  return r;
}

std::string request_text(const std::string& method, const std::string& target, const std::string& type, const std::string& body) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!type.empty()) req += "Content-Type: " + type + "\r\n";
  if (method == "POST") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return req + "\r\n" + body;
}

class Server {
 public:
  Server() {
    log_ = temp_dir() + "/serve.log";
    int out[2];
    EXPECT_EQ(::pipe2(out, O_CLOEXEC), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      const int err = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(err, 2);
      ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
      const std::string bin = bilan_binary();
      ::execl(bin.c_str(), bin.c_str(), "serve", "--listen", "127.0.0.1:0", "--workers", "2",
              static_cast<char*>(nullptr));
      ::perror("exec");
      ::_exit(127);
    }
    ::close(out[1]);
    const std::string line = read_all(out[0], "\n");
    ::close(out[0]);
    const auto at = line.find("http://127.0.0.1:");
    if (at != std::string::npos) port_ = std::stoi(line.substr(at + 17));
    banner_ = line;
  }
  ~Server() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }
  const std::string& banner() const { return banner_; }
  std::string log() const { return read_text(log_); }
  HttpReply call(const std::string& method, const std::string& target, const std::string& type = {}, const std::string& body = {}) {
    const int fd = connect_to(port_);
    if (fd < 0) return {};
    send_all(fd, request_text(method, target, type, body));
    HttpReply r = parse_reply(read_all(fd));
    ::close(fd);
    return r;
  }
  // SIGTERM, then the exit code (bounded: killed after the timeout).
  int stop() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < kTimeoutMs / 10; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      pollfd none{-1, 0, 0};
      ::poll(&none, 0, 10);  // a bounded wait for the child, not a synchronisation
    }
    return -1;
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  bool reaped_ = false;
  std::string log_, banner_;
};

// Each real response against the OpenAPI document: its path, method, status and content type are documented.
void expect_documented(const std::string& path, const std::string& method, const HttpReply& r) {
  static const nlohmann::json doc = nlohmann::json::parse(read_text(source_path("src/serve/openapi.json")));
  ASSERT_TRUE(doc["paths"].contains(path)) << path;
  const auto& op = doc["paths"][path];
  ASSERT_TRUE(op.contains(method)) << path << " " << method;
  const auto& responses = op[method]["responses"];
  const std::string status = std::to_string(r.status);
  ASSERT_TRUE(responses.contains(status)) << path << " " << method << " " << status;
  const std::string type = r.content_type.substr(0, r.content_type.find(';'));
  EXPECT_TRUE(responses[status]["content"].contains(type)) << path << " " << method << " " << status << " " << type;
}

std::string sample(const std::string& name) { return read_text(source_path("samples/" + name)); }

TEST(Serve, ApiAnswersAsTheCommandLineDoes) {
  const std::string dir = temp_dir();
  Server server;
  ASSERT_GT(server.port(), 0) << server.banner() << server.log();
  EXPECT_EQ(server.banner(), "bilan serve : à l’écoute sur http://127.0.0.1:" + std::to_string(server.port()) + "\n");

  auto health = server.call("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");
  expect_documented("/healthz", "get", health);

  auto openapi = server.call("GET", "/api/v1/openapi.json");
  EXPECT_EQ(openapi.status, 200);
  EXPECT_EQ(openapi.body, read_text(source_path("src/serve/openapi.json")));
  expect_documented("/api/v1/openapi.json", "get", openapi);

  auto forms = server.call("GET", "/api/v1/forms");
  ASSERT_EQ(forms.status, 200);
  expect_documented("/api/v1/forms", "get", forms);
  const auto list = nlohmann::json::parse(forms.body);
  EXPECT_EQ(list["forms"][0]["id"], "clas-2024-2025");

  auto departments = server.call("GET", "/api/v1/departments");
  ASSERT_EQ(departments.status, 200);
  expect_documented("/api/v1/departments", "get", departments);
  EXPECT_GT(nlohmann::json::parse(departments.body)["departments"].size(), 90u);

  auto blank = server.call("GET", "/api/v1/blank/clas-2024-2025?fillable=true");
  ASSERT_EQ(blank.status, 200);
  expect_documented("/api/v1/blank/{form}", "get", blank);
  ASSERT_TRUE(blank.body.starts_with("%PDF-"));
  write_text(dir + "/blank.pdf", blank.body);
  EXPECT_EQ(run({"qpdf", "--check", dir + "/blank.pdf"}).exit_code, 0);

  // check: the JSON of `bilan check --format json` on the same file, named as the server names a body.
  const std::string answers = sample("totaux-a-verifier-2024-2025.xml");
  auto check = server.call("POST", "/api/v1/check", "application/xml", answers);
  ASSERT_EQ(check.status, 200);
  expect_documented("/api/v1/check", "post", check);
  write_text(dir + "/requete.xml", answers);
  const auto cli = run({"sh", "-c", "cd '" + dir + "' && exec '" + bilan_binary() + "' check --format json requete.xml"});
  EXPECT_EQ(check.body, cli.out);
  EXPECT_NE(check.body.find("computed-mismatch"), std::string::npos);

  // fill: the bytes of `bilan fill`, PDF/A too at the same SOURCE_DATE_EPOCH.
  const std::string rural = sample("commune-rurale-2024-2025.xml");
  for (const std::string query : {"", "?pdfa=true"}) {
    auto fill = server.call("POST", "/api/v1/fill" + query, "application/xml", rural);
    ASSERT_EQ(fill.status, 200) << fill.body;
    expect_documented("/api/v1/fill", "post", fill);
    const auto made = run({"sh", "-c", "SOURCE_DATE_EPOCH=1700000000 exec '" + bilan_binary() + "' fill " +
                                           (query.empty() ? "" : "--pdfa ") + "'" + source_path("samples/commune-rurale-2024-2025.xml") +
                                           "' -o '" + dir + "/cli.pdf'"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_TRUE(fill.body == read_text(dir + "/cli.pdf")) << "fill" << query << " differs from bilan fill";
  }

  // multipart/form-data: the answer file and the images it names, as parts; the PDF/A of `bilan fill --pdfa`.
  {
    const std::string boundary = "----bilan-test-frontiere";
    auto part = [&](const std::string& name, const std::string& file, const std::string& type, const std::string& bytes) {
      return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file +
             "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes + "\r\n";
    };
    const std::string body = part("answers", "reponses.xml", "application/xml", sample("association-urbaine-2024-2025.xml")) +
                             part("cachet", "images/cachet-association.png", "image/png", sample("images/cachet-association.png")) +
                             part("signature", "images/signature-presidente.jpg", "image/jpeg", sample("images/signature-presidente.jpg")) +
                             "--" + boundary + "--\r\n";
    auto fill = server.call("POST", "/api/v1/fill?pdfa=true", "multipart/form-data; boundary=" + boundary, body);
    ASSERT_EQ(fill.status, 200) << fill.body;
    expect_documented("/api/v1/fill", "post", fill);
    const auto made = run({"sh", "-c", "SOURCE_DATE_EPOCH=1700000000 exec '" + bilan_binary() + "' fill --pdfa '" +
                                           source_path("samples/association-urbaine-2024-2025.xml") + "' -o '" + dir + "/urban.pdf'"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_TRUE(fill.body == read_text(dir + "/urban.pdf")) << "multipart fill differs from bilan fill --pdfa";
    auto no_boundary = server.call("POST", "/api/v1/check", "multipart/form-data", body);
    EXPECT_EQ(no_boundary.status, 400);
    expect_documented("/api/v1/check", "post", no_boundary);
  }

  // import-pdf: a fillable bilan back as an answer file.
  auto partial = server.call("POST", "/api/v1/fill?partial=true&fillable=true", "application/xml", rural);
  ASSERT_EQ(partial.status, 200) << partial.body;
  auto imported = server.call("POST", "/api/v1/import-pdf", "application/pdf", partial.body);
  ASSERT_EQ(imported.status, 200) << imported.body;
  expect_documented("/api/v1/import-pdf", "post", imported);
  const auto back = nlohmann::json::parse(imported.body);
  EXPECT_EQ(back["errors"], 0);
  EXPECT_NE(back["answers"].get<std::string>().find("<bilan"), std::string::npos);
  auto recheck = server.call("POST", "/api/v1/check", "application/xml", back["answers"].get<std::string>());
  EXPECT_EQ(recheck.status, 200);
  EXPECT_EQ(nlohmann::json::parse(recheck.body)["errors"], 0) << recheck.body;

  // Requests that cannot be served: problem documents.
  auto unknown = server.call("GET", "/api/v1/blank/pas-un-formulaire");
  EXPECT_EQ(unknown.status, 404);
  expect_documented("/api/v1/blank/{form}", "get", unknown);
  EXPECT_EQ(nlohmann::json::parse(unknown.body)["detail"], "formulaire « pas-un-formulaire » inconnu ; la liste : GET /api/v1/forms");
  EXPECT_EQ(server.call("GET", "/api/v1/rien").status, 404);
  EXPECT_EQ(server.call("GET", "/api/v1/x%0Abilan%20serve%20:%20GET%20/faux").status, 404);  // no forged log line
  auto wrong_method = server.call("GET", "/api/v1/fill");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_NE(wrong_method.head.find("Allow: POST"), std::string::npos);
  expect_documented("/api/v1/fill", "post", {405, wrong_method.content_type, "", ""});
  auto wrong_type = server.call("POST", "/api/v1/fill", "text/plain", rural);

  // An image an answer file names is never read from the server's disk.
  auto urban = server.call("POST", "/api/v1/check", "application/xml", sample("association-urbaine-2024-2025.xml"));
  ASSERT_EQ(urban.status, 200);
  EXPECT_NE(urban.body.find("\"message\": \"image « images/cachet-association.png » : le service ne lit pas les fichiers du serveur "
                            "(envoyez les réponses et les fichiers qu’elles nomment en multipart/form-data)\""),
            std::string::npos)
      << urban.body;
  EXPECT_EQ(wrong_type.status, 415);
  expect_documented("/api/v1/fill", "post", wrong_type);
  EXPECT_EQ(wrong_type.content_type, "application/problem+json");
  auto malformed = server.call("POST", "/api/v1/check", "application/xml", "<bilan form=\"clas-2024-2025\">\n<answer");
  EXPECT_EQ(malformed.status, 400);
  expect_documented("/api/v1/check", "post", malformed);
  const auto problem = nlohmann::json::parse(malformed.body);
  EXPECT_EQ(problem["diagnostics"][0]["file"], "requete.xml");
  EXPECT_EQ(problem["diagnostics"][0]["line"], 2);
  EXPECT_EQ(problem["diagnostics"][0]["code"], "xml-syntax");

  // 413 from the announced length, before the body is read.
  {
    const int fd = connect_to(server.port());
    ASSERT_GE(fd, 0);
    send_all(fd, "POST /api/v1/fill HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/xml\r\n"
                 "Content-Length: 17000000\r\n\r\n");
    const auto big = parse_reply(read_all(fd));
    ::close(fd);
    EXPECT_EQ(big.status, 413);
    expect_documented("/api/v1/fill", "post", big);
  }
  // 413 from a body longer than the bound, sent chunked (no length announced).
  {
    const int fd = connect_to(server.port());
    ASSERT_GE(fd, 0);
    std::string req = "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/xml\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(1 << 20, 'a');
    send_all(fd, req);
    for (int i = 0; i < 17; ++i) send_all(fd, "100000\r\n" + chunk + "\r\n");
    send_all(fd, "0\r\n\r\n");
    const auto big = parse_reply(read_all(fd));
    ::close(fd);
    EXPECT_EQ(big.status, 413);
  }

  EXPECT_EQ(server.stop(), 0);
  const std::string log = server.log();
  EXPECT_NE(log.find("bilan serve : POST /api/v1/fill 200 "), std::string::npos) << log;
  EXPECT_NE(log.find("bilan serve : GET /api/v1/blank/clas-2024-2025 200 "), std::string::npos) << log;  // no query
  EXPECT_EQ(log.find("fillable"), std::string::npos) << log;
  EXPECT_EQ(log.find("Commune"), std::string::npos) << log;  // never a body
  EXPECT_EQ(log.find("commune"), std::string::npos) << log;
  EXPECT_EQ(log.find("<bilan"), std::string::npos) << log;
  EXPECT_NE(log.find("bilan serve : GET /api/v1/x?bilan?serve?:?GET?/faux 404 "), std::string::npos) << log;
  EXPECT_EQ(log.find("\nbilan serve : GET /faux"), std::string::npos) << log;
}

// SIGTERM while a request is under way: it is answered, then the server exits 0.
// No request reaches the store until access links say who may read an action:
// the server takes no --db (docs/serve.md).
TEST(Serve, TakesNoStore) {
  const auto r = run({bilan_binary(), "serve", "--db", temp_dir() + "/bilan.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "bilan: erreur: l’option --db ne s’applique pas à « bilan serve » ; options de serve : --listen, --workers, --layouts, "
            "--fonts, --help\nEssayez « bilan serve --help ».\n");
}

TEST(Serve, SigtermFinishesTheRequestUnderWay) {
  const std::string dir = temp_dir();
  Server server;
  ASSERT_GT(server.port(), 0) << server.banner() << server.log();
  const std::string urban = sample("commune-rurale-2024-2025.xml");
  const int fd = connect_to(server.port());
  ASSERT_GE(fd, 0);
  // « Expect: 100-continue »: the « 100 Continue » says the server has the request.
  send_all(fd, "POST /api/v1/fill HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/xml\r\nExpect: 100-continue\r\n"
               "Content-Length: " + std::to_string(urban.size()) + "\r\n\r\n");
  const std::string cont = read_all(fd, "\r\n\r\n");
  ASSERT_TRUE(cont.starts_with("HTTP/1.1 100")) << cont;
  ::kill(server.pid(), SIGTERM);
  send_all(fd, urban);
  const auto reply = parse_reply(read_all(fd));
  ::close(fd);
  EXPECT_EQ(reply.status, 200);
  EXPECT_TRUE(reply.body.starts_with("%PDF-"));
  EXPECT_EQ(server.stop(), 0);
  EXPECT_NE(server.log().find("arrêté"), std::string::npos);
}

}  // namespace

namespace {

// Clients that send half a request head and wait hold no worker: with two
// workers, eight of them do not stop a ninth client from being answered.
TEST(Serve, SlowClientsHoldNoWorker) {
  const std::string dir = temp_dir();
  Server server;
  ASSERT_GT(server.port(), 0) << server.banner() << server.log();
  std::vector<int> slow;
  for (int i = 0; i < 8; ++i) {
    const int fd = connect_to(server.port());
    ASSERT_GE(fd, 0);
    send_all(fd, "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nX-Lent: ");
    slow.push_back(fd);
  }
  const int half_body = connect_to(server.port());
  ASSERT_GE(half_body, 0);
  send_all(half_body, "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 1000\r\n\r\n<bilan");
  const auto health = server.call("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  const auto forms = server.call("GET", "/api/v1/forms");
  EXPECT_EQ(forms.status, 200);
  for (const int fd : slow) ::close(fd);
  ::close(half_body);
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace

#include "support/test_support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "fonts/font_manifest.hpp"

namespace bilan::testing {

namespace {
std::string normal(const std::string& path) { return std::filesystem::path(path).lexically_normal().string(); }
}  // namespace

MemoryEnvironment::MemoryEnvironment()
    : layout_dirs_{source_path("layouts")}, font_manifest_(source_path("fonts/fonts.conf")) {}

MemoryEnvironment MemoryEnvironment::with_fonts() {
  MemoryEnvironment env;
  env.add_fonts();
  return env;
}

void MemoryEnvironment::add_file(const std::string& path, std::string content) { files_[normal(path)] = std::move(content); }

void MemoryEnvironment::add_disk_file(const std::string& path) { add_file(path, read_text(path)); }

void MemoryEnvironment::add_disk_tree(const std::string& dir) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) add_disk_file(entry.path().string());
}

void MemoryEnvironment::add_fonts() {
  add_disk_file(font_manifest_);
  const fonts::FontManifest manifest = fonts::must_load_font_manifest(*this, font_manifest_);
  for (const auto& file : manifest.files) {
    if (file.empty()) continue;  // Face::None has no file
    std::ifstream in(file, std::ios::binary);
    if (!in)
      throw std::runtime_error("font " + file + " (named by " + font_manifest_ +
                               ") cannot be read: install Debian's fonts-liberation2 and fonts-dejavu-core (scripts/setup.sh)");
    add_file(file, std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
}

bool MemoryEnvironment::try_read_file(const std::string& path, std::string& out, std::string& error) const {
  const auto it = files_.find(normal(path));
  if (it == files_.end()) {
    error = "fichier introuvable";
    return false;
  }
  out = it->second;
  return true;
}

bool MemoryEnvironment::file_exists(const std::string& path) const { return files_.count(normal(path)) != 0; }

std::vector<std::string> MemoryEnvironment::list_files(const std::string& dir) const {
  std::vector<std::string> out;
  // « DIR/ » keeps an empty last element: its parent is DIR, with or without the slash given.
  const std::filesystem::path folder = std::filesystem::path(normal(dir + "/"));
  for (const auto& [path, content] : files_)
    if (std::filesystem::path(path).parent_path() == folder.parent_path()) out.push_back(path);
  return out;
}

std::string source_dir() {
  if (const char* env = std::getenv("BILAN_SOURCE_DIR")) return env;
  return BILAN_SOURCE_DIR;
}

std::string source_path(const std::string& rel) { return source_dir() + "/" + rel; }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  const auto le = [](std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  std::string zip, central;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<std::uint32_t>(zip.size());
    const auto size = static_cast<std::uint32_t>(data.size());
    const auto name_len = static_cast<std::uint32_t>(name.size());
    // CRC left 0: bilan reads names, never checks the data.
    zip += "PK\x03\x04";
    le(zip, 20, 2), le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 4);
    le(zip, size, 4), le(zip, size, 4), le(zip, name_len, 2), le(zip, 0, 2);
    zip += name + data;
    central += "PK\x01\x02";
    le(central, 20, 2), le(central, 20, 2), le(central, 0, 2), le(central, 0, 2), le(central, 0, 2), le(central, 0, 2);
    le(central, 0, 4), le(central, size, 4), le(central, size, 4), le(central, name_len, 2), le(central, 0, 2);
    le(central, 0, 2), le(central, 0, 2), le(central, 0, 2), le(central, 0, 4), le(central, offset, 4);
    central += name;
  }
  const auto cd_offset = static_cast<std::uint32_t>(zip.size());
  zip += central;
  zip += "PK\x05\x06";
  le(zip, 0, 2), le(zip, 0, 2), le(zip, static_cast<std::uint32_t>(entries.size()), 2);
  le(zip, static_cast<std::uint32_t>(entries.size()), 2), le(zip, static_cast<std::uint32_t>(central.size()), 4);
  le(zip, cd_offset, 4), le(zip, 0, 2);
  return zip;
}

std::string tiny_odt(const std::string& tag) {
  return stored_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                     {"content.xml", "<office:document-content><office:text>" + tag + "</office:text></office:document-content>"}});
}

std::string tiny_docx(const std::string& tag) {
  return stored_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document><w:t>" + tag + "</w:t></w:document>"}});
}

std::string bilan_binary() { return BILAN_BINARY; }

namespace {
std::vector<std::string>& temp_dirs() {
  static std::vector<std::string> dirs;
  return dirs;
}
void remove_temp_dirs() {
  for (const auto& d : temp_dirs()) std::filesystem::remove_all(d);
}
}  // namespace

std::string temp_dir() {
  // The list must exist before the exit handler is registered, so that it is
  // destroyed after the handler has run.
  auto& dirs = temp_dirs();
  static std::once_flag once;
  std::call_once(once, [] { std::atexit(remove_temp_dirs); });
  std::string tmpl = (std::filesystem::temp_directory_path() / "bilan-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  dirs.push_back(tmpl);
  return tmpl;
}

CommandResult run(const std::vector<std::string>& argv, const std::string& stdin_text) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (!stdin_text.empty()) {
    ssize_t ignored = write(in_pipe[1], stdin_text.data(), stdin_text.size());
    (void)ignored;
  }
  close(in_pipe[1]);
  CommandResult r;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(n));
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::vector<std::string> shapes_over_text(const compose::PagedDocument& doc) {
  std::vector<std::string> out;
  const auto overlaps = [](const Rect& a, const Rect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.y + b.height && b.y < a.y + a.height;
  };
  for (std::size_t p = 0; p < doc.pages.size(); ++p) {
    std::vector<std::pair<Rect, std::string>> texts;  // bodies of the text printed so far
    for (const auto& item : doc.pages[p].items) {
      if (const auto* t = std::get_if<compose::TextItem>(&item)) {
        if (t->invisible()) continue;  // a box's state under the box, for readers only
        double advance = 0;
        for (const auto& g : t->glyphs) advance += g.advance * t->size / 1000.0;
        texts.push_back({Rect{t->x, t->y - 0.7 * t->size, advance, 0.7 * t->size}, t->text});
        continue;
      }
      std::optional<Rect> shape;
      if (const auto* l = std::get_if<compose::LineItem>(&item))
        shape = Rect{std::min(l->x1, l->x2) - l->width / 2, std::min(l->y1, l->y2) - l->width / 2,
                     std::abs(l->x2 - l->x1) + l->width, std::abs(l->y2 - l->y1) + l->width};
      if (const auto* b = std::get_if<compose::BoxItem>(&item)) shape = b->rect;
      if (const auto* c = std::get_if<compose::CheckboxItem>(&item)) shape = c->rect;
      if (const auto* i = std::get_if<compose::ImageItem>(&item)) shape = i->rect;
      if (!shape) continue;
      for (const auto& [body, text] : texts)
        if (overlaps(*shape, body))
          out.push_back("page " + std::to_string(p + 1) + ": a shape at " + std::to_string(shape->x) + "," +
                        std::to_string(shape->y) + " covers « " + text + " »");
    }
  }
  return out;
}

KillResult kill_when_file_grows(int child, const std::string& file, std::uintmax_t bytes) {
  KillResult r;
  for (int i = 0; i < 2000 && !r.grew; ++i) {
    std::error_code ec;
    r.grew = std::filesystem::file_size(file, ec) > bytes;
    if (!r.grew) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  r.signaled = WIFSIGNALED(status);
  return r;
}

SourceForms& source_forms() {
  static SourceForms forms;
  return forms;
}

}  // namespace bilan::testing

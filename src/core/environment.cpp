#include "core/environment.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <algorithm>

#include "core/error.hpp"

#include "core/diagnostic.hpp"

namespace bilan {

DataDir find_data_dir() {
  namespace fs = std::filesystem;
  DataDir d;
  const auto has_layouts = [](const std::string& dir) {
    std::error_code ec;
    return fs::is_directory(dir + "/layouts", ec);
  };
  if (const char* v = std::getenv("BILAN_DATA_DIR"); v && *v) {
    d.from_variable = true;
    if (has_layouts(v)) d.path = v;
    else d.error = std::string("BILAN_DATA_DIR=") + v + " : ce dossier n’a pas de sous-dossier layouts/";
    return d;
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) {
    d.error = "données de bilan introuvables (/proc/self/exe illisible) : indiquez leur dossier par BILAN_DATA_DIR";
    return d;
  }
  const fs::path bin = exe.parent_path();
  const std::string installed = (bin / BILAN_INSTALL_DATA_REL).lexically_normal().string();
  if (has_layouts(installed)) {
    d.path = installed;
  } else if ((bin == fs::path(BILAN_BUILD_DIR) || fs::equivalent(bin, BILAN_BUILD_DIR, ec)) &&  // a symlink in its path
             has_layouts(BILAN_SOURCE_DATA_DIR)) {
    d.path = BILAN_SOURCE_DATA_DIR;  // the program of a build folder: the source tree's data
  } else {
    d.error = "données de bilan introuvables : pas de " + installed + "/layouts (à côté de " + exe.string() +
              ") ; installez bilan avec « cmake --install build --prefix DOSSIER » ou indiquez le dossier de ses "
              "données (layouts/, fonts/fonts.conf) par BILAN_DATA_DIR";
  }
  return d;
}

bool try_read_input(const Environment& env, const std::string& path, std::string& bytes, DiagnosticSink& sink) {
  std::string error;
  if (env.try_read_file(path, bytes, error)) return true;
  sink.error(SourceLoc{std::make_shared<const std::string>(path)}, DiagCode::UnreadableFile, "lecture impossible : " + error);
  return false;
}

FileSystemEnvironment::FileSystemEnvironment(std::vector<std::string> layout_dirs, std::string font_manifest)
    : layout_dirs_(std::move(layout_dirs)), font_manifest_(std::move(font_manifest)) {}

namespace {

struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

class StringBytes final : public FileBytes {
 public:
  explicit StringBytes(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string_view bytes() const override { return bytes_; }

 private:
  std::string bytes_;
};

class MappedBytes final : public FileBytes {
 public:
  MappedBytes(void* data, std::size_t size) : data_(data), size_(size) {}
  ~MappedBytes() override { ::munmap(data_, size_); }
  MappedBytes(const MappedBytes&) = delete;
  MappedBytes& operator=(const MappedBytes&) = delete;
  std::string_view bytes() const override { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_;
  std::size_t size_;
};

std::string too_big_text(const std::string& size, std::uint64_t limit) {
  return "fichier trop volumineux (" + size + " octets ; limite : " + limit_text(limit) + " octets)";
}

}  // namespace

std::unique_ptr<const FileBytes> Environment::try_map_file(const std::string& path, std::string& error) const {
  std::string bytes;
  if (!try_read_file(path, bytes, error)) return nullptr;
  return std::make_unique<StringBytes>(std::move(bytes));
}

int FileSystemEnvironment::open_input(const std::string& path, std::uint64_t& size, std::string& error) const {
  // Opened without blocking (a FIFO must not wait for a writer), then only a
  // regular file is read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = errno == ENOENT || errno == ENOTDIR ? "fichier introuvable" : "lecture impossible (" + system_reason(errno) + ")";
    return -1;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = "lecture impossible (" + system_reason(errno) + ")";
  } else if (S_ISDIR(st.st_mode)) {
    error = "c’est un dossier, pas un fichier";
  } else if (!S_ISREG(st.st_mode)) {
    error = "ce n’est pas un fichier ordinaire (tube, périphérique ou socket)";
  } else if (static_cast<std::uint64_t>(st.st_size) > max_input_bytes()) {
    error = too_big_text(limit_text(static_cast<std::uint64_t>(st.st_size)), max_input_bytes());
  } else {
    const std::lock_guard lock(inputs_->mutex);
    inputs_->read.try_emplace({static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)}, path);
    size = static_cast<std::uint64_t>(st.st_size);
    return fd;
  }
  ::close(fd);
  return -1;
}

bool FileSystemEnvironment::try_read_file(const std::string& path, std::string& out, std::string& error) const {
  // Never more than the limit, whatever the size claims (a file that grows, /proc…).
  std::uint64_t size = 0;
  const int fd = open_input(path, size, error);
  if (fd < 0) return false;
  const FdCloser closer{fd};
  const std::uint64_t limit = max_input_bytes();
  out.resize(static_cast<std::size_t>(size) + 1);
  std::size_t done = 0;
  for (;;) {
    if (done == out.size()) {
      if (done > limit) {
        error = too_big_text("plus de " + limit_text(limit), limit);
        return false;
      }
      out.resize(std::min<std::uint64_t>(limit + 1, out.size() * 2 + 4096));
    }
    const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = "erreur de lecture (" + system_reason(errno) + ")";
      return false;
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (done > limit) {
    error = too_big_text("plus de " + limit_text(limit), limit);
    return false;
  }
  out.resize(done);
  return true;
}

std::unique_ptr<const FileBytes> FileSystemEnvironment::try_map_file(const std::string& path, std::string& error) const {
  // A private read-only mapping of a regular file within the size limit. The
  // mapping keeps the bytes of the file as opened even if it is replaced
  // (package upgrades write a new file and rename it); only a file truncated
  // in place while mapped would fault.
  std::uint64_t size = 0;
  const int fd = open_input(path, size, error);
  if (fd < 0) return nullptr;
  const FdCloser closer{fd};
  if (size == 0) return std::make_unique<StringBytes>(std::string());
  void* data = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) return Environment::try_map_file(path, error);  // some file systems cannot map: read it
  return std::make_unique<MappedBytes>(data, static_cast<std::size_t>(size));
}

std::optional<UtcTime> FileSystemEnvironment::now() const {
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0' && v >= 0) t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return std::nullopt;
  return UtcTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
}

std::optional<std::string> FileSystemEnvironment::input_read_as(std::uint64_t device, std::uint64_t inode) const {
  const std::lock_guard lock(inputs_->mutex);
  const auto it = inputs_->read.find({device, inode});
  if (it == inputs_->read.end()) return std::nullopt;
  return it->second;
}

std::string FileSystemEnvironment::database_conflict(const std::string& path) const {
  if (database_.empty()) return {};
  namespace fs = std::filesystem;
  const auto resolved = [](const std::string& p) {
    std::error_code ec;
    const fs::path abs = fs::absolute(p, ec);
    return ec ? fs::path(p) : fs::weakly_canonical(abs, ec).lexically_normal();
  };
  struct stat out {};
  const bool exists = ::stat(path.c_str(), &out) == 0;
  const fs::path target = resolved(path);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string file = database_ + suffix;
    struct stat st {};
    const bool same = (exists && ::stat(file.c_str(), &st) == 0 && st.st_dev == out.st_dev && st.st_ino == out.st_ino) ||
                      resolved(file) == target;
    if (!same) continue;
    if (*suffix == '\0') return "c’est la base « " + database_ + " » de cette commande : elle ne sera pas remplacée ; choisissez un autre nom";
    return "c’est « " + file + " », un journal de la base « " + database_ +
           " » : il ne sera pas remplacé ; choisissez un autre nom";
  }
  return {};
}

std::string system_reason(int errnum) {
  switch (errnum) {
    case ENOENT: return "fichier ou dossier introuvable";
    case ENOTDIR: return "un élément du chemin n’est pas un dossier";
    case EISDIR: return "c’est un dossier";
    case EACCES: return "permission refusée";
    case EPERM: return "opération non permise";
    case EROFS: return "système de fichiers en lecture seule";
    case ENOSPC: return "plus de place sur le disque";
    case EDQUOT: return "quota de disque dépassé";
    case EFBIG: return "fichier trop gros pour le système de fichiers";
    case EEXIST: return "le fichier existe déjà";
    case EXDEV: return "déplacement d’un système de fichiers à un autre impossible";
    case ENAMETOOLONG: return "nom de fichier trop long";
    case ELOOP: return "trop de niveaux de liens symboliques";
    case EMFILE: return "trop de fichiers ouverts par le programme";
    case ENFILE: return "trop de fichiers ouverts sur le système";
    case EIO: return "erreur d’entrée-sortie du disque";
    case ENOMEM: return "mémoire insuffisante";
    case EBUSY: return "ressource occupée";
    case ETXTBSY: return "fichier en cours d’exécution";
    case ENOTEMPTY: return "dossier non vide";
    case EAGAIN: return "ressource momentanément indisponible";
    case EINTR: return "interrompu par un signal";
    case EINVAL: return "argument invalide";
    case ENXIO:
    case ENODEV: return "périphérique absent";
    case ESTALE: return "fichier réseau périmé";
    case ENOTSUP: return "opération non prise en charge par le système de fichiers";
    case EBADF: return "descripteur de fichier invalide";
    default: break;
  }
  // Never strerror()'s English sentence: the number and its symbolic name.
  const char* name = ::strerrorname_np(errnum);
  return "erreur système " + std::to_string(errnum) + (name ? std::string(" (") + name + ")" : std::string());
}

bool FileSystemEnvironment::file_exists(const std::string& path) const {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

std::vector<std::string> Environment::list_files(const std::string& dir) const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file(ec)) out.push_back(entry.path().string());
  return out;
}

bool path_inside(const std::string& path, const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return false;
  const fs::path f = fs::weakly_canonical(fs::absolute(folder, ec), ec);
  if (ec) return false;
  auto pi = p.begin();
  for (auto fi = f.begin(); fi != f.end(); ++fi, ++pi) {
    if (fi->empty() && std::next(fi) == f.end()) break;  // a trailing separator
    if (pi == p.end() || *pi != *fi) return false;
  }
  return true;
}

std::string must_read_file(const Environment& env, const std::string& path) {
  std::string data, error;
  if (!env.try_read_file(path, data, error)) throw IoError(path + ": " + error);
  return data;
}

}  // namespace bilan

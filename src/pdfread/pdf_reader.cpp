#include "pdfread/pdf_reader.hpp"

#include "pdfread/qpdf_reader.hpp"

#if BILAN_PDFREAD_MODULE
#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#endif

namespace bilan::pdfread {
namespace {

#if BILAN_PDFREAD_MODULE
struct Module {
  const detail::ReaderApi* api = nullptr;
  std::string error;
};

// Beside the running program (the build folder), where `cmake --install`
// puts it relative to the program (PREFIX/lib/bilan), else the module as
// built (tests, benchmarks: programs of their own).
Module load_module() {
  Module m;
  std::array<char, 4096> exe{};
  const ssize_t n = readlink("/proc/self/exe", exe.data(), exe.size() - 1);
  std::string beside, installed;
  if (n > 0) {
    const std::string path(exe.data(), static_cast<std::size_t>(n));
    const std::string dir = path.substr(0, path.rfind('/') + 1);
    beside = dir + "libbilan_pdfread.so";
    installed = (std::filesystem::path(dir) / BILAN_INSTALL_MODULE_REL).lexically_normal().string();
  }
  for (const std::string& path : {beside, installed, std::string(BILAN_PDFREAD_MODULE_PATH)}) {
    if (path.empty() || access(path.c_str(), F_OK) != 0) continue;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      m.error = std::string("module de lecture des PDF inutilisable : ") + dlerror();
      return m;
    }
    using Entry = const detail::ReaderApi* (*)();
    const auto entry = reinterpret_cast<Entry>(dlsym(handle, "bilan_pdfread_api"));
    const detail::ReaderApi* api = entry ? entry() : nullptr;
    if (!api || api->version != detail::kReaderApiVersion) {
      m.error = "module de lecture des PDF d’une autre version de bilan : " + path;
      return m;
    }
    m.api = api;  // never dlclose()d: it lives as long as the process
    return m;
  }
  m.error = "module de lecture des PDF introuvable : ni " + (beside.empty() ? "libbilan_pdfread.so" : beside) + ", ni " +
            (installed.empty() ? std::string(BILAN_INSTALL_MODULE_REL) : installed) +
            " (installez bilan avec « cmake --install »)";
  return m;
}

// Loaded once, on first use, then read-only: like the dynamic linker's own
// tables, shared by every thread.
const Module& module() {
  static const Module m = load_module();
  return m;
}
#endif

}  // namespace

bool try_read_pdf(std::string_view bytes, const PdfReadLimits& limits, PdfContents& out, std::string& error) {
#if BILAN_PDFREAD_MODULE
  return module().api ? module().api->read_pdf(bytes, limits, out, error) : (error = module().error, false);
#else
  return detail::qpdf_read_pdf(bytes, limits, out, error);
#endif
}

bool try_read_form(std::string_view bytes, const PdfReadLimits& limits, PdfForm& out, std::string& error) {
#if BILAN_PDFREAD_MODULE
  return module().api ? module().api->read_form(bytes, limits, out, error) : (error = module().error, false);
#else
  return detail::qpdf_read_form(bytes, limits, out, error);
#endif
}

}  // namespace bilan::pdfread

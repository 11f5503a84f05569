// cli/main — `bilan`: parses the command line, builds the Environment, calls
// the Engine, prints diagnostics, writes files atomically. Thin on purpose.
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "cli/archive_command.hpp"
#include "cli/args.hpp"
#include "cli/import_pdf_command.hpp"
#include "core/environment.hpp"
#include "core/error.hpp"
#include "core/heap.hpp"
#include "core/suggest.hpp"
#include "core/utf8.hpp"
#include "engine/batch.hpp"
#include "engine/commands.hpp"
#include "engine/csv_import.hpp"
#include "engine/diagnostics_json.hpp"
#include "engine/engine.hpp"
#include "engine/extract.hpp"
#include "engine/store_import.hpp"
#include "engine/synthesis.hpp"
#include "load/answers_loader.hpp"
#include "load/same_as.hpp"
#include "spec/department.hpp"
#include "spec/form_spec.hpp"
#include "spec/variables.hpp"
#include "spec/walk.hpp"
#include "serve/api.hpp"
#include "serve/http_server.hpp"
#include "serve/sealed_environment.hpp"
#include "store/sqlite_store.hpp"

namespace {

using namespace bilan;
namespace fs = std::filesystem;

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;

std::vector<std::string> split_path_list(const char* value) {
  std::vector<std::string> out;
  if (!value) return out;
  std::string cur;
  for (const char* p = value;; ++p) {
    if (*p == ':' || *p == '\0') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      if (*p == '\0') break;
    } else {
      cur += *p;
    }
  }
  return out;
}

FileSystemEnvironment make_environment(const cli::Args& args) {
  // A folder named on the command line must exist: a typo would otherwise fall
  // back to the built-in layouts without a word.
  for (const auto& d : args.layout_dirs) {
    std::error_code ec;
    if (!fs::is_directory(d, ec))
      throw IoError("--layouts " + d + " : " + (fs::exists(d, ec) ? "ce n’est pas un dossier" : "dossier introuvable"));
  }
  std::vector<std::string> dirs = args.layout_dirs;
  for (auto& d : split_path_list(std::getenv("BILAN_LAYOUTS"))) dirs.push_back(d);
  std::string fonts = args.fonts;  // --fonts, else $BILAN_FONTS (cli/args.cpp)
  // The installed data (core/environment.hpp), needed unless layouts and fonts are all given.
  const DataDir data = find_data_dir();
  if (data.path.empty() && (data.from_variable || dirs.empty() || fonts.empty())) throw IoError(data.error);
  if (!data.path.empty()) dirs.push_back(data.path + "/layouts");
  if (fonts.empty()) fonts = data.path + "/fonts/fonts.conf";
  FileSystemEnvironment env(std::move(dirs), std::move(fonts));
  env.set_images_anywhere(args.images_anywhere);
  if (args.command == "store" || args.command == "batch" || args.command == "archive" || args.command == "synthese" ||
      ((args.command == "import-pdf" || args.command == "fill") && args.db_given))
    env.set_database(args.db);
  return env;
}

void print_diagnostics(const DiagnosticSink& sink, const std::string& format, std::ostream& out) {
  if (format == "json") {
    out << engine::diagnostics_json(sink);
    return;
  }
  for (const auto& d : sink.sorted()) out << (d.loc.known() ? "" : "bilan: ") << d.to_string() << "\n";
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

// Where output may go: a new name, or a regular file that is no input of this
// run. Compared by device and inode, not by name: a hard link or a symbolic
// link to the layout, the answers, an image or a font is refused too; so is
// the database (--db) and its journals, which SQLite reads. A device, a pipe
// or a folder is never replaced (as root, rename() would replace /dev/null itself).
void check_output(const FileSystemEnvironment& env, const std::string& path) {
  if (const std::string why = env.database_conflict(path); !why.empty()) throw IoError(path + " : " + why);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;  // a new name
    throw IoError(path + " : écriture impossible (" + system_reason(errno) + ")");
  }
  if (S_ISLNK(st.st_mode) && ::stat(path.c_str(), &st) != 0) return;  // a dangling link: only the link is replaced
  if (S_ISDIR(st.st_mode)) throw IoError(path + " : c’est un dossier ; indiquez un fichier, par exemple -o bilan.pdf");
  if (!S_ISREG(st.st_mode))
    throw IoError(path + " : ce n’est pas un fichier ordinaire (périphérique, tube ou socket) : il ne sera pas remplacé");
  if (const auto input = env.input_read_as(static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)))
    throw IoError(path + " : c’est « " + *input + " », lu par cette commande : il ne sera pas remplacé ; choisissez un autre nom");
}

// Writes through a temporary file in the same folder, renamed at the end: a
// failed run never leaves a partial PDF behind, and readers never see one.
// The temporary name is short (.bilan-XXXXXX): a target name of 255 bytes,
// the longest a folder allows, still works.
void write_atomically(const FileSystemEnvironment& env, const std::string& path, const std::string& bytes) {
  check_output(env, path);
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw IoError(path + " : le dossier « " + dir.string() + " » n’existe pas");
  std::string tmpl = (dir / ".bilan-XXXXXX").string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) throw IoError(path + " : écriture impossible (" + system_reason(errno) + ")");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string reason = system_reason(errno);
      ::close(fd);
      ::unlink(tmpl.c_str());
      throw IoError(path + " : écriture impossible (" + reason + ")");
    }
    done += static_cast<std::size_t>(n);
  }
  fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string reason = system_reason(errno);
    ::unlink(tmpl.c_str());
    throw IoError(path + " : écriture impossible (" + reason + ")");
  }
}

// An input named on the command line that cannot even be opened (missing,
// forbidden) is an I/O error, exit 2, whatever the command; said as its
// readers say it: « PATH: erreur: lecture impossible : fichier introuvable ».
class UnopenableInput : public IoError {
 public:
  using IoError::IoError;
};

void require_input(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd >= 0) {
    ::close(fd);
    return;
  }
  const std::string reason = errno == ENOENT || errno == ENOTDIR ? "fichier introuvable" : system_reason(errno);
  throw UnopenableInput(path + ": erreur: lecture impossible : " + reason);
}

// The --out folder, created as needed; a file there is said as such.
void make_output_dir(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw IoError(dir + " : ce n’est pas un dossier ; --out attend le dossier où écrire");
  fs::create_directories(dir, ec);
  if (ec) throw IoError(dir + " : création du dossier impossible (" + system_reason(ec.value()) + ")");
}

void need_operands(const cli::Args& args, std::size_t n, const char* what) {
  if (args.operands.size() < n)
    throw UsageError(std::string("il manque ") + what + " ; voir « bilan " + args.command + " --help »");
  if (args.operands.size() > n)
    throw UsageError("argument en trop « " + args.operands[n] + " » ; voir « bilan " + args.command + " --help »");
}

// One blank form per department that uses `form`, as DIR/CODE.pdf, with a
// progress line on a terminal.
int blank_all_departments(const FileSystemEnvironment& env, engine::Engine& engine, const std::string& form, const std::string& dir,
                          bool fillable) {
  DiagnosticSink sink;
  const spec::DepartmentRegistry* reg = engine.departments(sink);
  if (!reg) {
    print_diagnostics(sink, "text", std::cerr);
    throw IoError("aucun registre des départements (layouts/departments.xml) : --all-departments est impossible");
  }
  const spec::FormSpec* spec = engine.form(form, sink);
  if (!spec) {
    print_diagnostics(sink, "text", std::cerr);
    return kExitInvalid;
  }
  std::vector<const spec::Department*> chosen;
  for (const auto& d : reg->departments)
    if (spec->national || d.uses(spec->id)) chosen.push_back(&d);
  if (chosen.empty()) {
    std::cerr << "bilan: erreur: aucun département n’utilise le formulaire « " << spec->id << " »\n";
    return kExitInvalid;
  }
  make_output_dir(dir);
  const bool tty = isatty(STDERR_FILENO);
  int failures = 0;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const spec::Department& d = *chosen[i];
    const std::string file = (fs::path(dir) / (d.code + ".pdf")).string();
    if (tty) std::cerr << "\r[" << (i + 1) << "/" << chosen.size() << "] " << d.code << " " << d.name << "\x1b[K" << std::flush;
    DiagnosticSink one;
    engine::BlankOptions options;
    options.department = d.code;
    options.fillable = fillable;
    auto pdf = engine.blank(form, options, one);
    if (!pdf) {
      if (tty) std::cerr << "\n";
      print_diagnostics(one, "text", std::cerr);
      ++failures;
      continue;
    }
    write_atomically(env, file, *pdf);
    // Not a terminal (a log, a script): one line per file, as batch prints.
    if (!tty) std::cerr << "[" << (i + 1) << "/" << chosen.size() << "] " << file << "\n";
  }
  const std::size_t written = chosen.size() - static_cast<std::size_t>(failures);
  std::cerr << (tty ? "\r" : "") << written << (written > 1 ? " formulaires écrits dans " : " formulaire écrit dans ") << dir
            << (tty ? "\x1b[K\n" : "\n");
  return failures ? kExitInvalid : kExitOk;
}

// `s` then spaces up to `width` characters (at least one): columns line up on
// a terminal, where « décimal » is 7 characters wide, not 8 bytes.
std::string pad(const std::string& s, std::size_t width) {
  const std::size_t n = utf8::length(s);
  return s + std::string(n < width ? width - n : 1, ' ');
}

// A label or title as printed: the form's year variables replaced.
std::string form_text(const spec::FormSpec& form, const std::string& text) {
  return spec::interpolate(text, [&form](std::string_view name) { return form.variable(name); });
}


// What an answer file may say for one form: every id, its type, its label;
// a choice's values, a table's rows and columns. One overload per question kind.
void print_fields(const spec::FormSpec& form, const std::vector<spec::Node>& nodes) {
  const auto print = [&form](const spec::Question& q, const std::string& takes) {
    std::string line = pad("  " + q.id, 44) + pad(takes, 18) + form_text(form, q.label);
    if (q.required) line += " (obligatoire)";
    std::cout << line << "\n";
  };
  spec::for_each_question(nodes, spec::Overloaded{
      [&](const spec::Field& q) { print(q, std::string(spec::type_words(q.type)) + (q.computed ? ", calculé" : "")); },
      [&](const spec::TextArea& q) { print(q, "texte long"); },
      [&](const spec::YesNo& q) { print(q, "oui/non"); },
      [&](const spec::Choice& q) {
        print(q, q.multiple ? "choix multiple" : "choix");
        std::string opts;
        for (const auto& o : q.options) opts += (opts.empty() ? "" : ", ") + o.value + (o.other ? " (+ " + q.id + "." + o.value + ")" : "");
        std::cout << "      valeurs : " << opts << "\n";
      },
      [&](const spec::Table& q) {
        print(q, "tableau");
        std::string rows, cols;
        for (const auto& r : q.rows) rows += (rows.empty() ? "" : ", ") + r.id + (r.other ? " (label=…)" : "");
        for (const auto& c : q.columns) cols += (cols.empty() ? "" : ", ") + c.id + " (" + spec::type_words(c.type) + ")";
        std::cout << "      lignes : " << rows << "\n      colonnes : " << cols << "\n";
      },
      [&](const spec::Grid& q) {
        // Each row is answered on its own, as GRID.ROW, with one step of the scale.
        print(q, "grille");
        std::string steps;
        for (const auto& o : q.scale) steps += (steps.empty() ? "" : ", ") + o.value;
        std::cout << "      échelle : " << steps << "\n";
        for (const auto& r : q.rows) {
          std::string line = pad("    " + q.id + "." + r.id, 44) + pad("ligne", 18) + form_text(form, r.label);
          if (r.required) line += " (obligatoire)";
          std::cout << line << "\n";
        }
      }});
}

// The questions that take another form's stored answers (same-as), in the
// form's order: the mapping is data in the layout, said here. Nothing when none.
void print_same_as(const spec::FormSpec& form) {
  const auto sites = load::same_as_sites(form);
  if (sites.empty()) return;
  std::cout << "Réponses reprises d’autres formulaires (same-as ; bilan fill --partial --db) :\n";
  for (const auto& s : sites) std::cout << pad("  " + s.field, 44) << "repris de " << s.same->form << ":" << s.same->id << "\n";
}

// `bilan list` and `bilan list FORM`: every printing of the form's fields is
// here, in print_fields() and in print_same_as().
int list_command(engine::Engine& engine, const cli::Args& args) {
  if (args.operands.size() == 1) {
    DiagnosticSink sink;
    const spec::FormSpec* form = engine.form(args.operands[0], sink);
    print_diagnostics(sink, "text", std::cerr);
    if (!form) return kExitInvalid;
    std::cout << form->id << " — champs des fichiers de réponses (docs/answers.md)\n";
    print_fields(*form, form->body);
    for (const auto& [code, nodes] : form->department_blocks) {
      std::cout << "Partie propre au département " << code << " :\n";
      print_fields(*form, nodes);
    }
    print_same_as(*form);
    return kExitOk;
  }

  need_operands(args, 0, "");
  std::cout << "Formulaires :\n";
  for (const auto& id : engine.form_ids()) {
    DiagnosticSink ignored;
    const spec::FormSpec* form = engine.form(id, ignored);
    const std::string title = form ? form_text(*form, form->title) : "(layout invalide : bilan blank " + id + " pour le détail)";
    std::cout << "  " << pad(id, 32) << title << "\n";
  }
  DiagnosticSink registry_sink;
  if (const spec::DepartmentRegistry* reg = engine.departments(registry_sink)) {
    std::cout << "\nDépartements (" << reg->departments.size() << ") :\n";
    for (const auto& d : reg->departments) {
      std::string line = "  " + pad(d.code, 6) + d.caf();
      std::string extra;
      for (const auto& f : d.forms)
        if (f != "clas-2024-2025" && f != "tne-parentalite-numerique") extra += (extra.empty() ? "" : ", ") + f;
      if (d.tne) extra += std::string(extra.empty() ? "" : ", ") + "partie TNE";
      for (const auto& b : d.blocks) {
        extra += (extra.empty() ? "" : ", ") + std::string("partie propre « ") + b.block + " »";
        for (std::size_t i = 0; i < b.forms.size(); ++i) extra += (i == 0 ? " dans " : " et ") + b.forms[i];
      }
      std::cout << line << (extra.empty() ? "" : "  (" + extra + ")") << "\n";
    }
  }
  print_diagnostics(registry_sink, "text", std::cerr);
  return registry_sink.has_errors() ? kExitInvalid : kExitOk;
}

// --- store and batch ---------------------------------------------------------

// Set by SIGINT (Ctrl-C) or SIGTERM (kill, a service stopped) during a batch:
// workers take no new action, the ones under way finish (their PDFs are
// written whole, through a temporary file) and the summary is written.
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
extern "C" void on_stop_signal(int signal) {
  g_signal.store(signal);
  g_stop.store(true);
}

std::string read_input(const Environment& env, const std::string& path) {
  std::string bytes, error;
  if (!env.try_read_file(path, bytes, error)) throw IoError(path + " : lecture impossible (" + error + ")");
  return bytes;
}

// `bilan serve`: the Catalog loaded once, the HTTP server on its workers, and
// this thread waiting for SIGTERM or SIGINT (blocked in every thread, taken
// here by sigwait: no handler, no race), then a graceful stop.
int serve_command(const FileSystemEnvironment& env, const cli::Args& args) {
  need_operands(args, 0, "");
  serve::ServerOptions options;
  serve::parse_listen(args.listen, options.host, options.port);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  serve::SealedEnvironment sealed(env);
  const auto catalog = engine::Catalog::load(sealed);
  sealed.seal();  // from here, a request reads no file of the server
  // No request reads the store: until access links say who may read an
  // action's answers (issue 21, point 4), fill?partial=true takes nothing from it.
  const serve::Api api(*catalog, {}, nullptr);
  options.workers = args.jobs ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  options.log = [](const std::string& line) {
    const std::string text = "bilan serve : " + line + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
  };
  serve::HttpServer server(*catalog, api, options);
  std::cout << "bilan serve : à l’écoute sur " << server.url() << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cerr << "bilan serve : arrêt demandé ; les requêtes en cours finissent" << std::endl;
  server.shutdown(60);
  std::cerr << "bilan serve : arrêté" << std::endl;
  return kExitOk;
}

// The answer files named on the command line: files, and the *.xml of folders.
std::vector<std::string> expand_answer_paths(const std::vector<std::string>& operands) {
  std::vector<std::string> out;
  for (const auto& p : operands) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      const auto files = engine::answer_files_in(p);
      if (files.empty()) throw IoError(p + " : aucun fichier de réponses (.xml) dans ce dossier");
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(p);
    }
  }
  return out;
}

// `open_store` gives the base the first time a record is to be written (or at
// the end, when none was): a run that reads nothing touches no base.
int store_import(engine::Engine& engine, const std::function<store::Store&()>& open_store, const cli::Args& args,
                 const std::vector<std::string>& operands) {
  const auto paths = expand_answer_paths(operands);
  // One transaction, written as each file is checked (a CSV of 100,000 rows
  // is never held whole); a refused file's rows are dropped (its savepoint).
  std::unique_ptr<store::StoreWriter> writer;
  std::map<std::string, std::string> seen;  // action → file that gave it
  std::size_t imported = 0;
  int failed = 0;
  for (const auto& path : paths) {
    DiagnosticSink sink;
    std::vector<std::string> ids;  // this file's actions
    bool in_file = false;          // its savepoint begun
    if (writer) {
      writer->begin_file();
      in_file = true;
    }
    const auto put = [&](store::StoredAnswers&& r) {
      if (auto it = seen.find(r.action.id); it != seen.end()) {
        sink.error(SourceLoc{std::make_shared<const std::string>(path)}, DiagCode::DuplicateAction,
                   "l’action « " + r.action.id + " » est déjà importée par " + it->second);
        return false;
      }
      if (!writer) {
        writer = open_store().writer();
        writer->begin_file();
        in_file = true;
      }
      writer->put(r);
      ids.push_back(r.action.id);
      return true;
    };
    bool kept = false;
    if (engine::is_csv(path)) {
      // All or nothing per file: one bad cell and none of its rows is kept.
      kept = engine::import_csv(engine.renderer(), path, read_input(engine.catalog().env(), path), sink, put);
    } else {
      auto record = engine::prepare_import(engine.renderer(), path, read_input(engine.catalog().env(), path), sink);
      kept = record && put(std::move(*record));
    }
    print_diagnostics(sink, "text", std::cerr);
    if (!kept) {
      if (in_file) writer->drop_file();
      ++failed;
      continue;
    }
    if (in_file) writer->keep_file();
    for (auto& id : ids) seen.emplace(std::move(id), path);
    imported += ids.size();
  }
  // Nothing read and something refused: no base is created for it.
  if (!writer && failed == 0) writer = open_store().writer();
  if (writer) writer->commit();  // all of them or none
  std::cerr << imported << (imported > 1 ? " actions importées" : " action importée") << " dans " << args.db;
  if (failed) std::cerr << " ; " << failed << (failed > 1 ? " fichiers refusés" : " fichier refusé");
  std::cerr << "\n";
  return failed ? kExitInvalid : kExitOk;
}

std::string action_line(const store::ActionRecord& a) {
  return pad(a.id, 24) + pad(a.department.empty() ? "-" : a.department, 5) + pad(a.form, 32) + a.structure;
}

int store_command(const FileSystemEnvironment& env, engine::Engine& engine, const cli::Args& args) {
  // The sub-action first (cli/args.cpp has checked it).
  const std::string& what = args.operands.at(0);
  const std::vector<std::string> rest(args.operands.begin() + 1, args.operands.end());
  if (what == "import" && rest.empty())
    throw UsageError("il manque les fichiers de réponses (FILE.xml, FILE.csv ou DIR) ; voir « bilan store --help »");
  if (what == "import") {
    for (const auto& path : rest) require_input(path);
    store::SqliteStore::check_file(args.db, store::OpenMode::Create);  // before any work
    // Opened when the first record is written: a run that reads nothing creates no base.
    std::unique_ptr<store::SqliteStore> created;
    return store_import(engine, [&]() -> store::Store& {
      if (!created) created = store::SqliteStore::open(args.db, store::OpenMode::Create);
      return *created;
    }, args, rest);
  }
  // Reading never creates a base: a mistyped --db is said, not an empty store listed.
  store::SqliteStore::check_file(args.db, store::OpenMode::Existing, "créez-la avec « bilan store import »");
  auto db = store::SqliteStore::open(args.db, store::OpenMode::Existing);
  if (what == "list") {
    if (!rest.empty()) throw UsageError("argument en trop « " + rest[0] + " » ; voir « bilan store --help »");
    for (const auto& a : db->list({})) std::cout << action_line(a) << "\n";
    return kExitOk;
  }
  if (what == "show") {
    if (rest.size() != 1) throw UsageError("bilan store show attend une action ; voir « bilan store --help »");
    const auto got = db->get(load::normalize_action_id(rest[0]));
    if (!got) {
      std::vector<std::string> ids;
      for (const auto& a : db->list({})) ids.push_back(a.id);
      std::cerr << "bilan: erreur: action inconnue « " << rest[0] << " »" << did_you_mean(rest[0], ids) << " dans " << args.db << "\n";
      return kExitInvalid;
    }
    const auto& a = got->action;
    std::cout << "action       " << a.id << "\nstructure    " << a.structure << "\ndépartement  " << a.department
              << "\nformulaire   " << a.form << "\nannée        " << a.school_year << "\n";
    for (const auto& [name, value] : a.facts) std::cout << pad("action." + name, 13) << value << "\n";
    std::cout << "source       " << got->source << "\nsha256       " << got->sha256 << "\n\n" << got->bytes;
    if (!got->bytes.empty() && got->bytes.back() != '\n') std::cout << "\n";
    return kExitOk;
  }
  // export
  if (args.out_dir.empty()) throw UsageError("indiquez le dossier où écrire les réponses avec --out DIR");
  std::vector<std::string> ids;
  for (const auto& id : rest) ids.push_back(load::normalize_action_id(id));
  if (ids.empty())
    for (const auto& a : db->list({})) ids.push_back(a.id);
  std::vector<store::StoredAnswers> found;
  for (const auto& id : ids) {
    auto got = db->get(id);
    if (!got) {
      std::cerr << "bilan: erreur: action inconnue « " << id << " » dans " << args.db << "\n";
      return kExitInvalid;
    }
    found.push_back(std::move(*got));
  }
  make_output_dir(args.out_dir);
  const auto names = engine::batch_file_names(ids);
  for (std::size_t i = 0; i < found.size(); ++i) {
    std::string name = names[i];
    name.replace(name.size() - 4, 4, ".xml");
    write_atomically(env, (fs::path(args.out_dir) / name).string(), found[i].bytes);
  }
  std::cerr << found.size() << (found.size() > 1 ? " fichiers de réponses écrits" : " fichier de réponses écrit") << " dans "
            << args.out_dir << "\n";
  return kExitOk;
}

std::string seconds_text(double s) {
  const long n = std::lround(s);
  return n >= 60 ? std::to_string(n / 60) + " min " + std::to_string(n % 60) + " s" : std::to_string(n) + " s";
}

int batch_command(const FileSystemEnvironment& env, engine::Engine& engine, const cli::Args& args) {
  if (args.operands.size() > 1) throw UsageError("argument en trop « " + args.operands[1] + " » ; voir « bilan batch --help »");
  if (args.out_dir.empty()) throw UsageError("indiquez le dossier où écrire les PDF avec --out DIR");
  std::vector<engine::BatchItem> items;
  bool source_errors = false;
  std::unique_ptr<store::SqliteStore> db;  // the source, when it is the store
  std::mutex db_mutex;
  const std::string source = args.operands.empty() ? std::string() : args.operands[0];
  if (!source.empty()) require_input(source);
  switch (engine::batch_source(source)) {
    case engine::BatchSource::Csv: {
      // The file's header must be read; each row is then one action, rendered
      // (or failed) on its own.
      DiagnosticSink sink;
      auto rows = engine::csv_to_answers(engine.catalog(), source, read_input(engine.catalog().env(), source), sink);
      print_diagnostics(sink, "text", std::cerr);
      if (!rows) return kExitInvalid;
      source_errors = sink.has_errors();  // rows left out: reported, the others go on
      for (auto& row : *rows)
        items.push_back({std::move(row.action), std::move(row.source), {}, {}, std::move(row.relocate), std::move(row.facts), {},
                         std::move(row.answers), row.found.items()});
      break;
    }
    case engine::BatchSource::Folder:
      // env: the run's FileSystemEnvironment (the catalog reads through it too).
      items = engine::batch_items_from_folder(env, expand_answer_paths({source}));
      break;
    case engine::BatchSource::Store:
      if (!args.department.empty()) {
        if (const std::string why = engine::unknown_department_error(engine, args.department); !why.empty()) {
          std::cerr << "bilan: erreur: " << why << "\n";
          return kExitInvalid;
        }
      }
      store::SqliteStore::check_file(args.db, store::OpenMode::Existing, "créez-la avec « bilan store import »");
      db = store::SqliteStore::open(args.db, store::OpenMode::Existing);
      items = engine::batch_items_from_store(*db, db_mutex, {args.department, args.form, args.actions});
      if (items.empty()) {
        std::cerr << "bilan: erreur: aucune action de " << args.db << " ne correspond\n";
        return kExitInvalid;
      }
      break;
  }
  make_output_dir(args.out_dir);
  const std::string summary = (fs::path(args.out_dir) / "bilan-batch.csv").string();
  check_output(env, summary);  // refused before the batch, not after it

  const bool tty = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  engine::BatchOptions options;
  options.jobs = args.jobs ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  options.partial = args.partial;
  options.fillable = args.fillable;
  // SOURCE --partial --db: each action's same-as questions take the store's
  // answers of that action (docs/cli.md); a store SOURCE holds the actions' own.
  std::unique_ptr<store::SqliteStore> previous_db;
  std::mutex previous_mutex;
  if (!source.empty() && args.partial && args.db_given) {
    store::SqliteStore::check_file(args.db, store::OpenMode::Existing, "créez-la avec « bilan store import »");
    previous_db = store::SqliteStore::open(args.db, store::OpenMode::Existing);
    options.previous = [&](const std::string& action) {
      std::lock_guard<std::mutex> lock(previous_mutex);
      return previous_db->get(action);
    };
  }
  options.stop = &g_stop;
  options.write = [&](const std::string& file, const std::string& pdf) {
    write_atomically(env, (fs::path(args.out_dir) / file).string(), pdf);
  };
  options.progress = [&](const engine::BatchResult& r, std::size_t done, std::size_t total) {
    if (tty) std::cerr << "\r\x1b[K";
    if (r.status != engine::BatchStatus::Written) {
      std::cerr << "[" << done << "/" << total << "] " << r.action << " : échec\n";
      for (const auto& d : r.diagnostics) std::cerr << (d.loc.known() ? "" : "bilan: ") << d.to_string() << "\n";
    } else if (!tty) {
      std::cerr << "[" << done << "/" << total << "] " << r.file << " (" << r.pages << " p.)" << (r.note.empty() ? "" : " ; " + r.note) << "\n";
    }
    if (tty) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
      constexpr std::size_t kWidth = 30;
      const std::size_t filled = total ? done * kWidth / total : kWidth;
      std::string bar;
      for (std::size_t i = 0; i < kWidth; ++i) bar += i < filled ? "█" : "░";
      char rate_text[32];
      std::snprintf(rate_text, sizeof rate_text, "%.1f", rate);
      for (char& c : rate_text)
        if (c == '.') c = ',';  // read by people: « 72,5 PDF/s »
      std::cerr << bar << " " << done << "/" << total << "  " << rate_text << " PDF/s  reste "
                << seconds_text(rate > 0 ? static_cast<double>(total - done) / rate : 0) << std::flush;
    }
  };
  struct sigaction action {}, previous_int{}, previous_term{};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
  const auto results = engine::run_batch(engine.catalog(), items, options);

  std::size_t written = 0, failed = 0, skipped = 0;
  for (const auto& r : results) {
    if (r.status == engine::BatchStatus::Written) ++written;
    else if (r.status == engine::BatchStatus::Failed) ++failed;
    else ++skipped;
  }
  write_atomically(env, summary, engine::batch_summary_csv(results));  // a signal now waits for it too
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (tty) std::cerr << "\r\x1b[K";
  std::cerr << written << " PDF écrits dans " << args.out_dir << " en " << seconds_text(elapsed);
  if (failed) std::cerr << " ; " << failed << (failed > 1 ? " actions en échec" : " action en échec");
  if (skipped) std::cerr << " ; interrompu : " << skipped << " non traitées";
  std::cerr << " (résumé : " << summary << ")\n";
  if (skipped) return 128 + (g_signal.load() ? g_signal.load() : SIGINT);  // 130 after Ctrl-C, 143 after SIGTERM
  return failed || source_errors ? kExitInvalid : kExitOk;
}

// `bilan synthese`: a department's answers summed up, as a PDF or a CSV.
int synthese_command(const FileSystemEnvironment& env, engine::Engine& engine, const cli::Args& args) {
  need_operands(args, 0, "");
  if (args.department.empty()) throw UsageError("indiquez le département avec --department CODE");
  if (args.output.empty()) throw UsageError("indiquez le fichier à écrire avec -o synthese.pdf ou -o synthese.csv");
  std::string extension = fs::path(args.output).extension().string();
  for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (extension != ".pdf" && extension != ".csv")
    throw UsageError("-o attend un fichier .pdf (le document) ou .csv (le tableau), reçu « " + args.output + " »");
  if (const std::string why = engine::unknown_department_error(engine, args.department); !why.empty()) {
    std::cerr << "bilan: erreur: " << why << "\n";
    return kExitInvalid;
  }
  store::SqliteStore::check_file(args.db, store::OpenMode::Existing, "créez-la avec « bilan store import »");
  const auto db = store::SqliteStore::open(args.db, store::OpenMode::Existing);
  check_output(env, args.output);  // refused before the work, not after it
  engine::SynthesisOptions options;
  options.department = args.department;
  options.form = args.form;
  options.source = args.archive ? engine::SynthesisSource::Archive : engine::SynthesisSource::Store;
  options.jobs = args.jobs ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::mutex db_mutex;
  const auto inputs = engine::synthesis_inputs(*db, db_mutex, options);
  if (inputs.empty()) {
    std::cerr << "bilan: erreur: aucune " << (args.archive ? "version validée de l’archive" : "action") << " du département "
              << args.department << (args.form.empty() ? "" : " pour le formulaire « " + args.form + " »") << " dans " << args.db
              << "\n";
    return kExitInvalid;
  }
  DiagnosticSink sink;
  const auto synthesis = engine::synthesize(engine.catalog(), inputs, options, sink);
  print_diagnostics(sink, "text", std::cerr);
  if (!synthesis) {
    std::cerr << "bilan: erreur: synthèse impossible : des réponses de la base ont des erreurs (ci-dessus)\n";
    return kExitInvalid;
  }
  write_atomically(env, args.output,
                   extension == ".csv" ? engine::synthesis_csv(*synthesis) : engine::synthesis_pdf(engine.renderer(), *synthesis));
  std::cerr << "synthèse de " << inputs.size() << (inputs.size() > 1 ? " actions" : " action") << " écrite dans " << args.output
            << "\n";
  return kExitOk;
}

int run(const cli::Args& args) {
  if (args.version) {
    std::cout << "bilan " << BILAN_VERSION << "\n";
    return kExitOk;
  }
  if (args.help) {
    std::cout << args.help_text;
    return kExitOk;
  }
  if (args.command.empty()) {
    std::cerr << args.help_text;
    return kExitUsage;
  }
  const FileSystemEnvironment env = make_environment(args);
  const cli::CommandIo io{[&env](const std::string& path, const std::string& bytes) { write_atomically(env, path, bytes); },
                          [&env](const std::string& path) { check_output(env, path); }, require_input,
                          [](const DiagnosticSink& s) { print_diagnostics(s, "text", std::cerr); }};
  // Which forms the run loads (engine/commands.hpp): a FORM given as a layout
  // file, read first; a one-document command only its own form.
  const engine::FormSelection forms = engine::select_forms(env, args.command, args.operands);
  for (const auto& f : forms.layout_files) require_input(f);  // before the catalog loads it
  if (args.command == "archive" && args.operands.size() > 1 && args.operands[0] == "submit") require_input(args.operands[1]);
  // archive loads what each version needs, not the run's Engine.
  if (args.command == "archive") return cli::archive_command(env, args, io);
  if (args.command == "serve") return serve_command(env, args);
  engine::Engine engine(env, forms.layout_files, forms.only_forms);
  DiagnosticSink sink;

  if (args.command == "list") return list_command(engine, args);

  if (args.command == "blank" && args.all_departments) {
    need_operands(args, 1, "le formulaire (FORM)");
    return blank_all_departments(env, engine, args.operands[0], args.out_dir, args.fillable);
  }

  if (args.command == "blank") {
    need_operands(args, 1, "le formulaire (FORM)");
    if (args.output.empty()) throw UsageError("indiquez le fichier à écrire avec -o OUT.pdf");
    engine::BlankOptions options;
    options.department = args.department;
    options.fillable = args.fillable;
    auto pdf = engine.blank(args.operands[0], options, sink);
    print_diagnostics(sink, "text", std::cerr);
    if (!pdf) return kExitInvalid;
    write_atomically(env, args.output, *pdf);
    return kExitOk;
  }

  if (args.command == "fill") {
    need_operands(args, 1, "le fichier de réponses (ANSWERS.xml)");
    const std::string& answers = args.operands[0];
    std::string output = args.output;
    if (output.empty()) output = (fs::path(answers).replace_extension(".pdf")).string();
    if (output == answers || same_file(output, answers))
      throw UsageError("le PDF « " + output + " » écraserait le fichier de réponses");
    engine::FillOptions options;
    options.strict = args.strict;
    options.pdfa = args.pdfa;
    options.partial = args.partial;
    options.fillable = args.fillable;
    require_input(answers);
    // --partial --db: the same-as questions take the store's answers of the action (docs/cli.md).
    std::unique_ptr<store::SqliteStore> db;
    std::vector<std::string> notes;  // once each: a run made again says the same
    if (args.db_given) {
      store::SqliteStore::check_file(args.db, store::OpenMode::Existing, "créez-la avec « bilan store import »");
      db = store::SqliteStore::open(args.db, store::OpenMode::Existing);
      options.previous = [&db](const std::string& action) { return db->get(action); };
      options.note = [&notes](const std::string& note) {
        if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
      };
    }
    const auto pdf = engine::fill_with_retry(engine, env, forms, answers, options, sink);
    for (const auto& note : notes) std::cerr << note << "\n";
    print_diagnostics(sink, "text", std::cerr);
    if (!pdf) return kExitInvalid;
    write_atomically(env, output, *pdf);
    return kExitOk;
  }

  if (args.command == "extract") {
    need_operands(args, 1, "le PDF d’un bilan archivé (FILE.pdf)");
    require_input(args.operands[0]);
    if (args.all) {
      const auto files = engine::extract_all(env, args.operands[0], sink);
      print_diagnostics(sink, "text", std::cerr);
      if (!files) return kExitInvalid;
      const std::string dir = !args.out_dir.empty() ? args.out_dir : !args.output.empty() ? args.output : ".";
      make_output_dir(dir);
      std::vector<std::string> paths;
      // Every name checked before any file is written: all of them or none.
      for (const auto& f : *files) {
        paths.push_back((fs::path(dir) / f.name).string());
        check_output(env, paths.back());
      }
      for (std::size_t i = 0; i < files->size(); ++i) {
        write_atomically(env, paths[i], (*files)[i].bytes);
        std::cout << paths[i] << "\n";
      }
      return kExitOk;
    }
    const auto answers = engine::extract_answers(env, args.operands[0], sink);
    print_diagnostics(sink, "text", std::cerr);
    if (!answers) return kExitInvalid;
    if (args.output.empty()) {
      std::cout << *answers;
      return kExitOk;
    }
    if (same_file(args.output, args.operands[0])) throw UsageError("les réponses « " + args.output + " » écraseraient le PDF lu");
    write_atomically(env, args.output, *answers);
    return kExitOk;
  }
  if (args.command == "import-pdf") return cli::import_pdf_command(engine, args, io);
  if (args.command == "store") return store_command(env, engine, args);
  if (args.command == "batch") return batch_command(env, engine, args);
  if (args.command == "synthese") return synthese_command(env, engine, args);

  if (args.command == "check") {
    need_operands(args, 1, "le fichier de réponses (ANSWERS.xml)");
    require_input(args.operands[0]);
    const bool ok = engine::check_with_retry(engine, env, forms, args.operands[0], sink);
    print_diagnostics(sink, args.format, args.format == "json" ? std::cout : std::cerr);
    if (!ok || (args.strict && sink.warning_count() > 0)) return kExitInvalid;
    return kExitOk;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  bilan::keep_heap_between_documents();
  const std::vector<std::string> argv_list(argv + 1, argv + argc);
  try {
    return run(cli::parse_args(argv_list));
  } catch (const UsageError& e) {
    // Point at the help of the command given, which lists its options.
    std::string help = "bilan --help";
    for (const auto& a : argv_list) {
      if (a.starts_with("-")) continue;
      if (cli::is_command(a)) help = "bilan " + a + " --help";
      break;
    }
    std::cerr << "bilan: erreur: " << e.what() << "\nEssayez « " << help << " ».\n";
    return kExitUsage;
  } catch (const UnopenableInput& e) {
    std::cerr << e.what() << "\n";
    return kExitUsage;
  } catch (const IoError& e) {
    std::cerr << "bilan: erreur: " << e.what() << "\n";
    return kExitUsage;
  } catch (const InputError& e) {
    const std::string where = e.loc().to_string();
    std::cerr << (where.empty() ? "bilan" : where) << ": erreur: " << e.what() << "\n";
    return kExitInvalid;
  } catch (const std::exception& e) {
    return report_internal_error(e, std::cerr);
  }
}

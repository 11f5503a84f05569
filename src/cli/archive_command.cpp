#include "cli/archive_command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "core/error.hpp"
#include "core/suggest.hpp"
#include "core/utf8.hpp"
#include "engine/archive.hpp"
#include "load/answers_loader.hpp"
#include "store/sqlite_store.hpp"

namespace bilan::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitEnvironment = 3;

constexpr std::size_t kMaxBy = 200;  // characters of --by

// What a terminal must not be sent as is: C0 and C1 controls, DEL, line and
// paragraph separators, the marks and embeddings that reorder text.
bool unprintable(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Decodes the character at `pos`; `invalid` when its byte is not UTF-8.
char32_t next_char(const std::string& s, std::size_t& pos, bool& invalid) {
  const std::size_t start = pos;
  const char32_t cp = utf8::next(s, pos);
  invalid = cp == utf8::kReplacement && pos - start == 1;
  return cp;
}

// `text` as it may be printed: what is in the database may hold anything, so
// controls, invalid bytes and backslashes are written as escapes (a line
// break as backslash-n, ESC as backslash-x1b, U+202E as backslash-u{202E}, a
// backslash doubled): one line stays one line.
std::string safe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    bool invalid = false;
    const char32_t cp = next_char(text, pos, invalid);
    char buf[16];
    if (invalid || cp < 0x80) {
      const auto byte = static_cast<unsigned char>(text[start]);
      if (byte == '\\') out += "\\\\";
      else if (byte == '\n') out += "\\n";
      else if (byte == '\t') out += "\\t";
      else if (byte == '\r') out += "\\r";
      else if (invalid || unprintable(byte)) {
        std::snprintf(buf, sizeof buf, "\\x%02x", byte);
        out += buf;
      } else {
        out += static_cast<char>(byte);
      }
    } else if (unprintable(cp)) {
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text, start, pos - start);
    }
  }
  return out;
}

// --by is written in the archive and printed by list and show: one line of
// printable text, kMaxBy characters at most.
void check_by(const std::string& by) {
  std::size_t count = 0;
  bool blank = true;
  for (std::size_t pos = 0; pos < by.size();) {
    const std::size_t start = pos;
    bool invalid = false;
    const char32_t cp = next_char(by, pos, invalid);
    ++count;
    char code[16];
    if (invalid) std::snprintf(code, sizeof code, "l’octet 0x%02X", static_cast<unsigned char>(by[start]));
    else std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    if (invalid || unprintable(cp))
      throw UsageError(std::string("--by NOM : une ligne de texte imprimable est attendue, ") + (invalid ? code : std::string("le caractère ") + code) +
                       (invalid ? " n’est pas de l’UTF-8" : " ne s’imprime pas") + " (caractère " + std::to_string(count) + ")");
    blank = blank && cp == ' ';
  }
  if (blank) throw UsageError("--by NOM : un nom est attendu, pas seulement des espaces");
  if (count > kMaxBy)
    throw UsageError("--by NOM : " + std::to_string(kMaxBy) + " caractères au plus, reçu " + std::to_string(count));
}

// One version per line: ACTION@N, submission time, record hash prefix, validation.
std::string version_line(const store::ArchivedVersion& v, const std::vector<store::ArchiveEvent>& events) {
  std::string validation = "non validée";
  for (const auto& e : events)
    if (e.kind == "validation") validation = "validée par " + e.by + " le " + e.at;
  return safe(v.name() + "  " + v.submitted_at + "  " + v.record_hash.substr(0, 12) + "  " + validation);
}

std::string plural(std::int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n > 1 ? many : one);
}

store::ArchivedVersion must_find(const store::SqliteStore& db, const std::string& name, const std::string& db_path) {
  std::string action;
  int number = 0;
  if (!store::parse_version_name(name, action, number))
    throw UsageError("« " + name + " » n’est pas une version : ACTION@N attendu (par exemple CLAS-47-001@1)");
  action = load::normalize_action_id(action);
  if (auto v = db.version(action, number)) return std::move(*v);
  std::vector<std::string> known;
  for (const auto& v : db.versions(action)) known.push_back(safe(v.name()));
  throw InputError(SourceLoc{}, "version inconnue « " + name + " » dans " + db_path +
                   (known.empty() ? " (aucune version de cette action)" : did_you_mean(name, known)));
}

void need(const std::vector<std::string>& rest, std::size_t n, const std::string& usage) {
  if (rest.size() != n) throw UsageError("usage : bilan archive " + usage + " ; voir « bilan archive --help »");
}

std::string shown(const std::string& value) { return value.empty() ? "(sans réponse)" : "« " + safe(value) + " »"; }

}  // namespace

int archive_command(const Environment& env, const Args& args, const CommandIo& io) {
  // The sub-action first (cli/args.cpp has checked it).
  const std::string& what = args.operands.at(0);
  const std::vector<std::string> rest(args.operands.begin() + 1, args.operands.end());
  // -o, --by, --head, --action: options of one sub-action each (cli/args.cpp).
  if (!args.by.empty()) check_by(args.by);
  std::string receipt = args.head;
  std::transform(receipt.begin(), receipt.end(), receipt.begin(), [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (!receipt.empty() && (receipt.size() != 64 || receipt.find_first_not_of("0123456789abcdef") != std::string::npos))
    throw UsageError("--head HASH : l’empreinte de 64 chiffres hexadécimaux qu’affiche « bilan archive head » est attendue");
  if (args.actions.size() > 1)
    throw UsageError("--action ID va avec « bilan archive list », une seule fois");
  // Operands checked before the file is opened (or created).
  static const std::map<std::string, std::pair<std::size_t, std::string>> kUsage = {
      {"submit", {1, "submit ANSWERS.xml"}},
      {"list", {0, "list [--action ID]"}},
      {"head", {0, "head"}},
      {"show", {1, "show ACTION@N"}},
      {"export", {1, "export ACTION@N -o FILE.pdf"}},
      {"diff", {2, "diff ACTION@V1 ACTION@V2"}},
      {"validate", {1, "validate ACTION@N --by NOM"}}};
  if (what == "verify") {
    if (rest.size() > 1) throw UsageError("usage : bilan archive verify [ACTION@N] ; voir « bilan archive --help »");
  } else {
    const auto& [count, usage] = kUsage.at(what);
    need(rest, count, usage);
  }
  // Only submit creates the archive: a mistyped --db must not read as an empty,
  // verified one. A device, a folder, an unreadable file or one that is no
  // SQLite base is said as such (exit 2), never as a damaged archive.
  const store::OpenMode mode = what == "submit" ? store::OpenMode::Create : store::OpenMode::Existing;
  store::SqliteStore::check_file(args.db, mode, "une archive se crée avec « bilan archive submit »");
  std::error_code absent;
  const bool created = what == "submit" && !std::filesystem::exists(args.db, absent);
  std::unique_ptr<store::SqliteStore> db;
  try {
    db = store::SqliteStore::open(args.db, mode);
  } catch (const IoError& e) {
    if (what != "verify") throw;
    // A file SQLite cannot read any more is a damaged archive, said as such.
    std::cout << "archive : ALTÉRÉE : " << e.what() << "\narchive ALTÉRÉE : fichier de base illisible\n";
    return kExitInvalid;
  }

  if (what == "submit") {
    // A first bilan refused (or failing) leaves no archive behind: an empty
    // file would later read as an archive that exists and verifies.
    struct RemoveIfNew {
      std::unique_ptr<store::SqliteStore>& db;
      std::string path;
      bool armed;
      ~RemoveIfNew() {
        if (!armed) return;
        db.reset();
        std::error_code ignored;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
      }
    } guard{db, args.db, created};
    DiagnosticSink sink;
    const auto v = engine::submit_version(env, *db, rest[0], sink);
    io.print(sink);
    if (!v) {
      std::cerr << "bilan: erreur: bilan refusé : rien n’est archivé\n";
      return kExitInvalid;
    }
    guard.armed = false;
    if (!v->appended) {
      std::cout << safe("aucune modification depuis " + v->version.name() + " : rien n’est ajouté à l’archive") << "\n";
      return kExitOk;
    }
    std::cout << version_line(v->version, {}) << "\n";
    return kExitOk;
  }
  if (what == "list") {
    for (const auto& v : db->versions(args.actions.empty() ? std::string() : args.actions[0]))
      std::cout << version_line(v, db->events(v.seq)) << "\n";
    return kExitOk;
  }
  if (what == "head") {
    // The receipt: kept elsewhere (mail, paper, timestamp), `verify --head`
    // later proves the chain still reaches this head (docs/store.md).
    const auto now = env.now();
    if (!now) throw IoError("l’horloge est inconnue : la date du reçu ne peut pas être fixée");
    const auto head = db->head();
    std::cout << "tête      " << head.hash << "\ncontenu   " << plural(head.versions, "version", "versions") << ", "
              << plural(head.events, "événement", "événements") << " (" << plural(head.position, "enregistrement", "enregistrements")
              << " dans la chaîne)\nle        " << engine::iso_time(*now) << "\n";
    return kExitOk;
  }
  if (what == "show") {
    const auto v = must_find(*db, rest[0], args.db);
    // Every value from the database, escaped: a line of `show` is one line.
    const auto line = [](const std::string& label, const std::string& value) { std::cout << label << safe(value) << "\n"; };
    line("version          ", v.name());
    line("structure        ", v.structure);
    line("formulaire       ", v.form);
    line("département      ", v.department);
    line("déposée le       ", v.submitted_at);
    line("source           ", v.source);
    line("réponses         ", v.answers_sha256);
    line("canonique        ", v.canonical_sha256);
    line("pdf              ", v.pdf_sha256);
    line("empreinte rendu  ", v.fingerprint);
    line("moteur           ", v.engine);
    line("polices          ", v.fonts);
    for (const auto& [name, value] : v.facts) line("action.", name + "  " + value);
    for (const auto& f : v.files) line("fichier          ", f.role + "  " + f.sha256.substr(0, 12) + "  " + f.path);
    for (const auto& e : db->events(v.seq)) line("validée          ", "par " + e.by + " le " + e.at);
    line("position         ", std::to_string(v.seq));
    line("précédente       ", v.prev_hash);
    line("enregistrement   ", v.record_hash);
    return kExitOk;
  }
  if (what == "export") {
    if (args.output.empty()) throw UsageError("indiquez le fichier à écrire avec -o FILE.pdf");
    // The database is read by SQLite, not through the Environment: guarded here.
    for (const std::string& file : {args.db, args.db + "-wal", args.db + "-shm"}) {
      std::error_code ec;
      if (std::filesystem::equivalent(args.output, file, ec))
        throw UsageError("le PDF « " + args.output + " » écraserait la base « " + file + " »");
    }
    const auto v = must_find(*db, rest[0], args.db);
    const auto pdf = db->blob(v.pdf_sha256);
    if (!pdf) throw InputError(SourceLoc{}, v.name() + " : PDF absent de l’archive (voir bilan archive verify)");
    io.write(args.output, *pdf);
    return kExitOk;
  }
  if (what == "diff") {
    const auto a = must_find(*db, rest[0], args.db);
    const auto b = must_find(*db, rest[1], args.db);
    DiagnosticSink sink;
    const auto changes = engine::diff_versions(env, *db, a, b, sink);
    io.print(sink);
    if (sink.has_errors()) return kExitInvalid;
    std::cout << safe(a.name() + " → " + b.name()) << " : "
              << (changes.empty() ? "aucune réponse ne change"
                                  : std::to_string(changes.size()) + (changes.size() > 1 ? " réponses changent" : " réponse change"))
              << "\n";
    for (const auto& c : changes)
      std::cout << "  " << safe(c.label) << " (" << safe(c.key) << ") : " << shown(c.before) << " → " << shown(c.after) << "\n";
    return kExitOk;
  }
  if (what == "validate") {
    if (args.by.empty()) throw UsageError("indiquez qui valide avec --by NOM");
    const auto v = must_find(*db, rest[0], args.db);
    const auto now = env.now();
    if (!now) throw IoError("l’horloge est inconnue : la date de validation ne peut pas être fixée");
    const auto e = db->append_event(v.seq, "validation", args.by, engine::iso_time(*now));
    std::cout << safe(v.name() + " validée par " + e.by + " le " + e.at) << "\n";
    return kExitOk;
  }
  // verify
  engine::VerifyOptions options;
  if (!rest.empty()) {
    const auto v = must_find(*db, rest[0], args.db);
    options.action = v.action;
    options.number = v.number;
  }
  options.receipt = receipt;
  const auto report = engine::verify_archive(env, *db, options);
  for (const auto& p : report.archive_problems.items()) std::cout << "archive : ALTÉRÉE : " << safe(p.text()) << "\n";
  std::size_t tampered = 0, changed = 0;
  for (const auto& v : report.versions) {
    if (v.outcome == engine::VerifyOutcome::Verified) {
      std::cout << safe(v.name) << " : vérifiée\n";
      continue;
    }
    const bool is_tampered = v.outcome == engine::VerifyOutcome::Tampered;
    (is_tampered ? tampered : changed)++;
    for (const auto& p : v.problems.items())
      std::cout << safe(v.name) << " : " << (is_tampered ? "ALTÉRÉE : " : "environnement changé : ") << safe(p.text()) << "\n";
  }
  if (report.receipt)
    std::cout << "reçu : tête " << receipt.substr(0, 12) << " retrouvée à la position " << *report.receipt << " de la chaîne, "
              << (report.head.position == *report.receipt
                      ? std::string("rien d’ajouté depuis")
                      : plural(report.head.position - *report.receipt, "enregistrement ajouté", "enregistrements ajoutés") + " depuis")
              << "\n";
  switch (report.overall()) {
    case engine::VerifyOutcome::Tampered:
      std::cout << "archive ALTÉRÉE : "
                << (tampered == 0 ? std::string("chaîne atteinte")
                                  : plural(static_cast<std::int64_t>(tampered), "version altérée", "versions altérées") +
                                        (report.archive_problems.empty() ? "" : ", fichier ou chaîne atteint"))
                << "\n";
      return kExitInvalid;
    case engine::VerifyOutcome::EnvironmentChanged:
      std::cout << "environnement changé : " << changed << (changed > 1 ? " versions non comparables" : " version non comparable")
                << " (polices ou moteur différents) ; empreintes et chaîne intactes\n";
      return kExitEnvironment;
    default:
      if (report.versions.empty()) {
        std::cout << "archive vide : aucune version à vérifier\n";
        return kExitOk;
      }
      std::cout << "archive vérifiée : " << report.versions.size()
                << (report.versions.size() > 1 ? " versions rendues de nouveau à l’identique" : " version rendue de nouveau à l’identique")
                << ", chaîne intacte (tête " << report.head.hash.substr(0, 12) << ")\n";
      return kExitOk;
  }
}

}  // namespace bilan::cli

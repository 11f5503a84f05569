#include "cli/archive_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "core/error.hpp"
#include "core/suggest.hpp"
#include "engine/archive.hpp"
#include "store/sqlite_store.hpp"

namespace bilan::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitEnvironment = 3;

const std::vector<std::string> kActions = {"submit", "list", "show", "export", "diff", "validate", "head", "verify"};

// One version per line: ACTION@N, submission time, record hash prefix, validation.
std::string version_line(const store::ArchivedVersion& v, const std::vector<store::ArchiveEvent>& events) {
  std::string validation = "non validée";
  for (const auto& e : events)
    if (e.kind == "validation") validation = "validée par " + e.by + " le " + e.at;
  return v.name() + "  " + v.submitted_at + "  " + v.record_hash.substr(0, 12) + "  " + validation;
}

store::ArchivedVersion must_find(const store::SqliteStore& db, const std::string& name, const std::string& db_path) {
  std::string action;
  int number = 0;
  if (!store::parse_version_name(name, action, number))
    throw UsageError("« " + name + " » n’est pas une version : ACTION@N attendu (par exemple CLAS-47-001@1)");
  if (auto v = db.version(action, number)) return std::move(*v);
  std::vector<std::string> known;
  for (const auto& v : db.versions(action)) known.push_back(v.name());
  throw InputError(SourceLoc{}, "version inconnue « " + name + " » dans " + db_path +
                   (known.empty() ? " (aucune version de cette action)" : did_you_mean(name, known)));
}

void need(const std::vector<std::string>& rest, std::size_t n, const std::string& usage) {
  if (rest.size() != n) throw UsageError("usage : bilan archive " + usage + " ; voir « bilan archive --help »");
}

std::string shown(const std::string& value) { return value.empty() ? "(sans réponse)" : "« " + value + " »"; }

}  // namespace

std::string archive_help() {
  return "Usage : bilan archive submit ANSWERS.xml [--db FILE]\n"
         "        bilan archive list [--action ID] [--db FILE]\n"
         "        bilan archive show ACTION@N [--db FILE]\n"
         "        bilan archive export ACTION@N -o FILE.pdf [--db FILE]\n"
         "        bilan archive diff ACTION@V1 ACTION@V2 [--db FILE]\n"
         "        bilan archive validate ACTION@N --by NOM [--db FILE]\n"
         "        bilan archive head [--db FILE]\n"
         "        bilan archive verify [ACTION@N] [--db FILE]\n\n"
         "L’archive (dans la base, voir docs/store.md) garde chaque bilan déposé comme une version\n"
         "ACTION@N qui ne change plus : les réponses telles que déposées, leur forme canonique, le PDF/A-3b\n"
         "archivé, les fichiers dont le rendu dépendait (layouts, registre des départements, images,\n"
         "profil sRGB), l’empreinte des polices et la version du moteur ; chaque version porte\n"
         "l’empreinte de la précédente (une chaîne sur toute l’archive).\n"
         "submit : un bilan complet et sans erreur (réponses obligatoires exigées) devient la version\n"
         "  suivante de son action, et ses réponses celles du moment de l’action ;\n"
         "list : une version par ligne (ACTION@N, date de dépôt, début de l’empreinte, validation) ;\n"
         "show : une version ; export : son PDF archivé ; diff : les réponses qui changent, avec les\n"
         "  libellés des questions ; validate : la validation de la Caf, ajoutée, sans rien changer ;\n"
         "head : l’empreinte de la dernière version (à transmettre ou horodater ailleurs) ;\n"
         "verify : recalcule les empreintes et la chaîne, refait le rendu de chaque version depuis ce\n"
         "  que l’archive garde et le compare octet pour octet. Code 0 si tout est vérifié, 1 si\n"
         "  l’archive est altérée, 3 si les polices ou le moteur ont changé (rendu non comparable).\n";
}

int archive_command(const Environment& env, const Args& args, const CommandIo& io) {
  if (args.operands.empty())
    throw UsageError("il manque l’action d’archive : submit, list, show, export, diff, validate, head ou verify ; voir « bilan archive --help »");
  const std::string& what = args.operands[0];
  const std::vector<std::string> rest(args.operands.begin() + 1, args.operands.end());
  if (std::find(kActions.begin(), kActions.end(), what) == kActions.end())
    throw UsageError("action d’archive inconnue « " + what + " »" + did_you_mean(what, kActions) +
                     " ; actions : submit, list, show, export, diff, validate, head, verify");
  if (!args.output.empty() && what != "export") throw UsageError("-o FILE.pdf va avec « bilan archive export »");
  if (!args.by.empty() && what != "validate") throw UsageError("--by NOM va avec « bilan archive validate »");
  if (!args.actions.empty() && (what != "list" || args.actions.size() > 1))
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
    DiagnosticSink sink;
    const auto v = engine::submit_version(env, *db, rest[0], sink);
    io.print(sink);
    if (!v) {
      std::cerr << "bilan: erreur: bilan refusé : rien n’est archivé\n";
      return kExitInvalid;
    }
    std::cout << version_line(*v, {}) << "\n";
    return kExitOk;
  }
  if (what == "list") {
    for (const auto& v : db->versions(args.actions.empty() ? std::string() : args.actions[0]))
      std::cout << version_line(v, db->events(v.seq)) << "\n";
    return kExitOk;
  }
  if (what == "head") {
    std::cout << db->head() << "\n";
    return kExitOk;
  }
  if (what == "show") {
    const auto v = must_find(*db, rest[0], args.db);
    std::cout << "version          " << v.name() << "\nstructure        " << v.structure << "\nformulaire       " << v.form
              << "\ndépartement      " << v.department << "\ndéposée le       " << v.submitted_at << "\nsource           "
              << v.source << "\nréponses         " << v.answers_sha256 << "\ncanonique        " << v.canonical_sha256
              << "\npdf              " << v.pdf_sha256 << "\nempreinte rendu  " << v.fingerprint << "\nmoteur           "
              << v.engine << "\npolices          " << v.fonts << "\n";
    for (const auto& [name, value] : v.facts) std::cout << "action." << name << "  " << value << "\n";
    for (const auto& f : v.files) std::cout << "fichier          " << f.role << "  " << f.sha256.substr(0, 12) << "  " << f.path << "\n";
    for (const auto& e : db->events(v.seq)) std::cout << "validée          par " << e.by << " le " << e.at << "\n";
    std::cout << "précédente       " << v.prev_hash << "\nenregistrement   " << v.record_hash << "\n";
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
    std::cout << a.name() << " → " << b.name() << " : "
              << (changes.empty() ? "aucune réponse ne change"
                                  : std::to_string(changes.size()) + (changes.size() > 1 ? " réponses changent" : " réponse change"))
              << "\n";
    for (const auto& c : changes)
      std::cout << "  " << c.label << " (" << c.key << ") : " << shown(c.before) << " → " << shown(c.after) << "\n";
    return kExitOk;
  }
  if (what == "validate") {
    if (args.by.empty()) throw UsageError("indiquez qui valide avec --by NOM");
    const auto v = must_find(*db, rest[0], args.db);
    const auto now = env.now();
    if (!now) throw IoError("l’horloge est inconnue : la date de validation ne peut pas être fixée");
    const auto e = db->append_event(v.seq, "validation", args.by, engine::iso_time(*now));
    std::cout << v.name() << " validée par " << e.by << " le " << e.at << "\n";
    return kExitOk;
  }
  // verify
  engine::VerifyOptions options;
  if (!rest.empty()) {
    const auto v = must_find(*db, rest[0], args.db);
    options.action = v.action;
    options.number = v.number;
  }
  const auto report = engine::verify_archive(env, *db, options);
  for (const auto& p : report.archive_problems) std::cout << "archive : ALTÉRÉE : " << p << "\n";
  std::size_t tampered = 0, changed = 0;
  for (const auto& v : report.versions) {
    if (v.outcome == engine::VerifyOutcome::Verified) {
      std::cout << v.name << " : vérifiée\n";
      continue;
    }
    const bool is_tampered = v.outcome == engine::VerifyOutcome::Tampered;
    (is_tampered ? tampered : changed)++;
    for (const auto& p : v.problems) std::cout << v.name << " : " << (is_tampered ? "ALTÉRÉE : " : "environnement changé : ") << p << "\n";
  }
  switch (report.overall()) {
    case engine::VerifyOutcome::Tampered:
      std::cout << "archive ALTÉRÉE : " << tampered << (tampered > 1 ? " versions altérées" : " version altérée")
                << (report.archive_problems.empty() ? "" : ", fichier ou chaîne atteint") << "\n";
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
                << ", chaîne intacte (tête " << db->head().substr(0, 12) << ")\n";
      return kExitOk;
  }
}

}  // namespace bilan::cli

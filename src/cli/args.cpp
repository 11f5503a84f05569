#include "cli/args.hpp"

#include <algorithm>
#include <string_view>

#include "core/error.hpp"
#include "core/suggest.hpp"
#include "core/utf8.hpp"
#include "load/answers_loader.hpp"

namespace bilan::cli {
namespace {

const std::vector<std::string> kCommands = {"list", "blank", "fill", "check", "extract", "import-pdf", "store", "batch", "archive"};

// Every option, and the commands it applies to: parse_args() refuses it
// elsewhere, and each command's --help lists exactly its own.
struct OptionInfo {
  std::string_view name;         // --long
  std::string_view short_name;   // -x, or empty
  std::string_view value;        // its value's name in help texts; empty: a flag
  std::string_view help;         // one line, in French
  std::vector<std::string_view> commands;
  // What the option means for some commands, when it is not `help`.
  std::vector<std::pair<std::string_view, std::string_view>> help_for{};
};

const std::vector<OptionInfo>& options() {
  static const std::vector<OptionInfo> kOptions = {
      {"--output", "-o", "FILE", "fichier PDF à écrire",
       {"blank", "fill", "extract", "import-pdf", "archive"},
       {{"extract", "fichier de réponses à écrire (sans -o : la sortie standard)"},
        {"import-pdf", "fichier de réponses à écrire (sans -o ni --db : la sortie standard)"},
        {"archive", "fichier PDF à écrire (archive export)"}}},
      {"--pdfa", "", "", "PDF/A-3b d’archive portant le fichier de réponses (bilan extract le rend), daté de maintenant ($SOURCE_DATE_EPOCH s’il est donné)", {"fill"}},
      {"--department", "", "CODE", "département (01…95 sauf 20, 2A, 2B, 971…974, 976 ; voir bilan list)", {"blank", "batch"}},
      {"--form", "", "FORM", "seulement les actions de ce formulaire (base)", {"batch"}},
      {"--action", "", "ID", "seulement cette action de la base (répétable)", {"batch", "archive"},
       {{"archive", "seulement les versions de cette action (archive list)"}}},
      {"--by", "", "NOM", "qui valide (archive validate ; une ligne, 200 caractères au plus)", {"archive"}},
      {"--head", "", "HASH", "la tête d’un reçu de « bilan archive head » : rien n’a été retiré depuis (archive verify)", {"archive"}},
      {"--all-departments", "", "", "un fichier par département qui utilise FORM : DIR/CODE.pdf", {"blank"}},
      {"--out", "", "DIR", "dossier où écrire (créé au besoin)", {"blank", "store", "batch"}},
      {"--db", "", "FILE", "base des réponses (défaut : bilan.db dans le dossier courant)", {"store", "batch", "archive", "import-pdf"},
       {{"store", "base des réponses (défaut : bilan.db dans le dossier courant ; store import la crée au besoin)"},
        {"archive", "base des réponses et de l’archive (défaut : bilan.db dans le dossier courant ; archive submit la crée au besoin)"},
        {"import-pdf", "base où enregistrer les réponses de l’action (créée au besoin)"}}},
      {"--jobs", "-j", "N", "nombre de fils de calcul (défaut : le nombre de cœurs)", {"batch"}},
      {"--partial", "", "", "bilan pré-rempli : questions sans réponse laissées vierges, rien d’obligatoire", {"fill", "batch", "import-pdf"},
       {{"import-pdf", "réponses partielles : les réponses obligatoires ne sont pas exigées"}}},
      {"--fillable", "", "", "PDF à remplir à l’écran : un champ de formulaire par zone de réponse (avec --partial : les réponses connues dans les champs ; docs/fillable.md)", {"blank", "fill", "batch"}},
      {"--strict", "", "", "les avertissements comptent comme des erreurs", {"fill", "check"}},
      {"--images-anywhere", "", "", "le cachet et la signature peuvent être hors du dossier du fichier de réponses", {"fill", "check"}},
      {"--format", "", "text|json", "diagnostics en texte (sortie d’erreur) ou en JSON (sortie standard)", {"check"}},
      {"--layouts", "", "DIR", "dossier de layouts (répétable ; avant $BILAN_LAYOUTS et layouts/)", {"list", "blank", "fill", "check", "extract", "import-pdf", "store", "batch", "archive"}},
      {"--fonts", "", "FILE", "manifeste des polices (défaut : $BILAN_FONTS puis fonts/fonts.conf)", {"list", "blank", "fill", "check", "extract", "import-pdf", "store", "batch", "archive"}},
      {"--help", "-h", "", "cette aide", {"list", "blank", "fill", "check", "extract", "import-pdf", "store", "batch", "archive"}},
  };
  return kOptions;
}

const OptionInfo* find_option(std::string_view name) {
  for (const auto& o : options())
    if (o.name == name || (!o.short_name.empty() && o.short_name == name)) return &o;
  return nullptr;
}

bool applies(const OptionInfo& o, const std::string& command) {
  return std::find(o.commands.begin(), o.commands.end(), command) != o.commands.end();
}

std::string options_help(const std::string& command) {
  std::string out = "Options :\n";
  for (const auto& o : options()) {
    if (!applies(o, command)) continue;
    std::string left = "  " + std::string(o.short_name.empty() ? "" : std::string(o.short_name) + ", ") + std::string(o.name);
    if (!o.value.empty()) left += " " + std::string(o.value);
    // Padded by characters: the help is read on a terminal.
    const std::size_t width = utf8::length(left);
    std::string_view help = o.help;
    for (const auto& [name, text] : o.help_for)
      if (name == command) help = text;
    out += left + std::string(width < 25 ? 25 - width : 1, ' ') + std::string(help) + "\n";
  }
  return out;
}

// The name the usage line gives operand `i` of the command.
std::string operand_name(const Args& a, std::size_t i) {
  const std::string& c = a.command;
  if (c == "fill" || c == "check") return "ANSWERS.xml";
  if (c == "list" || c == "blank") return "FORM";
  if (c == "extract") return "FILE.pdf";
  if (c == "import-pdf") return "FILLED.pdf";
  if (c == "batch") return "SOURCE";
  const std::string sub = a.operands.empty() ? std::string() : a.operands[0];
  if (c == "store") return i == 0 ? "import|list|show|export" : sub == "import" ? "FILE.xml|FILE.csv|DIR" : "ACTION";
  if (c == "archive") return i == 0 ? "submit|list|show|export|diff|validate|head|verify" : sub == "submit" ? "ANSWERS.xml" : "ACTION@N";
  return "ARGUMENT";
}

}  // namespace

bool is_command(const std::string& name) {
  for (const auto& c : kCommands)
    if (c == name) return true;
  return false;
}

std::string general_help() {
  return "bilan — bilans CLAS : formulaires PDF vierges ou remplis à partir de layouts XML\n"
         "\n"
         "Usage :\n"
         "  bilan list                                   formulaires et départements connus\n"
         "  bilan list FORM                              champs d’un formulaire (pour écrire des réponses)\n"
         "  bilan blank FORM [--department CODE] [--fillable] -o OUT.pdf\n"
         "  bilan blank FORM --all-departments --out DIR formulaires vierges à imprimer\n"
         "  bilan fill ANSWERS.xml [-o OUT.pdf] [--strict] [--pdfa]\n"
         "                                               bilan rempli à partir d’un fichier de réponses\n"
         "  bilan extract FILE.pdf [-o ANSWERS.xml]      réponses portées par un bilan archivé (--pdfa)\n"
         "  bilan import-pdf FILLED.pdf [-o ANSWERS.xml] [--db FILE]\n"
         "                                               réponses tapées dans un bilan à remplir (--fillable)\n"
         "  bilan check ANSWERS.xml [--strict] [--format text|json]\n"
         "                                               vérifie les réponses, sans produire de PDF\n"
         "  bilan store import|list|show|export [--db FILE]\n"
         "                                               base des réponses (actions pré-remplies)\n"
         "  bilan batch [SOURCE] --out DIR [--jobs N] [--partial [--fillable]]\n"
         "                                               un PDF par action (dossier ou base)\n"
         "  bilan archive submit|list|show|export|diff|validate|head|verify [--db FILE]\n"
         "                                               archive des bilans déposés (versions ACTION@N)\n"
         "\n"
         "FORM est l’identifiant d’un formulaire (clas-2024-2025) ou le chemin d’un layout XML.\n"
         "\n"
         "Options communes :\n"
         "  --layouts DIR    dossier de layouts (répétable ; défaut : $BILAN_LAYOUTS puis layouts/)\n"
         "  --fonts FILE     manifeste des polices (défaut : $BILAN_FONTS puis fonts/fonts.conf)\n"
         "  -h, --help       aide (aussi : bilan COMMANDE --help, qui liste ses options)\n"
         "  --version        version\n"
         "\n"
         "Codes de sortie : 0 succès, 1 entrée invalide (diagnostics sur la sortie d’erreur,\n"
         "« fichier:ligne:colonne: erreur: message »), 2 mauvais usage ou erreur d’entrée-sortie.\n"
         "Documentation : docs/cli.md, docs/layout.md, docs/answers.md.\n";
}

std::vector<std::string> command_options(const std::string& command) {
  std::vector<std::string> out;
  for (const auto& o : options())
    if (applies(o, command)) out.emplace_back(o.name);
  return out;
}

std::string command_help(const std::string& command) {
  if (command == "list")
    return "Usage : bilan list [FORM] [--layouts DIR] [--fonts FILE]\n\n"
           "Sans FORM : les formulaires disponibles (identifiant et titre) et les départements\n"
           "(code, Caf, formulaires et parties propres au département).\n"
           "Avec FORM : chaque champ qu’un fichier de réponses peut remplir (identifiant, type,\n"
           "libellé ; valeurs des choix ; lignes et colonnes des tableaux).\n\n" +
           options_help(command);
  if (command == "blank")
    return "Usage : bilan blank FORM [--department CODE] [--fillable] -o OUT.pdf\n"
           "        bilan blank FORM --all-departments --out DIR [--fillable]\n\n"
           "Produit le formulaire vierge FORM (identifiant ou chemin d’un layout) : cases vides,\n"
           "lignes pour écrire à la main. Avec un département : sa Caf, sa date de retour, ses\n"
           "parties propres. Avec --fillable : les mêmes pages, plus un champ de formulaire par zone\n"
           "de réponse, à remplir dans un lecteur PDF (bilan import-pdf relit les réponses ; voir\n"
           "docs/fillable.md). Chaque fichier est écrit en entier ou pas du tout.\n\n" +
           options_help(command);
  if (command == "fill")
    return "Usage : bilan fill ANSWERS.xml [-o OUT.pdf] [--strict] [--pdfa]\n"
           "        bilan fill ANSWERS.xml --partial [--fillable] [-o OUT.pdf]\n\n"
           "Vérifie les réponses (voir docs/answers.md) puis produit le bilan rempli.\n"
           "Sans -o, le PDF est écrit à côté des réponses (ANSWERS.pdf). Une erreur arrête tout\n"
           "(code 1, aucun PDF) ; les avertissements sont affichés mais n’empêchent pas le PDF.\n\n" +
           options_help(command);
  if (command == "extract")
    return "Usage : bilan extract FILE.pdf [-o ANSWERS.xml]\n\n"
           "Rend le fichier de réponses qu’un bilan archivé (bilan fill --pdfa) porte en pièce jointe,\n"
           "octet pour octet tel qu’il a été déposé. Un PDF qui n’en porte pas est une erreur (code 1).\n\n" +
           options_help(command);
  if (command == "import-pdf")
    return "Usage : bilan import-pdf FILLED.pdf [-o ANSWERS.xml] [--db FILE] [--partial]\n\n"
           "Lit les champs d’un bilan à remplir (bilan blank --fillable, bilan fill --partial --fillable)\n"
           "rempli dans un lecteur PDF, et en fait un fichier de réponses, vérifié comme par bilan check\n"
           "(les messages nomment le champ et sa page). Sans -o ni --db, les réponses vont sur la sortie\n"
           "standard ; avec --db, elles deviennent les réponses de l’action dans la base. Un PDF qui\n"
           "n’est pas un bilan à remplir de bilan, ou d’une autre version du formulaire, est une erreur.\n"
           "Voir docs/fillable.md.\n\n" +
           options_help(command);
  if (command == "check")
    return "Usage : bilan check ANSWERS.xml [--strict] [--format text|json]\n\n"
           "Affiche tous les diagnostics des réponses, triés par position, sans produire de PDF.\n"
           "Code 0 sans erreur, 1 s’il y a des erreurs (ou des avertissements avec --strict).\n\n" +
           options_help(command);
  if (command == "store")
    return "Usage : bilan store import FILE.xml|FILE.csv|DIR... [--db FILE]\n"
           "        bilan store list [--db FILE]\n"
           "        bilan store show ACTION [--db FILE]\n"
           "        bilan store export [ACTION...] --out DIR [--db FILE]\n\n"
           "La base (SQLite, voir docs/store.md) garde, pour chaque action, ses réponses du moment.\n"
           "import : des fichiers de réponses, des CSV (une action par ligne, colonnes action, form,\n"
           "  department et les champs ou les libellés des questions ; voir docs/store.md) ou les\n"
           "  fichiers .xml d’un dossier, vérifiés comme\n"
           "  par « bilan check » (sans exiger les réponses obligatoires) ; chaque fichier doit\n"
           "  nommer son action (attribut action) ; un fichier en erreur n’est pas importé ; une\n"
           "  action déjà présente est remplacée ; tout est écrit en une transaction.\n"
           "list : une action par ligne ; show : une action et ses réponses ;\n"
           "export : les fichiers de réponses, DIR/ACTION.xml (toutes les actions sans ACTION).\n\n" +
           options_help(command);
  if (command == "batch")
    return "Usage : bilan batch [SOURCE] --out DIR [--jobs N] [--partial [--fillable]]\n"
           "        bilan batch --out DIR [--db FILE] [--department CODE] [--form FORM] [--action ID...]\n\n"
           "Un PDF par action, DIR/ACTION.pdf, sur N fils de calcul ; les octets ne dépendent pas de N.\n"
           "SOURCE : un dossier de fichiers de réponses ou un fichier CSV ; sans SOURCE, les actions\n"
           "de la base.\n"
           "Une action en erreur est signalée et les autres continuent ; DIR/bilan-batch.csv dit,\n"
           "pour chacune, son statut, ses erreurs, avertissements, pages et octets. Code 1 si une\n"
           "action a échoué. Ctrl-C ou kill -TERM arrête proprement : les actions en cours finissent,\n"
           "les PDF finis restent, aucun fichier partiel, le résumé est écrit (code 130, 143 après SIGTERM).\n\n" +
           options_help(command);
  if (command == "archive") return archive_help() + "\n" + options_help(command);
  return {};
}

Args parse_args(const std::vector<std::string>& argv) {
  Args a;
  std::vector<std::string> given;  // options as written, checked against the command at the end
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg == "--version") {
      a.version = true;
      continue;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      if (a.command.empty()) {
        if (!is_command(arg))
          throw UsageError("commande inconnue « " + arg + " »" + did_you_mean(arg, kCommands) +
                           " ; commandes : list, blank, fill, check, extract, import-pdf, store, batch, archive");
        a.command = arg;
      } else {
        a.operands.push_back(arg);
      }
      continue;
    }
    // --name=value is --name value.
    const std::size_t eq = arg.starts_with("--") ? arg.find('=') : std::string::npos;
    const std::string name = arg.substr(0, eq);
    const OptionInfo* o = find_option(name);
    if (!o) {
      std::vector<std::string> names{"--version"};
      for (const auto& known : options()) names.emplace_back(known.name);
      throw UsageError("option inconnue « " + arg + " »" + did_you_mean(name, names));
    }
    std::string value;
    if (!o->value.empty()) {
      if (eq != std::string::npos) {
        value = arg.substr(eq + 1);
      } else {
        if (i + 1 >= argv.size()) throw UsageError("l’option " + name + " attend une valeur (" + std::string(o->value) + ")");
        value = argv[++i];
      }
      if (value.empty()) throw UsageError("l’option " + name + " attend une valeur non vide (" + std::string(o->value) + ")");
    } else if (eq != std::string::npos) {
      throw UsageError("l’option " + name + " ne prend pas de valeur");
    }
    given.push_back(name);
    if (o->name == "--help") a.help = true;
    else if (o->name == "--output") a.output = value;
    else if (o->name == "--department") a.department = value;
    else if (o->name == "--all-departments") a.all_departments = true;
    else if (o->name == "--out") a.out_dir = value;
    else if (o->name == "--layouts") a.layout_dirs.push_back(value);
    else if (o->name == "--fonts") a.fonts = value;
    else if (o->name == "--strict") a.strict = true;
    else if (o->name == "--pdfa") a.pdfa = true;
    else if (o->name == "--db") {
      a.db = value;
      a.db_given = true;
    }
    else if (o->name == "--partial") a.partial = true;
    else if (o->name == "--fillable") a.fillable = true;
    else if (o->name == "--form") a.form = value;
    // As an answer file's action="…" is read (decoded, trimmed, NFC), so that
    // « A&B » typed in another normalisation still names the stored action.
    else if (o->name == "--action") a.actions.push_back(load::normalize_action_id(value));
    else if (o->name == "--by") a.by = value;
    else if (o->name == "--head") a.head = value;
    else if (o->name == "--jobs") {
      if (value.size() > 4 || value.find_first_not_of("0123456789") != std::string::npos || std::stoi(value) < 1 ||
          std::stoi(value) > 256)
        throw UsageError("--jobs attend un nombre de 1 à 256, reçu « " + value + " »");
      a.jobs = static_cast<unsigned>(std::stoi(value));
    }
    else if (o->name == "--images-anywhere") a.images_anywhere = true;
    else if (o->name == "--format") {
      if (value != "text" && value != "json") throw UsageError("--format attend text ou json, reçu « " + value + " »");
      a.format = value;
    }
  }
  // An empty operand (a variable that was not set) is no file: refused as an
  // empty option value is, naming what was expected.
  for (std::size_t i = 0; i < a.operands.size(); ++i)
    if (a.operands[i].empty()) throw UsageError("l’argument " + operand_name(a, i) + " attend une valeur non vide");
  // An option the command does not use would be silently ignored: refuse it.
  if (!a.command.empty() && !a.help) {
    for (const auto& name : given) {
      const OptionInfo* o = find_option(name);
      if (applies(*o, a.command)) continue;
      std::string list;
      for (const auto& n : command_options(a.command)) list += (list.empty() ? "" : ", ") + n;
      throw UsageError("l’option " + name + " ne s’applique pas à « bilan " + a.command + " » ; options de " +
                       a.command + " : " + list);
    }
  }
  return a;
}

}  // namespace bilan::cli

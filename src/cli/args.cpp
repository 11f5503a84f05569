#include "cli/args.hpp"

#include "core/error.hpp"
#include "core/suggest.hpp"

namespace bilan::cli {
namespace {

const std::vector<std::string> kCommands = {"list", "blank", "fill", "check"};

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
         "  bilan blank FORM [--department CODE] -o OUT.pdf\n"
         "  bilan blank FORM --all-departments --out DIR formulaires vierges à imprimer\n"
         "  bilan fill ANSWERS.xml [-o OUT.pdf] [--strict]\n"
         "                                               bilan rempli à partir d’un fichier de réponses\n"
         "  bilan check ANSWERS.xml                      vérifie les réponses, sans produire de PDF\n"
         "\n"
         "FORM est l’identifiant d’un formulaire (clas-2024-2025) ou le chemin d’un layout XML.\n"
         "\n"
         "Options communes :\n"
         "  --layouts DIR    dossier de layouts (répétable ; défaut : $BILAN_LAYOUTS puis layouts/)\n"
         "  --fonts FILE     manifeste des polices (défaut : fonts/fonts.conf)\n"
         "  -h, --help       aide (aussi : bilan COMMANDE --help)\n"
         "  --version        version\n"
         "\n"
         "Codes de sortie : 0 succès, 1 entrée invalide (diagnostics sur la sortie d’erreur,\n"
         "« fichier:ligne:colonne: erreur: message »), 2 mauvais usage ou erreur d’entrée-sortie.\n"
         "Documentation : docs/cli.md, docs/layout.md, docs/answers.md.\n";
}

std::string command_help(const std::string& command) {
  if (command == "list")
    return "Usage : bilan list [FORM] [--layouts DIR]\n\n"
           "Sans FORM : les formulaires disponibles (identifiant et titre) et les départements\n"
           "(code, Caf, formulaires et parties propres au département).\n"
           "Avec FORM : chaque champ qu’un fichier de réponses peut remplir (identifiant, type,\n"
           "libellé ; valeurs des choix ; lignes et colonnes des tableaux).\n";
  if (command == "blank")
    return "Usage : bilan blank FORM [--department CODE] -o OUT.pdf\n"
           "        bilan blank FORM --all-departments --out DIR\n\n"
           "Produit le formulaire vierge FORM (identifiant ou chemin d’un layout) : cases vides,\n"
           "lignes pour écrire à la main. Avec un département : sa Caf, sa date de retour, ses\n"
           "parties propres. Chaque fichier est écrit en entier ou pas du tout.\n\n"
           "Options :\n"
           "  -o, --output FILE    fichier PDF à écrire\n"
           "  --department CODE    département (01…95 sauf 20, 2A, 2B, 971…974, 976 ; voir bilan list)\n"
           "  --all-departments    un fichier par département qui utilise FORM : DIR/CODE.pdf\n"
           "  --out DIR            dossier de --all-departments (créé au besoin)\n";
  if (command == "fill")
    return "Usage : bilan fill ANSWERS.xml [-o OUT.pdf] [--strict]\n\n"
           "Vérifie les réponses (voir docs/answers.md) puis produit le bilan rempli.\n"
           "Sans -o, le PDF est écrit à côté des réponses (ANSWERS.pdf). Une erreur arrête tout\n"
           "(code 1, aucun PDF) ; les avertissements sont affichés mais n’empêchent pas le PDF.\n\n"
           "Options :\n"
           "  -o, --output FILE    fichier PDF à écrire\n"
           "  --strict             les avertissements comptent comme des erreurs\n";
  if (command == "check")
    return "Usage : bilan check ANSWERS.xml [--strict]\n\n"
           "Affiche tous les diagnostics des réponses, triés par position, sans produire de PDF.\n"
           "Code 0 sans erreur, 1 s’il y a des erreurs (ou des avertissements avec --strict).\n";
  return {};
}

Args parse_args(const std::vector<std::string>& argv) {
  Args a;
  const auto value_of = [&](std::size_t& i, const std::string& opt) -> std::string {
    if (i + 1 >= argv.size()) throw UsageError("l’option " + opt + " attend une valeur");
    return argv[++i];
  };
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      a.help = true;
    } else if (arg == "--version") {
      a.version = true;
    } else if (arg == "-o" || arg == "--output") {
      a.output = value_of(i, arg);
    } else if (arg.starts_with("--output=")) {
      a.output = arg.substr(9);
    } else if (arg == "--department") {
      a.department = value_of(i, arg);
    } else if (arg.starts_with("--department=")) {
      a.department = arg.substr(13);
    } else if (arg == "--all-departments") {
      a.all_departments = true;
    } else if (arg == "--out") {
      a.out_dir = value_of(i, arg);
    } else if (arg == "--layouts") {
      a.layout_dirs.push_back(value_of(i, arg));
    } else if (arg == "--fonts") {
      a.fonts = value_of(i, arg);
    } else if (arg == "--format") {
      a.format = value_of(i, arg);
      if (a.format != "text" && a.format != "json") throw UsageError("--format attend text ou json");
    } else if (arg == "--strict") {
      a.strict = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw UsageError("option inconnue « " + arg + " »" +
                       did_you_mean(arg, {"--output", "--department", "--all-departments", "--out", "--layouts", "--fonts",
                                          "--strict", "--help", "--version", "--format"}));
    } else if (a.command.empty()) {
      if (!is_command(arg))
        throw UsageError("commande inconnue « " + arg + " »" + did_you_mean(arg, kCommands) +
                         " ; commandes : list, blank, fill, check");
      a.command = arg;
    } else {
      a.operands.push_back(arg);
    }
  }
  return a;
}

}  // namespace bilan::cli

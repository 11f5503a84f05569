#include "cli/args.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string_view>

#include "core/error.hpp"
#include "core/suggest.hpp"
#include "core/utf8.hpp"
#include "load/answers_loader.hpp"

namespace bilan::cli {
namespace {

// --- what the command line is made of ----------------------------------------

struct SubactionInfo {
  std::string_view name;
  std::string_view usage;    // its operands in the usage line
  std::string_view operand;  // the name of its operands in messages
  std::string_view summary;
};

struct CommandInfo {
  std::string_view name;
  std::string_view usage;    // its operands in the usage line
  std::string_view operand;  // the name of its operand in messages
  std::string_view summary;  // one line, in bilan --help
  std::string_view details;  // the rest of its --help
  std::vector<SubactionInfo> subactions{};
  std::string_view what{};   // « de store », « d’archive »: its sub-actions said in messages
};

const std::vector<CommandInfo>& commands() {
  static const std::vector<CommandInfo> kCommands = {
      {"list", "[FORM]", "FORM", "formulaires et départements connus ; avec FORM, les champs d’un formulaire",
       "Sans FORM : les formulaires disponibles (identifiant et titre) et les départements\n"
       "(code, Caf, formulaires et parties propres au département).\n"
       "Avec FORM : chaque champ qu’un fichier de réponses peut remplir (identifiant, type,\n"
       "libellé ; valeurs des choix ; lignes et colonnes des tableaux)."},
      {"blank", "FORM", "FORM", "formulaire vierge à imprimer (-o OUT.pdf, ou --all-departments --out DIR)",
       "Produit le formulaire vierge FORM (identifiant ou chemin d’un layout) : cases vides,\n"
       "lignes pour écrire à la main. Avec un département : sa Caf, sa date de retour, ses\n"
       "parties propres. Avec --fillable : les mêmes pages, plus un champ de formulaire par zone\n"
       "de réponse, à remplir dans un lecteur PDF (bilan import-pdf relit les réponses ; voir\n"
       "docs/fillable.md). Chaque fichier est écrit en entier ou pas du tout."},
      {"fill", "ANSWERS.xml", "ANSWERS.xml", "bilan rempli à partir d’un fichier de réponses",
       "Vérifie les réponses (voir docs/answers.md) puis produit le bilan rempli.\n"
       "Sans -o, le PDF est écrit à côté des réponses (ANSWERS.pdf). Une erreur arrête tout\n"
       "(code 1, aucun PDF) ; les avertissements sont affichés mais n’empêchent pas le PDF."},
      {"check", "ANSWERS.xml", "ANSWERS.xml", "vérifie les réponses, sans produire de PDF",
       "Affiche tous les diagnostics des réponses, triés par position, sans produire de PDF.\n"
       "Code 0 sans erreur, 1 s’il y a des erreurs (ou des avertissements avec --strict)."},
      {"extract", "FILE.pdf", "FILE.pdf", "réponses portées par un bilan archivé (fill --pdfa)",
       "Rend le fichier de réponses qu’un bilan archivé (bilan fill --pdfa) porte en pièce jointe,\n"
       "octet pour octet tel qu’il a été déposé. Un PDF qui n’en porte pas est une erreur (code 1).\n"
       "Avec --all : ce fichier et chaque document qu’il joint (<attachment>), sous leur nom, dans\n"
       "le dossier -o DIR ou --out DIR (le dossier courant par défaut), une ligne par fichier écrit."},
      {"import-pdf", "FILLED.pdf", "FILLED.pdf", "réponses tapées dans un bilan à remplir (--fillable)",
       "Lit les champs d’un bilan à remplir (bilan blank --fillable, bilan fill --partial --fillable)\n"
       "rempli dans un lecteur PDF, et en fait un fichier de réponses, vérifié comme par bilan check\n"
       "(les messages nomment le champ et sa page). Sans -o ni --db, les réponses vont sur la sortie\n"
       "standard ; avec --db, elles deviennent les réponses de l’action dans la base. Un PDF qui\n"
       "n’est pas un bilan à remplir de bilan, ou d’une autre version du formulaire, est une erreur.\n"
       "Voir docs/fillable.md."},
      {"store", "COMMANDE", "import|list|show|export", "base des réponses (actions pré-remplies)",
       "La base (SQLite, voir docs/store.md) garde, pour chaque action, ses réponses du moment.\n"
       "import vérifie chaque fichier comme « bilan check » (sans exiger les réponses obligatoires) ;\n"
       "chaque fichier doit nommer son action (attribut action) ; un fichier en erreur n’est pas\n"
       "importé ; une action déjà présente est remplacée ; tout est écrit en une transaction.",
       {{"import", "FILE.xml|FILE.csv|DIR...", "FILE.xml|FILE.csv|DIR",
         "importe des fichiers de réponses, des CSV (une action par ligne) ou les .xml d’un dossier"},
        {"list", "", "ACTION", "une action par ligne"},
        {"show", "ACTION", "ACTION", "une action et ses réponses"},
        {"export", "[ACTION...] --out DIR", "ACTION", "les fichiers de réponses, DIR/ACTION.xml (toutes les actions sans ACTION)"}},
       "de store"},
      {"batch", "[SOURCE]", "SOURCE", "un PDF par action (dossier, CSV ou base)",
       "Un PDF par action, DIR/ACTION.pdf, sur N fils de calcul ; les octets ne dépendent pas de N.\n"
       "SOURCE : un dossier de fichiers de réponses ou un fichier CSV ; sans SOURCE, les actions\n"
       "de la base.\n"
       "Une action en erreur est signalée et les autres continuent ; DIR/bilan-batch.csv dit,\n"
       "pour chacune, son statut, ses erreurs, avertissements, pages et octets. Code 1 si une\n"
       "action a échoué. Ctrl-C ou kill -TERM arrête proprement : les actions en cours finissent,\n"
       "les PDF finis restent, aucun fichier partiel, le résumé est écrit (code 130, 143 après SIGTERM)."},
      {"archive", "COMMANDE", "submit|list|show|export|diff|validate|head|verify", "archive des bilans déposés (versions ACTION@N)",
       "L’archive (dans la base, voir docs/store.md) garde chaque bilan déposé comme une version\n"
       "ACTION@N qui ne change plus : les réponses telles que déposées, leur forme canonique, le PDF/A-3b\n"
       "archivé, les fichiers dont le rendu dépendait (layouts, registre des départements, images,\n"
       "profil sRGB), l’empreinte des polices et la version du moteur ; chaque version porte\n"
       "l’empreinte de l’enregistrement précédent, version ou validation (une chaîne sur toute l’archive).\n"
       "verify : code 0 si tout est vérifié, 1 si l’archive est altérée, 3 si les polices ou le moteur\n"
       "ont changé (rendu non comparable).",
       {{"submit", "ANSWERS.xml", "ANSWERS.xml",
         "un bilan complet et sans erreur devient la version suivante de son action (les mêmes réponses que la dernière n’ajoutent rien)"},
        {"list", "[--action ID]", "ACTION@N", "une version par ligne (ACTION@N, date de dépôt, début de l’empreinte, validation)"},
        {"show", "ACTION@N", "ACTION@N", "une version"},
        {"export", "ACTION@N -o FILE.pdf", "ACTION@N", "son PDF archivé"},
        {"diff", "ACTION@V1 ACTION@V2", "ACTION@N", "les réponses qui changent, avec les libellés des questions"},
        {"validate", "ACTION@N --by NOM", "ACTION@N", "la validation de la Caf, ajoutée, sans rien changer"},
        {"head", "", "ACTION@N", "un reçu (empreinte du dernier enregistrement, nombre de versions et d’événements, date) à garder ailleurs"},
        {"verify", "[ACTION@N] [--head HASH]", "ACTION@N",
         "recalcule empreintes et chaîne, refait le rendu de chaque version et le compare octet pour octet ; avec --head, "
         "la tête d’un reçu doit être dans la chaîne"}},
       "d’archive"},
      {"synthese", "", "ARGUMENT", "synthèse départementale des bilans (-o synthese.pdf ou synthese.csv)",
       "Synthèse des réponses des actions d’un département (--department, obligatoire) : le nombre\n"
       "d’actions ; pour chaque nombre et montant, la somme, la moyenne sur les actions qui ont\n"
       "répondu et combien ont répondu ; pour chaque oui/non, choix et ligne de grille, le nombre\n"
       "de chaque réponse (et « sans réponse »), en barres empilées dans le PDF ; pour les textes\n"
       "libres, combien ont répondu. Sans --form, chaque formulaire présent a sa partie. Les\n"
       "réponses sont celles de la base (--db) ; avec --archive, pour chaque action, sa dernière\n"
       "version validée de l’archive. -o FILE.pdf : le document, daté de maintenant\n"
       "($SOURCE_DATE_EPOCH s’il est donné) ; -o FILE.csv : le même tableau, une ligne par\n"
       "question, ligne de tableau ou de grille et réponse (UTF-8 avec BOM, « ; »). Voir docs/synthese.md."},
      {"serve", "", "ARGUMENT", "le moteur par HTTP : l’API /api/v1/ (docs/serve.md)",
       "Un processus qui charge les formulaires une fois et répond par HTTP : formulaires,\n"
       "départements, formulaire vierge, vérification, bilan rempli, lecture d’un PDF rempli\n"
       "(GET /api/v1/openapi.json décrit tout). Écoute 127.0.0.1:8080 par défaut (--listen\n"
       "ADRESSE:PORT ; le port 0 en choisit un libre) et affiche « bilan serve : à l’écoute sur\n"
       "http://ADRESSE:PORT ». Une ligne par requête sur la sortie d’erreur (jamais les corps).\n"
       "Ctrl-C ou kill -TERM : plus de nouvelle connexion, les requêtes en cours finissent (code 0).\n"
       "Le TLS est l’affaire d’un proxy inverse (docs/serve.md)."},
  };
  return kCommands;
}

const CommandInfo* find_command(std::string_view name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

// Every option, and the commands it applies to: each command's subcommand
// gets exactly its own (so its --help lists them), in this order.
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
       {"blank", "fill", "extract", "import-pdf", "archive", "synthese"},
       {{"extract", "fichier de réponses à écrire (sans -o : la sortie standard ; avec --all : le dossier)"},
        {"import-pdf", "fichier de réponses à écrire (sans -o ni --db : la sortie standard)"},
        {"archive", "fichier PDF à écrire (archive export)"},
        {"synthese", "fichier à écrire : FILE.pdf (le document) ou FILE.csv (le tableau)"}}},
      {"--pdfa", "", "", "PDF/A-3b d’archive portant le fichier de réponses (bilan extract le rend), daté de maintenant ($SOURCE_DATE_EPOCH s’il est donné)", {"fill"}},
      {"--department", "", "CODE", "département (01…95 sauf 20, 2A, 2B, 971…974, 976 ; voir bilan list)", {"blank", "batch", "synthese"}},
      {"--form", "", "FORM", "seulement les actions de ce formulaire (base)", {"batch", "synthese"},
       {{"synthese", "seulement ce formulaire (sans --form : une partie par formulaire présent)"}}},
      {"--archive", "", "", "les dernières versions validées de l’archive, pas les réponses de la base", {"synthese"}},
      {"--action", "", "ID", "seulement cette action de la base (répétable)", {"batch", "archive"},
       {{"archive", "seulement les versions de cette action (archive list)"}}},
      {"--by", "", "NOM", "qui valide (archive validate ; une ligne, 200 caractères au plus)", {"archive"}},
      {"--head", "", "HASH", "la tête d’un reçu de « bilan archive head » : rien n’a été retiré depuis (archive verify)", {"archive"}},
      {"--all-departments", "", "", "un fichier par département qui utilise FORM : DIR/CODE.pdf", {"blank"}},
      {"--all", "", "", "le fichier de réponses et chaque pièce jointe, dans le dossier -o DIR ou --out DIR (défaut : le dossier courant)", {"extract"}},
      {"--out", "", "DIR", "dossier où écrire (créé au besoin)", {"blank", "store", "batch", "extract"}},
      {"--db", "", "FILE", "base des réponses (défaut : bilan.db dans le dossier courant)", {"fill", "store", "batch", "archive", "import-pdf", "synthese"},
       {{"fill", "avec --partial : base où les questions same-as du layout prennent les réponses de la même action (docs/cli.md)"},
        {"store", "base des réponses (défaut : bilan.db dans le dossier courant ; store import la crée au besoin)"},
        {"batch", "base des réponses (défaut : bilan.db dans le dossier courant) : sans SOURCE, les actions à rendre ; avec SOURCE et --partial, "
                  "celle où les questions same-as prennent les réponses de la même action"},
        {"archive", "base des réponses et de l’archive (défaut : bilan.db dans le dossier courant ; archive submit la crée au besoin)"},
        {"import-pdf", "base où enregistrer les réponses de l’action (créée au besoin)"}}},
      {"--listen", "", "ADRESSE:PORT", "adresse et port d’écoute (défaut : 127.0.0.1:8080 ; [::1]:8080 en IPv6 ; port 0 : un port libre)", {"serve"}},
      {"--workers", "", "N", "nombre de fils qui répondent, de 1 à 256, chacun avec son moteur de rendu (défaut : le nombre de cœurs)", {"serve"}},
      {"--jobs", "-j", "N", "nombre de fils de calcul, de 1 à 256 (défaut : le nombre de cœurs)", {"batch", "synthese"}},
      {"--partial", "", "", "bilan pré-rempli : questions sans réponse laissées vierges, rien d’obligatoire", {"fill", "batch", "import-pdf"},
       {{"import-pdf", "réponses partielles : les réponses obligatoires ne sont pas exigées"}}},
      {"--fillable", "", "", "PDF à remplir à l’écran : un champ de formulaire par zone de réponse (avec --partial : les réponses connues dans les champs ; docs/fillable.md)", {"blank", "fill", "batch"}},
      {"--strict", "", "", "les avertissements comptent comme des erreurs", {"fill", "check"}},
      {"--images-anywhere", "", "", "le cachet, la signature et les pièces jointes peuvent être hors du dossier du fichier de réponses", {"fill", "check"}},
      {"--format", "", "text|json", "diagnostics en texte (sortie d’erreur) ou en JSON (sortie standard)", {"check"}},
      {"--layouts", "", "DIR", "dossier de layouts (répétable ; avant $BILAN_LAYOUTS et layouts/)", {"list", "blank", "fill", "check", "extract", "import-pdf", "store", "batch", "archive", "synthese", "serve"}},
      {"--fonts", "", "FILE", "manifeste des polices (défaut : $BILAN_FONTS puis fonts/fonts.conf)", {"list", "blank", "fill", "check", "extract", "import-pdf", "store", "batch", "archive", "synthese", "serve"}},
  };
  return kOptions;
}

const OptionInfo* find_option(std::string_view name) {
  for (const auto& o : options())
    if (o.name == name || (!o.short_name.empty() && o.short_name == name)) return &o;
  return nullptr;
}

bool applies(const OptionInfo& o, std::string_view command) {
  return std::find(o.commands.begin(), o.commands.end(), command) != o.commands.end();
}

// Rules between the options of one command, checked by CLI11 (needs, excludes);
// CLI11 says which in English, this table in French. `other` "SOURCE" is the operand.
struct Rule {
  std::string_view command, option, other;
  bool needs;  // else excludes
  std::string_view message;
};

const std::vector<Rule>& rules() {
  static const std::string_view kFillable = "--fillable va avec --partial : un bilan à remplir ne peut pas exiger ses réponses";
  static const std::string_view kAll = "--all-departments ne se combine ni avec --department ni avec -o";
  static const std::string_view kStore = "--department, --form et --action choisissent des actions de la base : sans SOURCE";
  static const std::vector<Rule> kRules = {
      {"fill", "--fillable", "--partial", true, kFillable},
      {"fill", "--fillable", "--pdfa", false, "--fillable ne se combine pas avec --pdfa (une archive ne se remplit plus)"},
      {"fill", "--db", "--partial", true, "--db va avec --partial : seul un bilan pré-rempli reprend des réponses de la base"},
      {"fill", "--db", "--pdfa", false, "--db ne se combine pas avec --pdfa (une archive porte son fichier de réponses tel quel)"},
      {"batch", "--fillable", "--partial", true, kFillable},
      {"batch", "--department", "SOURCE", false, kStore},
      {"batch", "--form", "SOURCE", false, kStore},
      {"batch", "--action", "SOURCE", false, kStore},
      {"blank", "--all-departments", "--out", true, "--all-departments écrit un fichier par département : indiquez le dossier avec --out DIR"},
      {"blank", "--all-departments", "--department", false, kAll},
      {"blank", "--all-departments", "--output", false, kAll},
      {"blank", "--out", "--all-departments", true, "--out DIR va avec --all-departments ; pour un seul fichier : -o OUT.pdf"},
      {"extract", "--out", "--all", true, "--out DIR va avec --all ; pour le seul fichier de réponses : -o FICHIER"},
      {"extract", "--out", "--output", false, "--all écrit dans un dossier : -o DIR ou --out DIR, pas les deux"},
  };
  return kRules;
}

// The options of one sub-action of store or archive (their others are the
// command's), and how a message names them when given to another.
struct SubOption {
  std::string_view command, subaction, option;
  std::string_view shown;  // « -o FILE.pdf va avec « bilan archive export » »
  std::string_view after{};
};

const std::vector<SubOption>& sub_options() {
  static const std::vector<SubOption> kSubOptions = {
      {"store", "export", "--out", "--out DIR"},
      {"archive", "export", "--output", "-o FILE.pdf"},
      {"archive", "list", "--action", "--action ID", ", une seule fois"},
      {"archive", "validate", "--by", "--by NOM"},
      {"archive", "verify", "--head", "--head HASH"},
  };
  return kSubOptions;
}

const SubOption* find_sub_option(std::string_view command, std::string_view option) {
  for (const auto& so : sub_options())
    if (so.command == command && so.option == option) return &so;
  return nullptr;
}

// The mark before a message of ours in a CLI::ValidationError, which CLI11
// prefixes with the option's name.
constexpr std::string_view kOurs = "\x1f";

std::string all_option_names_text(std::string_view command) {
  std::string list;
  for (const auto& o : options())
    if (applies(o, command)) list += (list.empty() ? "" : ", ") + std::string(o.name);
  return list + (list.empty() ? "" : ", ") + "--help";
}

// `s` then spaces up to `width` characters (at least one): help is read on a terminal.
std::string pad(const std::string& s, std::size_t width) {
  const std::size_t n = utf8::length(s);
  return s + std::string(n < width ? width - n : 1, ' ');
}

// --- the help, generated from the definitions --------------------------------

class FrenchFormatter : public CLI::Formatter {
 public:
  std::map<const CLI::App*, std::string> usage;  // the operands of each (sub)command

  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode) const override {
    std::string out = "Utilisation : " + name;
    if (const auto it = usage.find(app); it != usage.end() && !it->second.empty()) out += " " + it->second;
    out += " [options]\n";
    if (!app->get_description().empty()) out += "\n" + app->get_description() + "\n";
    const auto subs = app->get_subcommands([](const CLI::App*) { return true; });
    if (!subs.empty()) {
      std::vector<std::pair<std::string, std::string>> lines;
      std::size_t width = 25;
      for (const CLI::App* sub : subs) {
        std::string left = "  " + sub->get_name();
        if (const auto it = usage.find(sub); it != usage.end() && !it->second.empty()) left += " " + it->second;
        const std::string& d = sub->get_description();
        lines.emplace_back(left, d.substr(0, d.find('\n')));
        width = std::max(width, utf8::length(left) + 2);
      }
      out += "\nCommandes :\n";
      for (const auto& [left, summary] : lines) out += pad(left, width) + summary + "\n";
    }
    out += "\nOptions :\n";
    // A sub-action takes its command's options.
    if (app->get_parent() && app->get_parent()->get_parent()) out += option_lines(app->get_parent(), false);
    out += option_lines(app, true);
    if (!app->get_footer().empty()) out += "\n" + app->get_footer() + "\n";
    return out;
  }

 private:
  static std::string option_lines(const CLI::App* app, bool with_help) {
    std::string out;
    for (const CLI::Option* o : app->get_options()) {
      if (o->get_group().empty() || o->get_positional()) continue;  // hidden
      if (!with_help && o == app->get_help_ptr()) continue;
      std::string left = "  ";
      for (const auto& s : o->get_snames()) left += "-" + s + ", ";
      left += "--" + o->get_lnames().front();
      if (o->get_type_size() != 0) left += " " + o->get_type_name();
      out += pad(left, 25) + o->get_description() + "\n";
    }
    return out;
  }
};

// --- the parser --------------------------------------------------------------

class Parser {
 public:
  explicit Parser(const std::vector<std::string>& argv) : argv_(argv) { build(); }
  Args parse();

 private:
  struct Command {
    const CommandInfo* info;
    CLI::App* app;
    std::vector<std::string> operands;
    std::vector<std::pair<const SubactionInfo*, CLI::App*>> subactions;
    std::map<const CLI::App*, std::vector<std::string>> sub_operands;
  };

  void build();
  CLI::Option* add(CLI::App* app, const OptionInfo& o, std::string_view command, bool hidden);
  CLI::Validator not_empty(const std::string& names, const std::string& value) const;
  CLI::Validator operand_not_empty(const std::string& name) const;
  [[noreturn]] void refuse_extra(const Command* command, const CLI::App* where, const std::string& arg) const;
  std::string typed_name(const std::string& names) const;

  std::vector<std::string> argv_;
  Args a_;
  std::shared_ptr<FrenchFormatter> formatter_ = std::make_shared<FrenchFormatter>();
  CLI::App root_{"", "bilan"};
  std::vector<std::unique_ptr<Command>> commands_;
  std::vector<CLI::Option*> root_options_;  // options written before the command: handed to it
  // Hidden options of a command that has sub-actions, written before the
  // sub-action (or after another one): handed to the sub-action that takes them.
  std::map<const CLI::App*, std::vector<CLI::Option*>> forwarders_;
  void hand_on(const std::vector<CLI::Option*>& from, CLI::App* to);
  std::map<const CLI::App*, std::string> fonts_;  // each command's --fonts
};

// How the option was written (-o or --output): the messages say it back.
std::string Parser::typed_name(const std::string& names) const {
  for (std::size_t i = 0; i + 1 < argv_.size(); ++i)
    if (argv_[i + 1].empty() && (" " + names + " ").find(" " + argv_[i] + " ") != std::string::npos) return argv_[i];
  return names.substr(0, names.find(' '));
}

CLI::Validator Parser::not_empty(const std::string& names, const std::string& value) const {
  return CLI::Validator(
      [this, names, value](std::string& v) -> std::string {
        if (!v.empty()) return {};
        return std::string(kOurs) + "l’option " + typed_name(names) + " attend une valeur non vide (" + value + ")";
      },
      "", "non-vide");
}

CLI::Validator Parser::operand_not_empty(const std::string& name) const {
  return CLI::Validator(
      [name](std::string& v) -> std::string {
        // An empty operand (a variable that was not set) is no file: refused
        // as an empty option value is, naming what was expected.
        return v.empty() ? std::string(kOurs) + "l’argument " + name + " attend une valeur non vide" : std::string();
      },
      "", "non-vide");
}

CLI::Option* Parser::add(CLI::App* app, const OptionInfo& o, std::string_view command, bool hidden) {
  std::string help(o.help);
  for (const auto& [name, text] : o.help_for)
    if (name == command) help = text;
  const std::string names = o.short_name.empty() ? std::string(o.name) : std::string(o.short_name) + " " + std::string(o.name);
  const std::string cli_names = o.short_name.empty() ? std::string(o.name) : std::string(o.short_name) + "," + std::string(o.name);
  CLI::Option* opt = nullptr;
  if (o.value.empty()) {
    bool* flag = o.name == "--pdfa" ? &a_.pdfa
                 : o.name == "--all-departments" ? &a_.all_departments
                 : o.name == "--archive" ? &a_.archive
                 : o.name == "--partial" ? &a_.partial
                 : o.name == "--fillable" ? &a_.fillable
                 : o.name == "--strict" ? &a_.strict
                 : o.name == "--all" ? &a_.all
                 : &a_.images_anywhere;
    opt = app->add_flag(cli_names, *flag, help)->disable_flag_override();
  } else if (o.name == "--layouts" || o.name == "--action") {
    // Repeatable, one value each time: `--layouts DIR ANSWERS.xml` is not two folders.
    opt = app->add_option(cli_names, o.name == "--layouts" ? a_.layout_dirs : a_.actions, help)->allow_extra_args(false);
  } else if (o.name == "--fonts") {
    // One per command: with $BILAN_FONTS, every command's --fonts has a
    // value, even of commands not given; parse() takes the given command's.
    opt = app->add_option(cli_names, fonts_[app], help)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  } else if (o.name == "--jobs" || o.name == "--workers") {
    opt = app->add_option(cli_names, a_.jobs, help)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  } else {
    std::string* value = o.name == "--output" ? &a_.output
                         : o.name == "--department" ? &a_.department
                         : o.name == "--form" ? &a_.form
                         : o.name == "--by" ? &a_.by
                         : o.name == "--head" ? &a_.head
                         : o.name == "--out" ? &a_.out_dir
                         : o.name == "--db" ? &a_.db
                         : o.name == "--listen" ? &a_.listen
                         : &a_.format;
    opt = app->add_option(cli_names, *value, help)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
  if (!o.value.empty()) {
    opt->type_name(std::string(o.value))->check(not_empty(names, std::string(o.value)));
    if (o.name == "--jobs" || o.name == "--workers")
      opt->check(CLI::Validator(
          [name = std::string(o.name)](std::string& v) -> std::string {
            if (v.size() <= 4 && v.find_first_not_of("0123456789") == std::string::npos && std::stoi(v) >= 1 && std::stoi(v) <= 256)
              return {};
            return std::string(kOurs) + name + " attend un nombre de 1 à 256, reçu « " + v + " »";
          },
          "", "1…256"));
    if (o.name == "--format")
      opt->check(CLI::Validator(
          [](std::string& v) -> std::string {
            return v == "text" || v == "json" ? std::string() : std::string(kOurs) + "--format attend text ou json, reçu « " + v + " »";
          },
          "", "text|json"));
  }
  // --layouts adds to $BILAN_LAYOUTS (both are searched), --fonts replaces $BILAN_FONTS.
  if (o.name == "--fonts" && !hidden) opt->envname("BILAN_FONTS");
  if (hidden) opt->group("");
  return opt;
}

void Parser::build() {
  root_.formatter(formatter_);
  root_.description("bilan — bilans CLAS : formulaires PDF vierges ou remplis à partir de layouts XML");
  root_.allow_extras();
  root_.require_subcommand(0, 1);
  formatter_->usage[&root_] = "COMMANDE";
  for (const auto& o : options()) root_options_.push_back(add(&root_, o, "", true));
  root_.set_help_flag("-h,--help", "cette aide");
  root_.add_flag("--version", a_.version, "version")->disable_flag_override();

  for (const auto& info : commands()) {
    auto c = std::make_unique<Command>();
    c->info = &info;
    std::string description(info.summary);
    if (!info.details.empty()) description += "\n\n" + std::string(info.details);
    c->app = root_.add_subcommand(std::string(info.name), description);
    CLI::App* app = c->app;
    app->allow_extras();
    formatter_->usage[app] = std::string(info.usage);
    std::map<std::string_view, CLI::Option*> by_name;
    for (const auto& o : options()) {
      if (!applies(o, info.name)) continue;
      if (find_sub_option(info.name, o.name)) forwarders_[app].push_back(add(app, o, info.name, true));
      else by_name[o.name] = add(app, o, info.name, false);
    }
    app->add_flag("--version", a_.version)->group("")->disable_flag_override();
    if (info.subactions.empty()) {
      by_name["SOURCE"] = app->add_option("operands", c->operands)->group("")->check(operand_not_empty(std::string(info.operand)));
    } else {
      app->require_subcommand(0, 1);
      for (const auto& sub : info.subactions) {
        CLI::App* s = app->add_subcommand(std::string(sub.name), std::string(sub.summary));
        s->fallthrough();  // its options are its command's
        s->allow_extras(false);
        formatter_->usage[s] = std::string(sub.usage);
        s->add_option("operands", c->sub_operands[s])->group("")->check(operand_not_empty(std::string(sub.operand)));
        for (const auto& o : options())
          if (const SubOption* so = find_sub_option(info.name, o.name); so && so->subaction == sub.name) add(s, o, info.name, false);
        s->set_help_flag("-h,--help", "cette aide");
        s->preparse_callback([this, app, s](std::size_t) { hand_on(forwarders_[app], s); });
        c->subactions.emplace_back(&sub, s);
      }
    }
    for (const auto& r : rules()) {
      if (r.command != info.name) continue;
      if (r.needs) by_name.at(r.option)->needs(by_name.at(r.other));
      else by_name.at(r.option)->excludes(by_name.at(r.other));
    }
    app->set_help_flag("-h,--help", "cette aide");
    // Options written before the command are the command's.
    app->preparse_callback([this, app](std::size_t) { hand_on(root_options_, app); });
    commands_.push_back(std::move(c));
  }
  // Set last: a subcommand inherits its parent's footer.
  root_.footer("FORM est l’identifiant d’un formulaire (clas-2024-2025) ou le chemin d’un layout XML.\n"
               "Chaque commande a son aide : bilan COMMANDE --help, qui liste ses options.\n"
               "\n"
               "Codes de sortie : 0 succès, 1 entrée invalide (diagnostics sur la sortie d’erreur,\n"
               "« fichier:ligne:colonne: erreur: message »), 2 mauvais usage ou erreur d’entrée-sortie.\n"
               "Documentation : docs/cli.md, docs/layout.md, docs/answers.md.");
}

void Parser::hand_on(const std::vector<CLI::Option*>& from, CLI::App* to) {
  for (CLI::Option* o : from) {
    if (o->count() == 0) continue;
    CLI::Option* mine = to->get_option_no_throw("--" + o->get_lnames().front());
    if (!mine) continue;  // said after the parse: it does not apply
    for (const auto& r : o->results()) mine->add_result(r);
    o->clear();
  }
}

// An argument no (sub)command took: an unknown command or sub-action, an
// unknown option, or one that belongs to another command.
void Parser::refuse_extra(const Command* command, const CLI::App* where, const std::string& arg) const {
  const bool option = arg.size() > 1 && arg[0] == '-' && !(arg[1] >= '0' && arg[1] <= '9');
  if (!option) {
    if (!command) {
      std::vector<std::string> names;
      for (const auto& c : commands()) names.emplace_back(c.name);
      throw UsageError("commande inconnue « " + arg + " »" + did_you_mean(arg, names) +
                       " ; commandes : list, blank, fill, check, extract, import-pdf, store, batch, archive, synthese");
    }
    const CommandInfo& info = *command->info;
    if (arg.empty()) throw UsageError("l’argument " + std::string(info.operand) + " attend une valeur non vide");
    std::vector<std::string> names;
    std::string list;
    for (const auto& s : info.subactions) {
      names.emplace_back(s.name);
      list += (list.empty() ? "" : ", ") + std::string(s.name);
    }
    if (where == command->app && !names.empty())
      throw UsageError("action " + std::string(info.what) + " inconnue « " + arg + " »" + did_you_mean(arg, names) +
                       " ; actions : " + list);
    throw UsageError("argument en trop « " + arg + " » ; voir « bilan " + std::string(info.name) + " --help »");
  }
  const std::string name = arg.substr(0, arg.starts_with("--") ? arg.find('=') : std::string::npos);
  if (!find_option(name) && name != "--version" && name != "--help" && name != "-h") {
    std::vector<std::string> names{"--version"};
    for (const auto& known : options()) names.emplace_back(known.name);
    names.emplace_back("--help");
    throw UsageError("option inconnue « " + arg + " »" + did_you_mean(name, names));
  }
  const std::string cmd = command ? std::string(command->info->name) : std::string();
  throw UsageError("l’option " + name + " ne s’applique pas à « bilan " + cmd + " » ; options de " + cmd + " : " +
                   all_option_names_text(cmd));
}

Args Parser::parse() {
  // CLI11 2.1 reads `--name=` as `--name` followed by the next argument: an
  // empty value written so is refused here, as `--name ''` is by its validator.
  for (const auto& arg : argv_) {
    if (!arg.starts_with("--") || !arg.ends_with("=")) continue;
    const std::string name = arg.substr(0, arg.find('='));
    if (name.size() + 1 != arg.size()) continue;
    if (const OptionInfo* o = find_option(name)) {
      if (o->value.empty()) throw UsageError("l’option " + name + " ne prend pas de valeur");
      throw UsageError("l’option " + name + " attend une valeur non vide (" + std::string(o->value) + ")");
    }
  }
  std::vector<std::string> reversed(argv_.rbegin(), argv_.rend());
  const Command* command = nullptr;
  const auto chosen = [this, &command]() {
    for (const auto& c : commands_)
      if (c->app->parsed()) command = c.get();
  };
  try {
    root_.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    chosen();
    a_.help = true;
    a_.command = command ? std::string(command->info->name) : std::string();
    a_.help_text = root_.help();
    return a_;
  } catch (const CLI::ArgumentMismatch&) {
    // A value given to a flag (--strict=oui), or an option last without its value.
    for (const auto& arg : argv_) {
      const std::size_t eq = arg.find('=');
      if (!arg.starts_with("--") || eq == std::string::npos) continue;
      if (const OptionInfo* o = find_option(arg.substr(0, eq)); o && o->value.empty())
        throw UsageError("l’option " + arg.substr(0, eq) + " ne prend pas de valeur");
    }
    const std::string& last = argv_.empty() ? std::string() : argv_.back();
    if (const OptionInfo* o = find_option(last); o && !o->value.empty())
      throw UsageError("l’option " + last + " attend une valeur (" + std::string(o->value) + ")");
    throw UsageError("arguments invalides ; voir « bilan --help »");
  } catch (const CLI::ValidationError& e) {
    const std::string what = e.what();
    const std::size_t mark = what.find(kOurs);
    throw UsageError(mark == std::string::npos ? what : what.substr(mark + kOurs.size()));
  } catch (const CLI::ParseError& e) {
    chosen();
    // needs / excludes: the first rule of the command that does not hold.
    if (command && (dynamic_cast<const CLI::RequiresError*>(&e) || dynamic_cast<const CLI::ExcludesError*>(&e))) {
      for (const auto& r : rules()) {
        if (r.command != command->info->name) continue;
        const CLI::Option* a = command->app->get_option_no_throw(std::string(r.option));
        const CLI::Option* b = r.other == "SOURCE" ? command->app->get_option_no_throw("operands")
                                                   : command->app->get_option_no_throw(std::string(r.other));
        if (a && b && a->count() > 0 && (r.needs ? b->count() == 0 : b->count() > 0)) throw UsageError(std::string(r.message));
      }
    }
    throw UsageError(e.what());
  }
  chosen();

  // What no (sub)command took, said in the order it was written.
  std::vector<std::pair<const CLI::App*, std::string>> extras;
  for (const auto& s : root_.remaining(false)) extras.emplace_back(&root_, s);
  if (command) {
    for (const auto& s : command->app->remaining(false)) extras.emplace_back(command->app, s);
    for (const auto& [info, sub] : command->subactions)
      for (const auto& s : sub->remaining(false)) extras.emplace_back(sub, s);
  }
  for (const auto& arg : argv_)
    for (const auto& [where, extra] : extras)
      if (extra == arg) refuse_extra(command, where, arg);
  if (!extras.empty()) refuse_extra(command, extras.front().first, extras.front().second);

  if (!command) {
    a_.help_text = root_.help();
    return a_;
  }
  a_.command = command->info->name;
  // Options written before the command that it does not take.
  for (CLI::Option* o : root_options_)
    if (o->count() > 0) refuse_extra(command, &root_, "--" + o->get_lnames().front());

  if (command->info->subactions.empty()) {
    a_.operands = command->operands;
  } else {
    const CLI::App* sub = nullptr;
    for (const auto& [info, app] : command->subactions)
      if (app->parsed()) sub = app;
    if (!sub) {
      std::string list;
      const auto& subs = command->info->subactions;
      for (std::size_t i = 0; i < subs.size(); ++i)
        list += (i == 0 ? "" : i + 1 == subs.size() ? " ou " : ", ") + std::string(subs[i].name);
      throw UsageError("il manque l’action " + std::string(command->info->what) + " : " + list + " ; voir « bilan " + a_.command + " --help »");
    }
    // An option of another sub-action.
    for (const CLI::Option* o : forwarders_[command->app]) {
      if (o->count() == 0) continue;
      const SubOption& so = *find_sub_option(command->info->name, "--" + o->get_lnames().front());
      throw UsageError(std::string(so.shown) + " va avec « bilan " + a_.command + " " + std::string(so.subaction) + " »" +
                       std::string(so.after));
    }
    a_.operands.push_back(sub->get_name());
    const auto& rest = command->sub_operands.at(sub);
    a_.operands.insert(a_.operands.end(), rest.begin(), rest.end());
  }
  if (const CLI::Option* db = command->app->get_option_no_throw("--db")) a_.db_given = db->count() > 0;
  a_.fonts = fonts_[command->app];
  // As an answer file's action="…" is read (decoded, trimmed, NFC), so that
  // « A&B » typed in another normalisation still names the stored action.
  for (auto& id : a_.actions) id = load::normalize_action_id(id);
  return a_;
}

}  // namespace

bool is_command(const std::string& name) { return find_command(name) != nullptr; }

Args parse_args(const std::vector<std::string>& argv) { return Parser(argv).parse(); }

}  // namespace bilan::cli

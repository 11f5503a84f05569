// The `bilan` program as users run it: exit codes, exact messages on stderr,
// atomic output, never overwriting an input, byte-identical output.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/utf8.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using testing::bilan_binary;
using testing::run;

std::string sample(const std::string& name) { return testing::source_path("samples/" + name); }

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(Cli, HelpAndUsage) {
  const auto help = run({bilan_binary(), "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(help.out.starts_with("Utilisation : bilan COMMANDE [options]\n")) << help.out;
  EXPECT_NE(help.out.find("\nCommandes :\n  list [FORM]            formulaires et départements connus"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("\n  fill ANSWERS.xml       bilan rempli à partir d’un fichier de réponses\n"), std::string::npos);
  EXPECT_NE(help.out.find("\nOptions :\n  -h, --help             cette aide\n  --version              version\n"), std::string::npos);
  for (const char* cmd : {"list", "blank", "fill", "check", "extract", "store", "batch"}) {
    const auto r = run({bilan_binary(), cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_TRUE(r.out.starts_with(std::string("Utilisation : bilan ") + cmd)) << r.out;
  }
  // --help anywhere: the help of the command given.
  EXPECT_EQ(run({bilan_binary(), "--help", "fill"}).out, run({bilan_binary(), "fill", "--help"}).out);
  const auto none = run({bilan_binary()});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err, help.out);

  const auto unknown = run({bilan_binary(), "fil", "x.xml"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "bilan: erreur: commande inconnue « fil » (vouliez-vous dire « fill » ?) ; commandes : list, blank, fill, check, extract, import-pdf, store, batch, archive, synthese\n"
            "Essayez « bilan --help ».\n");
  const auto option = run({bilan_binary(), "fill", "--strikt", "x.xml"});
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_NE(option.err.find("option inconnue « --strikt » (vouliez-vous dire « --strict » ?)"), std::string::npos);
  const auto no_output = run({bilan_binary(), "blank", "clas-2024-2025"});
  EXPECT_EQ(no_output.exit_code, 2);
  EXPECT_NE(no_output.err.find("indiquez le fichier à écrire avec -o OUT.pdf"), std::string::npos);
}

TEST(Cli, AnOptionThatDoesNotApplyIsAUsageError) {
  const auto format = run({bilan_binary(), "fill", "--format", "json", "x.xml"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_EQ(format.err,
            "bilan: erreur: l’option --format ne s’applique pas à « bilan fill » ; options de fill : --output, --pdfa, --db, --partial, --fillable, --strict, --images-anywhere, "
            "--layouts, --fonts, --help\nEssayez « bilan fill --help ».\n");
  const auto strict = run({bilan_binary(), "--strict", "blank", "clas-2024-2025", "-o", "x.pdf"});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_EQ(strict.err,
            "bilan: erreur: l’option --strict ne s’applique pas à « bilan blank » ; options de blank : --output, "
            "--department, --all-departments, --out, --fillable, --layouts, --fonts, --help\nEssayez « bilan blank --help ».\n");
  const auto department = run({bilan_binary(), "fill", "x.xml", "--department=47"});
  EXPECT_EQ(department.exit_code, 2);
  EXPECT_NE(department.err.find("l’option --department ne s’applique pas à « bilan fill »"), std::string::npos);
  // list reads the fonts (the catalog loads them): it takes --fonts, not --db.
  const auto db = run({bilan_binary(), "list", "--db", "x.db"});
  EXPECT_EQ(db.exit_code, 2);
  EXPECT_NE(db.err.find("l’option --db ne s’applique pas à « bilan list » ; options de list : --layouts, --fonts, --help"),
            std::string::npos);
  const auto flag_value = run({bilan_binary(), "check", "--strict=oui", "x.xml"});
  EXPECT_EQ(flag_value.exit_code, 2);
  EXPECT_EQ(flag_value.err, "bilan: erreur: l’option --strict ne prend pas de valeur\nEssayez « bilan check --help ».\n");
}

// Generated from the definitions: a sub-action's help lists its command's
// options; an option written before the command is the command's.
TEST(Cli, SubActionsAndOptionsBeforeTheCommand) {
  const auto validate = run({bilan_binary(), "archive", "validate", "--help"});
  EXPECT_EQ(validate.exit_code, 0);
  EXPECT_TRUE(validate.out.starts_with("Utilisation : bilan archive validate ACTION@N --by NOM [options]\n\n"
                                       "la validation de la Caf, ajoutée, sans rien changer\n\nOptions :\n"))
      << validate.out;
  EXPECT_NE(validate.out.find("\n  --by NOM               qui valide"), std::string::npos) << validate.out;
  EXPECT_TRUE(validate.out.ends_with("\n  -h, --help             cette aide\n")) << validate.out;
  const auto store = run({bilan_binary(), "store", "--help"});
  EXPECT_NE(store.out.find("\nCommandes :\n  import FILE.xml|FILE.csv|DIR...  importe"), std::string::npos) << store.out;

  const std::string dir = testing::temp_dir();
  const auto before = run({bilan_binary(), "--department", "47", "blank", "clas-2024-2025", "-o", dir + "/a.pdf"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  ASSERT_EQ(run({bilan_binary(), "blank", "clas-2024-2025", "--department=47", "-o", dir + "/b.pdf"}).exit_code, 0);
  EXPECT_EQ(testing::read_text(dir + "/a.pdf"), testing::read_text(dir + "/b.pdf"));
  // The rules of the command hold for them too.
  const auto fillable = run({bilan_binary(), "--fillable", "fill", "x.xml"});
  EXPECT_EQ(fillable.exit_code, 2);
  EXPECT_EQ(fillable.err, "bilan: erreur: --fillable va avec --partial : un bilan à remplir ne peut pas exiger ses réponses\n"
                          "Essayez « bilan fill --help ».\n");
  const auto store_db = run({bilan_binary(), "store", "--db", dir + "/absent.db", "list"});
  EXPECT_EQ(store_db.exit_code, 2);
  EXPECT_EQ(store_db.err, "bilan: erreur: " + dir + "/absent.db : base introuvable (créez-la avec « bilan store import »)\n");
  const auto action = run({bilan_binary(), "store"});
  EXPECT_EQ(action.err, "bilan: erreur: il manque l’action de store : import, list, show ou export ; voir « bilan store --help »\n"
                        "Essayez « bilan store --help ».\n");
  // An option of one sub-action, given to another or before it.
  const auto out = run({bilan_binary(), "store", "list", "--out", dir});
  EXPECT_EQ(out.err, "bilan: erreur: --out DIR va avec « bilan store export »\nEssayez « bilan store --help ».\n");
  const auto output = run({bilan_binary(), "archive", "show", "A@1", "-o", dir + "/x.pdf"});
  EXPECT_EQ(output.err, "bilan: erreur: -o FILE.pdf va avec « bilan archive export »\nEssayez « bilan archive --help ».\n");
  const auto by_first = run({bilan_binary(), "archive", "--by", "Caf", "validate", "A@1", "--db", dir + "/absent.db"});
  EXPECT_EQ(by_first.err, "bilan: erreur: " + dir + "/absent.db : base introuvable (une archive se crée avec « bilan archive submit »)\n");
  const auto unknown = run({bilan_binary(), "archive", "lis"});
  EXPECT_EQ(unknown.err, "bilan: erreur: action d’archive inconnue « lis » (vouliez-vous dire « list » ?) ; actions : submit, list, "
                         "show, export, diff, validate, head, verify\nEssayez « bilan archive --help ».\n");
}

TEST(Cli, RulesBetweenOptionsAndRanges) {
  const std::pair<std::vector<std::string>, std::string> refused[] = {
      {{"batch", "--out", "o", "--jobs", "0"}, "--jobs attend un nombre de 1 à 256, reçu « 0 »"},
      {{"batch", "--out", "o", "-j", "257"}, "--jobs attend un nombre de 1 à 256, reçu « 257 »"},
      {{"batch", "--out", "o", "--jobs=deux"}, "--jobs attend un nombre de 1 à 256, reçu « deux »"},
      {{"check", "--format", "xml", "x.xml"}, "--format attend text ou json, reçu « xml »"},
      {{"blank", "clas-2024-2025", "--all-departments"}, "--all-departments écrit un fichier par département : indiquez le dossier avec --out DIR"},
      {{"blank", "clas-2024-2025", "--all-departments", "--out", "d", "--department", "47"},
       "--all-departments ne se combine ni avec --department ni avec -o"},
      {{"blank", "clas-2024-2025", "--out", "d"}, "--out DIR va avec --all-departments ; pour un seul fichier : -o OUT.pdf"},
      {{"batch", "dossier", "--out", "o", "--form", "clas-2024-2025"},
       "--department, --form et --action choisissent des actions de la base : sans SOURCE"},
      {{"fill", "x.xml", "-o"}, "l’option -o attend une valeur (FILE)"},
      {{"check", "--strict=", "x.xml"}, "l’option --strict ne prend pas de valeur"},
  };
  for (const auto& [args, message] : refused) {
    std::vector<std::string> argv{bilan_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run(argv);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_EQ(r.err, "bilan: erreur: " + message + "\nEssayez « bilan " + args[0] + " --help ».\n");
  }
}

// $BILAN_FONTS is --fonts when --fonts is not given.
TEST(Cli, FontsComeFromTheOptionThenTheVariable) {
  const std::string dir = testing::temp_dir();
  const auto variable = run({"env", "BILAN_FONTS=" + dir + "/absent.conf", bilan_binary(), "blank", "clas-2024-2025", "-o", dir + "/x.pdf"});
  EXPECT_EQ(variable.exit_code, 2);
  EXPECT_NE(variable.err.find(dir + "/absent.conf"), std::string::npos) << variable.err;
  const auto option = run({"env", "BILAN_FONTS=" + dir + "/absent.conf", bilan_binary(), "blank", "clas-2024-2025", "--fonts",
                           testing::source_path("fonts/fonts.conf"), "-o", dir + "/x.pdf"});
  EXPECT_EQ(option.exit_code, 0) << option.err;
}

TEST(Cli, EmptyOptionValuesAreUsageErrors) {
  const std::string dir = testing::temp_dir();
  const auto department = run({bilan_binary(), "blank", "clas-2024-2025", "--department", "", "-o", dir + "/x.pdf"});
  EXPECT_EQ(department.exit_code, 2);
  EXPECT_EQ(department.err, "bilan: erreur: l’option --department attend une valeur non vide (CODE)\nEssayez « bilan blank --help ».\n");
  const auto equals = run({bilan_binary(), "blank", "clas-2024-2025", "--department=", "-o", dir + "/x.pdf"});
  EXPECT_EQ(equals.exit_code, 2);
  EXPECT_EQ(equals.err, department.err);
  const auto output = run({bilan_binary(), "fill", sample("minimal-2024-2025.xml"), "-o", ""});
  EXPECT_EQ(output.exit_code, 2);
  EXPECT_EQ(output.err, "bilan: erreur: l’option -o attend une valeur non vide (FILE)\nEssayez « bilan fill --help ».\n");
  EXPECT_EQ(files_in(dir), std::vector<std::string>{});
}

TEST(Cli, EveryCommandsHelpListsAllItsOptions) {
  const std::map<std::string, std::vector<std::string>> accepted = {
      {"list", {"--layouts", "--fonts", "--help"}},
      {"blank", {"--output", "--department", "--all-departments", "--out", "--layouts", "--fonts", "--help"}},
      {"fill", {"--output", "--strict", "--layouts", "--fonts", "--help"}},
      {"check", {"--strict", "--format", "--layouts", "--fonts", "--help"}},
  };
  const std::vector<std::string> all = {"--output", "--department", "--all-departments", "--out", "--strict",
                                        "--format", "--layouts", "--fonts", "--help"};
  for (const auto& [cmd, opts] : accepted) {
    const auto r = run({bilan_binary(), cmd, "--help"});
    ASSERT_EQ(r.exit_code, 0) << cmd;
    const std::string options = r.out.substr(r.out.find("Options :"));
    for (const auto& o : all) {
      bool listed = false;
      for (const char* before : {"  ", ", "})
        for (const char* after : {" ", "\n"}) listed = listed || options.find(before + o + after) != std::string::npos;
      const bool applies = std::find(opts.begin(), opts.end(), o) != opts.end();
      EXPECT_EQ(listed, applies) << cmd << " --help and " << o << ":\n" << options;
    }
  }
}

TEST(Cli, AMissingFileOrFolderIsNamed) {
  const std::string dir = testing::temp_dir();
  const auto layouts = run({bilan_binary(), "check", "--layouts", dir + "/absent", sample("minimal-2024-2025.xml")});
  EXPECT_EQ(layouts.exit_code, 2);
  EXPECT_EQ(layouts.err, "bilan: erreur: --layouts " + dir + "/absent : dossier introuvable\n");
  const auto twice = run({bilan_binary(), "check", "--layouts", testing::source_path("layouts"), dir + "/absent.xml", "--layouts", dir + "/absent"});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_EQ(twice.err, "bilan: erreur: --layouts " + dir + "/absent : dossier introuvable\n") << "one folder per --layouts";
  const auto fonts = run({bilan_binary(), "fill", sample("minimal-2024-2025.xml"), "--fonts", dir + "/absent.conf", "-o", dir + "/x.pdf"});
  EXPECT_EQ(fonts.exit_code, 2);
  EXPECT_NE(fonts.err.find(dir + "/absent.conf"), std::string::npos) << fonts.err;
  const auto form = run({bilan_binary(), "blank", dir + "/absent.xml", "-o", dir + "/x.pdf"});
  EXPECT_EQ(form.exit_code, 2);
  EXPECT_EQ(form.err, dir + "/absent.xml: erreur: lecture impossible : fichier introuvable\n");
  const auto check = run({bilan_binary(), "check", dir + "/absent.xml"});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_EQ(check.err, dir + "/absent.xml: erreur: lecture impossible : fichier introuvable\n");
  EXPECT_EQ(files_in(dir), std::vector<std::string>{});
}

// A missing input is an I/O error (exit 2) in every command, said alike, and
// nothing is created: no base, no output.
TEST(Cli, AMissingInputIsExitTwoInEveryCommand) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/bilan.db";
  for (const auto& [args, input] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"fill", dir + "/absent.xml"}, dir + "/absent.xml"},
           {{"check", dir + "/absent.xml"}, dir + "/absent.xml"},
           {{"check", "--format", "json", dir + "/absent.xml"}, dir + "/absent.xml"},
           {{"blank", dir + "/absent.xml", "-o", dir + "/x.pdf"}, dir + "/absent.xml"},
           {{"list", dir + "/absent.xml"}, dir + "/absent.xml"},
           {{"extract", dir + "/absent.pdf"}, dir + "/absent.pdf"},
           {{"import-pdf", dir + "/absent.pdf", "--db", db}, dir + "/absent.pdf"},
           {{"store", "import", sample("minimal-2024-2025.xml"), dir + "/absent.csv", "--db", db}, dir + "/absent.csv"},
           {{"batch", dir + "/absent.csv", "--out", dir + "/out"}, dir + "/absent.csv"},
           {{"batch", dir + "/absent", "--out", dir + "/out"}, dir + "/absent"},
           {{"archive", "submit", dir + "/absent.xml", "--db", db}, dir + "/absent.xml"}}) {
    std::vector<std::string> argv{bilan_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run(argv);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_EQ(r.err, input + ": erreur: lecture impossible : fichier introuvable\n") << args[0];
    EXPECT_EQ(r.out, "") << args[0];
  }
  EXPECT_EQ(files_in(dir), std::vector<std::string>{});
}

TEST(Cli, AnEmptyOperandIsAUsageErrorNamingIt) {
  const auto fill = run({bilan_binary(), "fill", ""});
  EXPECT_EQ(fill.exit_code, 2);
  EXPECT_EQ(fill.err, "bilan: erreur: l’argument ANSWERS.xml attend une valeur non vide\nEssayez « bilan fill --help ».\n");
  const auto blank = run({bilan_binary(), "blank", "", "-o", "x.pdf"});
  EXPECT_EQ(blank.exit_code, 2);
  EXPECT_EQ(blank.err, "bilan: erreur: l’argument FORM attend une valeur non vide\nEssayez « bilan blank --help ».\n");
  const auto store = run({bilan_binary(), "store", "import", ""});
  EXPECT_EQ(store.exit_code, 2);
  EXPECT_EQ(store.err, "bilan: erreur: l’argument FILE.xml|FILE.csv|DIR attend une valeur non vide\nEssayez « bilan store --help ».\n");
}

TEST(Cli, ADepartmentCodeWithoutItsZeroOrCapitalGetsASuggestion) {
  const std::string dir = testing::temp_dir();
  for (const auto& [code, likely] : std::vector<std::pair<std::string, std::string>>{{"6", "06"}, {"2a", "2A"}, {"2b", "2B"}}) {
    const auto r = run({bilan_binary(), "blank", "clas-2024-2025", "--department", code, "-o", dir + "/x.pdf"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "bilan: erreur: département « " + code + " » inconnu (vouliez-vous dire « " + likely + " » ?)\n");
  }
  const auto none = run({bilan_binary(), "blank", "clas-2024-2025", "--department", "99", "-o", dir + "/x.pdf"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.err, "bilan: erreur: département « 99 » inconnu (codes : 01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976)\n");
  EXPECT_EQ(files_in(dir), std::vector<std::string>{});
}

// Not a terminal (a script, a log): one line per file written and a count,
// as batch prints; no progress line.
TEST(Cli, AllDepartmentsSaysWhatItWroteWhenNotOnATerminal) {
  const std::string dir = testing::temp_dir();
  const auto one = run({bilan_binary(), "blank", "clas-lot-et-garonne-2021-2022", "--all-departments", "--out", dir + "/lg"});
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.err, "[1/1] " + dir + "/lg/47.pdf\n1 formulaire écrit dans " + dir + "/lg\n");
  const auto all = run({bilan_binary(), "blank", "tne-parentalite-numerique", "--all-departments", "--out", dir + "/tne"});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_TRUE(all.err.starts_with("[1/101] " + dir + "/tne/01.pdf\n[2/101] " + dir + "/tne/02.pdf\n")) << all.err.substr(0, 200);
  EXPECT_TRUE(all.err.ends_with("[101/101] " + dir + "/tne/976.pdf\n101 formulaires écrits dans " + dir + "/tne\n"));
  EXPECT_EQ(std::count(all.err.begin(), all.err.end(), '\n'), 102);
  EXPECT_EQ(files_in(dir + "/tne").size(), 101u);
}

TEST(Cli, EachHelpSpeaksOfItsOwnCommand) {
  const auto import = run({bilan_binary(), "import-pdf", "--help"});
  EXPECT_EQ(import.exit_code, 0);
  EXPECT_NE(import.out.find("  -o, --output FILE      fichier de réponses à écrire (sans -o ni --db : la sortie standard)\n"),
            std::string::npos) << import.out;
  EXPECT_NE(import.out.find("  --partial              réponses partielles : les réponses obligatoires ne sont pas exigées\n"),
            std::string::npos) << import.out;
  for (const char* other : {"extract", "PDF à écrire", "bilan pré-rempli"}) EXPECT_EQ(import.out.find(other), std::string::npos) << other;
  const auto batch = run({bilan_binary(), "batch", "--help"});
  EXPECT_NE(batch.out.find("  --action ID            seulement cette action de la base (répétable)\n"), std::string::npos) << batch.out;
  EXPECT_EQ(batch.out.find("archive"), std::string::npos) << batch.out;
  const auto extract = run({bilan_binary(), "extract", "--help"});
  EXPECT_NE(extract.out.find("  -o, --output FILE      fichier de réponses à écrire (sans -o : la sortie standard ; avec --all : le dossier)\n"), std::string::npos) << extract.out;
  const auto fill = run({bilan_binary(), "fill", "--help"});
  EXPECT_NE(fill.out.find("  -o, --output FILE      fichier PDF à écrire\n"), std::string::npos) << fill.out;
  EXPECT_EQ(fill.out.find("extract,"), std::string::npos) << fill.out;
  const auto archive = run({bilan_binary(), "archive", "list", "--help"});
  EXPECT_NE(archive.out.find("  --action ID            seulement les versions de cette action (archive list)\n"), std::string::npos);
}

// System reasons in French, not strerror()'s English (« Permission denied »).
TEST(Cli, SystemReasonsAreInFrench) {
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/fichier", "");
  const std::string long_name = dir + "/" + std::string(300, 'n') + ".pdf";  // over the 255 bytes of a name
  const auto too_long = run({bilan_binary(), "blank", "clas-2024-2025", "-o", long_name});
  EXPECT_EQ(too_long.exit_code, 2);
  EXPECT_EQ(too_long.err, "bilan: erreur: " + long_name + " : écriture impossible (nom de fichier trop long)\n");
  const auto not_dir = run({bilan_binary(), "blank", "clas-2024-2025", "-o", dir + "/fichier/bilan.pdf"});
  EXPECT_EQ(not_dir.exit_code, 2);
  EXPECT_EQ(not_dir.err, "bilan: erreur: " + dir + "/fichier/bilan.pdf : écriture impossible (un élément du chemin n’est pas un dossier)\n");
  const auto folder = run({bilan_binary(), "blank", "clas-2024-2025", "--all-departments", "--out", dir + "/fichier/sous"});
  EXPECT_EQ(folder.exit_code, 2);
  EXPECT_EQ(folder.err, "bilan: erreur: " + dir + "/fichier/sous : création du dossier impossible (un élément du chemin n’est pas un dossier)\n");
}

TEST(Cli, ListAlignsColumnsByCharacters) {
  const auto r = run({bilan_binary(), "list", "clas-lot-et-garonne-2021-2022"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Each field line: id padded to 44 characters, type to 18, then the label.
  std::size_t lines = 0, accented = 0;
  std::size_t pos = r.out.find('\n') + 1;
  while (pos < r.out.size()) {
    const std::size_t end = r.out.find('\n', pos);
    const std::string line = r.out.substr(pos, end - pos);
    pos = end + 1;
    if (!line.starts_with("  ") || line.starts_with("      ")) continue;
    std::u32string chars;
    for (std::size_t i = 0; i < line.size();) chars.push_back(utf8::next(line, i));
    ASSERT_GT(chars.size(), 62u) << line;
    EXPECT_EQ(chars[43], U' ') << line;
    EXPECT_NE(chars[44], U' ') << line;  // the type, where no accent shifted it
    EXPECT_EQ(chars[61], U' ') << line;
    EXPECT_NE(chars[62], U' ') << line;
    ++lines;
    if (line.find("téléphone") != std::string::npos || line.find("décimal") != std::string::npos) ++accented;
  }
  EXPECT_GT(lines, 10u);
  EXPECT_GT(accented, 0u);
}

TEST(Cli, ListShowsTheForms) {
  const auto r = run({bilan_binary(), "list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("clas-2024-2025"), std::string::npos);
  EXPECT_NE(r.out.find("Bilan CLAS 2024-2025"), std::string::npos);
  EXPECT_NE(r.out.find("tne-parentalite-numerique"), std::string::npos);
}

TEST(Cli, ListFormShowsItsFields) {
  const auto r = run({bilan_binary(), "list", "clas-2024-2025"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  structure                                 texte             Structure porteuse : (obligatoire)\n"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Décrivez la mise en œuvre de votre action sur l’année scolaire 2024-2025"), std::string::npos);
  EXPECT_NE(r.out.find("      valeurs : materiel, intervenants, sorties, autres (+ bonus_enfant_objet.autres)\n"), std::string::npos);
  EXPECT_NE(r.out.find("      colonnes : seances (entier), parents (entier), enfants (entier), commentaire (texte)\n"), std::string::npos);
  EXPECT_EQ(r.out.find("Partie propre au département 47"), std::string::npos) << "the Réseau part is the 2021/22 form's";
  const auto lot = run({bilan_binary(), "list", "clas-lot-et-garonne-2021-2022"});
  EXPECT_NE(lot.out.find("Partie propre au département 47 :\n  reseau_animation"), std::string::npos) << lot.out;
}

TEST(Cli, FillIsByteIdentical) {
  const std::string dir = testing::temp_dir();
  for (const char* out : {"/a.pdf", "/b.pdf"})
    ASSERT_EQ(run({bilan_binary(), "fill", sample("association-urbaine-2024-2025.xml"), "-o", dir + out}).exit_code, 0);
  EXPECT_EQ(testing::read_text(dir + "/a.pdf"), testing::read_text(dir + "/b.pdf"));
  for (const char* out : {"/c.pdf", "/d.pdf"})
    ASSERT_EQ(run({bilan_binary(), "blank", "clas-2024-2025", "-o", dir + out}).exit_code, 0);
  EXPECT_EQ(testing::read_text(dir + "/c.pdf"), testing::read_text(dir + "/d.pdf"));
}

TEST(Cli, BadAnswersGetLocatedErrorsAndNoPdf) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/faux.xml";
  testing::write_text(answers,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<bilan form=\"clas-2024-2025\">\n"
                      "  <answer field=\"structur\">Association</answer>\n"
                      "  <answer field=\"date_debut\">31/06/2025</answer>\n"
                      "  <answer field=\"bonus_enfants\">peut-être</answer>\n"
                      "</bilan>\n");
  const auto r = run({bilan_binary(), "fill", answers, "-o", dir + "/faux.pdf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            answers + ":2:1: erreur: champ obligatoire sans réponse : « structure » (Structure porteuse :)\n" +
            answers + ":2:1: erreur: champ obligatoire sans réponse : « referent » (Référent de l’action :)\n" +
            answers + ":2:1: erreur: champ obligatoire sans réponse : « intitule » (Intitulé du projet :)\n" +
            answers + ":2:1: erreur: champ obligatoire sans réponse : « objectifs_atteints » (Les objectifs de l’action ont-ils été atteints au regard des indicateurs utilisés ?)\n" +
            answers + ":2:1: erreur: champ obligatoire sans réponse : « bilan_global » (Globalement, quel bilan tirez-vous de la mise en œuvre de votre projet CLAS ?)\n" +
            answers + ":3:3: erreur: champ inconnu « structur » (vouliez-vous dire « structure » ?)\n" +
            answers + ":4:30: erreur: champ « date_debut » : date impossible, reçu « 31/06/2025 »\n" +
            answers + ":5:33: erreur: champ « bonus_enfants » : oui ou non attendu, reçu « peut-être »\n");
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"faux.xml"}) << "no PDF, no temporary file left";
}

TEST(Cli, MalformedXmlIsALocatedError) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/casse.xml";
  testing::write_text(answers, "<bilan form=\"clas-2024-2025\">\n  <answer field=\"structure\">x</answr>\n</bilan>\n");
  const auto r = run({bilan_binary(), "fill", answers});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, answers + ":2:32: erreur: XML invalide : la balise fermante </answr> ne correspond pas à la balise ouverte <answer> de la ligne 2\n");
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"casse.xml"});
}

TEST(Cli, NeverOverwritesItsInput) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/r.xml";
  fs::copy_file(sample("minimal-2024-2025.xml"), answers);
  const std::string before = testing::read_text(answers);
  const auto r = run({bilan_binary(), "fill", answers, "-o", answers});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("écraserait le fichier de réponses"), std::string::npos) << r.err;
  EXPECT_EQ(testing::read_text(answers), before);
}

TEST(Cli, DefaultOutputIsBesideTheAnswers) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/r.xml";
  fs::copy_file(sample("minimal-2024-2025.xml"), answers);
  const auto r = run({bilan_binary(), "fill", answers});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir + "/r.pdf"));
}

TEST(Cli, FailedRunKeepsThePreviousPdf) {
  const std::string dir = testing::temp_dir();
  const std::string good = dir + "/bilan.pdf";
  ASSERT_EQ(run({bilan_binary(), "fill", sample("minimal-2024-2025.xml"), "-o", good}).exit_code, 0);
  const std::string before = testing::read_text(good);
  testing::write_text(dir + "/bad.xml", "<bilan form=\"clas-2024-2025\"><answer field=\"nope\">x</answer></bilan>");
  EXPECT_EQ(run({bilan_binary(), "fill", dir + "/bad.xml", "-o", good}).exit_code, 1);
  EXPECT_EQ(testing::read_text(good), before);
}

TEST(Cli, UnknownFormAndMissingFile) {
  const std::string dir = testing::temp_dir();
  const auto blank = run({bilan_binary(), "blank", "clas-2099", "-o", dir + "/x.pdf"});
  EXPECT_EQ(blank.exit_code, 1);
  EXPECT_EQ(blank.err, "bilan: erreur: formulaire inconnu « clas-2099 » ; formulaires connus : clas-2024-2025, clas-lot-et-garonne-2021-2022, questionnaire-clas-2023-2024, tne-parentalite-numerique\n");
  const auto missing = run({bilan_binary(), "fill", dir + "/absent.xml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, dir + "/absent.xml: erreur: lecture impossible : fichier introuvable\n");
  EXPECT_EQ(files_in(dir), std::vector<std::string>{});
}

TEST(Cli, CheckPrintsDiagnosticsOnly) {
  const std::string dir = testing::temp_dir();
  fs::copy_file(sample("minimal-2024-2025.xml"), dir + "/ok.xml");
  const auto ok = run({bilan_binary(), "check", dir + "/ok.xml"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.err, "");
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"ok.xml"});
  testing::write_text(dir + "/w.xml",
                      "<bilan form=\"clas-2024-2025\">\n"
                      "<answer field=\"structure\">A</answer><answer field=\"referent\">B</answer>"
                      "<answer field=\"intitule\">C</answer><answer field=\"objectifs_atteints\">D</answer>"
                      "<answer field=\"bilan_global\">E</answer>\n"
                      "<answer field=\"bonus_enfant_finance\">non</answer>\n"
                      "<answer field=\"bonus_enfant_realise\">oui</answer>\n"
                      "</bilan>\n");
  const auto warn = run({bilan_binary(), "check", dir + "/w.xml"});
  EXPECT_EQ(warn.exit_code, 0);
  EXPECT_NE(warn.err.find("w.xml:4:1: avertissement: réponse à « bonus_enfant_realise » dans une partie sans objet"), std::string::npos)
      << warn.err;
  EXPECT_EQ(run({bilan_binary(), "check", "--strict", dir + "/w.xml"}).exit_code, 1);
  const auto json = run({bilan_binary(), "check", "--format", "json", dir + "/w.xml"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_TRUE(json.out.starts_with("{\"errors\": 0, \"warnings\": 1, \"diagnostics\": [\n  {\"file\": ")) << json.out;
  EXPECT_NE(json.out.find("\"line\": 4, \"column\": 1, \"severity\": \"warning\", \"code\": \"answer-in-inactive-part\", "
                          "\"field\": \"bonus_enfant_realise\""),
            std::string::npos)
      << json.out;
}

}  // namespace
}  // namespace bilan

namespace bilan {
namespace {

TEST(Cli, DifficultTextFillsWithFallbackAndPlaceholder) {
  const std::string dir = testing::temp_dir();
  const std::string answers = dir + "/difficile.xml";
  testing::write_text(answers,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<bilan form=\"clas-2024-2025\" department=\"2A\">\n"
                      "  <answer field=\"structure\">ŒUVRE «\u00a0Les Petits Curieux\u00a0» & Cie — l'asso</answer>\n"
                      "  <answer field=\"referent\">Éloïse N'Diaye</answer>\n"
                      "  <answer field=\"intitule\">Bonhomme de neige \u2603 et sourire \U0001F92F</answer>\n"
                      "  <answer field=\"objectifs_atteints\">\n"
                      "    Oui: voir https://www.caf.fr/allocataires/vies-de-famille/articles/accompagnement-scolarite-clas\n"
                      "    - 12,5 % de progression ; budget 2 758,28 €\n"
                      "  </answer>\n"
                      "  <answer field=\"bilan_global\">Positif.</answer>\n"
                      "</bilan>\n");
  const std::string pdf = dir + "/difficile.pdf";
  const auto r = run({bilan_binary(), "fill", answers, "-o", pdf});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, answers + ":5:59: avertissement: caractère U+1F92F « \U0001F92F » absent des polices : il est imprimé « \uFFFD »\n");
  const auto fonts = run({"pdffonts", pdf});
  EXPECT_NE(fonts.out.find("DejaVuSans"), std::string::npos) << "the snowman comes from the fallback font\n" << fonts.out;
  const auto txt = run({"pdftotext", "-enc", "UTF-8", pdf, "-"});
  EXPECT_EQ(txt.err, "");
  EXPECT_NE(txt.out.find("Bonhomme de neige \u2603 et sourire \uFFFD"), std::string::npos) << txt.out;
  EXPECT_NE(txt.out.find("ŒUVRE « Les Petits Curieux » & Cie — l’asso"), std::string::npos);
  EXPECT_NE(txt.out.find("Éloïse N’Diaye"), std::string::npos);
  const auto info = run({"pdfinfo", pdf});
  EXPECT_NE(info.out.find("Title:           Bilan CLAS 2024-2025"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Author:          ŒUVRE «\u00a0Les Petits Curieux\u00a0» & Cie — l'asso"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Subject:         Contrat local d’accompagnement à la scolarité"), std::string::npos) << info.out;
}

TEST(Cli, BookmarksFollowTheSections) {
  const std::string dir = testing::temp_dir();
  ASSERT_EQ(run({bilan_binary(), "blank", "clas-2024-2025", "-o", dir + "/b.pdf"}).exit_code, 0);
  const auto qdf = run({"qpdf", "--qdf", "--object-streams=disable", dir + "/b.pdf", dir + "/q.pdf"});
  ASSERT_EQ(qdf.exit_code, 0);
  const std::string q = testing::read_text(dir + "/q.pdf");
  EXPECT_NE(q.find("/Outlines"), std::string::npos);
  EXPECT_NE(q.find("/Title <feff"), std::string::npos) << "outline titles in UTF-16, accents kept";
}

}  // namespace
}  // namespace bilan

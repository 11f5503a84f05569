// engine/commands: FORM as an id or a path, the forms a one-document run
// loads, the retry with every form, the batch source.
#include "engine/commands.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/test_support.hpp"

namespace bilan::engine {
namespace {

FileSystemEnvironment real_environment() {
  return FileSystemEnvironment({testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf"));
}

TEST(Commands, AFormIsALayoutPathWhenItHasASlashOrEndsInXml) {
  EXPECT_FALSE(is_layout_path("clas-2024-2025"));
  EXPECT_TRUE(is_layout_path("layouts/clas-2024-2025.xml"));
  EXPECT_TRUE(is_layout_path("mon-formulaire.xml"));
  EXPECT_TRUE(is_layout_path("./clas"));
}

TEST(Commands, AOneDocumentCommandLoadsOnlyItsForm) {
  const FileSystemEnvironment env = real_environment();
  const std::string answers = testing::source_path("samples/minimal-2024-2025.xml");
  EXPECT_EQ(select_forms(env, "fill", {answers}).only_forms, std::vector<std::string>{"clas-2024-2025"});
  EXPECT_EQ(select_forms(env, "check", {answers}).only_forms, std::vector<std::string>{"clas-2024-2025"});
  EXPECT_EQ(select_forms(env, "blank", {"tne-parentalite-numerique"}).only_forms, std::vector<std::string>{"tne-parentalite-numerique"});
  const auto path = select_forms(env, "blank", {"dossier/form.xml"});
  EXPECT_EQ(path.layout_files, std::vector<std::string>{"dossier/form.xml"});
  EXPECT_TRUE(path.only_forms.empty());
  EXPECT_EQ(select_forms(env, "list", {"form.xml"}).layout_files, std::vector<std::string>{"form.xml"});
  EXPECT_TRUE(select_forms(env, "list", {"clas-2024-2025"}).only_forms.empty()) << "list loads every form";
  EXPECT_TRUE(select_forms(env, "fill", {"/nulle/part.xml"}).only_forms.empty()) << "unreadable: every form, the error said later";
  EXPECT_TRUE(select_forms(env, "batch", {answers}).only_forms.empty());
  EXPECT_TRUE(select_forms(env, "fill", {}).only_forms.empty());
}

// A field of another form is named as such only when every form is loaded.
TEST(Commands, ErrorsAreSaidWithEveryFormLoaded) {
  const FileSystemEnvironment env = real_environment();
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/r.xml",
                      "<bilan form=\"tne-parentalite-numerique\">\n  <answer field=\"bonus_enfants\">oui</answer>\n</bilan>\n");
  const FormSelection forms = select_forms(env, "check", {dir + "/r.xml"});
  ASSERT_EQ(forms.only_forms, std::vector<std::string>{"tne-parentalite-numerique"});
  DiagnosticSink alone;
  Engine only(env, forms.layout_files, forms.only_forms);
  EXPECT_FALSE(only.check(dir + "/r.xml", alone));
  DiagnosticSink retried;
  Engine engine(env, forms.layout_files, forms.only_forms);
  EXPECT_FALSE(check_with_retry(engine, env, forms, dir + "/r.xml", retried));
  const auto said = [](const DiagnosticSink& sink) {
    std::string all;
    for (const auto& d : sink.sorted()) all += d.message + "\n";
    return all;
  };
  EXPECT_EQ(said(alone).find("clas-2024-2025"), std::string::npos) << said(alone);
  EXPECT_NE(said(retried).find("clas-2024-2025"), std::string::npos) << said(retried);

  DiagnosticSink fill_sink;
  Engine fill_engine(env, forms.layout_files, forms.only_forms);
  EXPECT_FALSE(fill_with_retry(fill_engine, env, forms, dir + "/r.xml", {}, fill_sink));
  EXPECT_EQ(said(fill_sink), said(retried));
}

TEST(Commands, TheBatchSourceIsAFolderACsvFileOrTheStore) {
  const std::string dir = testing::temp_dir();
  EXPECT_EQ(batch_source(""), BatchSource::Store);
  EXPECT_EQ(batch_source(dir), BatchSource::Folder);
  EXPECT_EQ(batch_source(dir + "/actions.CSV"), BatchSource::Csv);
  EXPECT_EQ(batch_source(dir + "/actions.tsv"), BatchSource::Csv);
  EXPECT_EQ(batch_source(dir + "/texte.txt"), BatchSource::Csv);
  try {
    batch_source(dir + "/r.xml");
    ADD_FAILURE() << "an answer file is no batch source";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "SOURCE doit être un dossier de fichiers de réponses ou un fichier CSV : « " + dir +
                                         "/r.xml » n’est ni l’un ni l’autre");
  }
}

TEST(Commands, FolderItemsAreNamedByTheirActionAndReadWhenRendered) {
  const FileSystemEnvironment env = real_environment();
  const std::string dir = testing::temp_dir();
  testing::write_text(dir + "/a.xml", "<bilan form=\"clas-2024-2025\" action=\"ACT-1\"/>");
  testing::write_text(dir + "/b.xml", "<bilan form=\"clas-2024-2025\"/>");
  const auto items = batch_items_from_folder(env, {dir + "/a.xml", dir + "/b.xml"});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].action, "ACT-1");
  EXPECT_EQ(items[1].action, "b") << "no action attribute: the file's name";
  EXPECT_TRUE(items[0].bytes.empty());
  testing::write_text(dir + "/a.xml", "changé");
  EXPECT_EQ(items[0].load(), "changé");
}

}  // namespace
}  // namespace bilan::engine

// run_batch: one Catalog, N Renderers; results in input order whatever N;
// a stop flag leaves the rest undone; file names never shared.
#include "engine/batch.hpp"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "core/environment.hpp"
#include "core/error.hpp"
#include "load/csv_reader.hpp"
#include "support/test_support.hpp"

namespace bilan::engine {
namespace {

std::vector<BatchItem> items(std::size_t n) {
  const std::string base = testing::read_text(testing::source_path("samples/tne-parentalite-numerique-2024-2025.xml"));
  std::vector<BatchItem> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string text = base;
    const std::string from = "action=\"TNE-47-2024-007\"";
    text.replace(text.find(from), from.size(), "action=\"T-" + std::to_string(i) + "\"");
    out.push_back({"T-" + std::to_string(i), "/mem/" + std::to_string(i) + ".xml", text, {}, {}});
  }
  out[3].bytes = "<bilan form=\"nulle-part\"/>";
  return out;
}

std::map<std::string, std::string> run_with(const Catalog& catalog, unsigned jobs, std::vector<BatchResult>& results) {
  std::map<std::string, std::string> files;
  std::mutex m;
  BatchOptions options;
  options.jobs = jobs;
  options.write = [&](const std::string& file, const std::string& pdf) {
    std::lock_guard<std::mutex> lock(m);
    files[file] = pdf;
  };
  results = run_batch(catalog, items(12), options);
  return files;
}

TEST(Batch, TheBytesAndResultsDoNotDependOnTheThreadCount) {
  const FileSystemEnvironment env({testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf"));
  const auto catalog = Catalog::load(env);
  std::vector<BatchResult> one, three;
  const auto files1 = run_with(*catalog, 1, one);
  const auto files3 = run_with(*catalog, 3, three);
  EXPECT_EQ(files1, files3);
  EXPECT_EQ(files1.size(), 11u);
  EXPECT_EQ(batch_summary_csv(one), batch_summary_csv(three));
  EXPECT_EQ(one[3].status, BatchStatus::Failed);
  EXPECT_EQ(one[3].errors, 1u);
  EXPECT_EQ(one[4].status, BatchStatus::Written);
  EXPECT_EQ(one[4].bytes, files1.at("T-4.pdf").size());
  EXPECT_EQ(one[4].pages, 2u);
}

TEST(Batch, AStopLeavesTheRestUndone) {
  const FileSystemEnvironment env({testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf"));
  const auto catalog = Catalog::load(env);
  std::atomic<bool> stop{false};
  BatchOptions options;
  options.stop = &stop;
  options.progress = [&](const BatchResult&, std::size_t done, std::size_t) {
    if (done == 2) stop = true;
  };
  const auto results = run_batch(*catalog, items(6), options);
  EXPECT_EQ(results[1].status, BatchStatus::Written);
  EXPECT_EQ(results[2].status, BatchStatus::None);
  EXPECT_EQ(results[5].status, BatchStatus::None);
  const std::string csv = batch_summary_csv(results);
  EXPECT_NE(csv.find("\nT-5;;non traité;0;0;0;0\n"), std::string::npos) << csv;
}

// A writer exception on a worker thread fails its item with the message;
// the other items are written and the summary has them all (it used to reach
// std::terminate: no summary, no PDF after it).
TEST(Batch, AnExceptionInOneItemFailsThatItemOnly) {
  const FileSystemEnvironment env({testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf"));
  const auto catalog = Catalog::load(env);
  for (const unsigned jobs : {1u, 3u}) {
    BatchOptions options;
    options.jobs = jobs;
    std::mutex m;
    std::map<std::string, std::string> files;
    options.write = [&](const std::string& file, const std::string& pdf) {
      if (file == "T-5.pdf") throw IoError("T-5.pdf : écriture impossible (plus de place sur le disque)");
      std::lock_guard<std::mutex> lock(m);
      files[file] = pdf;
    };
    options.before_pdf = [](const BatchItem& item) {
      if (item.action == "T-1") throw std::runtime_error("libharu : échec de l’ajout d’une page (erreur 0x1015, détail 0)");
      if (item.action == "T-2") throw 42;  // not even a std::exception
    };
    const auto results = run_batch(*catalog, items(8), options);
    EXPECT_EQ(files.size(), 4u) << jobs;  // 0, 4, 6, 7
    ASSERT_EQ(results[1].status, BatchStatus::Failed);
    ASSERT_EQ(results[1].diagnostics.size(), 1u);
    EXPECT_EQ(results[1].diagnostics[0].to_string(),
              "/mem/1.xml: erreur: le PDF n’a pas pu être produit : libharu : échec de l’ajout d’une page (erreur 0x1015, détail 0)");
    EXPECT_EQ(results[1].diagnostics[0].code, DiagCode::PdfFailed);
    EXPECT_EQ(results[2].diagnostics.at(0).to_string(), "/mem/2.xml: erreur: le PDF n’a pas pu être produit : erreur inconnue");
    EXPECT_EQ(results[5].diagnostics.at(0).to_string(), "erreur: T-5.pdf : écriture impossible (plus de place sur le disque)");
    EXPECT_EQ(results[5].diagnostics.at(0).code, DiagCode::WriteFailed);
    EXPECT_EQ(results[4].status, BatchStatus::Written);
    EXPECT_EQ(results[7].status, BatchStatus::Written);
    const std::string csv = batch_summary_csv(results);
    EXPECT_NE(csv.find("\nT-1;;échec;1;0;0;0\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\nT-7;T-7.pdf;écrit;"), std::string::npos) << csv;
  }
}

TEST(Batch, FileNames) {
  EXPECT_EQ(batch_file_names({"CLAS-47-2024-018", "a.b_c"}), (std::vector<std::string>{"CLAS-47-2024-018.pdf", "a.b_c.pdf"}));
  const auto odd = batch_file_names({"x/y", "x_y", "Ab", "aB", ".cache", ""});
  EXPECT_EQ(odd[1], "x_y.pdf");
  EXPECT_TRUE(odd[0].starts_with("x_y-") && odd[0].size() == 4 + 12 + 4) << odd[0];  // never x_y.pdf
  EXPECT_NE(odd[2], odd[3]);
  EXPECT_TRUE(odd[2].starts_with("Ab-")) << odd[2];
  EXPECT_TRUE(odd[4].starts_with("_cache-")) << odd[4];
  EXPECT_EQ(odd[5].size(), 12u + 4);
}

TEST(Batch, SummaryQuotesWhatNeedsIt) {
  BatchResult r;
  r.action = "a;\"b\"";
  r.status = BatchStatus::Failed;
  r.errors = 2;
  EXPECT_EQ(batch_summary_csv({r}),
            "\xEF\xBB\xBF" "action;fichier;statut;erreurs;avertissements;pages;octets\n\"a;\"\"b\"\"\";;échec;2;0;0;0\n");
}

// Issue 18: action ids a spreadsheet would run as formulas; a BOM for Excel.
TEST(Batch, SummaryNeutralisesFormulasAndStartsWithABom) {
  std::vector<BatchResult> results(5);
  const char* ids[] = {"=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\";\"y\")", "+1", "-x", "@A1"};
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].action = ids[i];
    results[i].status = BatchStatus::Failed;
  }
  results[3].status = BatchStatus::Written;
  results[3].file = "-x.pdf";
  EXPECT_EQ(batch_summary_csv(results),
            "\xEF\xBB\xBF" "action;fichier;statut;erreurs;avertissements;pages;octets\n"
            "'=cmd|' /C calc'!A0;;échec;0;0;0;0\n"
            "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";;échec;0;0;0;0\n"
            "'+1;;échec;0;0;0;0\n"
            "'-x;'-x.pdf;écrit;0;0;0;0\n"
            "'@A1;;échec;0;0;0;0\n");
  // bilan reads it back as it was.
  DiagnosticSink sink;
  const auto table = load::parse_csv("bilan-batch.csv", batch_summary_csv(results), sink);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->charset, "UTF-8 avec BOM");
  for (std::size_t i = 0; i < results.size(); ++i) EXPECT_EQ(table->rows[i + 1][0], ids[i]);
  EXPECT_EQ(table->rows[4][1], "-x.pdf");
}

}  // namespace
}  // namespace bilan::engine

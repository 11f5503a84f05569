// One Catalog shared by several threads, one Renderer each: the bytes of
// every document do not depend on the thread count or on what came before.
#include "engine/renderer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "core/environment.hpp"
#include "render/trace/trace_canvas.hpp"
#include "support/test_support.hpp"

namespace bilan::engine {
namespace {

FileSystemEnvironment real_environment() {
  return FileSystemEnvironment({testing::source_path("layouts")}, testing::source_path("fonts/fonts.conf"));
}

std::vector<std::string> samples() {
  return {"samples/association-urbaine-2024-2025.xml", "samples/commune-rurale-2024-2025.xml",
          "samples/minimal-2024-2025.xml", "samples/tne-parentalite-numerique-2024-2025.xml",
          "samples/clas-lot-et-garonne-2021-2022-association-agen.xml"};
}

std::string render(Renderer& r, const std::string& sample) {
  DiagnosticSink sink;
  auto pdf = r.fill(testing::source_path(sample), {}, sink);
  return pdf ? *pdf : "error: " + (sink.empty() ? std::string() : sink.sorted()[0].to_string());
}

TEST(Renderer, TwoHundredDocumentsOnFourThreadsGiveTheBytesOfOne) {
  const FileSystemEnvironment env = real_environment();
  const auto catalog = Catalog::load(env);
  constexpr std::size_t kDocuments = 200;
  const auto files = samples();

  std::vector<std::string> expected;
  {
    Renderer one(*catalog);
    for (const auto& f : files) expected.push_back(render(one, f));
  }
  for (const auto& e : expected) ASSERT_TRUE(e.starts_with("%PDF-")) << e;

  std::vector<std::string> got(kDocuments);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      Renderer mine(*catalog);
      for (std::size_t i = t; i < kDocuments; i += 4) got[i] = render(mine, files[(i * 7 + t) % files.size()]);
    });
  for (auto& th : threads) th.join();
  for (std::size_t i = 0; i < kDocuments; ++i) {
    const std::size_t t = i % 4;
    EXPECT_EQ(got[i], expected[(i * 7 + t) % files.size()]) << "document " << i;
  }
}

// Every sample and every blank form (each department of the 2024/25 form
// too): nothing is drawn over earlier text, which the PDF writer's one text
// object per page relies on (tests/support: shapes_over_text).
TEST(Renderer, NoSampleOrBlankFormDrawsAShapeOverText) {
  const FileSystemEnvironment env = real_environment();
  const auto catalog = Catalog::load(env);
  Renderer r(*catalog);
  std::size_t documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".xml") continue;
    DiagnosticSink sink;
    FillOptions options;
    options.partial = true;  // samples with errors on purpose still compose
    const auto composed = r.compose_fill(entry.path().string(), options, sink);
    if (!composed) continue;
    ++documents;
    for (const auto& problem : testing::shapes_over_text(composed->doc)) ADD_FAILURE() << entry.path() << ": " << problem;
  }
  for (const char* form : {"clas-2024-2025", "clas-lot-et-garonne-2021-2022"})
    for (const char* department : {"", "47", "75", "974"}) {
      DiagnosticSink sink;
      BlankOptions options;
      options.department = department;
      const auto composed = r.compose_blank(form, options, sink);
      if (!composed) continue;
      ++documents;
      for (const auto& problem : testing::shapes_over_text(composed->doc)) ADD_FAILURE() << form << " " << department << ": " << problem;
    }
  EXPECT_GE(documents, 10u);
}

// A one-document run parses only its form; the bytes are those of a full catalog.
TEST(Catalog, OnlyTheFormsAskedForAreParsedAndRenderTheSame) {
  const FileSystemEnvironment env = real_environment();
  const auto full = Catalog::load(env);
  const auto one = Catalog::load(env, {}, {"clas-2024-2025"});
  EXPECT_EQ(one->form_ids(), full->form_ids()) << "every form is still listed";
  DiagnosticSink sink;
  EXPECT_NE(one->form("clas-2024-2025", sink), nullptr);
  EXPECT_EQ(one->form("clas-lot-et-garonne-2021-2022", sink), nullptr);
  ASSERT_EQ(sink.items().size(), 1u);
  EXPECT_EQ(sink.items()[0].message, "formulaire « clas-lot-et-garonne-2021-2022 » non chargé pour cette commande");
  Renderer a(*full), b(*one);
  const std::string sample = "samples/association-urbaine-2024-2025.xml";
  EXPECT_EQ(render(b, sample), render(a, sample));
  // A name read from an answer file is an id of the layout folders, never a path.
  const auto none = Catalog::load(env, {}, {testing::source_path("layouts/clas-2024-2025.xml"), "/etc/passwd"});
  DiagnosticSink unknown;
  EXPECT_EQ(none->form("/etc/passwd", unknown), nullptr);
  EXPECT_TRUE(unknown.sorted()[0].message.starts_with("formulaire inconnu « /etc/passwd »")) << unknown.sorted()[0].message;
}

TEST(Renderer, FingerprintChangesWithTheRegistryAndNotWithTheThread) {
  const FileSystemEnvironment env = real_environment();
  const auto catalog = Catalog::load(env);
  Renderer r(*catalog);
  DiagnosticSink sink;
  const auto a = r.compose_fill(testing::source_path("samples/association-urbaine-2024-2025.xml"), {}, sink);
  const auto b = r.compose_fill(testing::source_path("samples/commune-rurale-2024-2025.xml"), {}, sink);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->fingerprint.size(), 64u);
  EXPECT_NE(a->fingerprint, b->fingerprint);
  EXPECT_EQ(a->doc.info.id_seed, a->fingerprint);

  // The same answers with another registry (one byte changed): another fingerprint.
  const std::string dir = testing::temp_dir();
  std::filesystem::copy(testing::source_path("layouts"), dir + "/layouts", std::filesystem::copy_options::recursive);
  testing::write_text(dir + "/layouts/departments.xml",
                      testing::read_text(dir + "/layouts/departments.xml") + "<!-- une date de retour changée -->\n");
  const FileSystemEnvironment changed({dir + "/layouts"}, testing::source_path("fonts/fonts.conf"));
  const auto other_catalog = Catalog::load(changed);
  Renderer r2(*other_catalog);
  const auto c = r2.compose_fill(testing::source_path("samples/association-urbaine-2024-2025.xml"), {}, sink);
  ASSERT_TRUE(c) << (sink.empty() ? "" : sink.sorted()[0].to_string());
  EXPECT_NE(c->fingerprint, a->fingerprint);
}

// Layout text typeset by a first document is reused by the next ones: the
// pages are the same as with a cold cache.
TEST(Renderer, LabelsTypesetOnceGiveTheSamePages) {
  const FileSystemEnvironment env = real_environment();
  const auto catalog = Catalog::load(env);
  Renderer r(*catalog);
  DiagnosticSink sink;
  const std::string urban = testing::source_path("samples/association-urbaine-2024-2025.xml");
  const auto cold = r.compose_fill(urban, {}, sink);
  ASSERT_TRUE(cold);
  const auto other = r.compose_blank("clas-lot-et-garonne-2021-2022", {}, sink);
  ASSERT_TRUE(other);
  const auto warm = r.compose_fill(urban, {}, sink);
  ASSERT_TRUE(warm);
  EXPECT_EQ(render::trace(warm->doc), render::trace(cold->doc));
  EXPECT_EQ(r.to_pdf(warm->doc), r.to_pdf(cold->doc));
}

}  // namespace
}  // namespace bilan::engine

namespace bilan::engine {
namespace {

// Facts the Caf keeps about an action (store, CSV) reach the rules, and the
// render fingerprint, as the answer file's own <action> does.
TEST(Renderer, ActionFactsFromTheCafReachTheRules) {
  const FileSystemEnvironment env = real_environment();
  const auto catalog = Catalog::load(env);
  Renderer r(*catalog);
  const std::string path = testing::source_path("samples/commune-rurale-2024-2025.xml");
  const std::string bytes = testing::read_text(path);
  DiagnosticSink quiet;
  const auto plain = r.compose_fill_bytes(path, bytes, {}, quiet);
  ASSERT_TRUE(plain);
  EXPECT_EQ(quiet.warning_count(), 0u);
  FillOptions with_facts;
  with_facts.action_facts = {{"collectifs_notifies", "5"}};
  DiagnosticSink sink;
  const auto told = r.compose_fill_bytes(path, bytes, with_facts, sink);
  ASSERT_TRUE(told);
  ASSERT_GE(sink.warning_count(), 1u) << "5 collectifs notified, 1 run: the rule speaks";
  EXPECT_NE(told->fingerprint, plain->fingerprint);
}

TEST(Renderer, PagesPastTheLimitAreAnError) {
  FileSystemEnvironment env = real_environment();
  Limits limits;
  limits.pages = 2;
  env.set_limits(limits);
  const auto catalog = Catalog::load(env);
  Renderer r(*catalog);
  DiagnosticSink sink;
  EXPECT_FALSE(r.fill(testing::source_path("samples/minimal-2024-2025.xml"), {}, sink));
  ASSERT_EQ(sink.error_count(), 1u);
  const std::string message = sink.sorted()[0].to_string();
  // At <bilan>: the answers made it long.
  EXPECT_EQ(message, testing::source_path("samples/minimal-2024-2025.xml") +
                         ":7:1: erreur: document trop long (8 pages ; limite : 2 pages)");
}

}  // namespace
}  // namespace bilan::engine

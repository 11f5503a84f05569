// engine/catalog: the forms same-as attributes name are parsed once per
// process (the Catalog's own, or once for the check), never once per document.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "engine/catalog.hpp"
#include "engine/renderer.hpp"
#include "support/test_support.hpp"

namespace bilan::engine {
namespace {

// Counts the reads of each file.
class CountingEnvironment : public testing::MemoryEnvironment {
 public:
  explicit CountingEnvironment(testing::MemoryEnvironment base) : testing::MemoryEnvironment(std::move(base)) {}
  bool try_read_file(const std::string& path, std::string& out, std::string& error) const override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++reads_[path];
    }
    return testing::MemoryEnvironment::try_read_file(path, out, error);
  }
  int reads(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = reads_.find(path);
    return it == reads_.end() ? 0 : it->second;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, int> reads_;
};

void add_two_forms(CountingEnvironment& env) {
  env.set_layout_dirs({"/mem/layouts"});
  env.add_file("/mem/layouts/ancien.xml", "<form id=\"ancien\" school-year=\"2024-2025\"><field id=\"structure\" label=\"S\"/></form>\n");
  env.add_file("/mem/layouts/nouveau.xml",
               "<form id=\"nouveau\" school-year=\"2024-2025\"><field id=\"nom\" label=\"N\" same-as=\"ancien:structure\"/>"
               "<yesno id=\"q\" label=\"Q\"/></form>\n");
}

TEST(CatalogSameAs, TheOtherFormIsParsedOncePerProcess) {
  // Every form loaded: the check uses the Catalog's own ancien (read once by
  // list_forms, once loaded).
  CountingEnvironment all(testing::MemoryEnvironment::with_fonts());
  add_two_forms(all);
  const auto every = Catalog::load(all);
  DiagnosticSink sink;
  ASSERT_TRUE(every->form("nouveau", sink)) << (sink.items().empty() ? "" : sink.items().front().to_string());
  EXPECT_EQ(all.reads("/mem/layouts/ancien.xml"), 2);
  // A one-document run loads nouveau only: ancien is parsed for the check, once.
  CountingEnvironment one(testing::MemoryEnvironment::with_fonts());
  add_two_forms(one);
  const auto only = Catalog::load(one, {}, {"nouveau"});
  ASSERT_TRUE(only->form("nouveau", sink));
  EXPECT_EQ(one.reads("/mem/layouts/ancien.xml"), 2);
  // Documents read nothing more.
  one.add_file("/mem/a.xml", "<bilan form=\"nouveau\"><answer field=\"q\">oui</answer></bilan>\n");
  Renderer renderer(*only);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(renderer.check("/mem/a.xml", sink));
  EXPECT_EQ(one.reads("/mem/layouts/ancien.xml"), 2);
  EXPECT_EQ(one.reads("/mem/layouts/nouveau.xml"), 2);
}

}  // namespace
}  // namespace bilan::engine

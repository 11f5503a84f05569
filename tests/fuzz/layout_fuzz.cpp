// libFuzzer target: any bytes as a layout file go through load → bind (blank)
// → compose → trace without crashing, hanging or leaking. The file may include
// the repository's shared layouts (it is read as layouts/fuzz.xml).
// Run: scripts/fuzz.sh, or build-fuzz/tests/fuzz/layout_fuzz CORPUS layouts layouts/shared tests/golden/*/
#include <cstdint>
#include <memory>
#include <string>

#include "compose/compose.hpp"
#include "data/bind.hpp"
#include "fonts/font_set.hpp"
#include "fuzz_env.hpp"
#include "load/layout_loader.hpp"
#include "render/trace/trace_canvas.hpp"

namespace {

using namespace bilan;

struct World {
  fuzz::FuzzEnvironment env;
  std::unique_ptr<const fonts::FontSet> fonts = fonts::FontSet::must_load(env, env.font_manifest_path());
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  const std::string path = std::string(BILAN_SOURCE_DIR) + "/layouts/fuzz.xml";
  world.env.set(path, std::string(reinterpret_cast<const char*>(data), size));
  DiagnosticSink sink;
  auto form = load::load_layout(world.env, path, sink);
  if (!form) return 0;
  const data::BoundForm bound = data::bind(*form, nullptr, data::BindOptions{}, sink);
  if (sink.has_errors()) return 0;
  const compose::PagedDocument doc = compose::compose(bound, *world.fonts, sink);
  return render::trace(doc).empty() ? 1 : 0;
}

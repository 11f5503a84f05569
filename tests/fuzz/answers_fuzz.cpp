// libFuzzer target: any bytes as an answer file for the 2024/25 bilan (or the
// national questionnaire, when the file names it: its SIRET, SIREN, code postal
// and code Insee readers) go through load → bind → compose → trace without
// crashing, hanging or leaking, and through the attachment type sniffer
// (load/attachment_type).
// Build: CXX=clang++ cmake -S . -B build-fuzz -DBILAN_FUZZ=ON -DBILAN_TESTS=OFF && cmake --build build-fuzz
// Run:   build-fuzz/tests/fuzz/answers_fuzz -max_total_time=300 samples tests/inputs tests/fuzz/seeds/answers
#include <cstdint>
#include <string>

#include "compose/compose.hpp"
#include "core/environment.hpp"
#include "data/bind.hpp"
#include "load/answers_loader.hpp"
#include "load/attachment_type.hpp"
#include "load/departments_loader.hpp"
#include "load/layout_loader.hpp"
#include "fonts/font_set.hpp"
#include "render/trace/trace_canvas.hpp"

namespace {

using namespace bilan;

struct World {
  FileSystemEnvironment env{{std::string(BILAN_SOURCE_DIR) + "/layouts"}, std::string(BILAN_SOURCE_DIR) + "/fonts/fonts.conf"};
  DiagnosticSink sink;
  std::optional<spec::DepartmentRegistry> registry =
      load::load_departments(env, std::string(BILAN_SOURCE_DIR) + "/layouts/departments.xml", sink);
  std::optional<spec::FormSpec> form =
      load::load_layout(env, std::string(BILAN_SOURCE_DIR) + "/layouts/clas-2024-2025.xml", sink, &*registry);
  std::optional<spec::FormSpec> questionnaire =
      load::load_layout(env, std::string(BILAN_SOURCE_DIR) + "/layouts/questionnaire-clas-2023-2024.xml", sink, &*registry);
  std::unique_ptr<const fonts::FontSet> fonts = fonts::FontSet::must_load(env, env.font_manifest_path());
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  // The same bytes as an attached document: the ZIP walk that tells an ODT
  // or a DOCX must stay within them.
  (void)load::sniff_attachment_type(std::string_view(reinterpret_cast<const char*>(data), size));
  DiagnosticSink sink;
  auto answers = load::parse_answers(world.env, "/fuzz/answers.xml",
                                     std::string(reinterpret_cast<const char*>(data), size), sink);
  if (!answers) return 0;
  data::BindOptions options;
  options.registry = &*world.registry;
  const spec::FormSpec& form = answers->form == "questionnaire-clas-2023-2024" ? *world.questionnaire : *world.form;
  const data::BoundForm bound = data::bind(form, &*answers, options, sink);
  const compose::PagedDocument doc = compose::compose(bound, *world.fonts, sink);
  const std::string trace = render::trace(doc);
  return trace.empty() ? 1 : 0;
}

// libFuzzer target: any bytes as the filled PDF given to `bilan import-pdf`:
// read within the limits (pdfread::try_read_form), mapped to the 2024/25
// form's fields, checked; a located reason or an answer file, never a crash,
// a hang or a leak. Seeds (scripts/fuzz.sh): fillable blanks and pre-filled
// fillable bilans.
#include <cstdint>
#include <string>

#include "engine/engine.hpp"
#include "engine/import_pdf.hpp"
#include "fuzz_env.hpp"

namespace {

using namespace bilan;

struct World {
  fuzz::FuzzEnvironment env;
  engine::Engine engine{env};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  world.env.set("/fuzz/filled.pdf", std::string(reinterpret_cast<const char*>(data), size));
  DiagnosticSink sink;
  engine::ImportPdfOptions options;
  options.partial = true;
  engine::import_pdf(world.engine.renderer(), "/fuzz/filled.pdf", options, sink);
  return 0;
}

// libFuzzer target: random Unicode text — right-to-left scripts, combining
// marks, format characters, emoji, long unbroken tokens, line breaks — as the
// answers of a short field and of a text area of a small form, through
// load → bind → compose → trace, without crashing, hanging or leaking (a small
// form: the whole 2024/25 bilan takes a tenth of a second per input).
// The bytes choose code points from ranges, so every input is valid text.
// Run: scripts/fuzz.sh
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "compose/compose.hpp"
#include "core/utf8.hpp"
#include "data/bind.hpp"
#include "fonts/font_set.hpp"
#include "fuzz_env.hpp"
#include "load/answers_loader.hpp"
#include "load/layout_loader.hpp"
#include "render/trace/trace_canvas.hpp"

namespace {

using namespace bilan;

constexpr const char* kLayout = R"(<form id="fuzz" title="Bilan {school_year}" school-year="2024-2025">
  <section title="Identification">
    <field id="structure" label="Structure porteuse" required="true"/>
    <textarea id="deroulement" label="Déroulement" lines="6"/>
  </section>
  <signature/>
</form>)";

struct World {
  fuzz::FuzzEnvironment env = [] {
    fuzz::FuzzEnvironment e;
    e.set("/fuzz/layout.xml", kLayout);
    return e;
  }();
  DiagnosticSink sink;
  std::optional<spec::FormSpec> form = load::load_layout(env, "/fuzz/layout.xml", sink);
  std::unique_ptr<const fonts::FontSet> fonts = fonts::FontSet::must_load(env, env.font_manifest_path());
};

// Ranges the text is drawn from: Latin with accents, combining marks, Hebrew,
// Arabic (and its marks), bidi controls, spaces of every width, CJK, emoji,
// symbols, typographic punctuation.
struct Range {
  char32_t first, last;
};
constexpr Range kRanges[] = {
    {0x20, 0x7E},     {0xA0, 0x17F},    {0x300, 0x36F},   {0x5D0, 0x5EA},   {0x591, 0x5C7},
    {0x600, 0x6FF},   {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069}, {0x2000, 0x200A},
    {0x2010, 0x2027}, {0x4E00, 0x4E3F}, {0x1F600, 0x1F64F}, {0x20A0, 0x20BF}, {0xFB1D, 0xFB4F},
};

// Two bytes per character: which range, where in it; 0xFF repeats the
// previous character 200 times (long tokens), 0xFE is a line break.
std::string text_of(const std::uint8_t* data, std::size_t size) {
  std::string out;
  std::string last = "a";
  for (std::size_t i = 0; i + 1 < size; i += 2) {
    if (data[i] == 0xFF) {
      for (int k = 0; k < 200; ++k) out += last;
      continue;
    }
    if (data[i] == 0xFE) {
      out += '\n';
      continue;
    }
    const Range& r = kRanges[data[i] % std::size(kRanges)];
    char32_t cp = r.first + static_cast<char32_t>(data[i + 1] % (r.last - r.first + 1));
    if (cp == '<') cp = 0x2039;  // text, not markup
    if (cp == '&') cp = 0x204A;
    last = utf8::encode(cp);
    out += last;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  const std::size_t half = size / 2 & ~std::size_t{1};
  const std::string short_text = text_of(data, half);
  const std::string long_text = text_of(data + half, size - half);
  if (!world.form) std::abort();  // the form above is valid
  const std::string xml = "<bilan form=\"fuzz\">\n<answer field=\"structure\">" + short_text +
                          "</answer>\n<answer field=\"deroulement\">" + long_text + "</answer>\n</bilan>\n";
  DiagnosticSink sink;
  auto answers = load::parse_answers(world.env, "/fuzz/answers.xml", xml, sink);
  if (!answers) return 0;
  const data::BoundForm bound = data::bind(*world.form, &*answers, data::BindOptions{}, sink);
  const compose::PagedDocument doc = compose::compose(bound, *world.fonts, sink);
  return render::trace(doc).empty() ? 1 : 0;
}

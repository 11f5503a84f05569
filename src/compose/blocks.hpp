// compose/blocks — BoundForm → Blocks: each question becomes a block of
// unbreakable chunks (label with the start of its answer, one chunk per
// further line, table rows…) with the keep rules the paginator needs.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "compose/block.hpp"
#include "compose/line_setter.hpp"
#include "compose/typeset_cache.hpp"
#include "core/diagnostic.hpp"
#include "data/bind.hpp"

namespace bilan::compose {

// What the composer may add to the printed pages.
struct ComposeOptions {
  // A fillable bilan: every answer area gets a FieldItem (an AcroForm widget)
  // named after the layout's ids; the areas are drawn as on the blank form and
  // the known answers go into the fields, not onto the page.
  bool fields = false;
};

// `cache` (may be null): layout text typeset by earlier documents of this thread.
std::vector<Block> build_blocks(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink,
                                TypesetCache* cache = nullptr, const ComposeOptions& options = {});

// A known answer as a fillable field holds it: what a person would type and
// the answer file accepts back (2758,28 ; 30/06/2025), never the typeset form.
std::string field_text(const data::Value& v);

// Warns of each character no font has, once per occurrence: in an answer's
// text at its own place in the answer file, elsewhere at the layout element.
class MissingGlyphs {
 public:
  MissingGlyphs(const data::BoundForm& form, DiagnosticSink& sink) : form_(form), sink_(sink) {}
  // `from`: where the text starts; `in_answer`: the text is an answer, found
  // again in the answer file from there.
  void report(char32_t cp, const SourceLoc& from, bool in_answer);

 private:
  const data::BoundForm& form_;
  DiagnosticSink& sink_;
  std::map<std::pair<char32_t, std::string>, SourceLoc> next_;  // per text: where to look for the next occurrence
  std::set<std::pair<char32_t, std::string>> reported_;
};

// A typeset answer or paragraph: French typography applied for print.
std::string typeset(std::string_view text);
// How a value prints: « 1 234 », « 2 758,28 € », « 30 juin 2025 »…
std::string format_value(const data::Value& v);

}  // namespace bilan::compose

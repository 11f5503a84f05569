// compose/synthesis — a department's synthesis (engine/synthesis sums it up)
// as pages in the bilans' typography: title block, one band per form, the
// form's sections as headings, a table of sums and means, a horizontal
// stacked bar with its legend for every question counted per answer, the
// free texts' number of answers; footer and page numbers as on the bilans.
// The model is here, below engine/, so that the composer reads plain data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compose/font_metrics.hpp"
#include "compose/paged_document.hpp"
#include "core/environment.hpp"
#include "spec/form_spec.hpp"

namespace bilan::compose {

enum class SynthesisKind : std::uint8_t {
  Heading,  // a section of the form: a title, nothing counted
  Number,   // an integer, decimal or amount: sum, mean, how many answered
  Counts,   // yes/no, choice, grid row: how many gave each answer
  Text,     // a free text (or a date, an e-mail…): only how many answered
};

// One answer a question may get, and how many actions gave it.
struct SynthesisAnswer {
  std::string value;  // as in answer files (oui, atteints); empty: « sans réponse »
  std::string label;  // as printed (Oui, Atteints, sans réponse)
  std::size_t count = 0;
};

// One question, table cell column or grid row, in the form's order.
struct SynthesisRow {
  SynthesisKind kind = SynthesisKind::Text;
  std::string key;    // field id, TABLE.ROW.COLUMN, GRID.ROW; Heading: empty
  std::string label;  // as printed, variables replaced (a table's cell: « table — row — column »)
  // A grid's row: the grid's label and the row's, printed as a heading and
  // its items (`label` joins them).
  std::string group, item;
  int level = 0;      // Heading: section depth, 1 = top
  std::size_t answered = 0;  // actions that answered (Counts: at least one answer)
  // Number: the exact sum, sum / 10^scale (an amount: cents, scale 2); the
  // type says how it prints. `overflow`: the sum left 64 bits, not printed.
  spec::FieldType type = spec::FieldType::None;
  std::int64_t sum = 0;
  int scale = 0;
  bool overflow = false;
  // Counts: every answer in the layout's order, then « sans réponse » (last).
  bool multiple = false;  // several answers per action: counts add up to more than the actions
  std::vector<SynthesisAnswer> answers;
};

// The mean of a Number row over the actions that answered it, exact to its
// printed precision: mantissa / 10^scale (the answers' decimals, at least
// one; amounts in cents), rounded half away from zero. nullopt
// when nobody answered or the sum overflowed.
struct SynthesisMean {
  std::int64_t mantissa = 0;
  int scale = 0;
};
std::optional<SynthesisMean> synthesis_mean(const SynthesisRow& row);

struct SynthesisPart {
  std::string form;         // form id
  std::string title;        // the form's title, variables replaced
  std::string school_year;  // the form's
  std::vector<std::string> actions;  // ids summed up, sorted
  std::vector<SynthesisRow> rows;
};

enum class SynthesisSource : std::uint8_t {
  Store,    // the actions' current answers
  Archive,  // each action's latest validated archived version
};

struct Synthesis {
  std::string department;  // code
  std::string caf;         // « Caf de la Savoie »
  SynthesisSource source = SynthesisSource::Store;
  std::optional<CivilDate> date;  // of the run (Environment's clock), when known
  std::vector<SynthesisPart> parts;  // by form id
};

// The pages of `synthesis`. DocumentInfo::id_seed is left for the caller,
// who knows what the synthesis was made from.
PagedDocument compose_synthesis(const Synthesis& synthesis, const FontMetrics& fonts);

}  // namespace bilan::compose

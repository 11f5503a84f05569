// engine/synthesis — `bilan synthese`: a department's stored answers (or the
// latest validated archived versions) summed up question by question, one
// part per form (docs/synthese.md). Each action's answers are bound with the
// spec as `check` and `batch` bind them, then the bound form is walked: every
// count and amount summed, every yes/no, choice and grid row counted per
// answer, free texts only counted. The result is plain data: the CSV is made
// here, the PDF by compose::compose_synthesis().
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "compose/synthesis.hpp"
#include "core/diagnostic.hpp"
#include "engine/catalog.hpp"
#include "engine/renderer.hpp"
#include "store/sqlite_store.hpp"

namespace bilan::engine {

using compose::Synthesis;
using compose::SynthesisAnswer;
using compose::SynthesisKind;
using compose::SynthesisMean;
using compose::SynthesisPart;
using compose::SynthesisRow;
using compose::SynthesisSource;
using compose::synthesis_mean;

struct SynthesisOptions {
  std::string department;  // required
  std::string form;        // empty: every form present
  SynthesisSource source = SynthesisSource::Store;
  unsigned jobs = 1;       // threads binding the actions; the result does not depend on it
};

// What a synthesis reads: one action's answers as kept in the base.
struct SynthesisInput {
  std::string action;
  std::string form;
  std::string department;
  std::string source;  // names the answers in messages
  std::string bytes;   // the answer XML, or empty to get it from `load`
  std::map<std::string, std::string> facts;
  // Gets the answer XML when the action is bound, so that a synthesis of
  // 100,000 actions never holds them all; called from the worker threads.
  std::function<std::string()> load{};
};

// The answers `options` selects: current answers of the store, or each
// action's latest validated archived version; sorted by action id. Their
// bytes are read when bound, under `mutex` (one connection for every thread).
std::vector<SynthesisInput> synthesis_inputs(const store::SqliteStore& db, std::mutex& mutex, const SynthesisOptions& options);

// Binds every input (as `check --partial` does: stored answers may be
// partial) and sums it up, a chunk of inputs at a time (memory does not grow
// with their number). nullopt when one has an error (its errors in `sink`;
// warnings are `check`'s to give): a synthesis never silently leaves an
// action out.
std::optional<Synthesis> synthesize(const Catalog& catalog, const std::vector<SynthesisInput>& inputs,
                                    const SynthesisOptions& options, DiagnosticSink& sink);

// The table of the synthesis as CSV (UTF-8 with a BOM, « ; », cells through
// load::csv_cell()): formulaire;question;libellé;réponse;nombre;somme;moyenne.
// One line per number, per free text, per answer of a counted question
// (« sans réponse » included); the first line of each part is its number of
// actions. Numbers as answer files write them (1234,5).
std::string synthesis_csv(const Synthesis& synthesis);

// The synthesis as pages (compose::compose_synthesis), its /ID seeded by
// what it says and the date it gives; the PDF through `renderer`.
compose::PagedDocument synthesis_document(const Catalog& catalog, const Synthesis& synthesis);
std::string synthesis_pdf(Renderer& renderer, const Synthesis& synthesis);

// A sum or mean as answer files and the CSV write it: 1234,5; an amount 2758,28.
std::string synthesis_number(std::int64_t mantissa, int scale);

}  // namespace bilan::engine

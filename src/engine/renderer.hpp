// engine/renderer — one document at a time, on one thread: load answers →
// bind → compose → PDF, over a shared immutable Catalog. Each thread owns its
// Renderer (its PDF writer and scratch); nothing in it is shared.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "compose/paged_document.hpp"
#include "compose/typeset_cache.hpp"
#include "core/diagnostic.hpp"
#include "data/answer_set.hpp"
#include "data/bind.hpp"
#include "engine/catalog.hpp"
#include "load/answers_loader.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "store/store.hpp"


namespace bilan::engine {

// The name of the answer file inside an archival PDF.
inline constexpr const char* kArchivedAnswersName = load::kReservedAttachmentName;

// The engine's version (« bilan 0.1.0 »): part of every render fingerprint.
const char* engine_version();

struct BlankOptions {
  std::string department;  // code, or empty for a form without department
  // AcroForm fields over the answer areas (docs/fillable.md).
  bool fillable = false;
};

struct FillOptions {
  bool strict = false;  // warnings count as errors
  // An archival PDF/A-3b carrying the answer file as submitted (`bilan
  // extract` gives it back), dated by the Environment's clock.
  bool pdfa = false;
  // A pre-filled bilan: unanswered questions print blank, required answers
  // are not demanded, rules needing a missing answer stay silent.
  bool partial = false;
  // With `partial`: a fillable bilan, the known answers in its fields (docs/fillable.md).
  bool fillable = false;
  // The Caf's facts about the action (store, CSV columns action.NAME) that
  // rules read as action.NAME; the answer file's own <action> wins.
  std::map<std::string, std::string> action_facts;
  // With `partial` (fill --partial --db): the store's answers of an action,
  // nullopt when it has none. The questions that declare same-as and that the
  // answers leave unanswered take theirs (engine/prefill.hpp).
  std::function<std::optional<store::StoredAnswers>(const std::string& action)> previous;
  // Told, with `previous`, what was taken (« 3 réponses reprises de … »).
  std::function<void(const std::string& note)> note;
};

// A composed document and the SHA-256 (hex) of everything its bytes depend on:
// layout files, registry, answers, images, fonts, engine version.
struct Composed {
  compose::PagedDocument doc;
  std::string fingerprint;
  std::vector<data::AttachmentData> attachments;  // the answer file's <attachment>s, for the PDF
};

// An archival PDF/A-3b and the render fingerprint it carries as /ID.
struct Archived {
  std::string pdf;
  std::string fingerprint;
};

class Renderer {
 public:
  explicit Renderer(const Catalog& catalog);

  const Catalog& catalog() const { return catalog_; }

  // Composed pages (for PDF or trace); nullopt when the inputs have errors.
  std::optional<Composed> compose_blank(const std::string& form, const BlankOptions& options, DiagnosticSink& sink);
  std::optional<Composed> compose_fill(const std::string& answers_path, const FillOptions& options, DiagnosticSink& sink);
  // Same, for answer bytes already in memory (`path` names them in messages).
  std::optional<Composed> compose_fill_bytes(const std::string& path, std::string bytes, const FillOptions& options,
                                             DiagnosticSink& sink);

  // The answers loaded and bound as compose_fill_bytes() does (every answer
  // and rule checked, the same diagnostics), without composing:
  // `store import` keeps answers, it does not typeset them. `bound` has no
  // body (BindOptions::checks_only). nullopt when they have errors.
  struct Checked {
    data::AnswerSet answers;  // its department the form's sole one when it gives none
    data::BoundForm bound;
    std::string written_department;  // as the answers give it (may be empty)
    std::string previous_sha256;     // of the stored answers some were taken from (FillOptions::previous)
  };
  std::optional<Checked> check_bytes(const std::string& path, std::string bytes, const FillOptions& options,
                                     DiagnosticSink& sink);
  // The same two for answers made without a file (data::AnswerSetBuilder,
  // then load::as_loaded()): a CSV row, a filled PDF; messages keep their
  // locations.
  std::optional<Checked> check_answers(data::AnswerSet answers, const FillOptions& options, DiagnosticSink& sink);
  std::optional<Composed> compose_fill_answers(data::AnswerSet answers, const FillOptions& options, DiagnosticSink& sink);

  // The /ID comes from the document's id seed (its render fingerprint) unless
  // `options` gives another.
  std::string to_pdf(const compose::PagedDocument& doc, const render::PdfOptions& options = {});
  // A filled bilan's PDF (not PDF/A), its attachments embedded.
  std::string to_pdf(const Composed& composed);

  // PDF bytes; nullopt when the inputs have errors (see sink).
  std::optional<std::string> blank(const std::string& form, const BlankOptions& options, DiagnosticSink& sink);
  std::optional<std::string> fill(const std::string& answers_path, const FillOptions& options, DiagnosticSink& sink);
  // The archival PDF/A-3b of answer bytes already read (options.pdfa implied),
  // dated by the Environment's clock.
  std::optional<Archived> fill_pdfa(const std::string& path, std::string bytes, const FillOptions& options,
                                    DiagnosticSink& sink);
  // Diagnostics only; true when there is no error.
  bool check(const std::string& answers_path, DiagnosticSink& sink);

 private:
  data::BindOptions bind_options(const std::string& department, DiagnosticSink& sink) const;
  std::string sole_department(const spec::FormSpec& form, DiagnosticSink& sink) const;
  // check_bytes(), with the body bound for display when `display`.
  std::optional<Checked> bind_bytes(const std::string& path, std::string bytes, const FillOptions& options, DiagnosticSink& sink,
                                    bool display);
  std::optional<Checked> bind_answers(data::AnswerSet answers, const FillOptions& options, DiagnosticSink& sink,
                                      bool display);
  std::optional<Composed> compose_checked(std::optional<Checked> checked, const FillOptions& options, DiagnosticSink& sink);
  void hint_other_forms(const spec::FormSpec& form, const DiagnosticSink& in, DiagnosticSink& out) const;
  std::string fingerprint(const data::BoundForm& bound, const std::map<std::string, std::string>& facts,
                          const std::vector<data::AttachmentData>& attachments = {},
                          const std::string& previous_sha256 = {}) const;

  const Catalog& catalog_;
  render::PdfWriter writer_;
  compose::TypesetCache labels_;  // this thread's layout text, typeset once
};

}  // namespace bilan::engine

// load/answers_loader — answer XML → data::AnswerSet (texts NFC-normalised,
// images read). Entry: load_answers(). Checks against the layout are bind()'s.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "data/answer_set.hpp"

namespace bilan::load {

// The name under which a PDF/A carries the answer file itself: no attachment
// may take it (engine::kArchivedAnswersName is this one).
inline constexpr const char* kReservedAttachmentName = "reponses.xml";

std::optional<data::AnswerSet> load_answers(const Environment& env, const std::string& path, DiagnosticSink& sink);
// Whether the files an answer file names (stamp, signature, attachments) are read.
enum class NamedFiles : bool {
  Read,  // read and checked, as every command that prints or checks the bilan needs
  Skip,  // left unread: the answers alone (a synthesis, answers carried by same-as), so
         // that a stored answer file whose images moved since it was checked still reads
};

// Same, for bytes already read (the files it names are read through env, relative to `path`).
std::optional<data::AnswerSet> parse_answers(const Environment& env, const std::string& path, std::string bytes,
                                             DiagnosticSink& sink, NamedFiles files = NamedFiles::Read);

// A set made by data::AnswerSetBuilder (a CSV row, a filled PDF) as
// load_answers() would have read it from the file write_answers() makes of
// it, without the file: names and attributes with their spaces collapsed,
// answer texts with their line ends made line feeds, indentation removed,
// control characters dropped (a warning each, at the answer's location) and
// NFC; the same limits (Limits: answers, answer_bytes, answers_total_bytes,
// name_bytes) with the same messages. nullopt when there are too many answers.
// `sha256` should be that of the written file (the PDF /ID and the footer).
std::optional<data::AnswerSet> as_loaded(data::AnswerSet set, const Limits& limits, DiagnosticSink& sink);

// An action id as every way in gives it (the action attribute of an answer
// file, once XML-decoded; a CSV cell; the command line): runs of spaces, tabs
// and line breaks one space, none at either end, control characters dropped,
// Unicode NFC. `action="  A&#38;B  "` and `action="A&amp;B"` are both « A&B ».
std::string normalize_action_id(std::string_view raw);

// The root's action attribute, normalised, read quickly (no image, no check):
// what a batch names a PDF after. Empty when there is none or the XML is
// broken.
std::string peek_answers_action(std::string_view bytes);
// Same, with where it is (the file `path`'s line and column of the value).
struct PeekedAction {
  std::string id;  // normalised; empty when none
  SourceLoc loc;   // of the attribute's value, or of <bilan>; unknown when broken
};
PeekedAction peek_answers_action_at(const std::string& path, std::string_view bytes);
// The root's form attribute, read the same way: the one form a `fill` or a
// `check` needs loaded. Empty when there is none or the XML is broken.
std::string peek_answers_form(std::string_view bytes);

}  // namespace bilan::load

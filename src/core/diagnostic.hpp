// core/diagnostic — located messages for people, collected in a sink.
// Fatal problems are exceptions (core/error.hpp); everything a user can fix in
// an input file is a Diagnostic, so that one run reports all of them at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_loc.hpp"

namespace bilan {

enum class Severity : std::uint8_t {
  None,  // not a diagnostic; default value only
  Warning,
  Error,
};

// What a diagnostic is about, for programs: tests, `check --format json`, the
// callers that act on a kind of finding. Never decide on the French message.
// Each value is the PascalCase of its stable kebab-case name (code_name), the
// name `check --format json` prints: a name, once published, does not change.
enum class DiagCode : std::uint16_t {
  None,  // default value only
  AnswerInInactivePart,
  AnswerTooLong,
  AnswersTooLong,
  ArchiveDamaged,
  AttachmentOutside,
  AttachmentTooLarge,
  ArchiveUnreadable,
  BadBoolean,
  BadCode,
  BadComputed,
  BadExpression,
  BadAttachment,
  BadId,
  BadImage,
  BadInclude,
  BadLang,
  BadPdf,
  BadReference,
  BadRoot,
  BadSchoolYear,
  BadType,
  BadValue,
  BadVariable,
  BadVersion,
  BlobAltered,
  BlobMissing,
  CanonicalMismatch,
  ChainBroken,
  ComputedMismatch,
  ControlCharacter,
  CsvCell,
  CsvCharset,
  CsvEmpty,
  CsvHeader,
  CsvLimit,
  CsvSyntax,
  CurrentAnswersAltered,
  DuplicateAction,
  DuplicateAnswer,
  DuplicateAttachment,
  DuplicateId,
  DuplicateOption,
  EmptyChoice,
  EmptyFile,
  EmptyList,
  EmptyTable,
  EmptyText,
  Encoding,
  EngineDiffers,
  ExpectedAnswer,
  FontsDiffer,
  FontsUnusable,
  FormNotLoaded,
  FormNotUsed,
  FormVersion,
  IgnoredLabel,
  ImageOutside,
  IncludeCycle,
  IncludeOutside,
  LongAction,
  MissingAction,
  MissingAttribute,
  MissingBlob,
  MissingGlyph,
  NameTooLong,
  NoAction,
  NoSignature,
  NoSrgbProfile,
  NotABilanPdf,
  NotAFillableBilan,
  OtherDepartmentField,
  PdfDiffers,
  PdfFailed,
  RenderFailed,
  RequiredField,
  Rule,
  TooDeep,
  TooManyAnswers,
  TooManyElements,
  TooManyPages,
  UnexpectedContent,
  UnexpectedElement,
  UnexpectedText,
  UnknownAttribute,
  UnknownColumn,
  UnknownDepartment,
  UnknownElement,
  UnknownFact,
  UnknownField,
  UnknownForm,
  UnknownPdfField,
  UnknownReference,
  UnknownRow,
  UnknownVariable,
  UnreadableFile,
  UntickedOther,
  WriteFailed,
  WrongElement,
  WrongForm,
  XmlSyntax,
  XmlVersion,
};

// "unknown-field" for DiagCode::UnknownField; "" for None.
std::string_view code_name(DiagCode code);
// The code named `name` (code_name's inverse); nullopt for an unknown name.
std::optional<DiagCode> code_from_name(std::string_view name);
// Every code but None, in declaration order.
std::vector<DiagCode> all_codes();

struct Diagnostic {
  Severity severity = Severity::None;
  SourceLoc loc;
  DiagCode code = DiagCode::None;
  std::string message;  // French, for people
  std::string field;    // field id the message is about, if any
  std::string hint;     // « vouliez-vous dire « x » ? », printed after the message in brackets
  std::string rule_id;  // DiagCode::Rule: the <rule id="…"> that fired, if it has one
  // The message names `field` itself (« champ « x » : … »): a caller that
  // locates it (import-pdf: the PDF field and its page) does not name it again.
  bool names_field = false;

  // The message and its hint: " (hint)" after the message when there is one.
  std::string text() const;
  // The machine name: code_name(code), and "rule:ID" for a rule with an id.
  std::string code_text() const;
  // "file:line:col: erreur: message (hint)" — the format of every message on stderr.
  std::string to_string() const;
};

const char* severity_name(Severity s);  // "erreur", "avertissement"

class DiagnosticSink {
 public:
  void report(Diagnostic d);
  // The diagnostic added, to set its hint: sink.error(…).hint = suggestion(…).
  Diagnostic& error(SourceLoc loc, DiagCode code, std::string message, std::string field = {});
  Diagnostic& warning(SourceLoc loc, DiagCode code, std::string message, std::string field = {});

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return items_.size() - errors_; }
  bool empty() const { return items_.empty(); }
  // Sorted by file, line, column; stable for equal positions.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void merge(const DiagnosticSink& other);

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

}  // namespace bilan

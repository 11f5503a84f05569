#include "core/diagnostic.hpp"

#include <algorithm>

namespace bilan {

std::string_view code_name(DiagCode code) {
  switch (code) {
    case DiagCode::None: return "";
    case DiagCode::AnswerInInactivePart: return "answer-in-inactive-part";
    case DiagCode::AnswerTooLong: return "answer-too-long";
    case DiagCode::AnswersTooLong: return "answers-too-long";
    case DiagCode::ArchiveDamaged: return "archive-damaged";
    case DiagCode::AttachmentOutside: return "attachment-outside";
    case DiagCode::AttachmentTooLarge: return "attachment-too-large";
    case DiagCode::ArchiveUnreadable: return "archive-unreadable";
    case DiagCode::BadBoolean: return "bad-boolean";
    case DiagCode::BadCode: return "bad-code";
    case DiagCode::BadComputed: return "bad-computed";
    case DiagCode::BadExpression: return "bad-expression";
    case DiagCode::BadAttachment: return "bad-attachment";
    case DiagCode::BadId: return "bad-id";
    case DiagCode::BadImage: return "bad-image";
    case DiagCode::BadInclude: return "bad-include";
    case DiagCode::BadLang: return "bad-lang";
    case DiagCode::BadPdf: return "bad-pdf";
    case DiagCode::BadReference: return "bad-reference";
    case DiagCode::BadRoot: return "bad-root";
    case DiagCode::BadSchoolYear: return "bad-school-year";
    case DiagCode::BadType: return "bad-type";
    case DiagCode::BadValue: return "bad-value";
    case DiagCode::BadVariable: return "bad-variable";
    case DiagCode::BadVersion: return "bad-version";
    case DiagCode::BlobAltered: return "blob-altered";
    case DiagCode::BlobMissing: return "blob-missing";
    case DiagCode::CanonicalMismatch: return "canonical-mismatch";
    case DiagCode::ChainBroken: return "chain-broken";
    case DiagCode::ComputedMismatch: return "computed-mismatch";
    case DiagCode::ControlCharacter: return "control-character";
    case DiagCode::CsvCell: return "csv-cell";
    case DiagCode::CsvCharset: return "csv-charset";
    case DiagCode::CsvEmpty: return "csv-empty";
    case DiagCode::CsvHeader: return "csv-header";
    case DiagCode::CsvLimit: return "csv-limit";
    case DiagCode::CsvSyntax: return "csv-syntax";
    case DiagCode::CurrentAnswersAltered: return "current-answers-altered";
    case DiagCode::DuplicateAction: return "duplicate-action";
    case DiagCode::DuplicateAnswer: return "duplicate-answer";
    case DiagCode::DuplicateAttachment: return "duplicate-attachment";
    case DiagCode::DuplicateId: return "duplicate-id";
    case DiagCode::DuplicateOption: return "duplicate-option";
    case DiagCode::EmptyChoice: return "empty-choice";
    case DiagCode::EmptyFile: return "empty-file";
    case DiagCode::EmptyList: return "empty-list";
    case DiagCode::EmptyTable: return "empty-table";
    case DiagCode::EmptyText: return "empty-text";
    case DiagCode::Encoding: return "encoding";
    case DiagCode::EngineDiffers: return "engine-differs";
    case DiagCode::ExpectedAnswer: return "expected-answer";
    case DiagCode::FontsDiffer: return "fonts-differ";
    case DiagCode::FontsUnusable: return "fonts-unusable";
    case DiagCode::FormNotLoaded: return "form-not-loaded";
    case DiagCode::FormNotUsed: return "form-not-used";
    case DiagCode::FormVersion: return "form-version";
    case DiagCode::IgnoredLabel: return "ignored-label";
    case DiagCode::ImageOutside: return "image-outside";
    case DiagCode::IncludeCycle: return "include-cycle";
    case DiagCode::IncludeOutside: return "include-outside";
    case DiagCode::LongAction: return "long-action";
    case DiagCode::MissingAction: return "missing-action";
    case DiagCode::MissingAttribute: return "missing-attribute";
    case DiagCode::MissingBlob: return "missing-blob";
    case DiagCode::MissingGlyph: return "missing-glyph";
    case DiagCode::NameTooLong: return "name-too-long";
    case DiagCode::NoAction: return "no-action";
    case DiagCode::NoSignature: return "no-signature";
    case DiagCode::NoSrgbProfile: return "no-srgb-profile";
    case DiagCode::NotABilanPdf: return "not-a-bilan-pdf";
    case DiagCode::NotAFillableBilan: return "not-a-fillable-bilan";
    case DiagCode::OtherDepartmentField: return "other-department-field";
    case DiagCode::PdfDiffers: return "pdf-differs";
    case DiagCode::PdfFailed: return "pdf-failed";
    case DiagCode::RenderFailed: return "render-failed";
    case DiagCode::RequiredField: return "required-field";
    case DiagCode::Rule: return "rule";
    case DiagCode::TooDeep: return "too-deep";
    case DiagCode::TooManyAnswers: return "too-many-answers";
    case DiagCode::TooManyElements: return "too-many-elements";
    case DiagCode::TooManyPages: return "too-many-pages";
    case DiagCode::UnexpectedContent: return "unexpected-content";
    case DiagCode::UnexpectedElement: return "unexpected-element";
    case DiagCode::UnexpectedText: return "unexpected-text";
    case DiagCode::UnknownAttribute: return "unknown-attribute";
    case DiagCode::UnknownColumn: return "unknown-column";
    case DiagCode::UnknownDepartment: return "unknown-department";
    case DiagCode::UnknownElement: return "unknown-element";
    case DiagCode::UnknownFact: return "unknown-fact";
    case DiagCode::UnknownField: return "unknown-field";
    case DiagCode::UnknownForm: return "unknown-form";
    case DiagCode::UnknownPdfField: return "unknown-pdf-field";
    case DiagCode::UnknownReference: return "unknown-reference";
    case DiagCode::UnknownRow: return "unknown-row";
    case DiagCode::UnknownVariable: return "unknown-variable";
    case DiagCode::UnreadableFile: return "unreadable-file";
    case DiagCode::UntickedOther: return "unticked-other";
    case DiagCode::WriteFailed: return "write-failed";
    case DiagCode::WrongElement: return "wrong-element";
    case DiagCode::WrongForm: return "wrong-form";
    case DiagCode::XmlSyntax: return "xml-syntax";
    case DiagCode::XmlVersion: return "xml-version";
  }
  return "";
}

std::vector<DiagCode> all_codes() {
  std::vector<DiagCode> out;
  // The values are consecutive from None: the switch above names each (-Wswitch).
  for (auto i = static_cast<std::uint16_t>(DiagCode::None) + 1;; ++i) {
    const auto code = static_cast<DiagCode>(i);
    if (code_name(code).empty()) break;
    out.push_back(code);
  }
  return out;
}

std::optional<DiagCode> code_from_name(std::string_view name) {
  static const std::vector<DiagCode> codes = all_codes();
  for (const DiagCode c : codes)
    if (code_name(c) == name) return c;
  return std::nullopt;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "erreur";
    case Severity::Warning: return "avertissement";
    case Severity::None: break;
  }
  return "note";
}

std::string Diagnostic::text() const {
  if (hint.empty()) return message;
  return message + " (" + hint + ")";
}

std::string Diagnostic::code_text() const {
  std::string out(code_name(code));
  if (code == DiagCode::Rule && !rule_id.empty()) out += ":" + rule_id;
  return out;
}

std::string Diagnostic::to_string() const {
  std::string out = loc.to_string();
  if (!out.empty()) out += ": ";
  out += severity_name(severity);
  out += ": ";
  out += text();
  return out;
}

void DiagnosticSink::report(Diagnostic d) {
  if (d.severity == Severity::Error) ++errors_;
  items_.push_back(std::move(d));
}

Diagnostic& DiagnosticSink::error(SourceLoc loc, DiagCode code, std::string message, std::string field) {
  report({Severity::Error, std::move(loc), code, std::move(message), std::move(field), {}, {}, false});
  return items_.back();
}

Diagnostic& DiagnosticSink::warning(SourceLoc loc, DiagCode code, std::string message, std::string field) {
  report({Severity::Warning, std::move(loc), code, std::move(message), std::move(field), {}, {}, false});
  return items_.back();
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.loc < b.loc; });
  return out;
}

void DiagnosticSink::merge(const DiagnosticSink& other) {
  for (const auto& d : other.items_) report(d);
}

}  // namespace bilan

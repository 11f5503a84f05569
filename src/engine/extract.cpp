#include "engine/extract.hpp"

#include <set>

#include "engine/renderer.hpp"
#include "load/attachment_type.hpp"
#include "pdfread/pdf_reader.hpp"

namespace bilan::engine {
namespace {

bool is_archived_answers(const pdfread::EmbeddedFile& f, const pdfread::PdfContents& pdf) {
  return f.name == kArchivedAnswersName && f.relationship == "Source" && f.mime == "application/xml" &&
         pdf.producer.starts_with("bilan");
}

// The PDF's contents; nullopt with a located error when it is not an archival
// bilan (its answers, `answers`, found).
std::optional<pdfread::PdfContents> read_bilan(const Environment& env, const std::string& pdf_path, DiagnosticSink& sink,
                                               std::size_t& answers) {
  const SourceLoc at{std::make_shared<const std::string>(pdf_path)};
  std::string bytes, error;
  if (!try_read_input(env, pdf_path, bytes, sink)) return std::nullopt;
  pdfread::PdfContents pdf;
  if (!pdfread::try_read_pdf(bytes, {}, pdf, error)) {
    sink.error(at, DiagCode::BadPdf, error);
    return std::nullopt;
  }
  for (std::size_t i = 0; i < pdf.files.size(); ++i)
    if (is_archived_answers(pdf.files[i], pdf)) {
      answers = i;
      return pdf;
    }
  sink.error(at, DiagCode::NotABilanPdf,
             "ce PDF n’est pas un bilan archivé par bilan : il ne porte pas de fichier de réponses « " +
                 std::string(kArchivedAnswersName) + " » (produit par « " + (pdf.producer.empty() ? "?" : pdf.producer) +
                 " »)");
  return std::nullopt;
}

}  // namespace

std::optional<std::string> extract_answers(const Environment& env, const std::string& pdf_path, DiagnosticSink& sink) {
  std::size_t answers = 0;
  auto pdf = read_bilan(env, pdf_path, sink, answers);
  if (!pdf) return std::nullopt;
  return std::move(pdf->files[answers].bytes);
}

std::optional<std::vector<ExtractedFile>> extract_all(const Environment& env, const std::string& pdf_path, DiagnosticSink& sink) {
  std::size_t answers = 0;
  auto pdf = read_bilan(env, pdf_path, sink, answers);
  if (!pdf) return std::nullopt;
  const SourceLoc at{std::make_shared<const std::string>(pdf_path)};
  std::vector<ExtractedFile> out;
  auto& a = pdf->files[answers];
  out.push_back({a.name, a.mime, std::move(a.bytes)});
  std::set<std::string> names{a.name};
  for (std::size_t i = 0; i < pdf->files.size(); ++i) {
    auto& f = pdf->files[i];
    if (i == answers || f.relationship != "Supplement") continue;
    // The name comes from the PDF: it must not lead out of the folder, hide
    // a file, nor write the same file twice.
    if (!load::is_safe_file_name(f.name)) {
      sink.error(at, DiagCode::BadAttachment, "pièce jointe au nom dangereux « " + load::shown_file_name(f.name) +
                                                  " » : ce n’est pas un simple nom de fichier ; rien n’est écrit");
      return std::nullopt;
    }
    // Only what an answer file may attach, by its name and by its bytes: a
    // hand-made PDF must not write « Makefile » or « run.sh » where it is unpacked.
    const auto by_name = load::attachment_type_of_name(f.name);
    const auto by_bytes = load::sniff_attachment_type(f.bytes);
    if (!by_name || !by_bytes || by_name->label != by_bytes->label) {
      sink.error(at, DiagCode::BadAttachment, "pièce jointe « " + load::shown_file_name(f.name) +
                                                  " » : ni PDF, ODT, DOCX, PNG ni JPEG, d’après son nom et ses octets ; rien n’est écrit");
      return std::nullopt;
    }
    if (!names.insert(f.name).second) {
      sink.error(at, DiagCode::DuplicateAttachment,
                 "deux pièces jointes s’appellent « " + f.name + " » : l’une remplacerait l’autre ; rien n’est écrit");
      return std::nullopt;
    }
    out.push_back({f.name, f.mime, std::move(f.bytes)});
  }
  return out;
}

}  // namespace bilan::engine

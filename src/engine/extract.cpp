#include "engine/extract.hpp"

#include "engine/renderer.hpp"
#include "pdfread/pdf_reader.hpp"

namespace bilan::engine {

std::optional<std::string> extract_answers(const Environment& env, const std::string& pdf_path, DiagnosticSink& sink) {
  const SourceLoc at{std::make_shared<const std::string>(pdf_path)};
  std::string bytes, error;
  if (!try_read_input(env, pdf_path, bytes, sink)) return std::nullopt;
  pdfread::PdfContents pdf;
  if (!pdfread::try_read_pdf(bytes, {}, pdf, error)) {
    sink.error(at, DiagCode::BadPdf, error);
    return std::nullopt;
  }
  for (auto& f : pdf.files)
    if (f.name == kArchivedAnswersName && f.relationship == "Source" && f.mime == "application/xml" &&
        pdf.producer.starts_with("bilan"))
      return std::move(f.bytes);
  sink.error(at, DiagCode::NotABilanPdf,
             "ce PDF n’est pas un bilan archivé par bilan : il ne porte pas de fichier de réponses « " +
                 std::string(kArchivedAnswersName) + " » (produit par « " + (pdf.producer.empty() ? "?" : pdf.producer) +
                 " »)");
  return std::nullopt;
}

}  // namespace bilan::engine

#include "pdfread/pdf_reader.hpp"

// qpdf 11: use std::shared_ptr, not its old PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>

#include <exception>
#include <memory>

namespace bilan::pdfread {
namespace {

std::string buffer_string(const std::shared_ptr<Buffer>& b) {
  return b ? std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize()) : std::string();
}

}  // namespace

bool try_read_pdf(std::string_view bytes, const PdfReadLimits& limits, PdfContents& out, std::string& error) {
  if (bytes.size() > limits.max_bytes) {
    error = "fichier trop volumineux (limite " + std::to_string(limits.max_bytes >> 20) + " Mo)";
    return false;
  }
  if (bytes.substr(0, 5) != "%PDF-") {
    error = "ce n’est pas un PDF (il ne commence pas par « %PDF- »)";
    return false;
  }
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(false);  // a damaged file is refused, not guessed at
    pdf.processMemoryFile("pdf", bytes.data(), bytes.size());
    if (pdf.getObjectCount() > limits.max_objects) {
      error = "PDF trop complexe (" + std::to_string(pdf.getObjectCount()) + " objets, limite " +
              std::to_string(limits.max_objects) + ")";
      return false;
    }
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    if (info.isDictionary() && info.getKey("/Producer").isString()) out.producer = info.getKey("/Producer").getUTF8Value();
    QPDFObjectHandle meta = pdf.getRoot().getKey("/Metadata");
    if (meta.isStream()) {
      const std::string xmp = buffer_string(meta.getStreamData(qpdf_dl_generalized));
      out.pdfa3 = xmp.find("<pdfaid:part>3</pdfaid:part>") != std::string::npos;
    }
    QPDFEmbeddedFileDocumentHelper files(pdf);
    for (const auto& [name, spec] : files.getEmbeddedFiles()) {
      EmbeddedFile f;
      f.name = spec->getFilename();
      if (f.name.empty()) f.name = name;
      QPDFObjectHandle rel = spec->getObjectHandle().getKey("/AFRelationship");
      if (rel.isName()) f.relationship = rel.getName().substr(1);
      QPDFObjectHandle stream = spec->getEmbeddedFileStream();
      if (!stream.isStream()) continue;
      QPDFEFStreamObjectHelper ef(stream);
      f.mime = ef.getSubtype();
      QPDFObjectHandle length = stream.getDict().getKey("/Length");
      if (length.isInteger() && static_cast<std::uint64_t>(length.getIntValue()) > limits.max_attachment_bytes) {
        error = "fichier joint « " + f.name + " » trop volumineux";
        return false;
      }
      f.bytes = buffer_string(stream.getStreamData(qpdf_dl_generalized));
      if (f.bytes.size() > limits.max_attachment_bytes) {
        error = "fichier joint « " + f.name + " » trop volumineux";
        return false;
      }
      out.files.push_back(std::move(f));
    }
    return true;
  } catch (const QPDFExc& e) {
    error = "PDF illisible : " + e.getMessageDetail();
  } catch (const std::exception& e) {
    error = std::string("PDF illisible : ") + e.what();
  }
  return false;
}

}  // namespace bilan::pdfread

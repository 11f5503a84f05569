#include "pdfread/qpdf_reader.hpp"

// qpdf 11: use std::shared_ptr, not its old PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <exception>
#include <map>
#include <memory>
#include <set>

namespace bilan::pdfread {
namespace {

std::string buffer_string(const std::shared_ptr<Buffer>& b) {
  return b ? std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize()) : std::string();
}

// A field's full name: ids are at most 256 bytes (docs/limits.md), a table
// cell's name three of them.
constexpr std::size_t kMaxNameBytes = 1024;

// Opens `bytes` under the limits every reading shares; false with a reason.
bool open_pdf(QPDF& pdf, std::string_view bytes, const PdfReadLimits& limits, std::string& error) {
  if (bytes.size() > limits.max_bytes) {
    error = "fichier trop volumineux (limite " + std::to_string(limits.max_bytes >> 20) + " Mo)";
    return false;
  }
  if (bytes.substr(0, 5) != "%PDF-") {
    error = "ce n’est pas un PDF (il ne commence pas par « %PDF- »)";
    return false;
  }
  pdf.setSuppressWarnings(true);
  pdf.setAttemptRecovery(false);  // a damaged file is refused, not guessed at
  pdf.processMemoryFile("pdf", bytes.data(), bytes.size());
  if (pdf.getObjectCount() > limits.max_objects) {
    error = "PDF trop complexe (" + std::to_string(pdf.getObjectCount()) + " objets, limite " +
            std::to_string(limits.max_objects) + ")";
    return false;
  }
  return true;
}

// Line breaks as readers write them (\r, \r\n) become \n.
std::string unix_lines(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string string_key(QPDFObjectHandle dict, const char* key) {
  QPDFObjectHandle v = dict.getKey(key);
  return v.isString() ? v.getUTF8Value() : std::string();
}

// Runs `read`, qpdf's exceptions becoming a French reason in `error`.
template <class Read>
bool guarded(std::string& error, Read read) {
  try {
    return read();
  } catch (const QPDFExc& e) {
    error = "PDF illisible : " + e.getMessageDetail();
  } catch (const std::exception& e) {
    error = std::string("PDF illisible : ") + e.what();
  }
  return false;
}

}  // namespace

bool detail::qpdf_read_form(std::string_view bytes, const PdfReadLimits& limits, PdfForm& out, std::string& error) {
  return guarded(error, [&] {
    QPDF pdf;
    if (!open_pdf(pdf, bytes, limits, error)) return false;
    QPDFObjectHandle id = pdf.getRoot().getKey("/BilanForm");
    if (id.isDictionary()) {
      out.ours = true;
      out.form = string_key(id, "/Form");
      out.department = string_key(id, "/Department");
      out.action = string_key(id, "/Action");
      QPDFObjectHandle version = id.getKey("/Version");
      if (version.isInteger()) out.version = version.getIntValue();
    }
    std::map<QPDFObjGen, int> page_numbers;
    int n = 0;
    for (const auto& page : pdf.getAllPages()) page_numbers[page.getObjGen()] = ++n;
    QPDFAcroFormDocumentHelper form(pdf);
    if (!form.hasAcroForm()) return true;
    const auto fields = form.getFormFields();
    if (fields.size() > limits.max_fields) {
      error = "trop de champs de formulaire (" + std::to_string(fields.size()) + ", limite " +
              std::to_string(limits.max_fields) + ")";
      return false;
    }
    std::set<std::string> seen;
    for (auto field : fields) {
      FormField f;
      f.name = field.getFullyQualifiedName();
      // qpdf lists a field once per widget kid: one is enough.
      if (!seen.insert(f.name).second) continue;
      const std::string type = field.getFieldType();
      f.button = type == "/Btn";
      f.text = type == "/Tx";
      auto widgets = form.getAnnotationsForField(field);
      if (widgets.size() > limits.max_widgets_per_field) {
        error = "champ « " + f.name + " » : trop de widgets (" + std::to_string(widgets.size()) + ")";
        return false;
      }
      QPDFObjectHandle v = field.getValue();
      if (f.button) {
        if (v.isName() && v.getName() != "/Off") f.value = v.getName().substr(1);
        if (!v.isName())  // no /V: the state a widget shows
          for (auto& w : widgets) {
            const std::string as = w.getAppearanceState();
            if (!as.empty() && as != "/Off") f.value = as.substr(1);
          }
      }
      // The raw string first (UTF-16 takes at most twice the bytes of UTF-8
      // for what a bilan holds), so that a huge value is never converted.
      bool too_long = v.isString() && v.getStringValue().size() > 2 * limits.max_value_bytes;
      if (!too_long && v.isString() && !f.button) {
        f.value = unix_lines(v.getUTF8Value());
        too_long = f.value.size() > limits.max_value_bytes;
      }
      if (too_long || f.name.size() > kMaxNameBytes) {
        const std::string name = f.name.size() > 200 ? f.name.substr(0, 200) + "…" : f.name;
        error = "champ « " + name + " » : " +
                (too_long ? "valeur trop longue (limite " + std::to_string(limits.max_value_bytes >> 10) + " Kio)"
                          : "nom trop long (limite " + std::to_string(kMaxNameBytes) + " octets)");
        return false;
      }
      for (auto& w : widgets) {
        QPDFObjectHandle p = w.getObjectHandle().getKey("/P");
        if (p.isIndirect()) {
          const auto it = page_numbers.find(p.getObjGen());
          if (it != page_numbers.end()) f.page = it->second;
        }
        if (f.page) break;
      }
      out.fields.push_back(std::move(f));
    }
    return true;
  });
}

bool detail::qpdf_read_pdf(std::string_view bytes, const PdfReadLimits& limits, PdfContents& out, std::string& error) {
  return guarded(error, [&] {
    QPDF pdf;
    if (!open_pdf(pdf, bytes, limits, error)) return false;
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
  });
}

}  // namespace bilan::pdfread

// The module's one entry point (dlsym'd by pdfread/pdf_reader.cpp).
extern "C" __attribute__((visibility("default"))) const bilan::pdfread::detail::ReaderApi* bilan_pdfread_api() {
  static constexpr bilan::pdfread::detail::ReaderApi api{bilan::pdfread::detail::kReaderApiVersion,
                                                         &bilan::pdfread::detail::qpdf_read_pdf,
                                                         &bilan::pdfread::detail::qpdf_read_form};
  return &api;
}

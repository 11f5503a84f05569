#include "render/pdf/pdf_writer.hpp"

#include <hpdf.h>

#include <string>

#include "core/sha256.hpp"
#include "render/pdf/acroform.hpp"
#include "render/pdf/content_stream.hpp"
#include "render/pdf/object_streams.hpp"
#include "render/pdf/outline.hpp"
#include "render/pdf/pdf_fonts.hpp"
#include "render/pdf/pdf_objects.hpp"
#include "render/pdf/pdfa.hpp"

namespace bilan::render {

struct PdfWriter::Impl {
  explicit Impl(const fonts::FontSet& fonts) : session(fonts) {}
  detail::Session session;
  bool used = false;  // HPDF_NewDoc before every document but the first
};

namespace {

// The document information (title, author…) and the catalog's /Lang.
void begin_document(detail::Objects& objects, const compose::DocumentInfo& info) {
  HPDF_SetCompressionMode(objects.doc(), HPDF_COMP_IMAGE);
  // No libharu encoder: its UTF-8 one costs 256 KB of tables per document;
  // text strings are made by Objects::text_string.
  HPDF_SetInfoAttr(objects.doc(), HPDF_INFO_PRODUCER, detail::kProducer);  // ASCII; makes the info dictionary
  objects.check("l’ouverture du document");
  // libharu refuses a string over 65,535 bytes (0x105B), and the author is
  // an answer (`structure`, up to the answer-length limit): metadata is cut
  // at a character boundary, the page shows the whole text.
  const auto set = [&](const char* key, const std::string& value) {
    constexpr std::size_t kLongest = 16000;
    if (value.empty()) return;
    std::string text = value;
    if (text.size() > kLongest) {
      std::size_t cut = kLongest;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + "\u2026";
    }
    HPDF_Dict_Add(objects.info(), key, objects.text_string(text));
  };
  set("Title", info.title);
  set("Subject", info.subject);
  set("Author", info.author);
  set("Keywords", info.keywords);
  set("Creator", info.creator);
  // Every bilan is French: readers and screen readers pick their voice and hyphenation from it.
  HPDF_Dict_Add(objects.catalog(), "Lang", objects.string("fr-FR"));
  objects.check("l’ouverture du document");
}

// A /ID from the inputs, never from the clock: same inputs, same bytes.
void set_id(detail::Objects& objects, const compose::PagedDocument& doc) {
  const std::string& seed = objects.options().fingerprint.empty() ? doc.info.id_seed : objects.options().fingerprint;
  const Sha256::Digest d = Sha256::of(seed + "#" + std::to_string(doc.pages.size()));
  HPDF_Array id = objects.array();
  HPDF_Array_Add(id, objects.binary(d.data(), 16));
  HPDF_Array_Add(id, objects.binary(d.data() + 16, 16));
  HPDF_Dict_Add(objects.trailer(), "ID", id);
}

// The objects of one document, in the order their numbers are given: the
// information, the fonts (every glyph is known before a page is written), the
// pages, the outline, the fields, then /ID and PDF/A.
void write_document(detail::Session& session, const compose::PagedDocument& doc, const PdfOptions& options) {
  detail::Objects objects(session, options);
  begin_document(objects, doc.info);
  detail::DocumentFonts fonts(objects);
  fonts.collect(doc);
  fonts.embed();
  detail::PageWriter pages(objects, fonts);
  for (const auto& page : doc.pages) pages.write(doc.page_size, page);
  detail::write_outline(objects, doc.outline, pages.pages(), doc.page_size.height);
  if (!pages.widgets().empty()) detail::write_acro_form(objects, fonts, doc, pages.pages(), pages.widgets());
  set_id(objects, doc);
  if (options.pdfa) detail::write_pdfa(objects, doc.info);
  else detail::write_embedded_files(objects);
  objects.check("la finition du document");
}

}  // namespace

PdfWriter::PdfWriter(const fonts::FontSet& fonts) : impl_(std::make_unique<Impl>(fonts)) {}

PdfWriter::~PdfWriter() = default;

std::string PdfWriter::write(const compose::PagedDocument& doc, const PdfOptions& options) {
  detail::Session& session = impl_->session;
  HPDF_Doc pdf = session.doc();
  if (impl_->used) HPDF_NewDoc(pdf);
  impl_->used = true;
  session.check("la création du document");
  write_document(session, doc, options);
  HPDF_SaveToStream(pdf);
  session.check("l’enregistrement du document");
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  HPDF_ResetStream(pdf);
  session.check("la lecture du document enregistré");
  if (!options.object_streams || options.deflate_level <= 0) return bytes;
  return detail::pack_objects(bytes, [&](std::string_view in, std::string& out) { session.deflate(in, out, options.deflate_level); });
}

}  // namespace bilan::render

#include "render/pdf/pdfa.hpp"

#include <algorithm>
#include <array>
#include <hpdf_encrypt.h>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/xml_text.hpp"
#include "render/pdf/hpdf_adapter.hpp"

namespace bilan::render::detail {
namespace {

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string pdf_date(const Timestamp& t) {
  return "D:" + std::to_string(t.year) + two(t.month) + two(t.day) + two(t.hour) + two(t.minute) + two(t.second) + "Z";
}

// XMP (pdfaid part 3, conformance B) with the document information, XML-escaped.
std::string xmp(const compose::DocumentInfo& info, const std::string& iso) {
  std::string x =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "<rdf:Description rdf:about=\"\"\n"
      "  xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
      "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
      "<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n";
  if (!info.title.empty())
    x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(info.title) + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!info.author.empty())
    x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escaped(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!info.subject.empty())
    x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(info.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  if (!info.keywords.empty()) x += "<pdf:Keywords>" + xml_escaped(info.keywords) + "</pdf:Keywords>\n";
  x += "<pdf:Producer>" + xml_escaped(kProducer) + "</pdf:Producer>\n";
  if (!info.creator.empty()) x += "<xmp:CreatorTool>" + xml_escaped(info.creator) + "</xmp:CreatorTool>\n";
  x += "<xmp:CreateDate>" + iso + "</xmp:CreateDate>\n<xmp:ModifyDate>" + iso + "</xmp:ModifyDate>\n<xmp:MetadataDate>" + iso +
       "</xmp:MetadataDate>\n";
  x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return x;
}

// The MD5 digest /CheckSum holds (libharu's own, as its encryption uses it).
std::array<unsigned char, 16> md5(std::string_view bytes) {
  HPDF_MD5_CTX ctx;
  HPDF_MD5Init(&ctx);
  // HPDF_MD5Update takes 32-bit lengths: attachments are far smaller, but a
  // loop costs nothing.
  constexpr std::size_t kChunk = 1u << 30;
  for (std::size_t at = 0; at < bytes.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, bytes.size() - at);
    HPDF_MD5Update(&ctx, reinterpret_cast<const HPDF_BYTE*>(bytes.data() + at), static_cast<HPDF_UINT32>(n));
  }
  std::array<unsigned char, 16> digest{};
  HPDF_MD5Final(digest.data(), &ctx);
  return digest;
}

// Whether files of this type are compressed already (the documents an
// answer file may attach): stored as they are, since deflating again gains
// nothing and makes a stream that does not shrink grow, past what `bilan
// extract` reads back (its limit is the stream's /Length).
bool compressed_already(std::string_view mime) {
  return mime == "application/pdf" || mime == "image/png" || mime == "image/jpeg" ||
         mime == "application/vnd.oasis.opendocument.text" ||
         mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

// Each attachment as an embedded file, its file specification in the
// /EmbeddedFiles name tree (keys sorted, as name trees want) and, in PDF/A
// (`when` given), in /AF (associated files, with their /AFRelationship).
void attach(Objects& objects, const std::optional<Timestamp>& when) {
  const PdfOptions& options = objects.options();
  if (options.attachments.empty()) return;
  HPDF_Array af = when ? objects.array() : nullptr;  // an array never added would leak
  std::vector<std::pair<std::string, HPDF_Dict>> named;
  for (const Attachment& a : options.attachments) {
    HPDF_Dict file = compressed_already(a.mime) ? objects.stream(a.bytes, 0) : objects.stream(a.bytes);
    HPDF_Dict_AddName(file, "Type", "EmbeddedFile");
    HPDF_Dict_AddName(file, "Subtype", a.mime.c_str());
    HPDF_Dict params = objects.dict();
    HPDF_Dict_AddNumber(params, "Size", static_cast<HPDF_INT32>(a.bytes.size()));
    if (when) HPDF_Dict_Add(params, "ModDate", objects.string(pdf_date(*when).c_str()));
    if (a.checksum) {
      const auto digest = md5(a.bytes);
      HPDF_Dict_Add(params, "CheckSum", objects.binary(digest.data(), digest.size()));
    }
    HPDF_Dict_Add(file, "Params", params);
    HPDF_Dict spec = objects.indirect_dict();
    HPDF_Dict_AddName(spec, "Type", "Filespec");
    HPDF_Dict_Add(spec, "F", objects.string(a.name.c_str()));
    HPDF_Dict_Add(spec, "UF", objects.text_string(a.name));
    if (!a.description.empty()) HPDF_Dict_Add(spec, "Desc", objects.text_string(a.description));
    if (when) HPDF_Dict_AddName(spec, "AFRelationship", a.relationship.c_str());
    HPDF_Dict ef = objects.dict();
    HPDF_Dict_Add(ef, "F", file);
    HPDF_Dict_Add(ef, "UF", file);
    HPDF_Dict_Add(spec, "EF", ef);
    if (when) HPDF_Array_Add(af, spec);
    named.emplace_back(a.name, spec);
  }
  // Keys as the PDF strings compare: their bytes (the names are unique).
  std::stable_sort(named.begin(), named.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  HPDF_Array names = objects.array();
  for (const auto& [name, spec] : named) {
    HPDF_Array_Add(names, objects.string(name.c_str()));
    HPDF_Array_Add(names, spec);
  }
  if (when) HPDF_Dict_Add(objects.catalog(), "AF", af);
  HPDF_Dict embedded = objects.dict();
  HPDF_Dict_Add(embedded, "Names", names);
  HPDF_Dict name_tree = objects.dict();
  HPDF_Dict_Add(name_tree, "EmbeddedFiles", embedded);
  HPDF_Dict_Add(objects.catalog(), "Names", name_tree);
}

}  // namespace

void write_pdfa(Objects& objects, const compose::DocumentInfo& info) {
  const PdfOptions& options = objects.options();
  if (options.icc_profile.empty()) throw IoError("PDF/A : profil de couleur sRGB manquant");
  hpdf::set_pdf_version(objects.doc(), HPDF_VER_17);
  const Timestamp when = options.created.value_or(Timestamp{});
  HPDF_Date date{when.year, when.month, when.day, when.hour, when.minute, when.second, 'Z', 0, 0};
  HPDF_SetInfoDateAttr(objects.doc(), HPDF_INFO_CREATION_DATE, date);
  HPDF_SetInfoDateAttr(objects.doc(), HPDF_INFO_MOD_DATE, date);
  const std::string iso = std::to_string(when.year) + "-" + two(when.month) + "-" + two(when.day) + "T" + two(when.hour) + ":" +
                          two(when.minute) + ":" + two(when.second) + "Z";

  // Not deflated: metadata stays readable by any tool.
  HPDF_Dict meta = objects.stream(xmp(info, iso), 0);
  HPDF_Dict_AddName(meta, "Type", "Metadata");
  HPDF_Dict_AddName(meta, "Subtype", "XML");
  HPDF_Dict_Add(objects.catalog(), "Metadata", meta);

  HPDF_Dict profile = objects.stream(options.icc_profile);
  HPDF_Dict_AddNumber(profile, "N", 3);
  HPDF_Dict intent = objects.dict();
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier", objects.string("sRGB IEC61966-2.1"));
  HPDF_Dict_Add(intent, "Info", objects.string("sRGB IEC61966-2.1"));
  HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  HPDF_Array intents = objects.array();
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(objects.catalog(), "OutputIntents", intents);

  attach(objects, when);
}

void write_embedded_files(Objects& objects) { attach(objects, std::nullopt); }

}  // namespace bilan::render::detail

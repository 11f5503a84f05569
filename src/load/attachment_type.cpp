#include "load/attachment_type.hpp"

#include <cstdint>
#include <string>

#include "core/utf8.hpp"

namespace bilan::load {
namespace {

const AttachmentType kPdf{"PDF", "application/pdf", ".pdf"};
const AttachmentType kOdt{"ODT", "application/vnd.oasis.opendocument.text", ".odt"};
const AttachmentType kDocx{"DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"};
const AttachmentType kPng{"PNG", "image/png", ".png"};
const AttachmentType kJpeg{"JPEG", "image/jpeg", ".jpg .jpeg"};

std::uint32_t le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}

std::uint32_t le32(std::string_view b, std::size_t at) { return le16(b, at) | le16(b, at + 2) << 16; }

// ODF (OpenDocument, part 3, 3.3): the first entry is `mimetype`, stored
// (method 0), its data the media type, without extra field.
bool is_odt(std::string_view b) {
  constexpr std::size_t kHeader = 30;
  if (b.size() < kHeader) return false;
  const std::uint32_t method = le16(b, 8), size = le32(b, 18), name_len = le16(b, 26), extra_len = le16(b, 28);
  if (method != 0 || name_len != 8 || b.substr(kHeader, 8) != "mimetype") return false;
  const std::size_t data = kHeader + name_len + extra_len;
  return data <= b.size() && b.substr(data).substr(0, size) == kOdt.mime;
}

// OOXML (ECMA-376, part 2): `[Content_Types].xml` and the main part
// `word/document.xml`, named in the ZIP's central directory, found from the
// end-of-central-directory record in the last 65,557 bytes.
bool is_docx(std::string_view b) {
  constexpr std::size_t kEnd = 22, kMaxComment = 0xFFFF;
  if (b.size() < kEnd) return false;
  const std::size_t lowest = b.size() > kEnd + kMaxComment ? b.size() - kEnd - kMaxComment : 0;
  std::size_t end = std::string_view::npos;
  for (std::size_t i = b.size() - kEnd + 1; i-- > lowest;)
    if (b.substr(i, 4) == "PK\x05\x06") {
      end = i;
      break;
    }
  if (end == std::string_view::npos) return false;
  const std::uint32_t entries = le16(b, end + 10);
  std::size_t at = le32(b, end + 16);
  bool types = false, document = false;
  for (std::uint32_t n = 0; n < entries; ++n) {
    constexpr std::size_t kEntry = 46;
    if (at > b.size() || b.size() - at < kEntry || b.substr(at, 4) != "PK\x01\x02") return false;
    const std::size_t name_len = le16(b, at + 28), extra_len = le16(b, at + 30), comment_len = le16(b, at + 32);
    if (b.size() - at - kEntry < name_len) return false;
    const std::string_view name = b.substr(at + kEntry, name_len);
    types = types || name == "[Content_Types].xml";
    document = document || name == "word/document.xml";
    if (types && document) return true;
    at += kEntry + name_len + extra_len + comment_len;
  }
  return false;
}

}  // namespace

const std::vector<AttachmentType>& attachment_types() {
  static const std::vector<AttachmentType> types{kPdf, kOdt, kDocx, kPng, kJpeg};
  return types;
}

std::optional<AttachmentType> sniff_attachment_type(std::string_view b) {
  if (b.starts_with("%PDF-")) return kPdf;
  if (b.starts_with("\x89PNG\r\n\x1A\n")) return kPng;
  if (b.starts_with("\xFF\xD8\xFF")) return kJpeg;
  if (b.starts_with("PK\x03\x04")) {
    if (is_odt(b)) return kOdt;
    if (is_docx(b)) return kDocx;
  }
  return std::nullopt;
}

std::optional<AttachmentType> attachment_type_of_name(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::string ext;
  for (const char c : name.substr(dot)) ext += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const auto& t : attachment_types()) {
    std::string_view list = t.extensions;
    while (!list.empty()) {
      const std::size_t space = list.find(' ');
      if (list.substr(0, space) == ext) return t;
      list = space == std::string_view::npos ? std::string_view{} : list.substr(space + 1);
    }
  }
  return std::nullopt;
}

bool is_safe_file_name(std::string_view name) {
  constexpr std::size_t kMax = 255;  // a folder's limit
  if (name.empty() || name.size() > kMax || name.front() == '.' || utf8::first_invalid(name)) return false;
  for (std::size_t i = 0; i < name.size();) {
    const char32_t cp = utf8::next(name, i);
    if (cp == '/' || cp == '\\' || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return false;
  }
  return true;
}

std::string shown_file_name(std::string_view name) {
  std::string out;
  for (const char c : name.substr(0, 80)) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? '?' : c;
  return out;
}

}  // namespace bilan::load

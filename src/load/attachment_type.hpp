// load/attachment_type — what an attached file is, from its bytes (never from
// its name alone): PDF, ODT, DOCX, PNG or JPEG, the types an answer file may
// attach (<attachment>, docs/answers.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bilan::load {

struct AttachmentType {
  std::string_view label;       // « PDF », « ODT »…: what messages call it
  std::string_view mime;        // the embedded file's /Subtype
  std::string_view extensions;  // the names it may end with, lower case: « .jpg .jpeg »
};

// The allowed types, in the order messages list them.
const std::vector<AttachmentType>& attachment_types();

// The type the bytes are: `%PDF-`; a ZIP (PK\3\4) whose first entry is the
// ODF `mimetype` of a text document, stored; a ZIP whose central directory
// lists `[Content_Types].xml` and `word/document.xml`; the PNG signature; the
// JPEG start of image. nullopt for anything else. Reads at most the ZIP's
// central directory (bounded by the bytes).
std::optional<AttachmentType> sniff_attachment_type(std::string_view bytes);

// The allowed type a file name's extension says (case-insensitive); nullopt
// for any other extension.
std::optional<AttachmentType> attachment_type_of_name(std::string_view name);

// Whether `name` may name a file written in a folder without leading
// elsewhere or hiding: not empty, at most 255 bytes, valid UTF-8, no « / »,
// « \\ », control character, nor a leading « . » (« .. », « .bashrc »).
bool is_safe_file_name(std::string_view name);
// `name` as a message may show it: control characters as « ? », at most 80 bytes.
std::string shown_file_name(std::string_view name);

}  // namespace bilan::load

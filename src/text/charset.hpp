// text/charset — what spreadsheets save: UTF-8 with or without BOM, or
// Windows-1252 (Excel's « CSV (séparateur : point-virgule) » on French
// Windows). Detected, and converted with ICU; plus the folding that matches a
// questionnaire's column header to a question's label.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bilan::text {

enum class Charset : std::uint8_t {
  None,         // not detected yet
  Utf8,
  Utf8Bom,      // UTF-8 starting with a byte order mark (removed)
  Windows1252,  // not valid UTF-8: read as Windows-1252
  Utf16Le,      // starting with FF FE (Excel's « texte Unicode »): converted
  Utf16Be,      // starting with FE FF: converted
};

// `bytes` as UTF-8 (BOM removed) and the charset they were in. UTF-16 is
// recognised by its BOM only (little or big endian), converted with ICU: an
// unpaired surrogate, or a last odd byte, becomes U+FFFD. Other bytes that are
// not valid UTF-8 are Windows-1252 (every byte means something there, the
// five it leaves undefined become U+FFFD).
std::string to_utf8(std::string_view bytes, Charset& detected);
// The same without a copy when `bytes` are UTF-8 already: a view of them (BOM
// removed), or of `storage`, where converted text is put.
std::string_view to_utf8(std::string_view bytes, Charset& detected, std::string& storage);

// For matching labels: accents removed, lower case, every run of spaces and
// punctuation one space, none at either end. « Nombre d’enfants : » and
// « nombre d'ENFANTS » fold alike. Input is valid UTF-8.
std::string fold_for_match(std::string_view utf8);

}  // namespace bilan::text

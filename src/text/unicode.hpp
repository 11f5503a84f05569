// text/unicode — ICU normalisation (NFC) and French upper-casing of UTF-8 text.
#pragma once

#include <string>
#include <string_view>

namespace bilan::text {

// ICU NFC normalisation; input is valid UTF-8.
std::string nfc(std::string_view utf8);
bool is_nfc(std::string_view utf8);
// ICU upper-casing for "fr", which keeps accents on capitals:
// "Public concerné" -> "PUBLIC CONCERNÉ", "mise en œuvre" -> "MISE EN ŒUVRE".
std::string upper_fr(std::string_view utf8);

}  // namespace bilan::text

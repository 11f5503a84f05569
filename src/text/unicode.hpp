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
// Never drawn: Unicode's Default_Ignorable_Code_Point (zero-width space U+200B,
// direction marks U+200E/F, word joiner U+2060, U+FEFF, soft hyphen U+00AD,
// variation selectors…). They may steer line breaking, but no font is asked
// for them, so they become neither placeholders nor warnings.
bool is_invisible(char32_t cp);

}  // namespace bilan::text

#include "text/charset.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <vector>

#include "core/utf8.hpp"
#include "text/detail/icu_support.hpp"

namespace bilan::text {

std::string to_utf8(std::string_view bytes, Charset& detected) {
  const bool le = bytes.starts_with("\xFF\xFE"), be = bytes.starts_with("\xFE\xFF");
  if (le || be) {
    detected = le ? Charset::Utf16Le : Charset::Utf16Be;
    const std::string_view units = bytes.substr(2, (bytes.size() - 2) & ~std::size_t{1});
    UErrorCode status = U_ZERO_ERROR;
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    std::vector<char> out(units.size() / 2 * 3 + 4);
    const int32_t n = ucnv_convert("UTF-8", le ? "UTF-16LE" : "UTF-16BE", out.data(), static_cast<int32_t>(out.size()),
                                   units.data(), detail::icu_length(units.size()), &status);
    detail::check_icu(status, "conversion UTF-16");
    std::string text(out.data(), static_cast<std::size_t>(n));
    if (bytes.size() % 2) text += "\xEF\xBF\xBD";  // half a unit
    return text;
  }
  if (bytes.starts_with("\xEF\xBB\xBF") && !utf8::first_invalid(bytes.substr(3))) {
    detected = Charset::Utf8Bom;
    return std::string(bytes.substr(3));
  }
  if (!utf8::first_invalid(bytes)) {
    detected = Charset::Utf8;
    return std::string(bytes);
  }
  detected = Charset::Windows1252;
  UErrorCode status = U_ZERO_ERROR;
  // At most 3 UTF-8 bytes per Windows-1252 byte.
  std::vector<char> out(bytes.size() * 3 + 1);
  const int32_t n = ucnv_convert("UTF-8", "windows-1252", out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                 detail::icu_length(bytes.size()), &status);
  detail::check_icu(status, "conversion Windows-1252");
  return std::string(out.data(), static_cast<std::size_t>(n));
}

std::string_view to_utf8(std::string_view bytes, Charset& detected, std::string& storage) {
  if (bytes.starts_with("\xEF\xBB\xBF") && !utf8::first_invalid(bytes.substr(3))) {
    detected = Charset::Utf8Bom;
    return bytes.substr(3);
  }
  if (!bytes.starts_with("\xFF\xFE") && !bytes.starts_with("\xFE\xFF") && !utf8::first_invalid(bytes)) {
    detected = Charset::Utf8;
    return bytes;
  }
  storage = to_utf8(bytes, detected);
  return storage;
}

std::string fold_for_match(std::string_view utf8_text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  detail::check_icu(status, "NFD normaliser");
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8_text.data(), detail::icu_length(utf8_text.size()))), status);
  detail::check_icu(status, "NFD");
  std::string out;
  bool space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isalnum(c)) {
      if (space && !out.empty()) out += ' ';
      space = false;
      utf8::append(out, static_cast<char32_t>(u_tolower(c)));
    } else {
      space = true;  // spaces, apostrophes, colons, dashes…
    }
  }
  return out;
}

}  // namespace bilan::text

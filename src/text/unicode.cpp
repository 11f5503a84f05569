#include "text/unicode.hpp"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include "text/detail/icu_support.hpp"

namespace bilan::text {
namespace {

icu::StringPiece piece(std::string_view utf8) {
  return icu::StringPiece(utf8.data(), detail::icu_length(utf8.size()));
}

bool is_ascii(std::string_view s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// The NFC instance is an immutable, thread-safe ICU singleton: look it up once.
const icu::Normalizer2& nfc_normalizer() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    detail::check_icu(status, "NFC normaliser");
    return n;
  }();
  return *instance;
}

}  // namespace

std::string nfc(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);  // ASCII is always NFC; most labels are
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  nfc_normalizer().normalizeUTF8(0, piece(utf8), sink, nullptr, status);
  detail::check_icu(status, "NFC normalisation");
  return out;
}

bool is_nfc(std::string_view utf8) {
  if (is_ascii(utf8)) return true;
  UErrorCode status = U_ZERO_ERROR;
  const bool result = nfc_normalizer().isNormalizedUTF8(piece(utf8), status);
  detail::check_icu(status, "NFC check");
  return result;
}

std::string upper_fr(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 8);
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  // CaseMap works on UTF-8 directly and holds no state, so nothing to cache.
  icu::CaseMap::utf8ToUpper("fr", 0, piece(utf8), sink, nullptr, status);
  detail::check_icu(status, "upper-casing");
  return out;
}

bool is_invisible(char32_t cp) {
  // Below U+034F the only Default_Ignorable character is the soft hyphen: no
  // property lookup for French letters, which come by the thousand.
  if (cp < 0x034F) return cp == 0x00AD;
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

}  // namespace bilan::text

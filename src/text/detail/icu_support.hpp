// text/detail/icu_support — ICU error codes and lengths, shared by src/text only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include <unicode/utypes.h>

namespace bilan::text::detail {

// ICU reports failures through UErrorCode; warnings (e.g. a locale falling back
// to root data) are not failures. A failure here means broken ICU data, which
// no input can fix, so it is an exception rather than a diagnostic.
inline void check_icu(UErrorCode status, const char* what) {
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU: ") + what + ": " + u_errorName(status));
}

// ICU lengths and indexes are int32_t; a longer text would be silently truncated.
inline std::int32_t icu_length(std::size_t size) {
  if (size > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw std::length_error("text too long for ICU");
  return static_cast<std::int32_t>(size);
}

}  // namespace bilan::text::detail

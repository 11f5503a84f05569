// fonts/face — the roles a font plays in a bilan (regular, bold, fallback…).
// The font manifest maps each role to a TrueType file.
#pragma once

#include <cstdint>

namespace bilan::fonts {

enum class Face : std::uint8_t {
  None,  // no face (never drawn)
  Regular,
  Bold,
  Italic,
  BoldItalic,
  FallbackRegular,  // for characters the main family lacks
  FallbackBold,
};
inline constexpr int kFaceCount = 7;
const char* face_name(Face f);

}  // namespace bilan::fonts

#include "compose/paged_document.hpp"

namespace bilan::compose {

const char* face_name(Face f) {
  switch (f) {
    case Face::Regular: return "Regular";
    case Face::Bold: return "Bold";
    case Face::Italic: return "Italic";
    case Face::BoldItalic: return "BoldItalic";
    case Face::FallbackRegular: return "FallbackRegular";
    case Face::FallbackBold: return "FallbackBold";
    case Face::None: break;
  }
  return "None";
}

}  // namespace bilan::compose

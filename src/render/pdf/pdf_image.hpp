// render/pdf/pdf_image — a decoded image as a PDF image XObject: raw samples
// deflated, alpha as a deflated /SMask (libharu's own PNG path stores it
// uncompressed and aborts on corrupt files), JPEG data passed through as
// DCTDecode. The image was validated at load time (image/decode).
#pragma once

#include <hpdf.h>

#include <functional>
#include <string_view>

#include "image/decode.hpp"

namespace bilan::render {

// Writes bytes into a stream object, deflated (the writer's libdeflate) or not.
using StreamFiller = std::function<void(HPDF_Dict stream, std::string_view bytes)>;

// nullptr when libharu fails (its error handler has been called).
HPDF_Image make_pdf_image(HPDF_Doc pdf, const image::DecodedImage& img, const StreamFiller& fill);

}  // namespace bilan::render

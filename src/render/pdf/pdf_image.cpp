#include "render/pdf/pdf_image.hpp"

namespace bilan::render {
namespace {

const char* color_space_name(image::ColorSpace s) {
  switch (s) {
    case image::ColorSpace::Gray: return "DeviceGray";
    case image::ColorSpace::Cmyk: return "DeviceCMYK";
    case image::ColorSpace::Rgb:
    case image::ColorSpace::None: break;
  }
  return "DeviceRGB";
}

const HPDF_BYTE* bytes_of(const std::string& s) { return reinterpret_cast<const HPDF_BYTE*>(s.data()); }

// Raw samples as an image XObject, deflated by the writer (libdeflate: a
// third of zlib's work, which libharu would use).
HPDF_Image raw_image(HPDF_Doc pdf, const std::string& samples, std::uint32_t w, std::uint32_t h, image::ColorSpace cs,
                     const std::string& palette, const StreamFiller& fill) {
  HPDF_Dict image = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (!image) return nullptr;
  image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
  HPDF_STATUS ret = HPDF_OK;
  ret += HPDF_Dict_AddName(image, "Type", "XObject");
  ret += HPDF_Dict_AddName(image, "Subtype", "Image");
  ret += HPDF_Dict_AddNumber(image, "Width", static_cast<HPDF_INT32>(w));
  ret += HPDF_Dict_AddNumber(image, "Height", static_cast<HPDF_INT32>(h));
  if (palette.empty()) {
    ret += HPDF_Dict_AddName(image, "ColorSpace", color_space_name(cs));
  } else {
    // [/Indexed /DeviceRGB hival <lookup>]: one byte per pixel, the palette's
    // colours in the lookup string.
    HPDF_Array indexed = HPDF_Array_New(pdf->mmgr);
    if (!indexed) return nullptr;
    ret += HPDF_Dict_Add(image, "ColorSpace", indexed);
    ret += HPDF_Array_AddName(indexed, "Indexed");
    ret += HPDF_Array_AddName(indexed, "DeviceRGB");
    ret += HPDF_Array_AddNumber(indexed, static_cast<HPDF_INT32>(palette.size() / 3 - 1));
    ret += HPDF_Array_Add(indexed, HPDF_Binary_New(pdf->mmgr, const_cast<HPDF_BYTE*>(bytes_of(palette)),
                                                   static_cast<HPDF_UINT>(palette.size())));
  }
  ret += HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
  if (ret != HPDF_OK) return nullptr;
  fill(image, samples);
  return image;
}

// The JPEG file as a DCTDecode image, built through libharu's object layer:
// its own JPEG loader misreads fill bytes and marks every CMYK JPEG inverted.
HPDF_Image dct_image(HPDF_Doc pdf, const image::DecodedImage& img) {
  HPDF_Dict image = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (!image) return nullptr;
  image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
  image->filter = HPDF_STREAM_FILTER_DCT_DECODE;
  HPDF_STATUS ret = HPDF_OK;
  ret += HPDF_Dict_AddName(image, "Type", "XObject");
  ret += HPDF_Dict_AddName(image, "Subtype", "Image");
  ret += HPDF_Dict_AddNumber(image, "Width", static_cast<HPDF_INT32>(img.width));
  ret += HPDF_Dict_AddNumber(image, "Height", static_cast<HPDF_INT32>(img.height));
  ret += HPDF_Dict_AddName(image, "ColorSpace", color_space_name(img.space));
  ret += HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
  if (img.space == image::ColorSpace::Cmyk && img.inverted_cmyk) {
    // Adobe applications store CMYK JPEGs inverted (0 = full ink).
    HPDF_Array decode = HPDF_Array_New(pdf->mmgr);
    if (!decode) return nullptr;
    ret += HPDF_Dict_Add(image, "Decode", decode);
    for (int i = 0; i < 4; ++i) {
      ret += HPDF_Array_AddNumber(decode, 1);
      ret += HPDF_Array_AddNumber(decode, 0);
    }
  }
  ret += HPDF_Stream_Write(image->stream, bytes_of(img.samples), static_cast<HPDF_UINT>(img.samples.size()));
  return ret == HPDF_OK ? image : nullptr;
}

}  // namespace

HPDF_Image make_pdf_image(HPDF_Doc pdf, const image::DecodedImage& img, const StreamFiller& fill) {
  if (img.encoding == image::Encoding::Dct) return dct_image(pdf, img);
  HPDF_Image image = raw_image(pdf, img.samples, img.width, img.height, img.space, img.palette, fill);
  if (!image || img.alpha.empty()) return image;
  HPDF_Image mask = raw_image(pdf, img.alpha, img.width, img.height, image::ColorSpace::Gray, {}, fill);
  if (!mask || HPDF_Dict_Add(image, "SMask", mask) != HPDF_OK) return nullptr;
  return image;
}

}  // namespace bilan::render

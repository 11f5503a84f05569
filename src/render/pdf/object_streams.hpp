// render/pdf/object_streams — libharu 2.3.0 writes PDF 1.3 files: every
// dictionary in clear and a 20-byte cross-reference line per object, about a
// third of a blank form. pack_objects() rewrites such a file in PDF 1.5 form:
// the dictionaries and arrays go into deflated object streams, the
// cross-reference table becomes a deflated cross-reference stream, and stream
// lengths are written in place instead of as objects of their own. Streams
// (page contents, fonts, images, metadata) are copied byte for byte.
//
// It reads only what this writer produced a moment earlier (libharu's layout:
// `N 0 obj … endobj`, one xref section, a trailer dictionary); anything else is
// an internal error, thrown as IoError.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace bilan::render::detail {

// Appends the zlib-deflated `in` to `out`.
using Deflater = std::function<void(std::string_view in, std::string& out)>;

// Objects per object stream: readers inflate a whole stream to reach one of its
// objects, so large documents get several (qpdf packs 100).
inline constexpr std::size_t kObjectsPerStream = 200;

std::string pack_objects(std::string_view pdf, const Deflater& deflate);

}  // namespace bilan::render::detail

// PDFs written byte by byte for the hostile cases of the PDF readers (issue
// 18): streams that inflate to gigabytes from a file of a few megabytes, a
// field with too many widgets. Used by the e2e and unit tests and by the fuzz
// seeds' generator (tests/fuzz/make_hostile_pdfs.cpp). Header-only; needs zlib.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bilan::testing {

namespace detail {

// What deflate() writes for `in` with `flush`.
inline std::string deflate_step(z_stream& z, const std::string& in, int flush) {
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  do {
    char buf[1 << 16];
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    const int rc = deflate(&z, flush);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) throw std::runtime_error("deflate");
    out.append(buf, sizeof buf - z.avail_out);
  } while (z.avail_out == 0 || z.avail_in > 0);
  return out;
}

}  // namespace detail

// A zlib stream that inflates to `prefix` then zeros, `mib` MiB in all
// (prefix under 1 MiB). One compressed MiB of zeros, ended by a full flush
// (byte-aligned, nothing refers back past it), is repeated: a 2 GiB bomb is
// 2 MB and takes no time to build.
inline std::string zlib_bomb(std::uint64_t mib, const std::string& prefix = {}) {
  constexpr std::size_t kMib = 1 << 20;
  if (mib < 1 || prefix.size() > kMib) throw std::invalid_argument("zlib_bomb");
  std::string first = prefix;
  first.resize(kMib, '\0');
  const std::string zeros(kMib, '\0');
  z_stream z{};
  if (deflateInit(&z, 9) != Z_OK) throw std::runtime_error("deflateInit");
  std::string out = detail::deflate_step(z, first, Z_FULL_FLUSH);
  const std::string again = detail::deflate_step(z, zeros, Z_FULL_FLUSH);
  std::string end = detail::deflate_step(z, {}, Z_FINISH);
  deflateEnd(&z);
  out.reserve(out.size() + (mib - 1) * again.size() + end.size());
  for (std::uint64_t i = 1; i < mib; ++i) out += again;
  // The checksum of everything: the first MiB's, combined with that of the
  // zeros after it (adler-32 of n zeros: a = 1, b = n mod 65521).
  uLong adler = adler32(adler32(0, nullptr, 0), reinterpret_cast<const Bytef*>(first.data()), static_cast<uInt>(kMib));
  const std::uint64_t rest = (mib - 1) * kMib;
  adler = adler32_combine(adler, ((rest % 65521) << 16) | 1, static_cast<z_off_t>(rest));
  end.resize(end.size() - 4);
  for (int shift = 24; shift >= 0; shift -= 8) end += static_cast<char>((adler >> shift) & 0xFF);
  return out + end;
}

// zlib at its best, for streams that are not bombs.
inline std::string zlib(const std::string& data) {
  z_stream z{};
  if (deflateInit(&z, 9) != Z_OK) throw std::runtime_error("deflateInit");
  std::string out = detail::deflate_step(z, data, Z_FINISH);
  deflateEnd(&z);
  return out;
}

// A PDF of numbered objects, with a cross-reference stream (so that objects
// may sit in an object stream) at exact offsets.
class PdfBuilder {
 public:
  // An object (what goes between « N 0 obj » and « endobj »); its number.
  int add(std::string body) {
    objects_.push_back({std::move(body), false});
    return static_cast<int>(objects_.size());
  }
  // An object kept in the file's one object stream; its number.
  int add_packed(std::string body) {
    objects_.push_back({std::move(body), true});
    return static_cast<int>(objects_.size());
  }
  // The object stream's data is followed by zeros, `mib` MiB decoded in all.
  void pad_object_stream(std::uint64_t mib) { objstm_mib_ = mib; }
  // The cross-reference stream compressed, followed by zeros: `mib` MiB decoded in all.
  void pad_cross_reference_stream(std::uint64_t mib) { xref_mib_ = mib; }
  // Replaces object `n`'s body (objects that refer to each other).
  void set(int n, std::string body) { objects_.at(static_cast<std::size_t>(n - 1)).body = std::move(body); }

  // « << DICT /Length N >> stream … endstream »
  static std::string stream(const std::string& dict, const std::string& data) {
    return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
  }

  std::string bytes(int root, const std::string& trailer = {}) const {
    std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    struct Entry {
      int type;
      std::uint64_t a, b;
    };
    std::vector<Entry> xref(objects_.size() + 3, Entry{0, 0, 0});
    const int objstm = static_cast<int>(objects_.size()) + 1, xref_number = objstm + 1;
    std::string header, packed;
    int n_packed = 0;
    for (std::size_t i = 0; i < objects_.size(); ++i) {
      const int number = static_cast<int>(i) + 1;
      if (objects_[i].packed) {
        header += std::to_string(number) + " " + std::to_string(packed.size()) + " ";
        packed += objects_[i].body + "\n";
        xref[static_cast<std::size_t>(number)] = {2, static_cast<std::uint64_t>(objstm), static_cast<std::uint64_t>(n_packed++)};
        continue;
      }
      xref[static_cast<std::size_t>(number)] = {1, out.size(), 0};
      out += std::to_string(number) + " 0 obj\n" + objects_[i].body + "\nendobj\n";
    }
    if (n_packed > 0) {
      const std::string data = header + "\n" + packed;
      const std::string z = objstm_mib_ ? zlib_bomb(objstm_mib_, data) : zlib(data);
      xref[static_cast<std::size_t>(objstm)] = {1, out.size(), 0};
      out += std::to_string(objstm) + " 0 obj\n" +
             stream("/Type /ObjStm /N " + std::to_string(n_packed) + " /First " + std::to_string(header.size() + 1) +
                        " /Filter /FlateDecode",
                    z) +
             "\nendobj\n";
    }
    xref[static_cast<std::size_t>(xref_number)] = {1, out.size(), 0};
    std::string table;
    for (const Entry& e : xref) {
      table += static_cast<char>(e.type);
      for (int shift = 24; shift >= 0; shift -= 8) table += static_cast<char>((e.a >> shift) & 0xFF);
      table += static_cast<char>((e.b >> 8) & 0xFF);
      table += static_cast<char>(e.b & 0xFF);
    }
    const std::size_t start = out.size();
    out += std::to_string(xref_number) + " 0 obj\n" +
           stream("/Type /XRef /W [1 4 2] /Size " + std::to_string(xref.size()) + " /Root " + std::to_string(root) +
                      " 0 R " + trailer + (xref_mib_ ? " /Filter /FlateDecode" : ""),
                  xref_mib_ ? zlib_bomb(xref_mib_, table) : table) +
           "\nendobj\nstartxref\n" + std::to_string(start) + "\n%%EOF\n";
    return out;
  }

 private:
  struct Object {
    std::string body;
    bool packed;
  };
  std::vector<Object> objects_;
  std::uint64_t objstm_mib_ = 0, xref_mib_ = 0;
};

// An archived bilan as `bilan extract` looks for it (producer « bilan… »,
// « reponses.xml » attached as its source) whose attachments, one after the
// other, are the given zlib streams; `metadata`, when not empty, is the
// zlib stream of its XMP /Metadata.
inline std::string pdf_with_attachments(const std::vector<std::pair<std::string, std::string>>& files,
                                        const std::string& metadata = {}) {
  PdfBuilder b;
  const int catalog = b.add("");
  const int pages = b.add("");
  const int page = b.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
  b.set(pages, "<< /Type /Pages /Kids [" + std::to_string(page) + " 0 R] /Count 1 >>");
  std::string names;
  for (const auto& [name, data] : files) {
    const int stream = b.add(PdfBuilder::stream("/Type /EmbeddedFile /Subtype /application#2Fxml /Filter /FlateDecode", data));
    const int spec = b.add("<< /Type /Filespec /F (" + name + ") /UF (" + name + ") /EF << /F " + std::to_string(stream) +
                           " 0 R >> /AFRelationship /Source >>");
    names += "(" + name + ") " + std::to_string(spec) + " 0 R ";
  }
  std::string root = "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [" + names + "] >> >>";
  if (!metadata.empty())
    root += " /Metadata " +
            std::to_string(b.add(PdfBuilder::stream("/Type /Metadata /Subtype /XML /Filter /FlateDecode", metadata))) + " 0 R";
  b.set(catalog, root + " >>");
  const int info = b.add("<< /Producer (bilan \\(hostile\\)) >>");
  return b.bytes(catalog, "/Info " + std::to_string(info) + " 0 R");
}

// A fillable bilan of `form` (version 1, department 47) whose catalog sits in
// an object stream of `mib` MiB once decoded (1: no bomb).
inline std::string pdf_with_object_stream(std::uint64_t mib, const std::string& form = "clas-2024-2025") {
  PdfBuilder b;
  b.add("<< /Type /Pages /Kids [2 0 R] /Count 1 >>");
  b.add("<< /Type /Page /Parent 1 0 R /MediaBox [0 0 595 842] >>");
  const int catalog = b.add_packed("<< /Type /Catalog /Pages 1 0 R /BilanForm << /Form (" + form +
                                   ") /Version 1 /Department (47) >> >>");
  b.pad_object_stream(mib);
  return b.bytes(catalog);
}

// A PDF whose cross-reference stream is `mib` MiB once decoded.
inline std::string pdf_with_cross_reference_bomb(std::uint64_t mib) {
  PdfBuilder b;
  const int catalog = b.add("<< /Type /Catalog /Pages 2 0 R >>");
  b.add("<< /Type /Pages /Kids [] /Count 0 >>");
  b.pad_cross_reference_stream(mib);
  return b.bytes(catalog);
}

// A fillable bilan whose text field `field` has `widgets` widgets, kids of
// the field as a PDF writer makes them.
inline std::string pdf_with_widgets(int widgets, const std::string& field = "structure") {
  PdfBuilder b;
  const int catalog = b.add("");
  const int pages = b.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  const int page = b.add("");
  const int parent = b.add("");
  std::string kids;
  for (int i = 0; i < widgets; ++i)
    kids += std::to_string(b.add("<< /Type /Annot /Subtype /Widget /Rect [10 " + std::to_string(10 + i * 5) + " 100 " +
                                 std::to_string(14 + i * 5) + "] /Parent 4 0 R /P 3 0 R >>")) +
            " 0 R ";
  b.set(page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [" + kids + "] >>");
  b.set(parent, "<< /FT /Tx /T (" + field + ") /Kids [" + kids + "] >>");
  b.set(catalog, "<< /Type /Catalog /Pages " + std::to_string(pages) + " 0 R /AcroForm << /Fields [" +
                     std::to_string(parent) + " 0 R] >> /BilanForm << /Form (clas-2024-2025) /Version 1 /Department (47) >> >>");
  return b.bytes(catalog);
}

}  // namespace bilan::testing

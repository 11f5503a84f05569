#include "pdfread/qpdf_reader.hpp"

// qpdf 11: use std::shared_ptr, not its old PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/Pipeline.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/Pl_RunLength.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFStreamFilter.hh>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/limits.hpp"

namespace bilan::pdfread {
namespace {

// ---- Bounded decoding ------------------------------------------------------
//
// qpdf decodes a whole stream into memory (getStreamData, and its own reading
// of object and cross-reference streams) and has no limit of its own. Every
// decompressing filter it uses is therefore replaced by one that counts its
// output and throws past the limit of what is being read (a 2 GiB bomb stops
// after 16 MiB); the reader then names what was too large. The budget is per
// thread: qpdf's filters are registered for the process.

// What the current reading may decompress, and what it is reading (for the
// message when a limit is passed).
struct DecodeBudget {
  std::uint64_t stream_limit = 0;  // one stream, for what is being read now
  std::uint64_t total_limit = 0;   // every stream of the file together
  std::uint64_t total = 0;
  std::string subject = "flux compressé";  // « fichier joint « a.xml » (objet 7) »
  std::string too_large = "trop volumineux une fois décompressé";
  std::uint64_t over_limit = 0;  // the limit passed, 0 while none was
  bool over_total = false;
  std::string over_subject, over_too_large;
};
thread_local DecodeBudget* t_budget = nullptr;

class OverLimit : public std::runtime_error {
 public:
  OverLimit() : std::runtime_error("limite de décompression dépassée") {}
};

// Counts the bytes a decoder writes against `limit` and the file's total;
// past either, records which and throws (again at every later write: qpdf
// finishes a pipeline after an error, and that must not decode further).
class BoundedOutput : public Pipeline {
 public:
  BoundedOutput(Pipeline* downstream, std::uint64_t limit) : Pipeline("bilan bound", downstream), limit_(limit) {}
  void write(unsigned char const* data, size_t len) override {
    DecodeBudget* b = t_budget;
    if (!b) throw std::logic_error("flux décompressé hors d’une lecture bornée");
    count_ += len;
    b->total += len;
    if (count_ > limit_ || b->total > b->total_limit) {
      if (!b->over_limit) {
        b->over_total = count_ <= limit_;
        b->over_limit = b->over_total ? b->total_limit : limit_;
        b->over_subject = b->subject;
        b->over_too_large = b->too_large;
      }
      throw OverLimit();
    }
    getNext()->write(data, len);
  }
  void finish() override { getNext()->finish(); }

 private:
  std::uint64_t limit_;
  std::uint64_t count_ = 0;
};

std::uint64_t current_stream_limit() {
  if (!t_budget) throw std::logic_error("flux décompressé hors d’une lecture bornée");
  return t_budget->stream_limit;
}

// PNG predictors (/Predictor 10 to 15), as cross-reference streams use them:
// each row is a filter-type byte then the row, undone against the row above.
class PngUnpredict : public Pipeline {
 public:
  PngUnpredict(Pipeline* downstream, std::size_t row_bytes, std::size_t pixel_bytes)
      : Pipeline("bilan png predictor", downstream), row_(row_bytes + 1), prev_(row_bytes + 1), bpp_(pixel_bytes) {}
  void write(unsigned char const* data, size_t len) override {
    while (len > 0) {
      const std::size_t n = std::min(len, row_.size() - pos_);
      std::memcpy(row_.data() + pos_, data, n);
      pos_ += n;
      data += n;
      len -= n;
      if (pos_ == row_.size()) flush_row();
    }
  }
  void finish() override {
    if (pos_ > 0) {  // a partial last row, as qpdf writes it out
      std::fill(row_.begin() + static_cast<std::ptrdiff_t>(pos_), row_.end(), 0);
      flush_row();
    }
    getNext()->finish();
  }

 private:
  void flush_row() {
    unsigned char* r = row_.data() + 1;
    const unsigned char* up = prev_.data() + 1;
    const std::size_t n = row_.size() - 1;
    for (std::size_t i = 0; i < n; ++i) {
      const int left = i >= bpp_ ? r[i - bpp_] : 0, above = up[i], corner = i >= bpp_ ? up[i - bpp_] : 0;
      int add = 0;
      switch (row_[0]) {
        case 1: add = left; break;
        case 2: add = above; break;
        case 3: add = (left + above) / 2; break;
        case 4: {
          const int p = left + above - corner, pa = std::abs(p - left), pb = std::abs(p - above), pc = std::abs(p - corner);
          add = pa <= pb && pa <= pc ? left : pb <= pc ? above : corner;
          break;
        }
        default: break;  // 0, and unknown types as qpdf: unchanged
      }
      r[i] = static_cast<unsigned char>(r[i] + add);
    }
    getNext()->write(r, n);
    std::swap(row_, prev_);
    pos_ = 0;
  }
  std::vector<unsigned char> row_, prev_;
  std::size_t bpp_;
  std::size_t pos_ = 0;
};

// /FlateDecode through the bound, with the PNG predictors; the TIFF predictor
// (images only, never read here) is left unfilterable.
class BoundedFlate : public QPDFStreamFilter {
 public:
  bool setDecodeParms(QPDFObjectHandle parms) override {
    if (parms.isNull()) return true;
    if (!parms.isDictionary()) return false;
    // A key absent is its default; present, it must be an integer.
    const auto integer = [&](const char* key, long long& out) {
      QPDFObjectHandle v = parms.getKey(key);
      if (v.isNull()) return true;
      if (!v.isInteger()) return false;
      out = v.getIntValue();
      return true;
    };
    long long predictor = 1, columns = 1, colors = 1, bits = 8;
    if (!integer("/Predictor", predictor) || !integer("/Columns", columns) || !integer("/Colors", colors) ||
        !integer("/BitsPerComponent", bits))
      return false;
    if (predictor == 1) return true;
    if (predictor < 10 || predictor > 15 || columns < 1 || columns > (1 << 24) || colors < 1 || colors > 32 ||
        (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16))
      return false;
    const long long row_bits = columns * colors * bits;  // at most 2^33
    if (row_bits > (8ll << 20)) return false;             // a row of over 1 MiB: no real stream has one
    row_bytes_ = static_cast<std::size_t>((row_bits + 7) / 8);
    pixel_bytes_ = static_cast<std::size_t>((colors * bits + 7) / 8);
    return true;
  }
  Pipeline* getDecodePipeline(Pipeline* next) override {
    if (row_bytes_) next = keep(std::make_shared<PngUnpredict>(next, row_bytes_, pixel_bytes_));
    next = keep(std::make_shared<BoundedOutput>(next, current_stream_limit()));
    return keep(std::make_shared<Pl_Flate>("bilan inflate", next, Pl_Flate::a_inflate));
  }

 private:
  Pipeline* keep(std::shared_ptr<Pipeline> p) {
    pipelines_.push_back(p);
    return p.get();
  }
  std::size_t row_bytes_ = 0, pixel_bytes_ = 0;
  std::vector<std::shared_ptr<Pipeline>> pipelines_;
};

// /RunLengthDecode (up to 64 times its input) through the bound too.
class BoundedRunLength : public QPDFStreamFilter {
 public:
  Pipeline* getDecodePipeline(Pipeline* next) override {
    bound_ = std::make_shared<BoundedOutput>(next, current_stream_limit());
    decoder_ = std::make_shared<Pl_RunLength>("bilan run length", bound_.get(), Pl_RunLength::a_decode);
    return decoder_.get();
  }

 private:
  std::shared_ptr<Pipeline> bound_, decoder_;
};

// /LZWDecode: qpdf's decoder is not public, so it cannot be bounded; no PDF
// since 1.5 (cross-reference and object streams) uses it, nor does any bilan.
class RefusedFilter : public QPDFStreamFilter {
 public:
  bool setDecodeParms(QPDFObjectHandle) override { return false; }
  Pipeline* getDecodePipeline(Pipeline* next) override { return next; }
};

void register_bounded_filters() {
  static std::once_flag once;
  std::call_once(once, [] {
    QPDF::registerStreamFilter("/FlateDecode", [] { return std::make_shared<BoundedFlate>(); });
    QPDF::registerStreamFilter("/RunLengthDecode", [] { return std::make_shared<BoundedRunLength>(); });
    QPDF::registerStreamFilter("/LZWDecode", [] { return std::make_shared<RefusedFilter>(); });
  });
}

// For the time of one reading: its budget, and what it reads now.
class BudgetScope {
 public:
  explicit BudgetScope(const PdfReadLimits& limits) : previous_(t_budget) {
    budget_.stream_limit = limits.max_object_stream_bytes;
    budget_.total_limit = limits.max_decoded_bytes;
    t_budget = &budget_;
  }
  ~BudgetScope() { t_budget = previous_; }
  BudgetScope(const BudgetScope&) = delete;
  BudgetScope& operator=(const BudgetScope&) = delete;
  DecodeBudget& budget() { return budget_; }

 private:
  DecodeBudget budget_;
  DecodeBudget* previous_;
};

// What is being read, for the time of a scope.
class Reading {
 public:
  Reading(std::string subject, std::uint64_t limit, std::string too_large = "trop volumineux une fois décompressé")
      : b_(*t_budget), subject_(std::move(b_.subject)), too_large_(std::move(b_.too_large)), limit_(b_.stream_limit) {
    b_.subject = std::move(subject);
    b_.too_large = std::move(too_large);
    b_.stream_limit = limit;
  }
  ~Reading() {
    b_.subject = std::move(subject_);
    b_.too_large = std::move(too_large_);
    b_.stream_limit = limit_;
  }
  Reading(const Reading&) = delete;
  Reading& operator=(const Reading&) = delete;

 private:
  DecodeBudget& b_;
  std::string subject_, too_large_;
  std::uint64_t limit_;
};

// The reason when a limit was passed, else empty.
std::string over_limit_reason(const DecodeBudget& b) {
  if (!b.over_limit) return {};
  if (b.over_total)
    return "flux compressés trop volumineux dans l’ensemble du fichier une fois décompressés (limite : " +
           limit_text(b.over_limit) + " octets)";
  return b.over_subject + " : " + b.over_too_large + " (limite : " + limit_text(b.over_limit) + " octets)";
}

// A name from the file as a message shows it: at most 200 bytes, cut
// between two UTF-8 characters.
std::string shortened(const std::string& name) {
  if (name.size() <= 200) return name;
  std::size_t n = 200;
  while (n > 0 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
  return name.substr(0, n) + "…";
}

std::string object_name(QPDFObjectHandle h) {
  return "objet " + std::to_string(h.getObjectID()) + (h.getGeneration() ? " " + std::to_string(h.getGeneration()) : "");
}

// Collects a stream's decoded bytes up to `limit` (also when no bounded
// filter is on the way: no filter, or one qpdf decodes itself); with `out`
// null, only counts them.
class Collect : public Pipeline {
 public:
  Collect(std::string* out, std::uint64_t limit) : Pipeline("bilan collect", nullptr), out_(out), limit_(limit) {}
  void write(unsigned char const* data, size_t len) override {
    if (len > limit_ - count_) {
      DecodeBudget& b = *t_budget;
      if (!b.over_limit) {
        b.over_limit = limit_;
        b.over_subject = b.subject;
        b.over_too_large = b.too_large;
      }
      throw OverLimit();
    }
    count_ += len;
    if (out_) out_->append(reinterpret_cast<const char*>(data), len);
  }
  void finish() override {}

 private:
  std::string* out_;
  std::uint64_t limit_;
  std::uint64_t count_ = 0;
};

// A stream's data (into `out`, or only counted when null), decoded under the
// limit of the Reading in scope; false when a limit was passed (the budget
// says which), throws when it cannot be decoded at all.
bool read_stream(QPDFObjectHandle stream, std::string* out) {
  DecodeBudget& b = *t_budget;
  Collect collect(out, b.stream_limit);
  bool filtered = false;
  const bool ok = stream.pipeStreamData(&collect, &filtered, 0, qpdf_dl_generalized);
  if (b.over_limit) return false;
  if (!ok || !filtered) throw std::runtime_error(b.subject + " : données illisibles");
  return true;
}

// ---------------------------------------------------------------------------

// A field's full name: ids are at most 256 bytes (docs/limits.md), a table
// cell's name three of them.
constexpr std::size_t kMaxNameBytes = 1024;

// Opens `bytes` under the limits every reading shares; false with a reason.
// Each object stream is decoded once under its bound before anything is
// resolved: qpdf would otherwise read it in whole, and the message can name it.
bool open_pdf(QPDF& pdf, std::string_view bytes, const PdfReadLimits& limits, std::string& error) {
  if (bytes.size() > limits.max_bytes) {
    error = "fichier trop volumineux (limite " + std::to_string(limits.max_bytes >> 20) + " Mo)";
    return false;
  }
  if (bytes.substr(0, 5) != "%PDF-") {
    error = "ce n’est pas un PDF (il ne commence pas par « %PDF- »)";
    return false;
  }
  register_bounded_filters();
  pdf.setSuppressWarnings(true);
  pdf.setAttemptRecovery(false);  // a damaged file is refused, not guessed at
  {
    const Reading xref("flux de références croisées", limits.max_object_stream_bytes);
    pdf.processMemoryFile("pdf", bytes.data(), bytes.size());
  }
  const auto xref = pdf.getXRefTable();
  if (xref.size() > limits.max_objects) {
    error = "PDF trop complexe (" + std::to_string(xref.size()) + " objets, limite " + std::to_string(limits.max_objects) + ")";
    return false;
  }
  std::set<int> object_streams;
  for (const auto& [og, entry] : xref)
    if (entry.getType() == 2) object_streams.insert(entry.getObjStreamNumber());
  for (const int n : object_streams) {
    const Reading reading("flux d’objets (objet " + std::to_string(n) + ")", limits.max_object_stream_bytes);
    QPDFObjectHandle stream = pdf.getObjectByID(n, 0);
    if (!stream.isStream()) continue;  // qpdf says so when it resolves one of its objects
    if (!read_stream(stream, nullptr)) return false;
  }
  return true;
}
// Line breaks as readers write them (\r, \r\n) become \n.
std::string unix_lines(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string string_key(QPDFObjectHandle dict, const char* key) {
  QPDFObjectHandle v = dict.getKey(key);
  return v.isString() ? v.getUTF8Value() : std::string();
}

// Runs `read` under the decoding budget of `limits`, qpdf's exceptions
// becoming a French reason in `error`. A limit passed is the reason, whatever
// qpdf made of it (it turns some errors into warnings and goes on).
template <class Read>
bool guarded(const PdfReadLimits& limits, std::string& error, Read read) {
  BudgetScope scope(limits);
  bool ok = false;
  try {
    ok = read();
  } catch (const QPDFExc& e) {
    error = "PDF illisible : " + e.getMessageDetail();
  } catch (const std::exception& e) {
    error = std::string("PDF illisible : ") + e.what();
  }
  if (std::string over = over_limit_reason(scope.budget()); !over.empty()) {
    error = std::move(over);
    return false;
  }
  return ok;
}

}  // namespace

bool detail::qpdf_read_form(std::string_view bytes, const PdfReadLimits& limits, PdfForm& out, std::string& error) {
  return guarded(limits, error, [&] {
    QPDF pdf;
    if (!open_pdf(pdf, bytes, limits, error)) return false;
    QPDFObjectHandle id = pdf.getRoot().getKey("/BilanForm");
    if (id.isDictionary()) {
      out.ours = true;
      out.form = string_key(id, "/Form");
      out.department = string_key(id, "/Department");
      out.action = string_key(id, "/Action");
      QPDFObjectHandle version = id.getKey("/Version");
      if (version.isInteger()) out.version = version.getIntValue();
    }
    std::map<QPDFObjGen, int> page_numbers;
    int n = 0;
    for (const auto& page : pdf.getAllPages()) page_numbers[page.getObjGen()] = ++n;
    QPDFAcroFormDocumentHelper form(pdf);
    if (!form.hasAcroForm()) return true;
    const auto fields = form.getFormFields();
    if (fields.size() > limits.max_fields) {
      error = "trop de champs de formulaire (" + std::to_string(fields.size()) + ", limite " +
              std::to_string(limits.max_fields) + ")";
      return false;
    }
    // qpdf lists a widget that is a kid of its field as a field of its own,
    // with the same name: the widgets of a name are counted across them.
    std::map<std::string, std::size_t> widgets_of;
    for (auto field : fields) widgets_of[field.getFullyQualifiedName()] += form.getAnnotationsForField(field).size();
    std::set<std::string> seen;
    for (auto field : fields) {
      FormField f;
      f.name = field.getFullyQualifiedName();
      // qpdf lists a field once per widget kid: one is enough.
      if (!seen.insert(f.name).second) continue;
      const std::string type = field.getFieldType();
      f.button = type == "/Btn";
      f.text = type == "/Tx";
      auto widgets = form.getAnnotationsForField(field);
      if (const std::size_t count = widgets_of[f.name]; count > limits.max_widgets_per_field) {
        error = "champ « " + shortened(f.name) + " » : trop de widgets (" + std::to_string(count) + ", limite " +
                std::to_string(limits.max_widgets_per_field) + ")";
        return false;
      }
      QPDFObjectHandle v = field.getValue();
      if (f.button) {
        if (v.isName() && v.getName() != "/Off") f.value = v.getName().substr(1);
        if (!v.isName())  // no /V: the state a widget shows
          for (auto& w : widgets) {
            const std::string as = w.getAppearanceState();
            if (!as.empty() && as != "/Off") f.value = as.substr(1);
          }
      }
      // The raw string first (UTF-16 takes at most twice the bytes of UTF-8
      // for what a bilan holds), so that a huge value is never converted.
      bool too_long = v.isString() && v.getStringValue().size() > 2 * limits.max_value_bytes;
      if (!too_long && v.isString() && !f.button) {
        f.value = unix_lines(v.getUTF8Value());
        too_long = f.value.size() > limits.max_value_bytes;
      }
      if (too_long || f.name.size() > kMaxNameBytes) {
        const std::string name = f.name.size() > 200 ? f.name.substr(0, 200) + "…" : f.name;
        error = "champ « " + name + " » : " +
                (too_long ? "valeur trop longue (limite " + std::to_string(limits.max_value_bytes >> 10) + " Kio)"
                          : "nom trop long (limite " + std::to_string(kMaxNameBytes) + " octets)");
        return false;
      }
      for (auto& w : widgets) {
        QPDFObjectHandle p = w.getObjectHandle().getKey("/P");
        if (p.isIndirect()) {
          const auto it = page_numbers.find(p.getObjGen());
          if (it != page_numbers.end()) f.page = it->second;
        }
        if (f.page) break;
      }
      out.fields.push_back(std::move(f));
    }
    return true;
  });
}

bool detail::qpdf_read_pdf(std::string_view bytes, const PdfReadLimits& limits, PdfContents& out, std::string& error) {
  return guarded(limits, error, [&] {
    QPDF pdf;
    if (!open_pdf(pdf, bytes, limits, error)) return false;
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    if (info.isDictionary() && info.getKey("/Producer").isString()) out.producer = info.getKey("/Producer").getUTF8Value();
    QPDFObjectHandle meta = pdf.getRoot().getKey("/Metadata");
    if (meta.isStream()) {
      const Reading reading("métadonnées XMP (" + object_name(meta) + ")", limits.max_metadata_bytes,
                            "trop volumineuses une fois décompressées");
      std::string xmp;
      if (!read_stream(meta, &xmp)) return false;
      out.pdfa3 = xmp.find("<pdfaid:part>3</pdfaid:part>") != std::string::npos;
    }
    QPDFEmbeddedFileDocumentHelper files(pdf);
    for (const auto& [name, spec] : files.getEmbeddedFiles()) {
      EmbeddedFile f;
      f.name = spec->getFilename();
      if (f.name.empty()) f.name = name;
      QPDFObjectHandle rel = spec->getObjectHandle().getKey("/AFRelationship");
      if (rel.isName()) f.relationship = rel.getName().substr(1);
      QPDFObjectHandle stream = spec->getEmbeddedFileStream();
      if (!stream.isStream()) continue;
      QPDFEFStreamObjectHelper ef(stream);
      f.mime = ef.getSubtype();
      const std::string shown = shortened(f.name);
      const Reading reading("fichier joint « " + shown + " » (" + object_name(stream) + ")", limits.max_attachment_bytes);
      QPDFObjectHandle length = stream.getDict().getKey("/Length");
      if (length.isInteger() && static_cast<std::uint64_t>(length.getIntValue()) > limits.max_attachment_bytes) {
        error = "fichier joint « " + shown + " » (" + object_name(stream) + ") : trop volumineux (limite : " +
                limit_text(limits.max_attachment_bytes) + " octets)";
        return false;
      }
      if (!read_stream(stream, &f.bytes)) return false;
      out.files.push_back(std::move(f));
    }
    return true;
  });
}

}  // namespace bilan::pdfread

// The module's one entry point (dlsym'd by pdfread/pdf_reader.cpp).
extern "C" __attribute__((visibility("default"))) const bilan::pdfread::detail::ReaderApi* bilan_pdfread_api() {
  static constexpr bilan::pdfread::detail::ReaderApi api{bilan::pdfread::detail::kReaderApiVersion,
                                                         &bilan::pdfread::detail::qpdf_read_pdf,
                                                         &bilan::pdfread::detail::qpdf_read_form};
  return &api;
}

#include "render/pdf/pdf_backend.hpp"

#include <hpdf.h>

#include <array>
#include <climits>
#include <cstdio>
#include <map>
#include <vector>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "render/canvas.hpp"
#include "render/pdf/pdf_image.hpp"

namespace bilan::render {
namespace {

using compose::Face;
constexpr std::size_t kFaces = compose::kFaceCount;
constexpr std::int32_t kUnknown = INT32_MIN;  // metrics cache: not looked up yet
constexpr std::int32_t kNoGlyph = -1;

std::size_t index(Face f) { return static_cast<std::size_t>(f); }

// libharu 2.3.0 writes its encoder table as /ToUnicode, which readers reject
// ("Invalid 'begincidrange' operator"). With the UTF-8 encoder a character's
// code is its BMP code point (CID = code point), so the valid map is the
// identity: one bfrange per 256-code block, surrogates excluded.
const std::string& identity_to_unicode() {
  static const std::string cmap = [] {
    std::vector<int> blocks;
    for (int hi = 0; hi < 256; ++hi)
      if (hi < 0xD8 || hi > 0xDF) blocks.push_back(hi);
    std::string s =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t i = 0; i < blocks.size(); i += 100) {
      const std::size_t n = std::min<std::size_t>(100, blocks.size() - i);
      s += std::to_string(n) + " beginbfrange\n";
      char line[40];
      for (std::size_t k = i; k < i + n; ++k) {
        std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", blocks[k], blocks[k], blocks[k]);
        s += line;
      }
      s += "endbfrange\n";
    }
    s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return s;
  }();
  return cmap;
}

void HPDF_STDCALL on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user);

}  // namespace

struct PdfBackend::Impl {
  HPDF_Doc pdf = nullptr;
  std::array<std::string, kFaces> names{};
  std::array<HPDF_FontDef, kFaces> defs{};
  mutable std::array<std::vector<std::int32_t>, kFaces> widths;  // per BMP code point, 1/1000 em
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
  bool used = false;  // a document was written: the next one needs HPDF_NewDoc

  ~Impl() {
    if (pdf) HPDF_Free(pdf);
  }

  void check(const char* what) {
    if (error == HPDF_OK) return;
    char buf[160];
    std::snprintf(buf, sizeof buf, "libharu : échec de %s (erreur 0x%04X, détail %u)", what,
                  static_cast<unsigned>(error), static_cast<unsigned>(detail));
    error = HPDF_OK;
    HPDF_ResetError(pdf);
    throw IoError(buf);
  }

  std::int32_t width(Face face, char32_t cp) const {
    if (cp > 0xFFFF || face == Face::None) return kNoGlyph;
    auto& table = widths[index(face)];
    std::int32_t& w = table[cp];
    if (w != kUnknown) return w;
    HPDF_FontDef def = defs[index(face)];
    const auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
    const HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(cp));
    if (gid == 0 || gid >= attr->num_glyphs) {
      w = kNoGlyph;
    } else {
      // Same integer arithmetic as libharu's /W array: what is measured is what is drawn.
      w = static_cast<std::int32_t>(static_cast<HPDF_UINT16>(
          static_cast<HPDF_UINT>(attr->h_metric[gid].advance_width) * 1000 / attr->header.units_per_em));
    }
    return w;
  }
};

namespace {

void HPDF_STDCALL on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
  auto* impl = static_cast<PdfBackend::Impl*>(user);
  if (impl->error == HPDF_OK) {
    impl->error = error;
    impl->detail = detail;
  }
}

// Draws one document on the backend's libharu handle.
class PdfCanvas : public Canvas {
 public:
  explicit PdfCanvas(PdfBackend::Impl& impl) : impl_(impl), pdf_(impl.pdf) {}

  void begin_document(const compose::DocumentInfo& info) override {
    HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
    HPDF_SetCurrentEncoder(pdf_, "UTF-8");  // before the info: accents in metadata
    encoder_ = HPDF_GetEncoder(pdf_, "UTF-8");
    const auto set = [&](HPDF_InfoType type, const std::string& value) {
      if (!value.empty()) HPDF_SetInfoAttr(pdf_, type, value.c_str());
    };
    set(HPDF_INFO_TITLE, info.title);
    set(HPDF_INFO_SUBJECT, info.subject);
    set(HPDF_INFO_AUTHOR, info.author);
    set(HPDF_INFO_KEYWORDS, info.keywords);
    set(HPDF_INFO_CREATOR, info.creator);
    id_seed_ = info.id_seed;
    impl_.check("l’ouverture du document");
  }

  void begin_page(const Size& size) override {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetWidth(page_, static_cast<HPDF_REAL>(size.width));
    HPDF_Page_SetHeight(page_, static_cast<HPDF_REAL>(size.height));
    height_ = size.height;
    pages_.push_back(page_);
    in_text_ = false;
    font_ = nullptr;
    fill_ = stroke_ = std::nullopt;
    line_width_ = -1;
    dotted_ = false;
    impl_.check("la création d’une page");
  }

  void draw(const compose::TextItem& t) override {
    begin_text();
    HPDF_Font font = font_for(t.face);
    if (font != font_ || t.size != font_size_) {
      HPDF_Page_SetFontAndSize(page_, font, static_cast<HPDF_REAL>(t.size));
      font_ = font;
      font_size_ = t.size;
    }
    set_fill(t.color);
    HPDF_Page_TextOut(page_, real(t.x), real(height_ - t.y), t.text.c_str());
  }

  void draw(const compose::LineItem& l) override {
    end_text();
    set_line(l.width, l.style == compose::LineStyle::Dotted);
    set_stroke(l.color);
    HPDF_Page_MoveTo(page_, real(l.x1), real(height_ - l.y1));
    HPDF_Page_LineTo(page_, real(l.x2), real(height_ - l.y2));
    HPDF_Page_Stroke(page_);
  }

  void draw(const compose::BoxItem& b) override {
    end_text();
    if (b.filled) set_fill(b.fill);
    if (b.line_width > 0) {
      set_line(b.line_width, false);
      set_stroke(b.stroke);
    }
    HPDF_Page_Rectangle(page_, real(b.rect.x), real(height_ - b.rect.bottom()), real(b.rect.width), real(b.rect.height));
    if (b.filled && b.line_width > 0) HPDF_Page_FillStroke(page_);
    else if (b.filled) HPDF_Page_Fill(page_);
    else HPDF_Page_Stroke(page_);
  }

  void draw(const compose::CheckboxItem& c) override {
    end_text();
    set_line(0.6, false);
    set_stroke(Color{0, 0, 0});
    const Rect& r = c.rect;
    HPDF_Page_Rectangle(page_, real(r.x), real(height_ - r.bottom()), real(r.width), real(r.height));
    HPDF_Page_Stroke(page_);
    if (!c.checked) return;
    // A vector cross, inset so it never touches the frame.
    constexpr double kInset = 1.7;
    set_line(1.1, false);
    set_stroke(c.mark);
    HPDF_Page_MoveTo(page_, real(r.x + kInset), real(height_ - r.y - kInset));
    HPDF_Page_LineTo(page_, real(r.right() - kInset), real(height_ - r.bottom() + kInset));
    HPDF_Page_MoveTo(page_, real(r.x + kInset), real(height_ - r.bottom() + kInset));
    HPDF_Page_LineTo(page_, real(r.right() - kInset), real(height_ - r.y - kInset));
    HPDF_Page_Stroke(page_);
  }

  void draw(const compose::ImageItem& i) override {
    end_text();
    HPDF_Image image = nullptr;
    if (auto it = images_.find(i.image.get()); it != images_.end()) {
      image = it->second;
    } else {
      // Decoded and checked at load time: a failure here is libharu's (memory).
      image = make_pdf_image(pdf_, *i.image);
      impl_.check("l’écriture d’une image");
      if (!image) throw IoError("libharu : échec de l’écriture d’une image");
      images_.emplace(i.image.get(), image);
    }
    HPDF_Page_DrawImage(page_, image, real(i.rect.x), real(height_ - i.rect.bottom()), real(i.rect.width), real(i.rect.height));
  }

  void end_page() override {
    end_text();
    impl_.check("le dessin d’une page");
  }

  void outline(const compose::OutlineEntry& e) override {
    // The parent of a level-n entry is the last entry of a lower level.
    while (!stack_.empty() && stack_.back().first >= e.level) stack_.pop_back();
    HPDF_Outline parent = stack_.empty() ? nullptr : stack_.back().second;
    HPDF_Outline o = HPDF_CreateOutline(pdf_, parent, e.title.c_str(), encoder_);
    HPDF_Page page = pages_.at(static_cast<std::size_t>(e.page));
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    // [page /XYZ left top null]: the viewer keeps its zoom (libharu's SetXYZ refuses a null zoom).
    HPDF_Array_Clear(dst);
    HPDF_Array_Add(dst, page);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_AddReal(dst, 0);
    HPDF_Array_AddReal(dst, real(height_ - e.y + 6));
    HPDF_Array_Add(dst, HPDF_Null_New(pdf_->mmgr));
    HPDF_Outline_SetDestination(o, dst);
    HPDF_Outline_SetOpened(o, e.level == 1 ? HPDF_TRUE : HPDF_FALSE);
    stack_.emplace_back(e.level, o);
  }

  void end_document() override {
    // A /ID from the inputs, never from the clock: same inputs, same bytes.
    const Sha256::Digest d = Sha256::of(id_seed_ + "#" + std::to_string(pages_.size()));
    HPDF_Array id = HPDF_Array_New(pdf_->mmgr);
    HPDF_Array_Add(id, HPDF_Binary_New(pdf_->mmgr, const_cast<HPDF_BYTE*>(d.data()), 16));
    HPDF_Array_Add(id, HPDF_Binary_New(pdf_->mmgr, const_cast<HPDF_BYTE*>(d.data() + 16), 16));
    HPDF_Dict_Add(pdf_->trailer, "ID", id);
    impl_.check("la finition du document");
  }

 private:
  static HPDF_REAL real(double v) { return static_cast<HPDF_REAL>(v); }

  void begin_text() {
    if (in_text_) return;
    HPDF_Page_BeginText(page_);
    in_text_ = true;
  }
  void end_text() {
    if (!in_text_) return;
    HPDF_Page_EndText(page_);
    in_text_ = false;
  }

  void set_fill(const Color& c) {
    if (fill_ && *fill_ == c) return;
    HPDF_Page_SetRGBFill(page_, real(c.r), real(c.g), real(c.b));
    fill_ = c;
  }
  void set_stroke(const Color& c) {
    if (stroke_ && *stroke_ == c) return;
    HPDF_Page_SetRGBStroke(page_, real(c.r), real(c.g), real(c.b));
    stroke_ = c;
  }
  void set_line(double width, bool dotted) {
    if (width != line_width_) {
      HPDF_Page_SetLineWidth(page_, real(width));
      line_width_ = width;
    }
    if (dotted != dotted_) {
      if (dotted) {
        static const HPDF_UINT16 kDots[] = {1, 2};  // libharu 2.3.0 takes whole points; round caps soften them
        HPDF_Page_SetLineCap(page_, HPDF_ROUND_END);
        HPDF_Page_SetDash(page_, kDots, 2, 0);
      } else {
        HPDF_Page_SetDash(page_, nullptr, 0, 0);
        HPDF_Page_SetLineCap(page_, HPDF_BUTT_END);
      }
      dotted_ = dotted;
    }
  }

  HPDF_Font font_for(Face face) {
    HPDF_Font& f = fonts_[index(face)];
    if (f) return f;
    f = HPDF_GetFont(pdf_, impl_.names[index(face)].c_str(), "UTF-8");
    impl_.check("le chargement d’une police");
    fix_to_unicode(f);
    return f;
  }

  void fix_to_unicode(HPDF_Font font) {
    auto* map = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
    if (!map || !map->stream) return;
    HPDF_MemStream_FreeData(map->stream);
    const std::string& cmap = identity_to_unicode();
    HPDF_Stream_Write(map->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()), static_cast<HPDF_UINT>(cmap.size()));
    for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"}) HPDF_Dict_RemoveElement(map, key);
  }

  PdfBackend::Impl& impl_;
  HPDF_Doc pdf_;
  HPDF_Encoder encoder_ = nullptr;
  HPDF_Page page_ = nullptr;
  double height_ = 0;
  std::vector<HPDF_Page> pages_;
  std::array<HPDF_Font, kFaces> fonts_{};
  std::map<const image::DecodedImage*, HPDF_Image> images_;
  std::vector<std::pair<int, HPDF_Outline>> stack_;
  std::string id_seed_;
  bool in_text_ = false;
  HPDF_Font font_ = nullptr;
  double font_size_ = 0;
  std::optional<Color> fill_, stroke_;
  double line_width_ = -1;
  bool dotted_ = false;
};

}  // namespace

PdfBackend::PdfBackend(const FontManifest& fonts) : impl_(std::make_unique<Impl>()) {
  impl_->pdf = HPDF_New(on_error, impl_.get());
  if (!impl_->pdf) throw IoError("libharu : création du document impossible");
  HPDF_UseUTFEncodings(impl_->pdf);
  for (std::size_t i = 1; i < kFaces; ++i) {
    const std::string& file = fonts.files[i];
    const char* name = HPDF_LoadTTFontFromFile(impl_->pdf, file.c_str(), HPDF_TRUE);
    if (!name || impl_->error != HPDF_OK) {
      impl_->error = HPDF_OK;
      HPDF_ResetError(impl_->pdf);
      throw IoError("police illisible : " + file + " (installez fonts-liberation2 et fonts-dejavu-core, ou corrigez fonts/fonts.conf)");
    }
    impl_->names[i] = name;
    impl_->defs[i] = HPDF_GetFontDef(impl_->pdf, name);
    impl_->widths[i].assign(0x10000, kUnknown);
  }
  impl_->check("le chargement des polices");
}

PdfBackend::~PdfBackend() = default;

bool PdfBackend::has_glyph(Face face, char32_t cp) const { return impl_->width(face, cp) != kNoGlyph; }

double PdfBackend::advance(Face face, char32_t cp) const {
  const std::int32_t w = impl_->width(face, cp);
  return w == kNoGlyph ? impl_->defs[index(face)]->missing_width : w;
}

double PdfBackend::ascent(Face face) const { return impl_->defs[index(face == Face::None ? Face::Regular : face)]->ascent; }
double PdfBackend::descent(Face face) const { return impl_->defs[index(face == Face::None ? Face::Regular : face)]->descent; }

std::string PdfBackend::write(const compose::PagedDocument& doc) {
  Impl& impl = *impl_;
  if (impl.used) HPDF_NewDoc(impl.pdf);  // keeps the parsed fonts, resets their glyph marks
  impl.used = true;
  impl.check("la création du document");
  PdfCanvas canvas(impl);
  render(doc, canvas);
  HPDF_SaveToStream(impl.pdf);
  impl.check("l’enregistrement du document");
  std::string bytes(HPDF_GetStreamSize(impl.pdf), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(impl.pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  HPDF_ResetStream(impl.pdf);
  impl.check("la lecture du document enregistré");
  return bytes;
}

}  // namespace bilan::render

#include "render/pdf/acroform.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>

#include "compose/field_lines.hpp"
#include "compose/style.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "render/pdf/pdf_syntax.hpp"

namespace bilan::render::detail {
namespace {

using compose::Face;

constexpr const char* kFormFontName = "BiF";
constexpr Face kFormFace = compose::kFieldFace;
constexpr double kFieldPad = compose::kFieldPadding;

// A node of the field tree: dotted names are a hierarchy in PDF.
struct FieldNode {
  std::string partial;
  std::vector<std::unique_ptr<FieldNode>> kids;
  std::vector<const Widget*> widgets;  // terminal: its widgets, in reading order
  HPDF_Dict dict = nullptr;
};

// What may be typed in a field: printable ASCII, Latin-1 and the rest of
// French and Windows-1252 (œ Œ Ÿ € ’ “ ” « » … – — and the narrow no-break space).
std::vector<char32_t> form_repertoire() {
  std::vector<char32_t> cps;
  for (char32_t c = 0x20; c < 0x7F; ++c) cps.push_back(c);
  for (char32_t c = 0xA0; c <= 0xFF; ++c) cps.push_back(c);
  for (const char32_t c : {0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E, 0x192, 0x2C6, 0x2DC, 0x2013, 0x2014, 0x2018,
                           0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039,
                           0x203A, 0x202F, 0x20AC, 0x2122, 0x2212})
    cps.push_back(c);
  return cps;
}

// The default appearance: the form's font and size, the answers' blue.
std::string default_appearance(double size) {
  std::string da = std::string("/") + kFormFontName + " ";
  put_number(da, size);
  da += " Tf ";
  put_rgb(da, compose::style::kAnswer, false);
  return da;
}

// A ticked box or radio: the cross the printed boxes get, in the widget's own space.
std::string cross_appearance(const Rect& r) {
  std::string s = "q\n1.1 w\n";
  put_rgb(s, compose::style::kAnswer, true);
  s += '\n';
  put_cross(s, kCrossInset, r.height - kCrossInset, r.width - kCrossInset, kCrossInset);
  return s + "S\nQ\n";
}

class FormWriter {
 public:
  FormWriter(Objects& objects, DocumentFonts& fonts, const std::vector<HPDF_Page>& pages, const std::vector<Widget>& widgets)
      : objects_(objects), fonts_(fonts), pages_(pages), widgets_(widgets) {}

  void write(const compose::PagedDocument& doc);

 private:
  void add_form_glyph(std::uint16_t gid, std::string text);
  void embed_form_font();
  double form_width(std::string_view text, double size) const;
  std::string form_codes(std::string_view text) const;
  HPDF_Dict appearance(const Rect& r, const std::string& content, bool with_font);
  HPDF_Dict new_appearance(const Rect& r, const std::string& content, bool with_font);
  std::string text_appearance(const compose::FieldItem& f) const;
  HPDF_Array rect_array(const Rect& r, double page_height);
  HPDF_Dict field_dict(FieldNode& node, HPDF_Dict parent, std::vector<HPDF_Array>& annots);

  Objects& objects_;
  DocumentFonts& fonts_;
  const std::vector<HPDF_Page>& pages_;
  const std::vector<Widget>& widgets_;
  UsedFace form_font_;
  std::map<std::string, HPDF_Dict> appearances_;
};

void FormWriter::add_form_glyph(std::uint16_t gid, std::string text) {
  UsedFace& u = form_font_;
  if (gid >= u.slot.size() || u.slot[gid] >= 0) return;
  u.slot[gid] = static_cast<std::int32_t>(u.gids.size());
  u.gids.push_back(gid);
  u.unicode.push_back(std::move(text));
}

// The font of every field (/DR): the repertoire above plus whatever the
// known answers hold, one subset, two-byte codes (Identity-H), which is
// what readers that draw typed text expect.
void FormWriter::embed_form_font() {
  const fonts::FontSet& fonts = objects_.fonts();
  UsedFace& u = form_font_;
  u.slot.assign(fonts.info(kFormFace).glyph_count, -1);
  std::vector<fonts::ShapedGlyph> glyphs;
  const auto add_char = [&](char32_t cp) {
    if (cp < 0x20 || !fonts.has_glyph(kFormFace, cp)) return;
    const std::string ch = utf8::encode(cp);
    glyphs.clear();
    fonts.shape(kFormFace, ch, false, glyphs);
    if (glyphs.size() == 1) add_form_glyph(glyphs[0].gid, ch);
  };
  add_form_glyph(0, "");  // .notdef first: CID 0 stays what it is
  for (const char32_t cp : form_repertoire()) add_char(cp);
  for (const auto& w : widgets_) {
    const std::string& v = w.item->value;
    for (std::size_t i = 0; i < v.size();) add_char(utf8::next(v, i));
    glyphs.clear();
    fonts.shape(kFormFace, v, false, glyphs);
    for (const auto& g : glyphs) add_form_glyph(g.gid, "");
  }
  fonts::Subset subset;
  std::string error;
  if (!fonts.try_subset(kFormFace, u.gids, subset, error)) throw IoError(error);
  u.cids = subset.new_gids;
  u.codes = u.cids;
  u.one_byte = false;
  u.font = fonts_.font_object(kFormFace, u, subset);
}

double FormWriter::form_width(std::string_view text, double size) const {
  return compose::field_text_width(objects_.fonts(), text, size);
}

// One line of text in the form font, as hex codes.
std::string FormWriter::form_codes(std::string_view text) const {
  std::vector<fonts::ShapedGlyph> glyphs;
  objects_.fonts().shape(kFormFace, text, false, glyphs);
  std::string codes = "<";
  for (const auto& g : glyphs) {
    if (g.gid >= form_font_.slot.size() || form_font_.slot[g.gid] < 0) continue;
    put_hex(codes, form_font_.code(g.gid), 4);
  }
  return codes + ">";
}

// Appearances are shared: every box of one size has the same two, every
// empty text field of one size the same one.
HPDF_Dict FormWriter::appearance(const Rect& r, const std::string& content, bool with_font) {
  std::string key;
  put_number(key, r.width);
  key += 'x';
  put_number(key, r.height);
  key += (with_font ? "F" : "-") + content;
  HPDF_Dict& xo = appearances_[key];
  if (!xo) xo = new_appearance(r, content, with_font);
  return xo;
}

HPDF_Dict FormWriter::new_appearance(const Rect& r, const std::string& content, bool with_font) {
  HPDF_Dict xo = objects_.stream(content);
  HPDF_Dict_AddName(xo, "Type", "XObject");
  HPDF_Dict_AddName(xo, "Subtype", "Form");
  HPDF_Array bbox = objects_.array();
  HPDF_Array_AddNumber(bbox, 0);
  HPDF_Array_AddNumber(bbox, 0);
  HPDF_Array_AddReal(bbox, static_cast<HPDF_REAL>(std::round(r.width * 100) / 100));
  HPDF_Array_AddReal(bbox, static_cast<HPDF_REAL>(std::round(r.height * 100) / 100));
  HPDF_Dict_Add(xo, "BBox", bbox);
  HPDF_Dict resources = objects_.dict();
  if (with_font) {
    HPDF_Dict fonts = objects_.dict();
    HPDF_Dict_Add(fonts, kFormFontName, form_font_.font);
    HPDF_Dict_Add(resources, "Font", fonts);
  }
  HPDF_Dict_Add(xo, "Resources", resources);
  return xo;
}

// A text field's look: its lines (the composer's, compose/field_lines) in the
// form font, clipped to the widget. A multi-line field's lines are placed as
// pdf.js places them when it saves what was typed, so the field looks the
// same before and after; on a ruled area that is on the printed lines.
std::string FormWriter::text_appearance(const compose::FieldItem& f) const {
  const Rect& r = f.rect;
  std::string s = "/Tx BMC\n";
  if (f.value.empty()) return s + "EMC\n";
  const fonts::FaceInfo& info = objects_.fonts().info(kFormFace);
  const double asc = info.ascent * f.size / 1000.0, desc = info.descent * f.size / 1000.0;
  s += "q\n1 1 ";
  put_number(s, std::max(0.0, r.width - 2));
  s += ' ';
  put_number(s, std::max(0.0, r.height - 2));
  s += " re W n\nBT\n" + default_appearance(f.size) + "\n";
  double first = 0, leading = 0;
  if (f.kind == compose::FieldKind::MultiLine) {
    // pdf.js: 1 pt of padding, then a line's height less its descent, the
    // larger of the font's and 0.35 / 1.35 of the line.
    leading = compose::field_leading(r.height, f.size);
    const double below = std::max(leading * 0.35 / compose::kReaderLineFactor, -desc);
    first = r.height - std::min(1.0, std::floor((r.height - f.size) / 2)) - (leading - below);
  } else {
    first = (r.height - (asc - desc)) / 2 - desc;
  }
  double last_x = 0, last_y = 0;
  for (std::size_t i = 0; i < f.lines.size(); ++i) {
    const double y = first - static_cast<double>(i) * leading;
    if (y + asc < 0) break;  // below the widget: out of sight
    const double x = f.right ? r.width - kFieldPad - form_width(f.lines[i], f.size) : kFieldPad;
    put_number(s, x - last_x);
    s += ' ';
    put_number(s, y - last_y);
    s += " Td " + form_codes(f.lines[i]) + " Tj\n";
    last_x = x;
    last_y = y;
  }
  return s + "ET\nQ\nEMC\n";
}

HPDF_Array FormWriter::rect_array(const Rect& r, double page_height) {
  HPDF_Array a = objects_.array();
  for (const double v : {r.x, page_height - r.bottom(), r.right(), page_height - r.y})
    HPDF_Array_AddReal(a, static_cast<HPDF_REAL>(std::round(v * 100) / 100));
  return a;
}

void FormWriter::write(const compose::PagedDocument& doc) {
  embed_form_font();
  // The field tree, in reading order of first widgets.
  FieldNode root;
  std::map<std::string, FieldNode*> terminals;
  for (const auto& w : widgets_) {
    FieldNode*& t = terminals[w.item->name];
    if (!t) {
      FieldNode* node = &root;
      std::size_t pos = 0;
      const std::string& name = w.item->name;
      while (pos <= name.size()) {
        std::size_t dot = name.find('.', pos);
        if (dot == std::string::npos) dot = name.size();
        const std::string part = name.substr(pos, dot - pos);
        FieldNode* next = nullptr;
        for (auto& k : node->kids)
          if (k->partial == part) next = k.get();
        if (!next) {
          node->kids.push_back(std::make_unique<FieldNode>());
          next = node->kids.back().get();
          next->partial = part;
        }
        node = next;
        pos = dot + 1;
      }
      t = node;
    }
    t->widgets.push_back(&w);
  }
  std::vector<HPDF_Array> annots(pages_.size(), nullptr);
  HPDF_Array fields = objects_.array();
  for (auto& k : root.kids) HPDF_Array_Add(fields, field_dict(*k, nullptr, annots));
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    if (!annots[p]) continue;
    HPDF_Dict_Add(pages_[p], "Annots", annots[p]);
    HPDF_Dict_AddName(pages_[p], "Tabs", "R");  // tab order: rows, top to bottom, as one reads
  }
  HPDF_Dict form = objects_.dict();
  HPDF_Dict_Add(form, "Fields", fields);
  // The calculation order: totals are recomputed in this order, each after those it reads.
  HPDF_Array order = nullptr;
  for (const auto& name : doc.calculation_order) {
    const auto it = terminals.find(name);
    if (it == terminals.end() || it->second->widgets.front()->item->calculate.empty()) continue;
    if (!order) order = objects_.array();
    HPDF_Array_Add(order, it->second->dict);
  }
  if (order) HPDF_Dict_Add(form, "CO", order);
  HPDF_Dict dr = objects_.dict();
  HPDF_Dict dr_fonts = objects_.dict();
  HPDF_Dict_Add(dr_fonts, kFormFontName, form_font_.font);
  HPDF_Dict_Add(dr, "Font", dr_fonts);
  HPDF_Dict_Add(form, "DR", dr);
  HPDF_Dict_Add(form, "DA", objects_.string(default_appearance(10).c_str()));
  HPDF_Dict_Add(objects_.catalog(), "AcroForm", form);
  if (doc.identity) {
    // Which form and version the fields belong to: import-pdf checks it.
    HPDF_Dict id = objects_.dict();
    HPDF_Dict_Add(id, "Form", objects_.text_string_of(doc.identity->form));
    HPDF_Dict_AddNumber(id, "Version", doc.identity->version);
    if (!doc.identity->department.empty()) HPDF_Dict_Add(id, "Department", objects_.text_string_of(doc.identity->department));
    if (!doc.identity->action.empty()) HPDF_Dict_Add(id, "Action", objects_.text_string_of(doc.identity->action));
    HPDF_Dict_Add(objects_.catalog(), "BilanForm", id);
  }
  objects_.check("l’écriture des champs du formulaire");
}

HPDF_Dict FormWriter::field_dict(FieldNode& node, HPDF_Dict parent, std::vector<HPDF_Array>& annots) {
  node.dict = objects_.indirect_dict();
  HPDF_Dict_Add(node.dict, "T", objects_.text_string_of(node.partial));
  if (parent) HPDF_Dict_Add(node.dict, "Parent", parent);
  if (!node.kids.empty()) {
    HPDF_Array kids = objects_.array();
    for (auto& k : node.kids) HPDF_Array_Add(kids, field_dict(*k, node.dict, annots));
    HPDF_Dict_Add(node.dict, "Kids", kids);
    return node.dict;
  }
  const compose::FieldItem& first = *node.widgets.front()->item;
  const bool button = first.kind == compose::FieldKind::Radio || first.kind == compose::FieldKind::Check;
  // The field's tooltip, and each widget's own below: readers (pdf.js) read the widget's.
  if (const std::string& tu = first.question.empty() ? first.tooltip : first.question; !tu.empty())
    HPDF_Dict_Add(node.dict, "TU", objects_.text_string_of(tu));
  std::string state = "Off";
  if (button) {
    HPDF_Dict_AddName(node.dict, "FT", "Btn");
    // Radio: one of the group is on, clicking it again keeps it (NoToggleToOff).
    HPDF_Dict_AddNumber(node.dict, "Ff", first.kind == compose::FieldKind::Radio ? (1 << 15) | (1 << 14) : 0);
    for (const auto* w : node.widgets)
      if (!w->item->value.empty()) state = w->item->value;
    HPDF_Dict_AddName(node.dict, "V", state.c_str());
  } else {
    HPDF_Dict_AddName(node.dict, "FT", "Tx");
    // Multiline; a computed total is read-only (ReadOnly) and recomputed
    // by its calculate action (/AA /C) whenever a field changes.
    const int flags = (first.kind == compose::FieldKind::MultiLine ? 1 << 12 : 0) | (first.calculate.empty() ? 0 : 1);
    if (flags) HPDF_Dict_AddNumber(node.dict, "Ff", flags);
    if (!first.calculate.empty()) {
      HPDF_Dict js = objects_.dict();
      HPDF_Dict_AddName(js, "S", "JavaScript");
      HPDF_Dict_Add(js, "JS", objects_.string(first.calculate.c_str()));
      HPDF_Dict aa = objects_.dict();
      HPDF_Dict_Add(aa, "C", js);
      HPDF_Dict_Add(node.dict, "AA", aa);
    }
    HPDF_Dict_Add(node.dict, "DA", objects_.string(default_appearance(first.size).c_str()));
    if (first.right) HPDF_Dict_AddNumber(node.dict, "Q", 2);
    if (!first.value.empty()) HPDF_Dict_Add(node.dict, "V", objects_.text_string_of(first.value));
  }
  HPDF_Array kids = objects_.array();
  for (const auto* w : node.widgets) {
    const compose::FieldItem& f = *w->item;
    HPDF_Dict widget = objects_.indirect_dict();
    HPDF_Dict_AddName(widget, "Type", "Annot");
    HPDF_Dict_AddName(widget, "Subtype", "Widget");
    HPDF_Dict_Add(widget, "Rect", rect_array(f.rect, w->page_height));
    HPDF_Dict_AddNumber(widget, "F", 4);  // printed
    HPDF_Dict_Add(widget, "P", pages_[w->page]);
    HPDF_Dict_Add(widget, "Parent", node.dict);
    if (!f.tooltip.empty()) HPDF_Dict_Add(widget, "TU", objects_.text_string_of(f.tooltip));
    HPDF_Dict ap = objects_.dict();
    if (button) {
      HPDF_Dict normal = objects_.dict();
      HPDF_Dict_Add(normal, "Off", appearance(f.rect, "", false));
      HPDF_Dict_Add(normal, f.on.c_str(), appearance(f.rect, cross_appearance(f.rect), false));
      HPDF_Dict_Add(ap, "N", normal);
      HPDF_Dict_AddName(widget, "AS", state == f.on ? f.on.c_str() : "Off");
    } else {
      HPDF_Dict_Add(ap, "N", appearance(f.rect, text_appearance(f), true));
    }
    HPDF_Dict_Add(widget, "AP", ap);
    HPDF_Array_Add(kids, widget);
    HPDF_Array& page_annots = annots[w->page];
    if (!page_annots) page_annots = objects_.array();
    HPDF_Array_Add(page_annots, widget);
  }
  HPDF_Dict_Add(node.dict, "Kids", kids);
  return node.dict;
}

}  // namespace

void write_acro_form(Objects& objects, DocumentFonts& fonts, const compose::PagedDocument& doc,
                     const std::vector<HPDF_Page>& pages, const std::vector<Widget>& widgets) {
  FormWriter(objects, fonts, pages, widgets).write(doc);
}

}  // namespace bilan::render::detail

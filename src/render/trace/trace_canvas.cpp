#include "render/trace/trace_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bilan::render {
namespace {

// Locale-free, always two decimals, never "-0.00".
std::string num(double v) {
  double r = std::round(v * 100) / 100;
  if (r == 0) r = 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", r);
  return buf;
}

std::string color(const Color& c) {
  char buf[16];
  const auto byte = [](double x) { return static_cast<int>(std::lround(std::clamp(x, 0.0, 1.0) * 255)); };
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
  return buf;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void TraceCanvas::begin_document(const compose::DocumentInfo& info) {
  out_ += "document title=" + quoted(info.title) + " author=" + quoted(info.author) + "\n";
}

void TraceCanvas::begin_page(const Size& size) {
  out_ += "page " + std::to_string(++page_) + " " + num(size.width) + "x" + num(size.height) + "\n";
}

void TraceCanvas::draw(const compose::TextItem& t) {
  out_ += "text " + num(t.x) + " " + num(t.y) + " " + compose::face_name(t.face) + " " + num(t.size) + " " +
          color(t.color) + " " + quoted(t.text) + (t.invisible() ? " invisible " + quoted(t.actual_text) : "") + "\n";
}

void TraceCanvas::draw(const compose::LineItem& l) {
  out_ += "line " + num(l.x1) + " " + num(l.y1) + " " + num(l.x2) + " " + num(l.y2) + " w" + num(l.width) + " " +
          color(l.color) + (l.style == compose::LineStyle::Dotted ? " dotted" : "") + "\n";
}

void TraceCanvas::draw(const compose::BoxItem& b) {
  out_ += "box " + num(b.rect.x) + " " + num(b.rect.y) + " " + num(b.rect.width) + " " + num(b.rect.height);
  if (b.line_width > 0) out_ += " stroke " + num(b.line_width) + " " + color(b.stroke);
  if (b.filled) out_ += " fill " + color(b.fill);
  out_ += "\n";
}

void TraceCanvas::draw(const compose::CheckboxItem& c) {
  out_ += "checkbox " + num(c.rect.x) + " " + num(c.rect.y) + " " + num(c.rect.width) + (c.checked ? " checked" : "") + "\n";
}

void TraceCanvas::draw(const compose::ImageItem& i) {
  out_ += "image " + num(i.rect.x) + " " + num(i.rect.y) + " " + num(i.rect.width) + " " + num(i.rect.height) + " " +
          (i.image->encoding == image::Encoding::Raw ? "png" : "jpeg") + " " + std::to_string(i.pixel_width) + "x" +
          std::to_string(i.pixel_height) + "\n";
}

void TraceCanvas::draw(const compose::FieldItem& f) {
  static constexpr const char* kKinds[] = {"none", "text", "multiline", "radio", "check"};
  out_ += "field " + num(f.rect.x) + " " + num(f.rect.y) + " " + num(f.rect.width) + " " + num(f.rect.height) + " " +
          kKinds[static_cast<int>(f.kind)] + " " + quoted(f.name);
  if (!f.on.empty()) out_ += " on=" + quoted(f.on);
  if (!f.value.empty()) out_ += " value=" + quoted(f.value);
  if (!f.calculate.empty()) out_ += " calculated";  // a read-only total the reader recomputes
  out_ += "\n";
}

void TraceCanvas::end_page() {}

void TraceCanvas::outline(const compose::OutlineEntry& e) {
  out_ += "outline " + std::to_string(e.level) + " p" + std::to_string(e.page + 1) + " " + num(e.y) + " " + quoted(e.title) + "\n";
}

void TraceCanvas::end_document() {}

std::string trace(const compose::PagedDocument& doc) {
  TraceCanvas canvas;
  render(doc, canvas);
  return canvas.text();
}

}  // namespace bilan::render

#include "render/canvas.hpp"

namespace bilan::render {

void render(const compose::PagedDocument& doc, Canvas& canvas) {
  canvas.begin_document(doc.info);
  for (const auto& page : doc.pages) {
    canvas.begin_page(doc.page_size);
    for (const auto& item : page.items) std::visit([&](const auto& it) { canvas.draw(it); }, item);
    canvas.end_page();
  }
  for (const auto& entry : doc.outline) canvas.outline(entry);
  canvas.end_document();
}

}  // namespace bilan::render

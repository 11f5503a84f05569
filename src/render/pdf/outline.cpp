#include "render/pdf/outline.hpp"

#include <cmath>
#include <utility>

namespace bilan::render::detail {

void write_outline(Objects& objects, const std::vector<compose::OutlineEntry>& entries, const std::vector<HPDF_Page>& pages,
                   double page_height) {
  std::vector<std::pair<int, HPDF_Outline>> stack;  // the open entries, by level
  for (const compose::OutlineEntry& e : entries) {
    // The parent of a level-n entry is the last entry of a lower level.
    while (!stack.empty() && stack.back().first >= e.level) stack.pop_back();
    HPDF_Outline parent = stack.empty() ? nullptr : stack.back().second;
    HPDF_Outline o = HPDF_CreateOutline(objects.doc(), parent, "", nullptr);
    HPDF_Dict_RemoveElement(o, "Title");
    HPDF_Dict_Add(o, "Title", objects.text_string(e.title));
    HPDF_Page page = pages.at(static_cast<std::size_t>(e.page));
    // [page /XYZ left top null]: the viewer keeps its zoom (libharu's SetXYZ refuses a null zoom).
    // A direct array, not libharu's indirect destination object: one object and
    // one xref entry less per entry; the top to the whole point.
    HPDF_Array dst = objects.array();
    objects.check("la création d’un signet");
    HPDF_Array_Add(dst, page);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_AddNumber(dst, 0);
    HPDF_Array_AddNumber(dst, static_cast<HPDF_INT32>(std::lround(page_height - e.y + 6)));
    HPDF_Array_Add(dst, objects.null());
    HPDF_Dict_Add(o, "Dest", dst);
    HPDF_Outline_SetOpened(o, e.level == 1 ? HPDF_TRUE : HPDF_FALSE);
    stack.emplace_back(e.level, o);
  }
}

}  // namespace bilan::render::detail

#include "compose/compose.hpp"

#include "compose/blocks.hpp"
#include "compose/line_setter.hpp"
#include "compose/paginate.hpp"
#include "compose/style.hpp"

namespace bilan::compose {
namespace {

namespace st = style;

// The answer to the field the metadata names as author: the structure that answers.
const data::BoundNode* find_field(const std::vector<data::BoundNode>& nodes, std::string_view id) {
  for (const auto& n : nodes) {
    if (n.spec->id == id) return &n;
    if (const auto* found = find_field(n.children, id)) return found;
  }
  return nullptr;
}

void add_footers(const data::BoundForm& form, const FontMetrics& fonts, std::vector<Page>& pages) {
  const LineSetter setter(fonts);
  const TextStyle small{false, false, st::kFooterSize, st::kGrey};
  std::string left = form.spec->id;
  if (!form.department.empty()) left += " · département " + form.department;
  if (!form.action.empty()) left += " · action " + form.action;
  if (form.blank) left += " · formulaire vierge";
  else if (!form.fingerprint.empty()) left += " · empreinte " + form.fingerprint.substr(0, 12);
  else left += " · réponses " + form.answers_sha256.substr(0, 12);
  const double y = kA4.height - st::kFooterBaseline;
  const std::string total = std::to_string(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto& items = pages[i].items;
    items.push_back(LineItem{st::kMarginLeft, y - 10, st::kMarginLeft + st::kContentWidth, y - 10, 0.4, st::kRule, LineStyle::Solid});
    items.push_back(TextItem{st::kMarginLeft, y, Face::Regular, st::kFooterSize, st::kGrey, left});
    const std::string page = "Page " + std::to_string(i + 1) + " / " + total;
    const double w = setter.measure(page, small);
    items.push_back(TextItem{st::kMarginLeft + st::kContentWidth - w, y, Face::Regular, st::kFooterSize, st::kGrey, page});
  }
}

// Items placed as plain text (labels, numbers, footers) get their glyphs here,
// through the same shaping as the line setter: renderers only draw glyphs.
void shape_items(const FontMetrics& fonts, std::vector<Page>& pages) {
  const LineSetter setter(fonts);
  for (auto& page : pages)
    for (auto& item : page.items)
      if (auto* t = std::get_if<TextItem>(&item); t && t->glyphs.empty() && !t->text.empty())
        t->glyphs = setter.shape_line(t->text, t->face, t->rtl);
}

}  // namespace

PagedDocument compose(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink) {
  PagedDocument doc;
  auto pagination = paginate(build_blocks(form, fonts, sink), PageFrame{st::kMarginTop, st::kContentBottom});
  doc.pages = std::move(pagination.pages);
  doc.outline = std::move(pagination.outline);
  add_footers(form, fonts, doc.pages);
  shape_items(fonts, doc.pages);

  doc.info.title = typeset(form.title);
  doc.info.subject = typeset(form.subtitle.empty() ? form.title : form.subtitle);
  if (const auto* structure = find_field(form.body, "structure"); structure && !structure->value.missing())
    doc.info.author = structure->value.text;
  doc.info.keywords = "CLAS, bilan, " + form.spec->id + (form.department.empty() ? "" : ", " + form.department);
  doc.info.id_seed = !form.fingerprint.empty() ? form.fingerprint
                                               : form.spec->source_digest + "/" + form.answers_sha256 + "/" + form.department;
  return doc;
}

}  // namespace bilan::compose

#include "compose/compose.hpp"

#include <algorithm>
#include <map>

#include "compose/blocks.hpp"
#include "compose/field_lines.hpp"
#include "compose/line_setter.hpp"
#include "compose/paginate.hpp"
#include "compose/style.hpp"
#include "data/walk.hpp"
#include "text/line_break.hpp"

namespace bilan::compose {
namespace {

namespace st = style;

// The footer: form, department, action and answers' hash on the left, « Page
// N / M » on the right. The action is the answer file's text: typeset, its
// missing characters warned of at their place, and shortened with « … » (with
// a warning) so that it never runs into the page number.
void add_footers(const data::BoundForm& form, const FontMetrics& fonts, std::vector<Page>& pages, DiagnosticSink& sink) {
  constexpr std::size_t kActionSpan = 1;
  constexpr double kGap = 12;  // between the left text and the page number
  MissingGlyphs glyphs(form, sink);
  const LineSetter quiet(fonts);
  const LineSetter setter(fonts, [&](char32_t cp, std::size_t span) {
    if (span == kActionSpan) glyphs.report(cp, form.action_loc, form.action_loc.known());
  });
  const TextStyle small{false, false, st::kFooterSize, st::kGrey};
  const std::string total = std::to_string(pages.size());
  const auto page_label = [&](std::size_t i) { return "Page " + std::to_string(i + 1) + " / " + total; };
  // Digits have one width: the last page's label is as wide as any.
  const double page_width = quiet.measure(page_label(pages.empty() ? 0 : pages.size() - 1), small);

  std::vector<Span> spans{{form.form_id, small, 0}, {"", small, 0}, {"", small, 0}};
  if (!form.department.empty()) spans[0].text += " · département " + form.department;
  if (!form.action.empty()) spans[0].text += " · action ";
  spans[2].text = form.blank                 ? " · formulaire vierge"
                  : !form.fingerprint.empty() ? " · empreinte " + form.fingerprint.substr(0, 12)
                                              : " · réponses " + form.answers_sha256.substr(0, 12);
  const std::string action = typeset(form.action);
  spans[kActionSpan].text = action;
  const double room = st::kContentWidth - page_width - kGap;
  const auto width = [&](const std::vector<Span>& s) {
    const auto lines = quiet.set(s, 1e6);
    return lines.empty() ? 0.0 : lines.front().width;
  };
  if (!action.empty() && width(spans) > room) {
    // The longest start of the action, cut between graphemes, that fits with
    // « … »: found by bisection, an action may be long.
    const auto bounds = text::grapheme_boundaries(action);
    const auto shortened = [&](std::size_t k) {
      std::string cut = action.substr(0, bounds[k]);
      for (bool trimmed = true; trimmed;) {
        trimmed = false;
        for (const std::string_view space : {" ", "\u00a0", "\u202f"})
          if (cut.ends_with(space)) {
            cut.resize(cut.size() - space.size());
            trimmed = true;
          }
      }
      return cut + "…";
    };
    std::size_t lo = 0, hi = bounds.size() - 1;  // shortened(lo) fits; shortened(hi) is the whole
    while (hi - lo > 1) {
      const std::size_t mid = lo + (hi - lo) / 2;
      spans[kActionSpan].text = shortened(mid);
      (width(spans) > room ? hi : lo) = mid;
    }
    // Rather between words, when that loses little.
    std::size_t cut = lo;
    while (cut > lo / 2 && cut > 0 && action[bounds[cut]] != ' ') --cut;
    const std::string fitted = shortened(cut > lo / 2 ? cut : lo);
    spans[kActionSpan].text = fitted;
    sink.warning(form.action_loc, DiagCode::LongAction,
                 "action trop longue pour le pied de page : elle y est raccourcie en « " + fitted + " »");
  }
  // Set once, so that each missing character is warned of once; fragments of
  // one face are drawn as one text.
  std::vector<Fragment> fragments;
  for (const auto& line : setter.set(spans, 1e6))
    for (const auto& f : line.fragments) {
      if (!fragments.empty() && fragments.back().face == f.face && !fragments.back().rtl && !f.rtl) {
        Fragment& last = fragments.back();
        for (ShapedGlyph g : f.glyphs) {
          g.cluster += static_cast<std::uint32_t>(last.text.size());
          last.glyphs.push_back(g);
        }
        last.text += f.text;
        last.width += f.width;
      } else {
        fragments.push_back(f);
      }
    }

  const double y = kA4.height - st::kFooterBaseline;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto& items = pages[i].items;
    items.push_back(LineItem{st::kMarginLeft, y - 10, st::kMarginLeft + st::kContentWidth, y - 10, 0.4, st::kRule, LineStyle::Solid});
    for (const auto& f : fragments)
      items.push_back(TextItem{st::kMarginLeft + f.x, y, f.face, f.size, f.color, f.text, f.glyphs, f.rtl});
    const std::string page = page_label(i);
    const double w = quiet.measure(page, small);
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

// A text area's lines, one FieldItem each, become one widget per page: the
// union of its lines there. Other fields have one item per widget already.
void merge_widgets(std::vector<Page>& pages) {
  for (auto& page : pages) {
    std::map<std::string, std::size_t> first;  // name → index of its first widget on this page
    std::vector<Item> kept;
    kept.reserve(page.items.size());
    for (auto& item : page.items) {
      auto* f = std::get_if<FieldItem>(&item);
      if (!f || f->kind != FieldKind::MultiLine) {
        kept.push_back(std::move(item));
        continue;
      }
      const auto [it, fresh] = first.emplace(f->name, kept.size());
      if (fresh) {
        kept.push_back(std::move(item));
        continue;
      }
      Rect& r = std::get<FieldItem>(kept[it->second]).rect;
      const double x0 = std::min(r.x, f->rect.x), y0 = std::min(r.y, f->rect.y);
      const double x1 = std::max(r.right(), f->rect.right()), y1 = std::max(r.bottom(), f->rect.bottom());
      r = Rect{x0, y0, x1 - x0, y1 - y0};
    }
    page.items = std::move(kept);
  }
}

// A text area that runs over a page break is a field per page part: NAME on
// the first page, NAME~2, NAME~3… after, each with its own lines, so that a
// reader shows what is typed once (one field with a widget per page would
// show its start again on every page). A known answer is split between the
// parts at line boundaries, each part taking the lines its widget shows;
// import-pdf joins the parts again, with a line break. The value is the first
// line's (blocks.cpp, ruled_lines), the first on the first page.
void split_page_parts(const FontMetrics& fonts, std::vector<Page>& pages) {
  std::map<std::string, std::vector<FieldItem*>> parts;
  std::vector<std::string> order;
  for (auto& page : pages)
    for (auto& item : page.items)
      if (auto* f = std::get_if<FieldItem>(&item); f && f->kind == FieldKind::MultiLine) {
        auto& list = parts[f->name];
        if (list.empty()) order.push_back(f->name);
        list.push_back(f);
      }
  for (const auto& name : order) {
    const auto& list = parts[name];
    if (list.size() < 2) continue;
    const std::string value = list.front()->value;
    const auto lines = field_lines(fonts, value, list.front()->rect.width - 4, list.front()->size);
    std::size_t next = 0;  // first line not yet given to a part
    for (std::size_t k = 0; k < list.size(); ++k) {
      FieldItem& f = *list[k];
      if (k > 0) f.name = name + "~" + std::to_string(k + 1);
      const std::size_t take =
          k + 1 == list.size() ? lines.size() - std::min(next, lines.size()) : field_capacity(f.rect.height, f.size);
      const std::size_t end = std::min(lines.size(), next + take);
      f.value = next < end && !value.empty() ? value.substr(lines[next].begin, lines[end - 1].end - lines[next].begin)
                                             : std::string();
      next = end;
    }
  }
}

}  // namespace

PagedDocument compose(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink, TypesetCache* cache,
                      const ComposeOptions& options) {
  PagedDocument doc;
  auto pagination = paginate(build_blocks(form, fonts, sink, cache, options), PageFrame{st::kMarginTop, st::kContentBottom});
  doc.pages = std::move(pagination.pages);
  if (options.fields) {
    merge_widgets(doc.pages);
    split_page_parts(fonts, doc.pages);
    set_field_lines(fonts, doc.pages);  // what each widget shows: the writer breaks no line
    doc.identity = FormIdentity{form.form_id, form.form_version, form.department, form.action};
    doc.calculation_order = form.calculation_order;
  }
  doc.outline = std::move(pagination.outline);
  add_footers(form, fonts, doc.pages, sink);
  shape_items(fonts, doc.pages);

  doc.info.title = typeset(form.title);
  doc.info.subject = typeset(form.subtitle.empty() ? form.title : form.subtitle);
  // The answer to the question the metadata names as author: the structure that answers.
  if (const auto* structure = data::find_node(form, "structure"))
    if (const data::BoundQuestion* q = data::as_question(*structure); q && !q->value.missing()) doc.info.author = q->value.text;
  doc.info.keywords = "CLAS, bilan, " + form.form_id + (form.department.empty() ? "" : ", " + form.department);
  doc.info.id_seed = !form.fingerprint.empty() ? form.fingerprint
                                               : form.source_digest + "/" + form.answers_sha256 + "/" + form.department;
  if (options.fields) doc.info.id_seed += "/fillable";  // another document, another /ID
  return doc;
}

}  // namespace bilan::compose

// compose/blocks/signature — <signature>: the attestation, its gaps or answers, the stamp and signature boxes.
#include "compose/blocks/builder.hpp"

#include <algorithm>
#include <utility>

#include "compose/field_lines.hpp"
#include "text/format.hpp"

namespace bilan::compose::detail {

void Builder::image_in(Chunk& c, const std::optional<data::ImageData>& img, const Rect& area) const {
  if (!img || !img->image) return;
  const image::DecodedImage& d = *img->image;
  const double scale = std::min(area.width / d.width, area.height / d.height);
  const double w = d.width * scale, h = d.height * scale;
  // Built in place: a temporary Item makes GCC 12 at -O3 warn (-Wmaybe-uninitialized,
  // a false positive) while inlining the vector's growth here.
  c.items.emplace_back(std::in_place_type<ImageItem>,
                       ImageItem{Rect{area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h}, img->image,
                                 d.width, d.height});
}

void Builder::signature(const data::BoundSignature& n) {
  const spec::SignatureText& t = n.text;
  const data::SignatureAnswers& s = form_.signature;
  Chunk c;
  const auto value_or_gap = [&](const std::string& value, double gap) -> Span {
    if (!value.empty() && !fields_) return {typeset(value), answer_style(), 0};
    // A known answer in its field: a line as long as it, up to the whole width.
    if (!value.empty()) gap = std::min(kW, std::max(gap, field_text_width(fonts_, value, st::kBodySize) + 6));
    return {"", body(), gap};
  };
  std::string date;
  if (s.date) date = text::format_date_long(s.date->year, s.date->month, s.date->day);
  if (fields_) {
    // Fields in the order of their gaps: name, role, then place, date.
    const std::string typed_date = s.date ? numeric_date(*s.date) : std::string();
    field_on_next_gap([&] { return text_field_item(FieldKind::Text, "signature.name", s.name, tooltip_of(t.name_label)); });
    field_on_next_gap([&] { return text_field_item(FieldKind::Text, "signature.role", s.role, tooltip_of(t.role_label)); });
    field_on_next_gap([&] { return text_field_item(FieldKind::Text, "signature.place", s.place, tooltip_of(t.place_label)); });
    // « le » alone says nothing: the date reads as its line prints, « Fait à … le ».
    field_on_next_gap([&] { return text_field_item(FieldKind::Text, "signature.date", typed_date,
                                                   without_colon(t.place_label) + " … " + without_colon(t.date_label)); });
  }
  add_lines(c,
            set({{typeset(t.name_label) + " ", body(), 0},
                 value_or_gap(s.name, 170),
                 {", " + typeset(t.role_label) + " ", body(), 0},
                 value_or_gap(s.role, 140),
                 {", " + typeset(t.statement), body(), 0}},
                kW, {SourceLoc{}, s.name_loc, SourceLoc{}, s.role_loc, SourceLoc{}}),
            kX0);
  c.height += 6;
  add_lines(c,
            set({{typeset(t.place_label) + " ", body(), 0},
                 value_or_gap(s.place, 140),
                 {" " + typeset(t.date_label) + " ", body(), 0},
                 value_or_gap(date, 100)},
                kW, {SourceLoc{}, s.place_loc, SourceLoc{}, SourceLoc{}}),
            kX0);
  c.height += 8;
  const double gap = 16;
  const double bw = (kW - gap) / 2;
  const double top = c.height;
  const struct {
    const std::string& label;
    const std::optional<data::ImageData>& image;
    double x;
  } boxes[] = {{t.stamp_label, s.stamp, kX0}, {t.signature_label, s.signature, kX0 + bw + gap}};
  for (const auto& box : boxes) {
    c.items.push_back(BoxItem{Rect{box.x, top, bw, st::kSignatureBoxHeight}, 0.7, st::kRule, false, {}});
    const TextStyle ls{true, false, 9, st::kBlack};
    const std::string label = typeset(box.label);
    const double lw = measure(label, ls);
    c.items.push_back(TextItem{box.x + (bw - lw) / 2, top + 12, Face::Bold, 9, st::kBlack, label});
    image_in(c, box.image, Rect{box.x + 6, top + 18, bw - 12, st::kSignatureBoxHeight - 24});
  }
  c.height = top + st::kSignatureBoxHeight + 4;
  for (const auto& child : n.children)
    if (const auto* note = std::get_if<data::BoundFootnote>(&child.kind())) footnote_lines(c, *note);
  push_unit(std::move(c), st::kSectionGap2);
}

}  // namespace bilan::compose::detail

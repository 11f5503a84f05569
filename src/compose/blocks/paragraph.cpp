// compose/blocks/paragraph — <p>: rich text in its style; lead-ins keep with what they introduce.
#include "compose/blocks/builder.hpp"

namespace bilan::compose::detail {

void Builder::paragraph(const data::BoundParagraph& n) {
  double size = st::kBodySize;
  bool italic = false;
  Color color = st::kBlack;
  Align align = Align::Left;
  double space = st::kParagraphGap;
  switch (n.style) {
    case spec::ParagraphStyle::Note: size = st::kNoteSize + 0.5; italic = true; color = st::kGrey; space = 1; break;
    case spec::ParagraphStyle::Hint: size = 9; italic = true; color = st::kGrey; break;
    case spec::ParagraphStyle::Instruction: size = 9.5; italic = true; break;
    case spec::ParagraphStyle::Title: size = st::kTitleSize; align = Align::Center; break;
    case spec::ParagraphStyle::Subtitle: size = st::kSubtitleSize; align = Align::Center; break;
    default: break;
  }
  auto spans = rich_spans(n.text, size, italic, color);
  if (n.style == spec::ParagraphStyle::Title)
    for (auto& sp : spans) sp.style.bold = true;
  Chunk c;
  add_lines(c, set(spans, kW), kX0, align, kW);
  // Lead-ins (« … suivantes : », bold sub-headings, instructions) stay with what they introduce.
  std::string plain;
  bool all_bold = !n.text.empty();
  for (const auto& r : n.text) {
    plain += r.text;
    all_bold = all_bold && (r.bold || r.line_break);
  }
  while (!plain.empty() && plain.back() == ' ') plain.pop_back();
  // « Si oui, vous devrez compléter… »: a note about the answer just given
  // belongs to that question and is never separated from it by a page break.
  if (answers_previous(n, plain) && !blocks_.empty()) blocks_.back().keep_with_next = true;
  push_unit(std::move(c), space, all_bold || plain.ends_with(":") || n.style == spec::ParagraphStyle::Instruction);
}

bool Builder::answers_previous(const data::BoundParagraph& p, std::string_view plain) {
  if (p.style != spec::ParagraphStyle::Instruction && p.style != spec::ParagraphStyle::Note) return false;
  return starts_with_if(plain);
}

}  // namespace bilan::compose::detail

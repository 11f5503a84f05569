// compose/blocks/textarea — <textarea>: ruled lines to write on, or the answer's paragraphs, each line a chunk.
#include "compose/blocks/builder.hpp"

namespace bilan::compose::detail {

namespace {

// One paragraph of an answer: plain lines or a bullet item.
struct AnswerPara {
  bool bullet = false;
  bool gap_before = false;  // after a blank line
  std::string text;
};

std::vector<AnswerPara> split_answer(std::string_view text) {
  std::vector<AnswerPara> out;
  bool gap = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.find_first_not_of(' ') == std::string_view::npos) {
      gap = !out.empty();
      if (nl == text.size()) break;
      continue;
    }
    std::string_view trimmed = line.substr(line.find_first_not_of(' '));
    bool bullet = false;
    for (const std::string_view mark : {"- ", "* ", "• ", "– "}) {
      if (trimmed.starts_with(mark)) {
        bullet = true;
        trimmed.remove_prefix(mark.size());
        break;
      }
    }
    // A plain line right after another plain line continues it with a line break.
    if (!bullet && !gap && !out.empty() && !out.back().bullet) {
      out.back().text += "\n";
      out.back().text += trimmed;
    } else {
      out.push_back({bullet, gap, std::string(trimmed)});
    }
    gap = false;
    if (nl == text.size()) break;
  }
  return out;
}

}  // namespace

void Builder::text_area(const data::BoundTextArea& n) {
  Block b;
  b.space_before = st::kQuestionGap;
  Chunk head;
  const std::string label = typeset(n.label);
  add_lines(head, layout_text(n.label, body(), kW), kX0);
  hint(head, n.hint);
  head.height += 1;
  if (!printed(n.value)) {
    b.chunks.push_back(std::move(head));
    std::optional<FieldItem> field;
    int count = n.lines;
    if (fields_) {
      field = text_field_item(FieldKind::MultiLine, n.id, field_text(n.value), tooltip_of(n.label),
                              st::kRuledFieldSize);
      field->pitch = st::kRuledLine;
      // A known answer gets the lines it takes, and the blank form's lines besides.
      count += field_line_count(field->value, kW, st::kRuledFieldSize);
    }
    ruled_lines(b, b.chunks.front(), count, field ? &*field : nullptr);
    b.keep_together = count <= 8;
    push(std::move(b));
    return;
  }
  answer_loc(n);
  // Every answer line is its own chunk, so long answers flow across pages.
  std::vector<Chunk> lines;
  const double x = kX0 + st::kAnswerIndent;
  const double width = kW - st::kAnswerIndent;
  for (const auto& para : split_answer(n.value.text)) {
    const double bullet_indent = para.bullet ? 12 : 0;
    const auto set_lines = set(typeset(para.text), long_answer_style(), width - bullet_indent);
    for (std::size_t i = 0; i < set_lines.size(); ++i) {
      Chunk c;
      if (i == 0 && para.gap_before && !lines.empty()) c.height += st::kParagraphGap;
      if (i == 0 && para.bullet)
        c.items.push_back(TextItem{x + 2, c.height + baseline(st::kBodySize), Face::Regular, st::kBodySize, st::kAnswer, "•"});
      c.height += add_line(c, set_lines[i], x + bullet_indent, c.height);
      lines.push_back(std::move(c));
    }
  }
  for (auto& c : lines)
    c.items.push_back(LineItem{kX0 + 3, 0, kX0 + 3, c.height, 1.2, st::kAnswer, LineStyle::Solid});
  // The label keeps the first two lines; the last two lines stay together.
  const std::size_t head_lines = lines.size() <= 4 ? lines.size() : 2;
  for (std::size_t i = 0; i < head_lines; ++i) {
    for (auto item : lines[i].items) {
      translate(item, 0, head.height);
      head.items.push_back(std::move(item));
    }
    head.height += lines[i].height;
  }
  b.chunks.push_back(std::move(head));
  for (std::size_t i = head_lines; i < lines.size(); ++i) {
    if (i + 2 == lines.size()) {
      Chunk tail = std::move(lines[i]);
      for (auto item : lines[i + 1].items) {
        translate(item, 0, tail.height);
        tail.items.push_back(std::move(item));
      }
      tail.height += lines[i + 1].height;
      b.chunks.push_back(std::move(tail));
      break;
    }
    b.chunks.push_back(std::move(lines[i]));
  }
  b.continuation.push_back(continuation_chunk(label));
  push(std::move(b));
}

}  // namespace bilan::compose::detail

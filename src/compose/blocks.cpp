#include "compose/blocks.hpp"

#include <cstdio>

#include "compose/blocks/builder.hpp"
#include "core/utf8.hpp"
#include "text/format.hpp"
#include "text/typography.hpp"

namespace bilan::compose {

std::string typeset(std::string_view text) { return text::french_typography(text); }

void MissingGlyphs::report(char32_t cp, const SourceLoc& from, bool in_answer) {
  const std::string ch = utf8::encode(cp);
  SourceLoc at = from;
  if (in_answer && form_.locate) {
    // Occurrences are found one after the other; a text set twice finds no more.
    const auto key = std::make_pair(cp, from.to_string());
    const auto next = next_.find(key);
    at = form_.locate(next == next_.end() ? from : next->second, ch);
    if (!at.known()) {
      if (next != next_.end()) return;  // every occurrence already told
      at = from;
    } else {
      next_[key] = SourceLoc{at.file, at.line, at.column + 1};
    }
  }
  if (!reported_.insert({cp, at.to_string()}).second) return;
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  sink_.warning(at, DiagCode::MissingGlyph,
                std::string("caractère ") + code + " « " + ch + " » absent des polices : il est imprimé « \xEF\xBF\xBD »");
}

std::string field_text(const data::Value& v) {
  switch (v.kind) {
    case data::ValueKind::Decimal:
    case data::ValueKind::Amount: {
      std::string s = v.canonical();
      if (const auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
      return s;
    }
    case data::ValueKind::Date:
      return detail::numeric_date(v.date);
    case data::ValueKind::Integer:
    case data::ValueKind::Text:
    case data::ValueKind::Bool:
    case data::ValueKind::Choice: return v.canonical();
    case data::ValueKind::None: break;
  }
  return {};
}

std::string format_value(const data::Value& v) {
  switch (v.kind) {
    case data::ValueKind::Integer: return text::format_integer(v.integer);
    case data::ValueKind::Decimal: return text::format_decimal(v.decimal.mantissa, v.decimal.scale);
    case data::ValueKind::Amount: return text::format_amount(v.integer);
    case data::ValueKind::Date: return text::format_date_long(v.date.year, v.date.month, v.date.day);
    case data::ValueKind::Bool: return v.boolean ? "oui" : "non";
    case data::ValueKind::Text: return v.text;
    case data::ValueKind::Choice: return v.canonical();
    case data::ValueKind::None: break;
  }
  return {};
}

std::vector<Block> build_blocks(const data::BoundForm& form, const FontMetrics& fonts, DiagnosticSink& sink,
                                TypesetCache* cache, const ComposeOptions& options) {
  return detail::Builder(form, fonts, sink, cache, options).run();
}

}  // namespace bilan::compose

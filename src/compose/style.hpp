// compose/style — the look of every form, in one place: page geometry, sizes,
// colours, spacings. Points unless said otherwise.
#pragma once

#include "core/geometry.hpp"

namespace bilan::compose::style {

inline constexpr double kMarginLeft = mm(20);
inline constexpr double kMarginRight = mm(20);
inline constexpr double kMarginTop = mm(18);
inline constexpr double kMarginBottom = mm(17);   // bottom of the text area, above the footer
inline constexpr double kFooterBaseline = mm(10); // from the bottom edge
inline constexpr double kContentWidth = kA4.width - kMarginLeft - kMarginRight;
inline constexpr double kContentBottom = kA4.height - kMarginBottom;

inline constexpr double kBodySize = 10;
inline constexpr double kLeading = 1.3;        // line height / font size
inline constexpr double kSmallSize = 8.5;
inline constexpr double kNoteSize = 8;
inline constexpr double kFooterSize = 7.5;
inline constexpr double kTitleSize = 16;
inline constexpr double kSubtitleSize = 11;
inline constexpr double kH1Size = 11.5;
inline constexpr double kH2Size = 10.5;
inline constexpr double kH3Size = 10;
inline constexpr double kTableSize = 8.5;

inline constexpr Color kBlack{0, 0, 0};
inline constexpr Color kAnswer{0.05, 0.17, 0.45};   // typed answers: dark blue, distinct from the form's text
inline constexpr Color kGrey{0.35, 0.35, 0.35};
inline constexpr Color kRule{0.55, 0.55, 0.55};
inline constexpr Color kBand{0.88, 0.90, 0.93};      // level-1 heading band
inline constexpr Color kHeaderFill{0.93, 0.94, 0.96}; // table header, computed boxes

inline constexpr double kBox = 8.5;             // checkbox side
inline constexpr double kYesNoColumn = 84;      // right column holding « oui ☐  non ☐ »
inline constexpr double kNumberBox = 78;        // width of a number's answer box
inline constexpr double kGutter = 12;           // between a label and its boxes
inline constexpr double kAnswerIndent = 10;     // answers of text areas
inline constexpr double kRuledLine = 16;        // spacing of hand-writing lines on blank forms
inline constexpr double kParagraphGap = 4;
inline constexpr double kQuestionGap = 4;       // before each question
inline constexpr double kSectionGap1 = 14;
inline constexpr double kSectionGap2 = 10;
inline constexpr double kSignatureBoxHeight = mm(45);  // CACHET, SIGNATURE: room for a 40 mm round stamp
// Font size of the text typed on ruled lines (fillable bilans): readers lay a
// multi-line field's lines 1.35 × its size apart (pdf.js), so this size puts
// them kRuledLine apart, on the printed lines.
inline constexpr double kRuledFieldSize = 11.85;

}  // namespace bilan::compose::style

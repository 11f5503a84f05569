// A FontMetrics with round numbers, so composer tests can reason in points:
// every glyph is 500/1000 em wide (5 pt at 10 pt), bold 600; no glyph for
// U+1F600 anywhere, and only the fallback has U+2603.
#pragma once

#include "compose/font_metrics.hpp"

namespace bilan::testing {

class FakeMetrics : public compose::FontMetrics {
 public:
  bool has_glyph(compose::Face face, char32_t cp) const override {
    if (cp == 0x1F600) return false;
    if (cp == 0x2603) return face == compose::Face::FallbackRegular || face == compose::Face::FallbackBold;
    return true;
  }
  double advance(compose::Face face, char32_t) const override {
    return face == compose::Face::Bold || face == compose::Face::FallbackBold ? 600 : 500;
  }
  double ascent(compose::Face) const override { return 900; }
  double descent(compose::Face) const override { return -200; }
};

}  // namespace bilan::testing

// core/geometry — points, millimetres and rectangles shared by every stage.
// Coordinates in the pipeline are PDF points (1/72 in), origin at the top-left
// of the page, y growing downwards; only the PDF backend flips them.
#pragma once

namespace bilan {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double mm(double v) { return v * kPointsPerMm; }

struct Size {
  double width = 0;
  double height = 0;
};

struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  double right() const { return x + width; }
  double bottom() const { return y + height; }
};

struct Color {
  double r = 0, g = 0, b = 0;
  friend bool operator==(const Color&, const Color&) = default;
};

// A4 portrait, the only page size the forms use.
inline constexpr Size kA4{595.2756, 841.8898};

}  // namespace bilan

#include "compose/block.hpp"

namespace bilan::compose {

double Block::height() const {
  double h = 0;
  for (const auto& c : chunks) h += c.height;
  return h;
}

void translate(Item& item, double dx, double dy) {
  std::visit(
      [&](auto& it) {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, TextItem>) {
          it.x += dx;
          it.y += dy;
        } else if constexpr (std::is_same_v<T, LineItem>) {
          it.x1 += dx;
          it.x2 += dx;
          it.y1 += dy;
          it.y2 += dy;
        } else {
          it.rect.x += dx;
          it.rect.y += dy;
        }
      },
      item);
}

}  // namespace bilan::compose

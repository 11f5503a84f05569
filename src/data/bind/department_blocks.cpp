// data/bind/department_blocks — <department-blocks/>: the department's own parts.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

// This department's own parts; other departments' parts are not printed.
std::vector<BoundNode> Binder::department_blocks(bool active) {
  if (department_)
    if (auto it = form_.department_blocks.find(department_->code); it != form_.department_blocks.end())
      return build(it->second, active);
  return {};
}

}  // namespace bilan::data::detail

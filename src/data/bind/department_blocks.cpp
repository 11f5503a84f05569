// data/bind/department_blocks — <department-blocks/>: the department's own parts.
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

// This department's own parts; other departments' parts are not printed.
BoundDepartmentBlocks Binder::bind_department_blocks(const spec::DepartmentBlocks& d, bool active) {
  BoundDepartmentBlocks b;
  b.loc = d.loc;
  if (department_)
    if (auto it = form_.department_blocks.find(department_->code); it != form_.department_blocks.end())
      b.children = build(it->second, active);
  return b;
}

}  // namespace bilan::data::detail

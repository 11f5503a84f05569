// data/bind/textarea — <textarea>: any text, its lines kept (read as a text field).
#include "data/bind/binder.hpp"

namespace bilan::data::detail {

BoundTextArea Binder::bind_textarea(const spec::TextArea& t, bool active) {
  BoundTextArea b;
  bind_question(t, b);
  b.lines = t.lines;
  require_answer(t, b, active);
  expect_answer(t, b, active, false);
  return b;
}

}  // namespace bilan::data::detail

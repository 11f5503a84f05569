#include "text/line_break.hpp"

#include <cstdint>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "text/detail/icu_support.hpp"

namespace bilan::text {
namespace {

using IteratorFactory = icu::BreakIterator* (*)(const icu::Locale&, UErrorCode&);

std::unique_ptr<icu::BreakIterator> make_iterator(IteratorFactory factory, const char* what) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(factory(icu::Locale("fr"), status));
  detail::check_icu(status, what);
  return it;
}

// Building a break iterator loads and compiles rule data; these functions run
// for every paragraph, so each thread builds its iterators once. A
// BreakIterator holds its position, so it cannot be shared between threads.
icu::BreakIterator& line_iterator() {
  thread_local const std::unique_ptr<icu::BreakIterator> it =
      make_iterator(&icu::BreakIterator::createLineInstance, "line break iterator");
  return *it;
}

icu::BreakIterator& character_iterator() {
  thread_local const std::unique_ptr<icu::BreakIterator> it =
      make_iterator(&icu::BreakIterator::createCharacterInstance, "grapheme iterator");
  return *it;
}

// Points `it` at UTF-8 text through a UText, so that ICU's indexes are byte
// offsets (no UTF-16 copy, no index mapping). On destruction the iterator is
// pointed at an empty text: it must not keep a pointer into the caller's string.
class Utf8Text {
 public:
  Utf8Text(icu::BreakIterator& it, std::string_view utf8) : it_(it) { attach(utf8); }
  ~Utf8Text() {
    try {
      attach(kEmpty);
    } catch (...) {  // an empty text cannot fail; destructors must not throw anyway
    }
  }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;

 private:
  void attach(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    UText text = UTEXT_INITIALIZER;
    utext_openUTF8(&text, utf8.data(), detail::icu_length(utf8.size()), &status);
    // setText makes a shallow clone, so the local UText can be closed at once.
    if (U_SUCCESS(status)) it_.setText(&text, status);
    utext_close(&text);
    detail::check_icu(status, "break iterator text");
  }

  static constexpr std::string_view kEmpty = "";  // non-null: ICU rejects a null pointer
  icu::BreakIterator& it_;
};

}  // namespace

std::vector<BreakOpportunity> line_breaks(std::string_view utf8) {
  std::vector<BreakOpportunity> out;
  if (utf8.empty()) return out;
  icu::BreakIterator& it = line_iterator();
  const Utf8Text text(it, utf8);
  for (std::int32_t pos = it.next(); pos != icu::BreakIterator::DONE; pos = it.next()) {
    // Hard breaks carry a rule status in [UBRK_LINE_HARD, UBRK_LINE_HARD_LIMIT).
    const std::int32_t tag = it.getRuleStatus();
    out.push_back({static_cast<std::size_t>(pos), tag >= UBRK_LINE_HARD && tag < UBRK_LINE_HARD_LIMIT});
  }
  return out;
}

std::vector<std::size_t> grapheme_boundaries(std::string_view utf8) {
  std::vector<std::size_t> out{0};
  if (utf8.empty()) return out;
  out.reserve(utf8.size() + 1);
  icu::BreakIterator& it = character_iterator();
  const Utf8Text text(it, utf8);
  for (std::int32_t pos = it.next(); pos != icu::BreakIterator::DONE; pos = it.next())
    out.push_back(static_cast<std::size_t>(pos));
  return out;
}

}  // namespace bilan::text

#include "text/format.hpp"

#include <array>
#include <memory>
#include <optional>
#include <stdexcept>

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/fieldpos.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/udat.h>
#include <unicode/unistr.h>

#include "text/detail/icu_support.hpp"

namespace bilan::text {
namespace {

namespace num = icu::number;

const icu::Locale& fr_fr() {
  static const icu::Locale locale("fr", "FR");
  return locale;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string format(const num::LocalizedNumberFormatter& f, std::int64_t v) {
  UErrorCode status = U_ZERO_ERROR;
  const num::FormattedNumber formatted = f.formatInt(v, status);
  std::string out;
  formatted.toString(status).toUTF8String(out);
  detail::check_icu(status, "number formatting");
  return out;
}

// Formatters are immutable once built, but building one resolves locale data
// and ICU optimises a formatter after its first uses: keep one per thread.
const num::LocalizedNumberFormatter& integer_formatter() {
  thread_local const num::LocalizedNumberFormatter f = num::NumberFormatter::withLocale(fr_fr());
  return f;
}

// The mantissa is scaled by 10^-scale inside ICU, in decimal arithmetic: no
// binary floating point, so (123456, 2) is exactly 1234.56.
num::LocalizedNumberFormatter make_decimal_formatter(int scale) {
  return num::NumberFormatter::withLocale(fr_fr())
      .scale(num::Scale::powerOfTen(-scale))
      .precision(num::Precision::fixedFraction(scale > 0 ? scale : 0));
}

// An int64 has at most 19 digits, so larger scales only add zeros: valid, but
// rare enough to be built on demand rather than cached.
constexpr int kCachedScales = 19;

const num::LocalizedNumberFormatter& amount_formatter() {
  thread_local const num::LocalizedNumberFormatter f = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::CurrencyUnit euro(u"EUR", status);
    detail::check_icu(status, "EUR currency");
    return num::NumberFormatter::withLocale(fr_fr()).unit(euro).scale(num::Scale::powerOfTen(-2));
  }();
  return f;
}

// Date formatters and calendars are mutable and not thread-safe: one set per
// thread. The calendar is in UTC and the formatter reads its fields, so the
// machine's time zone never shifts a date.
struct DateTools {
  std::unique_ptr<icu::Calendar> calendar;
  std::unique_ptr<icu::DateFormat> long_date;     // ICU's fr long style, "d MMMM y"
  std::unique_ptr<icu::DateFormat> numeric_date;  // fixed "dd/MM/y": the short style's year width is not ours to choose

  DateTools() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::TimeZone& utc = *icu::TimeZone::getGMT();
    calendar.reset(icu::Calendar::createInstance(utc, fr_fr(), status));
    detail::check_icu(status, "calendar");
    long_date.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, fr_fr()));
    if (!long_date) throw std::runtime_error("ICU: no long date format for fr_FR");
    numeric_date = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(u"dd/MM/y"), fr_fr(), status);
    detail::check_icu(status, "numeric date format");
    long_date->setTimeZone(utc);
    numeric_date->setTimeZone(utc);
  }

  icu::Calendar& at(int year, int month, int day) {
    calendar->clear();
    calendar->set(year, month - 1, day);  // ICU months are 0-based
    return *calendar;
  }
};

DateTools& date_tools() {
  thread_local DateTools tools;
  return tools;
}

}  // namespace

std::string format_integer(std::int64_t v) { return format(integer_formatter(), v); }

std::string format_decimal(std::int64_t mantissa, int scale) {
  if (scale < 0 || scale >= kCachedScales) return format(make_decimal_formatter(scale), mantissa);
  thread_local std::array<std::optional<num::LocalizedNumberFormatter>, kCachedScales> cache;
  std::optional<num::LocalizedNumberFormatter>& slot = cache[static_cast<std::size_t>(scale)];
  if (!slot) slot.emplace(make_decimal_formatter(scale));
  return format(*slot, mantissa);
}

std::string format_amount(std::int64_t cents) { return format(amount_formatter(), cents); }

std::string format_date_long(int year, int month, int day) {
  DateTools& tools = date_tools();
  icu::UnicodeString out;
  icu::FieldPosition day_field(UDAT_DATE_FIELD);
  tools.long_date->format(tools.at(year, month, day), out, day_field);
  // French writes the first of the month as an ordinal, "1er juin"; CLDR has
  // no such pattern, so the suffix goes right after ICU's day number.
  if (day == 1 && day_field.getEndIndex() > 0) out.insert(day_field.getEndIndex(), icu::UnicodeString(u"er"));
  return to_utf8(out);
}

std::string format_date_numeric(int year, int month, int day) {
  DateTools& tools = date_tools();
  icu::UnicodeString out;
  icu::FieldPosition ignored(icu::FieldPosition::DONT_CARE);
  tools.numeric_date->format(tools.at(year, month, day), out, ignored);
  return to_utf8(out);
}

}  // namespace bilan::text

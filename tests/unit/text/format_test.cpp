#include "text/format.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace bilan::text {
namespace {

// Exact bytes, so that a change of separator (U+00A0 vs U+202F) is caught.
TEST(FormatInteger, GroupsThousandsWithNarrowNoBreakSpace) {
  EXPECT_EQ(format_integer(1234), "1\xE2\x80\xAF" "234");
  EXPECT_EQ(format_integer(1234), "1\u202f234");
  EXPECT_EQ(format_integer(0), "0");
  EXPECT_EQ(format_integer(999), "999");
  EXPECT_EQ(format_integer(1000000), "1\u202f000\u202f000");
  EXPECT_EQ(format_integer(-1234567), "-1\u202f234\u202f567");
  EXPECT_EQ(format_integer(std::numeric_limits<std::int64_t>::max()),
            "9\u202f223\u202f372\u202f036\u202f854\u202f775\u202f807");
}

TEST(FormatDecimal, UsesCommaAndKeepsExactlyScaleDigits) {
  EXPECT_EQ(format_decimal(45, 1), "4,5");
  EXPECT_EQ(format_decimal(123456, 2), "1\u202f234,56");
  EXPECT_EQ(format_decimal(450, 2), "4,50");  // trailing zero kept
  EXPECT_EQ(format_decimal(5, 3), "0,005");
  EXPECT_EQ(format_decimal(-45, 1), "-4,5");
  EXPECT_EQ(format_decimal(1234, 0), "1\u202f234");
}

TEST(FormatDecimal, IsExactForLargeMantissas) {
  // Through a double (2^63 / 100) this would end in ,08.
  EXPECT_EQ(format_decimal(std::numeric_limits<std::int64_t>::max(), 2),
            "92\u202f233\u202f720\u202f368\u202f547\u202f758,07");
}

TEST(FormatDecimal, HandlesUncachedScales) {
  EXPECT_EQ(format_decimal(1, 20), "0,00000000000000000001");
  EXPECT_EQ(format_decimal(45, -1), "450");
}

TEST(FormatAmount, EurosWithNoBreakSpaceBeforeSign) {
  EXPECT_EQ(format_amount(275828), "2\xE2\x80\xAF" "758,28\xC2\xA0\xE2\x82\xAC");
  EXPECT_EQ(format_amount(275828), "2\u202f758,28\u00a0\u20ac");
  EXPECT_EQ(format_amount(0), "0,00\u00a0\u20ac");
  EXPECT_EQ(format_amount(5), "0,05\u00a0\u20ac");
  EXPECT_EQ(format_amount(100000000), "1\u202f000\u202f000,00\u00a0\u20ac");
  EXPECT_EQ(format_amount(-1050), "-10,50\u00a0\u20ac");
}

TEST(FormatDateLong, FrenchMonthNames) {
  EXPECT_EQ(format_date_long(2025, 6, 30), "30 juin 2025");
  EXPECT_EQ(format_date_long(2024, 12, 31), "31 d\u00e9cembre 2024");
  EXPECT_EQ(format_date_long(2025, 2, 14), "14 f\u00e9vrier 2025");
  EXPECT_EQ(format_date_long(2024, 2, 29), "29 f\u00e9vrier 2024");
  EXPECT_EQ(format_date_long(2025, 8, 2), "2 ao\u00fbt 2025");
}

TEST(FormatDateLong, FirstOfTheMonthIsAnOrdinal) {
  EXPECT_EQ(format_date_long(2025, 6, 1), "1er juin 2025");
  EXPECT_EQ(format_date_long(2025, 1, 1), "1er janvier 2025");
  EXPECT_EQ(format_date_long(2025, 6, 11), "11 juin 2025");  // only the 1st, not every day ending in 1
  EXPECT_EQ(format_date_long(2025, 5, 21), "21 mai 2025");
}

TEST(FormatDateNumeric, DayMonthYearWithZeroPadding) {
  EXPECT_EQ(format_date_numeric(2025, 6, 30), "30/06/2025");
  EXPECT_EQ(format_date_numeric(2025, 1, 1), "01/01/2025");
  EXPECT_EQ(format_date_numeric(1999, 12, 31), "31/12/1999");
}

TEST(FormatDate, RepeatedCallsReuseStateWithoutLeaking) {
  // The per-thread calendar must be reset between calls.
  EXPECT_EQ(format_date_long(2025, 1, 31), "31 janvier 2025");
  EXPECT_EQ(format_date_long(2025, 2, 1), "1er f\u00e9vrier 2025");
  EXPECT_EQ(format_date_numeric(2025, 3, 1), "01/03/2025");
}

TEST(Format, EachThreadHasItsOwnFormatters) {
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < ok.size(); ++t)
    threads.emplace_back([&ok, t] {
      bool same = true;
      for (int i = 0; i < 100; ++i)
        same = same && format_amount(275828) == "2\u202f758,28\u00a0\u20ac" && format_decimal(45, 1) == "4,5" &&
               format_integer(1234) == "1\u202f234" && format_date_long(2025, 6, 1) == "1er juin 2025" &&
               format_date_numeric(2025, 6, 30) == "30/06/2025";
      ok[t] = same ? 1 : 0;
    });
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(ok, (std::vector<int>{1, 1, 1, 1}));
}

}  // namespace
}  // namespace bilan::text

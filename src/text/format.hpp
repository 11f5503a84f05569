// text/format — ICU fr-FR formatting of numbers, amounts and dates for people.
// Locale-free parsing lives elsewhere; inputs here are already validated.
#pragma once

#include <cstdint>
#include <string>

namespace bilan::text {

std::string format_integer(std::int64_t v);                    // 1234 -> "1 234" (grouping U+202F, as ICU fr gives)
std::string format_decimal(std::int64_t mantissa, int scale);  // (45, 1) -> "4,5"; (123456, 2) -> "1 234,56";
                                                               // keeps exactly `scale` fraction digits
std::string format_amount(std::int64_t cents);                 // 275828 -> "2 758,28 €" (U+202F grouping, U+00A0 before €)
std::string format_date_long(int year, int month, int day);    // "30 juin 2025"; "1er juin 2025" for the first
std::string format_date_numeric(int year, int month, int day); // "30/06/2025"

}  // namespace bilan::text

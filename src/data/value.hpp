// data/value — typed answer values and their locale-free parsers. What people
// type (« 2 758,28 € », « 30/06/2025 », « Oui ») becomes a Value here; ICU
// formatting for print is text/'s job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/environment.hpp"

namespace bilan::data {

struct Decimal {
  std::int64_t mantissa = 0;  // value = mantissa / 10^scale
  int scale = 0;
  double to_double() const;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

enum class ValueKind : std::uint8_t {
  None,  // no answer
  Text,
  Integer,
  Decimal,
  Amount,  // integer = cents
  Date,
  Bool,
  Choice,  // choices = chosen option values
};

struct Value {
  ValueKind kind = ValueKind::None;
  std::string text;           // Text (also the normalised e-mail / phone)
  std::int64_t integer = 0;   // Integer, or cents for Amount
  Decimal decimal;
  CivilDate date;
  bool boolean = false;
  std::vector<std::string> choices;

  bool missing() const { return kind == ValueKind::None; }
  // Numeric value (Amount in euros); nullopt for non-numbers.
  std::optional<double> number() const;
  // Locale-free machine form: "1234", "4.5", "2758.28", "2025-06-30", "oui".
  std::string canonical() const;
};

// Each parser returns nullopt and a French reason when the text is not valid.
std::optional<std::int64_t> try_parse_integer(std::string_view s, std::string& error);
std::optional<Decimal> try_parse_decimal(std::string_view s, std::string& error);
std::optional<std::int64_t> try_parse_amount_cents(std::string_view s, std::string& error);
std::optional<CivilDate> try_parse_date(std::string_view s, std::string& error);
std::optional<bool> try_parse_yesno(std::string_view s, std::string& error);
std::optional<std::string> try_parse_email(std::string_view s, std::string& error);
// French numbers become « 05 53 12 34 56 » (no-break spaces between pairs).
std::optional<std::string> try_parse_phone(std::string_view s, std::string& error);
// French identifiers, typed with spaces (« 732 829 320 00074 »), kept as their
// digits: a SIRET (14 digits) and a SIREN (9) with their Luhn key (La Poste's
// SIRETs, SIREN 356000000, have theirs: the sum of the digits is a multiple of 5),
// a code postal (5 digits), a code Insee of a commune (5 characters, 2A/2B for
// Corsica, upper-cased).
std::optional<std::string> try_parse_siret(std::string_view s, std::string& error);
std::optional<std::string> try_parse_siren(std::string_view s, std::string& error);
std::optional<std::string> try_parse_postcode(std::string_view s, std::string& error);
std::optional<std::string> try_parse_insee(std::string_view s, std::string& error);
// The department a code postal, a code Insee or a department code belongs to,
// as a code postal writes it: its first two digits, three overseas (971…978),
// and 20 for Corsica (2A, 2B); nullopt for anything else. So
// postal_department("73000") = postal_department("73065") = postal_department("73").
std::optional<std::string> postal_department(std::string_view code);

bool is_valid_date(int year, int month, int day);
std::int64_t days_from_civil(const CivilDate& d);  // days since 1970-01-01

}  // namespace bilan::data

#include "data/value.hpp"

#include <string>

#include <gtest/gtest.h>

namespace bilan::data {
namespace {

// "ok:<value>" or "erreur:<message>", so that one EXPECT shows both.
std::string integer(std::string_view s) {
  std::string error;
  auto v = try_parse_integer(s, error);
  return v ? "ok:" + std::to_string(*v) : "erreur:" + error;
}
std::string decimal(std::string_view s) {
  std::string error;
  auto v = try_parse_decimal(s, error);
  return v ? "ok:" + std::to_string(v->mantissa) + "e-" + std::to_string(v->scale) : "erreur:" + error;
}
std::string amount(std::string_view s) {
  std::string error;
  auto v = try_parse_amount_cents(s, error);
  return v ? "ok:" + std::to_string(*v) : "erreur:" + error;
}
std::string date(std::string_view s) {
  std::string error;
  auto v = try_parse_date(s, error);
  if (!v) return "erreur:" + error;
  Value val;
  val.kind = ValueKind::Date;
  val.date = *v;
  return "ok:" + val.canonical();
}
std::string yesno(std::string_view s) {
  std::string error;
  auto v = try_parse_yesno(s, error);
  return v ? std::string(*v ? "ok:oui" : "ok:non") : "erreur:" + error;
}
std::string email(std::string_view s) {
  std::string error;
  auto v = try_parse_email(s, error);
  return v ? "ok:" + *v : "erreur:" + error;
}
std::string phone(std::string_view s) {
  std::string error;
  auto v = try_parse_phone(s, error);
  return v ? "ok:" + *v : "erreur:" + error;
}

TEST(ParseInteger, Accepted) {
  EXPECT_EQ(integer("12"), "ok:12");
  EXPECT_EQ(integer("0"), "ok:0");
  EXPECT_EQ(integer("1 234"), "ok:1234");
  EXPECT_EQ(integer(" 7 "), "ok:7");
  EXPECT_EQ(integer("1\u00a0234"), "ok:1234");  // no-break space
  EXPECT_EQ(integer("1\u202f234"), "ok:1234");  // narrow no-break space
  EXPECT_EQ(integer("+5"), "ok:5");
  EXPECT_EQ(integer("99999999999999"), "ok:99999999999999");
}

TEST(ParseInteger, SpacesGroupDigitsByThree) {
  EXPECT_EQ(integer("1 234"), "ok:1234");
  EXPECT_EQ(integer("12 345 678"), "ok:12345678");
  EXPECT_EQ(integer("1 2 3 4"), "erreur:espaces mal placés dans le nombre (par groupes de trois chiffres : 1 234)");
  EXPECT_EQ(integer("12 34"), "erreur:espaces mal placés dans le nombre (par groupes de trois chiffres : 1 234)");
}

TEST(ParseInteger, Rejected) {
  EXPECT_EQ(integer("12,5"), "erreur:nombre entier attendu, sans décimales");
  EXPECT_EQ(integer("12.5"), "erreur:nombre entier attendu, sans décimales");
  EXPECT_EQ(integer("-3"), "erreur:nombre négatif : un effectif ou un nombre d’heures est positif");
  EXPECT_EQ(integer("abc"), "erreur:nombre entier attendu");
  EXPECT_EQ(integer("12 enfants"), "erreur:nombre entier attendu");
  EXPECT_EQ(integer(""), "erreur:nombre entier attendu");
  EXPECT_EQ(integer("   "), "erreur:nombre entier attendu");
}

TEST(ParseInteger, TooLargeSaysSo) {
  EXPECT_EQ(integer("123456789012345678"), "erreur:nombre trop grand");
}

TEST(ParseDecimal, AcceptedAndRejected) {
  EXPECT_EQ(decimal("4,5"), "ok:45e-1");
  EXPECT_EQ(decimal("4.5"), "ok:45e-1");
  EXPECT_EQ(decimal("12"), "ok:12e-0");
  EXPECT_EQ(decimal("0,25"), "ok:25e-2");
  EXPECT_EQ(decimal("1 234,5"), "ok:12345e-1");
  EXPECT_EQ(decimal("4,5000"), "ok:45000e-4");
  EXPECT_EQ(decimal("4,12345"), "erreur:trop de décimales (4 au plus)");
  EXPECT_EQ(decimal("-1,5"), "erreur:nombre négatif");
  EXPECT_EQ(decimal("x"), "erreur:nombre décimal attendu (par exemple 4,5)");
  EXPECT_EQ(decimal("4,"), "erreur:nombre décimal attendu (par exemple 4,5)");
  EXPECT_EQ(decimal(",5"), "erreur:nombre décimal attendu (par exemple 4,5)");
  EXPECT_EQ(decimal("1,2,3"), "erreur:nombre décimal attendu (par exemple 4,5)");
}

TEST(ParseAmount, Accepted) {
  EXPECT_EQ(amount("2758,28"), "ok:275828");
  EXPECT_EQ(amount("2 758,28 €"), "ok:275828");
  EXPECT_EQ(amount("2758.28"), "ok:275828");
  EXPECT_EQ(amount("2.758,28"), "ok:275828");
  EXPECT_EQ(amount("1.234.567,89 €"), "ok:123456789");
  EXPECT_EQ(amount("1.2.3,4"), "erreur:points mal placés dans le montant (par groupes de trois chiffres avant la virgule : 1.234,56)");
  EXPECT_EQ(amount("12.34,5"), "erreur:points mal placés dans le montant (par groupes de trois chiffres avant la virgule : 1.234,56)");
  EXPECT_EQ(amount(".234,5"), "erreur:points mal placés dans le montant (par groupes de trois chiffres avant la virgule : 1.234,56)");
  EXPECT_EQ(amount("1.234.567,89"), "ok:123456789");
  EXPECT_EQ(amount("2758"), "ok:275800");
  EXPECT_EQ(amount("2758,5"), "ok:275850");
  EXPECT_EQ(amount("2\u202f758,28\u00a0€"), "ok:275828");
  EXPECT_EQ(amount("150 EUR"), "ok:15000");
  EXPECT_EQ(amount("12 euros"), "ok:1200");
  EXPECT_EQ(amount("1 euro"), "ok:100");
  EXPECT_EQ(amount("0"), "ok:0");
}

TEST(ParseAmount, Rejected) {
  EXPECT_EQ(amount("2758,283"), "erreur:un montant a deux décimales au plus (les centimes)");
  EXPECT_EQ(amount("2.758"), "erreur:un montant a deux décimales au plus (les centimes)");
  EXPECT_EQ(amount("abc"), "erreur:montant attendu (par exemple 2 758,28 €)");
  EXPECT_EQ(amount("€"), "erreur:montant attendu (par exemple 2 758,28 €)");
  EXPECT_EQ(amount(""), "erreur:montant attendu (par exemple 2 758,28 €)");
  EXPECT_EQ(amount("-5"), "erreur:montant négatif");
  EXPECT_EQ(amount("2,758.28"), "erreur:montant attendu (par exemple 2 758,28 €)");
  EXPECT_EQ(amount("$12"), "erreur:montant attendu (par exemple 2 758,28 €)");
}

TEST(ParseDate, Accepted) {
  EXPECT_EQ(date("30/06/2025"), "ok:2025-06-30");
  EXPECT_EQ(date("2025-06-30"), "ok:2025-06-30");
  EXPECT_EQ(date("1/6/2025"), "ok:2025-06-01");
  EXPECT_EQ(date(" 01/06/2025\n"), "ok:2025-06-01");
  EXPECT_EQ(date("29/02/2024"), "ok:2024-02-29");
  EXPECT_EQ(date("29/02/2000"), "ok:2000-02-29");
  EXPECT_EQ(date("31/12/2024"), "ok:2024-12-31");
}

TEST(ParseDate, ImpossibleDates) {
  EXPECT_EQ(date("31/06/2025"), "erreur:date impossible");
  EXPECT_EQ(date("2025-13-01"), "erreur:date impossible");
  EXPECT_EQ(date("29/02/2025"), "erreur:date impossible");
  EXPECT_EQ(date("29/02/1900"), "erreur:date impossible");
  EXPECT_EQ(date("00/06/2025"), "erreur:date impossible");
  EXPECT_EQ(date("2025-00-10"), "erreur:date impossible");
  EXPECT_EQ(date("1899-12-31"), "erreur:date impossible");
}

TEST(ParseDate, BadShapes) {
  const std::string shape = "erreur:date attendue au format 2025-06-30 ou 30/06/2025";
  EXPECT_EQ(date(""), shape);
  EXPECT_EQ(date("30/06/25"), shape);
  EXPECT_EQ(date("2025/06/30"), shape);
  EXPECT_EQ(date("30-06-2025"), shape);
  EXPECT_EQ(date("30.06.2025"), shape);
  EXPECT_EQ(date("2025-6-30"), shape);
  EXPECT_EQ(date("30 juin 2025"), shape);
  EXPECT_EQ(date("3x/06/2025"), shape);
  EXPECT_EQ(date("123/06/2025"), shape);
}

TEST(ParseYesNo, AcceptedAndRejected) {
  EXPECT_EQ(yesno("oui"), "ok:oui");
  EXPECT_EQ(yesno("Oui"), "ok:oui");
  EXPECT_EQ(yesno(" OUI "), "ok:oui");
  EXPECT_EQ(yesno("true"), "ok:oui");
  EXPECT_EQ(yesno("1"), "ok:oui");
  EXPECT_EQ(yesno("non"), "ok:non");
  EXPECT_EQ(yesno("Non"), "ok:non");
  EXPECT_EQ(yesno("false"), "ok:non");
  EXPECT_EQ(yesno("0"), "ok:non");
  EXPECT_EQ(yesno("peut-être"), "erreur:oui ou non attendu");
  EXPECT_EQ(yesno("o"), "erreur:oui ou non attendu");
  EXPECT_EQ(yesno(""), "erreur:oui ou non attendu");
}

TEST(ParseEmail, AcceptedAndRejected) {
  EXPECT_EQ(email("nom@exemple.fr"), "ok:nom@exemple.fr");
  EXPECT_EQ(email(" prenom.nom@asso-x.org "), "ok:prenom.nom@asso-x.org");
  const std::string bad = "erreur:adresse électronique attendue (nom@exemple.fr)";
  EXPECT_EQ(email(""), bad);
  EXPECT_EQ(email("nom"), bad);
  EXPECT_EQ(email("nom@"), bad);
  EXPECT_EQ(email("@exemple.fr"), bad);
  EXPECT_EQ(email("nom@exemple"), bad);
  EXPECT_EQ(email("nom@.fr"), bad);
  EXPECT_EQ(email("nom@@exemple.fr"), bad);
  EXPECT_EQ(email("nom @exemple.fr"), bad);
  EXPECT_EQ(email("nom@exemple.fr."), bad);
  EXPECT_EQ(email("a@b.fr;c@d.fr"), bad);
  EXPECT_EQ(email("<nom@exemple.fr>"), bad);
}

TEST(ParsePhone, FrenchNumbers) {
  const std::string expected = "ok:05\u00a053\u00a012\u00a034\u00a056";
  EXPECT_EQ(phone("05 53 12 34 56"), expected);
  EXPECT_EQ(phone("05.53.12.34.56"), expected);
  EXPECT_EQ(phone("0553123456"), expected);
  EXPECT_EQ(phone("05-53-12-34-56"), expected);
  EXPECT_EQ(phone("05\u00a053\u00a012\u00a034\u00a056"), expected);
  EXPECT_EQ(phone("05\u202f53\u202f12\u202f34\u202f56"), expected);
}

TEST(ParsePhone, InternationalNumbers) {
  const std::string fr = "ok:+33\u00a05\u00a053\u00a012\u00a034\u00a056";
  EXPECT_EQ(phone("+33 5 53 12 34 56"), fr);
  EXPECT_EQ(phone("+33 (0)5 53 12 34 56"), fr);
  EXPECT_EQ(phone("+33553123456"), fr);
  EXPECT_EQ(phone("+32 2 123 45 67"), "ok:+3221234567");
}

TEST(ParsePhone, Rejected) {
  const std::string digits = "erreur:numéro de téléphone attendu : 10 chiffres commençant par 0 (05 53 12 34 56) ou +33…";
  EXPECT_EQ(phone("05 53 12 34 5"), digits);     // 9 digits
  EXPECT_EQ(phone("05 53 12 34 567"), digits);   // 11 digits
  EXPECT_EQ(phone("15 53 12 34 56"), digits);    // no leading 0
  EXPECT_EQ(phone("+33 5 53 12 34"), digits);    // 8 national digits
  EXPECT_EQ(phone(""), digits);
  EXPECT_EQ(phone("05 53 12 34 5a"), "erreur:numéro de téléphone attendu (05 53 12 34 56)");
  EXPECT_EQ(phone("05 53 + 12 34 56"), "erreur:numéro de téléphone attendu (05 53 12 34 56)");
}

TEST(Dates, ValidityAndDayNumbers) {
  EXPECT_TRUE(is_valid_date(2024, 2, 29));
  EXPECT_FALSE(is_valid_date(2023, 2, 29));
  EXPECT_FALSE(is_valid_date(2100, 2, 29));
  EXPECT_TRUE(is_valid_date(2000, 2, 29));
  EXPECT_FALSE(is_valid_date(2025, 4, 31));
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({1970, 1, 2}), 1);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({2024, 2, 29}), 19782);
  EXPECT_EQ(days_from_civil({2025, 6, 30}), 20269);
  EXPECT_EQ(days_from_civil({1900, 1, 1}), -25567);
  EXPECT_EQ(days_from_civil({2024, 3, 1}) - days_from_civil({2024, 2, 28}), 2);
}

Value make(ValueKind kind) {
  Value v;
  v.kind = kind;
  return v;
}

TEST(ValueCanonical, EveryKind) {
  EXPECT_EQ(Value{}.canonical(), "");
  Value text = make(ValueKind::Text);
  text.text = "Les Petits Curieux";
  EXPECT_EQ(text.canonical(), "Les Petits Curieux");
  Value i = make(ValueKind::Integer);
  i.integer = 1234;
  EXPECT_EQ(i.canonical(), "1234");
  Value a = make(ValueKind::Amount);
  a.integer = 275828;
  EXPECT_EQ(a.canonical(), "2758.28");
  a.integer = 5;
  EXPECT_EQ(a.canonical(), "0.05");
  a.integer = -1050;
  EXPECT_EQ(a.canonical(), "-10.50");
  Value d = make(ValueKind::Decimal);
  d.decimal = {45, 1};
  EXPECT_EQ(d.canonical(), "4.5");
  d.decimal = {5, 2};
  EXPECT_EQ(d.canonical(), "0.05");
  d.decimal = {-5, 2};
  EXPECT_EQ(d.canonical(), "-0.05");
  d.decimal = {12, 0};
  EXPECT_EQ(d.canonical(), "12");
  Value date = make(ValueKind::Date);
  date.date = {2025, 6, 1};
  EXPECT_EQ(date.canonical(), "2025-06-01");
  Value b = make(ValueKind::Bool);
  b.boolean = true;
  EXPECT_EQ(b.canonical(), "oui");
  b.boolean = false;
  EXPECT_EQ(b.canonical(), "non");
  Value c = make(ValueKind::Choice);
  c.choices = {"materiel", "autres"};
  EXPECT_EQ(c.canonical(), "materiel autres");
}

TEST(ValueNumber, NumericKindsOnly) {
  Value a = make(ValueKind::Amount);
  a.integer = 275828;
  EXPECT_DOUBLE_EQ(*a.number(), 2758.28);
  Value d = make(ValueKind::Decimal);
  d.decimal = {45, 1};
  EXPECT_DOUBLE_EQ(*d.number(), 4.5);
  Value i = make(ValueKind::Integer);
  i.integer = 7;
  EXPECT_DOUBLE_EQ(*i.number(), 7);
  EXPECT_EQ(make(ValueKind::Text).number(), std::nullopt);
  EXPECT_EQ(make(ValueKind::Date).number(), std::nullopt);
  EXPECT_EQ(Value{}.number(), std::nullopt);
  EXPECT_TRUE(Value{}.missing());
  EXPECT_FALSE(i.missing());
}

}  // namespace
}  // namespace bilan::data

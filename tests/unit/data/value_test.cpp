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
std::string siret(std::string_view s) {
  std::string error;
  auto v = try_parse_siret(s, error);
  return v ? "ok:" + *v : "erreur:" + error;
}
std::string siren(std::string_view s) {
  std::string error;
  auto v = try_parse_siren(s, error);
  return v ? "ok:" + *v : "erreur:" + error;
}
std::string postcode(std::string_view s) {
  std::string error;
  auto v = try_parse_postcode(s, error);
  return v ? "ok:" + *v : "erreur:" + error;
}
std::string insee(std::string_view s) {
  std::string error;
  auto v = try_parse_insee(s, error);
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

// Public identifiers, keys as published: Insee's own example of a SIRET
// (732 829 320 00074), the DINUM's SIRET, La Poste's head office, SIRENs of
// Renault, the SNCF, Danone and the Insee.
TEST(ParseSiret, ValidKeys) {
  EXPECT_EQ(siret("73282932000074"), "ok:73282932000074");
  EXPECT_EQ(siret("732 829 320 00074"), "ok:73282932000074");
  EXPECT_EQ(siret(" 130\u00a0025\u00a0265\u00a000013 "), "ok:13002526500013");
  EXPECT_EQ(siret("130\u202f025\u202f265\u202f00013"), "ok:13002526500013");
  EXPECT_EQ(siret("356 000 000 00048"), "ok:35600000000048");  // La Poste's head office: a Luhn key
}

TEST(ParseSiret, LaPosteKey) {
  // La Poste's establishments (SIREN 356000000): the 14 digits add up to a multiple of 5,
  // whatever the Luhn formula says (it refuses 356 000 000 00010).
  EXPECT_EQ(siret("356 000 000 00010"), "ok:35600000000010");
  EXPECT_EQ(siret("356 000 000 00011"),
            "erreur:clé de contrôle du SIRET fausse (La Poste : la somme des chiffres est un multiple de 5) : un chiffre est sans doute mal recopié");
  // The exception is La Poste's only: the same NIC on another SIREN follows Luhn.
  EXPECT_EQ(siret("732 829 320 00010"), "erreur:clé de contrôle du SIRET fausse (formule de Luhn) : un chiffre est sans doute mal recopié");
}

TEST(ParseSiret, Rejected) {
  const std::string key = "erreur:clé de contrôle du SIRET fausse (formule de Luhn) : un chiffre est sans doute mal recopié";
  EXPECT_EQ(siret("732 829 320 00075"), key);  // last digit
  EXPECT_EQ(siret("732 829 230 00074"), key);  // two digits swapped
  EXPECT_EQ(siret("123 456 789 00012"), key);
  const std::string shape = "erreur:numéro SIRET attendu : 14 chiffres (732 829 320 00074)";
  EXPECT_EQ(siret("732 829 320 0007"), shape + ", 13 donnés");
  EXPECT_EQ(siret("732 829 320 000740"), shape + ", 15 donnés");
  EXPECT_EQ(siret("732829320"), shape + ", 9 donnés");  // a SIREN where the SIRET goes
  EXPECT_EQ(siret(""), shape + ", 0 donné");
  EXPECT_EQ(siret("732.829.320.00074"), shape);
  EXPECT_EQ(siret("SIRET 73282932000074"), shape);
  EXPECT_EQ(siret("732-829-320-00074"), shape);
}

TEST(ParseSiren, ValidAndRejected) {
  EXPECT_EQ(siren("732 829 320"), "ok:732829320");
  EXPECT_EQ(siren("780129987"), "ok:780129987");
  EXPECT_EQ(siren("552 049 447"), "ok:552049447");
  EXPECT_EQ(siren("552 032 534"), "ok:552032534");
  EXPECT_EQ(siren("120\u00a0027\u00a0016"), "ok:120027016");
  EXPECT_EQ(siren("356 000 000"), "ok:356000000");
  const std::string key = "erreur:clé de contrôle du SIREN fausse (formule de Luhn) : un chiffre est sans doute mal recopié";
  EXPECT_EQ(siren("732 829 321"), key);
  EXPECT_EQ(siren("780 129 978"), key);  // last two swapped
  const std::string shape = "erreur:numéro SIREN attendu : 9 chiffres (732 829 320)";
  EXPECT_EQ(siren("73282932000074"), shape + ", 14 donnés");  // a SIRET where the SIREN goes
  EXPECT_EQ(siren("73282932"), shape + ", 8 donnés");
  EXPECT_EQ(siren("732 829 32O"), shape);  // a letter O
}

TEST(ParsePostcode, ValidAndRejected) {
  EXPECT_EQ(postcode("73000"), "ok:73000");
  EXPECT_EQ(postcode(" 73 000 "), "ok:73000");
  EXPECT_EQ(postcode("01000"), "ok:01000");
  EXPECT_EQ(postcode("20000"), "ok:20000");  // Ajaccio: Corsica's codes postaux start with 20
  EXPECT_EQ(postcode("97100"), "ok:97100");
  EXPECT_EQ(postcode("97600"), "ok:97600");
  const std::string shape = "erreur:code postal attendu : 5 chiffres (73000)";
  EXPECT_EQ(postcode("7300"), shape + ", 4 donnés");  // 7300 for 07300: the leading zero is part of it
  EXPECT_EQ(postcode("730000"), shape + ", 6 donnés");
  EXPECT_EQ(postcode("2A000"), shape);
  EXPECT_EQ(postcode("F-73000"), shape);
  EXPECT_EQ(postcode("00100"), "erreur:code postal impossible : aucun ne commence par 00");
  EXPECT_EQ(postcode("96100"), "erreur:code postal impossible : aucun ne commence par 96");
  EXPECT_EQ(postcode("99100"), "erreur:code postal impossible : aucun ne commence par 99");
}

TEST(ParseInsee, ValidAndRejected) {
  EXPECT_EQ(insee("73065"), "ok:73065");  // Chambéry
  EXPECT_EQ(insee("73 065"), "ok:73065");
  EXPECT_EQ(insee("2A004"), "ok:2A004");  // Ajaccio
  EXPECT_EQ(insee("2b033"), "ok:2B033");  // Bastia, upper-cased
  EXPECT_EQ(insee("97411"), "ok:97411");  // Saint-Denis (La Réunion)
  EXPECT_EQ(insee("01053"), "ok:01053");
  const std::string shape = "erreur:code Insee attendu : 5 chiffres, ou 2A ou 2B et 3 chiffres en Corse (73065, 2A004)";
  EXPECT_EQ(insee("7306"), shape);
  EXPECT_EQ(insee("730650"), shape);
  EXPECT_EQ(insee("2C004"), shape);
  EXPECT_EQ(insee("2A0O4"), shape);
  EXPECT_EQ(insee("A2004"), shape);
  EXPECT_EQ(insee(""), shape);
  EXPECT_EQ(insee("20004"), "erreur:code Insee de Corse attendu avec 2A ou 2B (2A004), pas 20 : c’est le code postal qui commence par 20");
  EXPECT_EQ(insee("00123"), "erreur:code Insee impossible : aucun ne commence par 00");
  EXPECT_EQ(insee("99134"), "erreur:code Insee impossible : aucun ne commence par 99");  // a country of birth, not a commune
}

TEST(PostalDepartment, OfCodesPostauxInseeAndDepartments) {
  const auto dep = [](std::string_view s) { return postal_department(s).value_or("-"); };
  EXPECT_EQ(dep("73000"), "73");
  EXPECT_EQ(dep("73065"), "73");
  EXPECT_EQ(dep("73"), "73");
  EXPECT_EQ(dep("01"), "01");
  EXPECT_EQ(dep("2A"), "20");
  EXPECT_EQ(dep("2B"), "20");
  EXPECT_EQ(dep("2A004"), "20");
  EXPECT_EQ(dep("20000"), "20");
  EXPECT_EQ(dep("971"), "971");
  EXPECT_EQ(dep("97100"), "971");
  EXPECT_EQ(dep("97411"), "974");
  EXPECT_EQ(dep("976"), "976");
  EXPECT_EQ(dep("97"), "-");
  EXPECT_EQ(dep("9"), "-");
  EXPECT_EQ(dep(""), "-");
  EXPECT_EQ(dep("00100"), "-");
  EXPECT_EQ(dep("96"), "-");
  EXPECT_EQ(dep("ab"), "-");
  EXPECT_EQ(dep("2Z"), "-");
}

}  // namespace
}  // namespace bilan::data

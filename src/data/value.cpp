#include "data/value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace bilan::data {
namespace {

// Grouping spaces people type in numbers: space, no-break space, narrow no-break space.
std::string strip_group_spaces(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') continue;
    if (s.substr(i, 2) == "\u00a0") { ++i; continue; }
    if (s.substr(i, 3) == "\u202f" || s.substr(i, 3) == "\u2009") { i += 2; continue; }
    out += s[i];
  }
  return out;
}

// Spaces in a number must group its digits by three (« 1 234 », « 12 345,50 »):
// « 1 2 3 4 » is more likely two numbers run together than one thousand.
bool well_grouped(std::string_view s) {
  std::vector<std::string> groups;
  std::string cur;
  const std::string_view whole = s.substr(0, s.find_first_of(".,"));
  for (std::size_t i = 0; i < whole.size(); ++i) {
    std::size_t skip = 0;
    if (whole[i] == ' ' || whole[i] == '\t') skip = 1;
    else if (whole.substr(i, 2) == "\u00a0") skip = 2;
    else if (whole.substr(i, 3) == "\u202f" || whole.substr(i, 3) == "\u2009") skip = 3;
    if (skip) {
      if (!cur.empty()) groups.push_back(cur);
      cur.clear();
      i += skip - 1;
    } else {
      cur += whole[i];
    }
  }
  if (!cur.empty()) groups.push_back(cur);
  // Not digits at all (« 12 enfants »): the parser says what is expected.
  for (const auto& g : groups)
    for (std::size_t i = 0; i < g.size(); ++i)
      if (!(g[i] >= '0' && g[i] <= '9') && !(i == 0 && (g[i] == '-' || g[i] == '+'))) return true;
  for (std::size_t g = 1; g < groups.size(); ++g)
    if (groups[g].size() != 3) return false;
  return groups.size() <= 1 || (groups[0].size() >= 1 && groups[0].size() <= 3) ||
         (groups[0].size() == 4 && (groups[0][0] == '-' || groups[0][0] == '+'));
}

constexpr const char* kBadGrouping = "espaces mal placés dans le nombre (par groupes de trois chiffres : 1 234)";
constexpr const char* kBadDotGrouping = "points mal placés dans le montant (par groupes de trois chiffres avant la virgule : 1.234,56)";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

constexpr std::int64_t kMaxMantissa = 100'000'000'000'000;  // 10^14: far above any count or budget

// Why parse_fixed failed: each caller words it for its type.
enum class FixedError : std::uint8_t { None, NotANumber, TooManyDecimals, TooLarge };

std::string fixed_error_text(FixedError why, int max_scale) {
  switch (why) {
    case FixedError::NotANumber: return "nombre attendu";
    case FixedError::TooManyDecimals: return "trop de décimales (" + std::to_string(max_scale) + " au plus)";
    case FixedError::TooLarge: return "nombre trop grand";
    case FixedError::None: break;
  }
  return {};
}

// Parses "123", "123,45", "123.45" into mantissa/scale (max_scale fraction digits).
std::optional<Decimal> parse_fixed(std::string_view s, int max_scale, FixedError& error) {
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  const std::size_t sep = s.find_first_of(".,");
  std::string_view whole = s.substr(0, sep);
  std::string_view frac = sep == std::string_view::npos ? std::string_view() : s.substr(sep + 1);
  if (!all_digits(whole) || (sep != std::string_view::npos && !all_digits(frac))) {
    error = FixedError::NotANumber;
    return std::nullopt;
  }
  if (static_cast<int>(frac.size()) > max_scale) {
    error = FixedError::TooManyDecimals;
    return std::nullopt;
  }
  if (whole.size() > 14) {
    error = FixedError::TooLarge;
    return std::nullopt;
  }
  Decimal d;
  d.scale = static_cast<int>(frac.size());
  for (const char c : whole) d.mantissa = d.mantissa * 10 + (c - '0');
  for (const char c : frac) d.mantissa = d.mantissa * 10 + (c - '0');
  if (d.mantissa > kMaxMantissa) {
    error = FixedError::TooLarge;
    return std::nullopt;
  }
  if (negative) d.mantissa = -d.mantissa;
  return d;
}

}  // namespace

double Decimal::to_double() const { return static_cast<double>(mantissa) / std::pow(10.0, scale); }

std::optional<double> Value::number() const {
  switch (kind) {
    case ValueKind::Integer: return static_cast<double>(integer);
    case ValueKind::Amount: return static_cast<double>(integer) / 100.0;
    case ValueKind::Decimal: return decimal.to_double();
    default: return std::nullopt;
  }
}

std::string Value::canonical() const {
  switch (kind) {
    case ValueKind::Text: return text;
    case ValueKind::Integer: return std::to_string(integer);
    case ValueKind::Amount: {
      char buf[40];
      const std::int64_t a = integer < 0 ? -integer : integer;
      std::snprintf(buf, sizeof buf, "%s%lld.%02lld", integer < 0 ? "-" : "", static_cast<long long>(a / 100),
                    static_cast<long long>(a % 100));
      return buf;
    }
    case ValueKind::Decimal: {
      // Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) on string inserts here.
      const std::string digits = std::to_string(decimal.mantissa < 0 ? -decimal.mantissa : decimal.mantissa);
      const std::size_t scale = decimal.scale > 0 ? static_cast<std::size_t>(decimal.scale) : 0;
      std::string out = decimal.mantissa < 0 ? "-" : "";
      if (scale == 0) return out.append(digits);
      const std::string padded = digits.size() <= scale ? std::string(scale + 1 - digits.size(), '0').append(digits) : digits;
      out.append(padded, 0, padded.size() - scale).append(".").append(padded, padded.size() - scale, scale);
      return out;
    }
    case ValueKind::Date: {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
      return buf;
    }
    case ValueKind::Bool: return boolean ? "oui" : "non";
    case ValueKind::Choice: {
      std::string s;
      for (const auto& c : choices) s += (s.empty() ? "" : " ") + c;
      return s;
    }
    case ValueKind::None: break;
  }
  return {};
}

std::optional<std::int64_t> try_parse_integer(std::string_view s, std::string& error) {
  if (!well_grouped(trim(s))) {
    error = kBadGrouping;
    return std::nullopt;
  }
  const std::string t = strip_group_spaces(trim(s));
  if (t.empty()) {
    error = "nombre entier attendu";
    return std::nullopt;
  }
  FixedError why = FixedError::None;
  auto d = parse_fixed(t, 0, why);
  if (!d) {
    // Keep « nombre trop grand »: only a shape error becomes « entier attendu ».
    if (why == FixedError::TooLarge) {
      error = fixed_error_text(why, 0);
      return std::nullopt;
    }
    if (t.find_first_of(".,") != std::string::npos) error = "nombre entier attendu, sans décimales";
    else error = "nombre entier attendu";
    return std::nullopt;
  }
  if (d->mantissa < 0) {
    error = "nombre négatif : un effectif ou un nombre d’heures est positif";
    return std::nullopt;
  }
  return d->mantissa;
}

std::optional<Decimal> try_parse_decimal(std::string_view s, std::string& error) {
  if (!well_grouped(trim(s))) {
    error = kBadGrouping;
    return std::nullopt;
  }
  const std::string t = strip_group_spaces(trim(s));
  FixedError why = FixedError::None;
  auto d = parse_fixed(t, 4, why);
  if (!d) {
    error = why == FixedError::NotANumber ? "nombre décimal attendu (par exemple 4,5)" : fixed_error_text(why, 4);
    return std::nullopt;
  }
  if (d->mantissa < 0) {
    error = "nombre négatif";
    return std::nullopt;
  }
  return d;
}

std::optional<std::int64_t> try_parse_amount_cents(std::string_view s, std::string& error) {
  std::string_view bare = trim(s);
  for (const std::string_view suffix : {"€", "EUR", "euros", "euro"})
    if (bare.ends_with(suffix)) {
      bare = trim(bare.substr(0, bare.size() - suffix.size()));
      break;
    }
  if (!well_grouped(bare)) {
    error = kBadGrouping;
    return std::nullopt;
  }
  std::string t = strip_group_spaces(trim(s));
  for (const std::string_view suffix : {"€", "EUR", "euros", "euro"}) {
    if (t.size() >= suffix.size() && t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) {
      t.erase(t.size() - suffix.size());
      break;
    }
  }
  // « 2.758,28 »: dots before a decimal comma group thousands, by three like
  // spaces (« 1.2.3,4 » is a typo, not 123,4).
  const std::size_t comma = t.rfind(',');
  if (comma != std::string::npos && t.find('.') != std::string::npos && t.find('.') < comma) {
    std::string whole;
    std::size_t group = 0, groups = 0;
    bool well = true;
    for (std::size_t i = 0; i < comma; ++i) {
      if (t[i] == '.') {
        if ((groups == 0 && (group == 0 || group > 3)) || (groups > 0 && group != 3)) well = false;
        ++groups;
        group = 0;
      } else {
        whole += t[i];
        if (t[i] != '-' && t[i] != '+') ++group;
      }
    }
    if (!well || group != 3) {
      error = kBadDotGrouping;
      return std::nullopt;
    }
    t = whole + t.substr(comma);
  }
  FixedError why = FixedError::None;
  auto d = parse_fixed(t, 2, why);
  if (!d) {
    if (why == FixedError::NotANumber) error = "montant attendu (par exemple 2 758,28 €)";
    else if (why == FixedError::TooManyDecimals) error = "un montant a deux décimales au plus (les centimes)";
    else error = fixed_error_text(why, 2);
    return std::nullopt;
  }
  if (d->mantissa < 0) {
    error = "montant négatif";
    return std::nullopt;
  }
  std::int64_t cents = d->mantissa;
  for (int i = d->scale; i < 2; ++i) cents *= 10;
  return cents;
}

bool is_valid_date(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max;
}

std::int64_t days_from_civil(const CivilDate& d) {
  // Howard Hinnant's algorithm: proleptic Gregorian calendar.
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<CivilDate> try_parse_date(std::string_view s, std::string& error) {
  s = trim(s);
  CivilDate d;
  const auto num = [](std::string_view part, int& out) {
    if (!all_digits(part)) return false;
    out = 0;
    for (const char c : part) out = out * 10 + (c - '0');
    return true;
  };
  bool shape = false;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    shape = num(s.substr(0, 4), d.year) && num(s.substr(5, 2), d.month) && num(s.substr(8, 2), d.day);
  } else {
    const std::size_t a = s.find('/'), b = s.find('/', a == std::string_view::npos ? a : a + 1);
    if (a != std::string_view::npos && b != std::string_view::npos && a >= 1 && a <= 2 && b - a - 1 >= 1 &&
        b - a - 1 <= 2 && s.size() - b - 1 == 4)
      shape = num(s.substr(0, a), d.day) && num(s.substr(a + 1, b - a - 1), d.month) && num(s.substr(b + 1), d.year);
  }
  if (!shape) {
    error = "date attendue au format 2025-06-30 ou 30/06/2025";
    return std::nullopt;
  }
  if (!is_valid_date(d.year, d.month, d.day)) {
    error = "date impossible";
    return std::nullopt;
  }
  return d;
}

std::optional<bool> try_parse_yesno(std::string_view s, std::string& error) {
  std::string t(trim(s));
  for (char& c : t)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (t == "oui" || t == "true" || t == "1") return true;
  if (t == "non" || t == "false" || t == "0") return false;
  error = "oui ou non attendu";
  return std::nullopt;
}

std::optional<std::string> try_parse_email(std::string_view s, std::string& error) {
  s = trim(s);
  const std::size_t at = s.find('@');
  const bool ok = at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos &&
                  s.find_first_of(" \t\n,;<>") == std::string_view::npos &&
                  s.find('.', at + 2) != std::string_view::npos && s.back() != '.';
  if (!ok) {
    error = "adresse électronique attendue (nom@exemple.fr)";
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::string> try_parse_phone(std::string_view s, std::string& error) {
  s = trim(s);
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')') {
      continue;
    } else if (s.substr(i, 2) == "\u00a0") {
      ++i;
    } else if (s.substr(i, 3) == "\u202f") {
      i += 2;
    } else {
      error = "numéro de téléphone attendu (05 53 12 34 56)";
      return std::nullopt;
    }
  }
  static const std::string kNbsp = "\u00a0";
  const auto pairs = [&](std::string_view d) {
    std::string out;
    for (std::size_t i = 0; i < d.size(); i += 2) {
      if (i) out += kNbsp;
      out.append(d.substr(i, 2));
    }
    return out;
  };
  if (plus && digits.starts_with("33")) {
    std::string national = digits.substr(2);
    if (national.starts_with("0")) national.erase(0, 1);  // « +33 (0)5 … »
    if (national.size() == 9) return "+33" + kNbsp + national.substr(0, 1) + kNbsp + pairs(national.substr(1));
  } else if (plus && digits.size() >= 8 && digits.size() <= 15) {
    return "+" + digits;
  } else if (!plus && digits.size() == 10 && digits[0] == '0') {
    return pairs(digits);
  }
  error = "numéro de téléphone attendu : 10 chiffres commençant par 0 (05 53 12 34 56) ou +33…";
  return std::nullopt;
}

namespace {

// The characters of an identifier typed with grouping spaces (« 732 829 320 »),
// or nullopt when something else than spaces, digits (and, for a code Insee,
// letters) is in it.
std::optional<std::string> identifier_chars(std::string_view s, bool letters) {
  std::string out = strip_group_spaces(trim(s));
  for (char& c : out) {
    if (c >= '0' && c <= '9') continue;
    if (letters && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (letters && c >= 'A' && c <= 'Z') continue;
    return std::nullopt;
  }
  return out;
}

// The Luhn key (INSEE's « clé 1-2 »): from the right, every second digit is
// doubled (9 taken off when above 9); the sum is a multiple of 10.
bool luhn_ok(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, twice = !twice) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

constexpr std::string_view kLaPosteSiren = "356000000";

// Two digits a code postal or a code Insee may start with besides the overseas
// 97 and 98: departments 01 to 95 (20: Corsica's codes postaux).
bool department_digits(std::string_view two) { return two >= "01" && two <= "95"; }

std::string given_count(std::size_t n) { return std::to_string(n) + (n > 1 ? " donnés" : " donné"); }

}  // namespace

std::optional<std::string> try_parse_siret(std::string_view s, std::string& error) {
  const auto digits = identifier_chars(s, false);
  if (!digits || digits->size() != 14) {
    error = "numéro SIRET attendu : 14 chiffres (732 829 320 00074)";
    if (digits) error += ", " + given_count(digits->size());
    return std::nullopt;
  }
  // La Poste's establishments share one SIREN: their NIC has another key (INSEE).
  const bool la_poste = digits->starts_with(kLaPosteSiren);
  int digit_sum = 0;
  for (const char c : *digits) digit_sum += c - '0';
  if (!luhn_ok(*digits) && !(la_poste && digit_sum % 5 == 0)) {
    error = la_poste ? "clé de contrôle du SIRET fausse (La Poste : la somme des chiffres est un multiple de 5) : un chiffre est sans doute mal recopié"
                     : "clé de contrôle du SIRET fausse (formule de Luhn) : un chiffre est sans doute mal recopié";
    return std::nullopt;
  }
  return digits;
}

std::optional<std::string> try_parse_siren(std::string_view s, std::string& error) {
  const auto digits = identifier_chars(s, false);
  if (!digits || digits->size() != 9) {
    error = "numéro SIREN attendu : 9 chiffres (732 829 320)";
    if (digits) error += ", " + given_count(digits->size());
    return std::nullopt;
  }
  if (!luhn_ok(*digits)) {
    error = "clé de contrôle du SIREN fausse (formule de Luhn) : un chiffre est sans doute mal recopié";
    return std::nullopt;
  }
  return digits;
}

std::optional<std::string> try_parse_postcode(std::string_view s, std::string& error) {
  const auto digits = identifier_chars(s, false);
  if (!digits || digits->size() != 5) {
    error = "code postal attendu : 5 chiffres (73000)";
    if (digits) error += ", " + given_count(digits->size());
    return std::nullopt;
  }
  const std::string_view two = std::string_view(*digits).substr(0, 2);
  if (!department_digits(two) && two != "97" && two != "98") {
    error = "code postal impossible : aucun ne commence par " + std::string(two);
    return std::nullopt;
  }
  return digits;
}

std::optional<std::string> try_parse_insee(std::string_view s, std::string& error) {
  const auto chars = identifier_chars(s, true);
  const auto digits_from = [&](std::size_t i) {
    return std::all_of(chars->begin() + static_cast<std::ptrdiff_t>(i), chars->end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const bool corsica = chars && chars->size() == 5 && (chars->starts_with("2A") || chars->starts_with("2B"));
  if (!chars || chars->size() != 5 || !(corsica ? digits_from(2) : digits_from(0))) {
    error = "code Insee attendu : 5 chiffres, ou 2A ou 2B et 3 chiffres en Corse (73065, 2A004)";
    return std::nullopt;
  }
  const std::string_view two = std::string_view(*chars).substr(0, 2);
  if (two == "20") {
    error = "code Insee de Corse attendu avec 2A ou 2B (2A004), pas 20 : c’est le code postal qui commence par 20";
    return std::nullopt;
  }
  if (!corsica && !department_digits(two) && two != "97" && two != "98") {
    error = "code Insee impossible : aucun ne commence par " + std::string(two);
    return std::nullopt;
  }
  return chars;
}

std::optional<std::string> postal_department(std::string_view code) {
  if (code.size() < 2) return std::nullopt;
  const std::string_view two = code.substr(0, 2);
  if (two == "2A" || two == "2B" || two == "20") return std::string("20");
  if (two == "97" || two == "98") {
    if (code.size() < 3 || code[2] < '0' || code[2] > '9') return std::nullopt;
    return std::string(code.substr(0, 3));
  }
  if (!(two[0] >= '0' && two[0] <= '9' && two[1] >= '0' && two[1] <= '9') || !department_digits(two)) return std::nullopt;
  return std::string(two);
}

}  // namespace bilan::data

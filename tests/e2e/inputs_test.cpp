// The bad-input corpus (tests/inputs/): every NN-name.xml is an odd or broken answer
// file, NN-name.expected the exit code and the exact stderr of `bilan check` on it, run
// from the repository root so that paths read tests/inputs/NN-name.xml.
// For each file: the text run matches the expectation; `fill` writes a PDF exactly when
// the check passes and leaves nothing behind when it fails; `--format json` is valid JSON
// holding the same diagnostics as the text run. Plus the size limits: a 100 MB (sparse)
// file is refused, a 2 MB answer fills hundreds of pages.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.hpp"
#include "support/test_support.hpp"

namespace bilan {
namespace {

namespace fs = std::filesystem;
using testing::bilan_binary;
using testing::run;

// Corpus files whose expectation states what the engine SHOULD print, and that the
// engine does not print yet. They are skipped; remove an entry when its bug is fixed
// (the skip message says when a file passes again).
const std::set<std::string> kKnownFailures = {
    // Empty: every file of the corpus passes. Add « NN-name » here, with a comment saying
    // what bilan does wrong, when a new case documents a bug not yet fixed.
};

std::string root() { return testing::source_dir(); }
std::string inputs_dir() { return testing::source_path("tests/inputs"); }

std::vector<std::string> corpus_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(inputs_dir(), ec))
    if (e.is_regular_file() && e.path().extension() == ".xml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `bilan ARGS…` with the repository root as working directory.
testing::CommandResult bilan_in_root(const std::vector<std::string>& args) {
  std::string command = "cd " + shell_quote(root()) + " && exec " + shell_quote(bilan_binary());
  for (const auto& a : args) command += " " + shell_quote(a);
  return run({"sh", "-c", command});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct Expectation {
  int exit_code = -1;
  std::string err;
};

Expectation read_expectation(const std::string& name) {
  const std::string text = testing::read_text(inputs_dir() + "/" + name + ".expected");
  const std::size_t eol = text.find('\n');
  const std::string first = text.substr(0, eol);
  if (!first.starts_with("exit: ")) throw std::runtime_error(name + ".expected: first line must be « exit: N »");
  Expectation e;
  e.exit_code = std::stoi(first.substr(6));
  e.err = eol == std::string::npos ? "" : text.substr(eol + 1);
  return e;
}

std::string input_arg(const std::string& name) { return "tests/inputs/" + name + ".xml"; }

// ---------------------------------------------------------------------------------------
// A strict JSON reader (RFC 8259): no trailing commas, no comments, no single quotes,
// no leading zeros, no control characters or invalid UTF-8 in strings, no lone
// surrogates, no duplicate keys, nothing after the value. Throws on any deviation.

struct Json {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Json> array;
  std::vector<std::pair<std::string, Json>> object;

  const Json* find(std::string_view key) const {
    for (const auto& [k, v] : object)
      if (k == key) return &v;
    return nullptr;
  }
};

class JsonReader {
 public:
  static Json parse(std::string_view text) {
    JsonReader r(text);
    r.skip_spaces();
    Json v = r.value(0);
    r.skip_spaces();
    if (r.i_ != r.s_.size()) r.fail("texte après la valeur");
    return v;
  }

 private:
  explicit JsonReader(std::string_view s) : s_(s) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("JSON invalide à l’octet " + std::to_string(i_) + " : " + what);
  }
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }
  void expect(char c) {
    if (peek() != c) fail(std::string("« ") + c + " » attendu");
    ++i_;
  }
  void skip_spaces() {
    while (!at_end() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  void literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) fail("littéral inconnu");
    i_ += word.size();
  }

  Json value(int depth) {
    if (depth > 64) fail("imbrication trop profonde");
    Json v;
    switch (peek()) {
      case '{': object(v, depth); break;
      case '[': array(v, depth); break;
      case '"':
        v.kind = Json::Kind::String;
        v.string = string();
        break;
      case 't':
        literal("true");
        v.kind = Json::Kind::Bool;
        v.boolean = true;
        break;
      case 'f':
        literal("false");
        v.kind = Json::Kind::Bool;
        break;
      case 'n': literal("null"); break;
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
          v.kind = Json::Kind::Number;
          v.number = number();
        } else {
          fail("valeur attendue");
        }
    }
    return v;
  }

  void object(Json& v, int depth) {
    v.kind = Json::Kind::Object;
    expect('{');
    skip_spaces();
    if (peek() == '}') {
      ++i_;
      return;
    }
    for (;;) {
      skip_spaces();
      if (peek() != '"') fail("clé entre guillemets attendue");
      std::string key = string();
      if (v.find(key)) fail("clé « " + key + " » en double");
      skip_spaces();
      expect(':');
      skip_spaces();
      Json item = value(depth + 1);
      v.object.emplace_back(std::move(key), std::move(item));
      skip_spaces();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      expect('}');
      return;
    }
  }

  void array(Json& v, int depth) {
    v.kind = Json::Kind::Array;
    expect('[');
    skip_spaces();
    if (peek() == ']') {
      ++i_;
      return;
    }
    for (;;) {
      skip_spaces();
      v.array.push_back(value(depth + 1));
      skip_spaces();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      expect(']');
      return;
    }
  }

  unsigned hex4() {
    unsigned u = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = peek();
      u <<= 4;
      if (c >= '0' && c <= '9') u |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') u |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') u |= static_cast<unsigned>(c - 'A' + 10);
      else fail("4 chiffres hexadécimaux attendus après \\u");
      ++i_;
    }
    return u;
  }

  static void append_utf8(std::string& out, char32_t cp) { utf8::append(out, cp); }

  // One UTF-8 sequence, checked: no overlong forms, no surrogates, at most U+10FFFF.
  void utf8_sequence(std::string& out) {
    const auto b0 = static_cast<unsigned char>(s_[i_]);
    int extra = 0;
    char32_t cp = 0, min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      extra = 1, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      extra = 2, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      extra = 3, cp = b0 & 0x07, min = 0x10000;
    } else {
      fail("UTF-8 invalide");
    }
    if (i_ + static_cast<std::size_t>(extra) >= s_.size()) fail("UTF-8 tronqué");
    for (int k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(s_[i_ + static_cast<std::size_t>(k)]);
      if ((b & 0xC0) != 0x80) fail("UTF-8 invalide");
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("UTF-8 invalide");
    out.append(s_.substr(i_, static_cast<std::size_t>(extra) + 1));
    i_ += static_cast<std::size_t>(extra) + 1;
  }

  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (at_end()) fail("chaîne non terminée");
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c < 0x20) fail("caractère de contrôle dans une chaîne");
      if (c >= 0x80) {
        utf8_sequence(out);
        continue;
      }
      ++i_;
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      const char e = peek();
      ++i_;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          char32_t cp = hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail("demi-code de substitution isolé");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(i_, 2) != "\\u") fail("demi-code de substitution isolé");
            i_ += 2;
            const char32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("demi-code de substitution isolé");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: fail("échappement inconnu");
      }
    }
  }

  double number() {
    const std::size_t start = i_;
    if (peek() == '-') ++i_;
    auto digits = [&] {
      const std::size_t from = i_;
      while (peek() >= '0' && peek() <= '9') ++i_;
      if (i_ == from) fail("chiffre attendu");
    };
    if (peek() == '0') {
      ++i_;
      if (peek() >= '0' && peek() <= '9') fail("zéro en tête");
    } else {
      digits();
    }
    if (peek() == '.') {
      ++i_;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      digits();
    }
    return std::strtod(std::string(s_.substr(start, i_ - start)).c_str(), nullptr);
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

bool is_valid_json(std::string_view text) {
  try {
    JsonReader::parse(text);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

TEST(JsonReader, IsStrict) {
  for (const char* good : {"{}", "[]", " {\"a\": [1, -2.5e3, 0, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\"]} ",
                           "\"é😀\"", "0.5", "{\"a\": {\"b\": []}}"})
    EXPECT_TRUE(is_valid_json(good)) << good;
  for (const char* bad : {"", "{", "{\"a\": 1,}", "[1, 2,]", "{'a': 1}", "{\"a\" 1}", "{a: 1}", "[01]", "[1.]", "[.5]",
                          "[+1]", "[NaN]", "\"\t\"", "\"\\x41\"", "\"\\ud83d\"", "\"\\ude00\"", "{} {}", "[1] x",
                          "{\"a\": 1, \"a\": 2}", "\"\xE9\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "// c\n{}", "[tru]"})
    EXPECT_FALSE(is_valid_json(bad)) << bad;
  EXPECT_EQ(JsonReader::parse("\"\\u00e9\\ud83d\\ude00\"").string, "é😀");
}

// ---------------------------------------------------------------------------------------
// The corpus

TEST(InputsCorpus, IsCompleteAndNumbered) {
  const auto names = corpus_names();
  EXPECT_GE(names.size(), 70u);
  std::set<std::string> numbers;
  for (const std::string& n : names) {
    ASSERT_GE(n.size(), 4u) << n;
    const std::size_t digits = n.find_first_not_of("0123456789");
    EXPECT_TRUE((digits == 2 || digits == 3) && n[digits] == '-') << n << ": names are NN-short-name or NNN-short-name";
    EXPECT_TRUE(numbers.insert(n.substr(0, digits)).second) << n << ": number used twice";
    EXPECT_TRUE(fs::exists(inputs_dir() + "/" + n + ".expected")) << n << ".expected is missing";
  }
  for (const auto& e : fs::directory_iterator(inputs_dir())) {
    if (e.path().extension() == ".expected") {
      EXPECT_TRUE(fs::exists(fs::path(e.path()).replace_extension(".xml"))) << e.path() << " has no .xml";
    }
  }
  for (const auto& k : kKnownFailures)
    EXPECT_TRUE(std::find(names.begin(), names.end(), k) != names.end()) << "kKnownFailures names a missing file: " << k;
}

class Inputs : public ::testing::TestWithParam<std::string> {};

bool known_failure(const std::string& name) { return kKnownFailures.count(name) > 0; }

TEST_P(Inputs, CheckPrintsTheExpectedDiagnostics) {
  const std::string name = GetParam();
  const Expectation want = read_expectation(name);
  const auto r = bilan_in_root({"check", input_arg(name)});
  if (known_failure(name)) {
    const bool passes = r.exit_code == want.exit_code && r.err == want.err;
    GTEST_SKIP() << "known engine bug: " << name
                 << (passes ? " — it PASSES now: remove it from kKnownFailures in tests/e2e/inputs_test.cpp" : "")
                 << "\nexpected (exit " << want.exit_code << "):\n" << want.err << "actual (exit " << r.exit_code
                 << "):\n" << r.err;
  }
  EXPECT_EQ(r.exit_code, want.exit_code) << r.err;
  EXPECT_EQ(r.err, want.err);
  EXPECT_EQ(r.out, "") << "check writes its diagnostics on stderr only";
}

TEST_P(Inputs, FillWritesAPdfExactlyWhenTheCheckPasses) {
  const std::string name = GetParam();
  const Expectation want = read_expectation(name);
  if (known_failure(name)) GTEST_SKIP() << "known engine bug: " << name << " (see kKnownFailures)";
  const std::string dir = testing::temp_dir();
  const std::string pdf = dir + "/" + name + ".pdf";
  const auto r = bilan_in_root({"fill", input_arg(name), "-o", pdf});
  EXPECT_EQ(r.exit_code, want.exit_code) << r.err;
  EXPECT_EQ(r.err, want.err) << "fill reports what check reports";
  if (want.exit_code == 0) {
    ASSERT_EQ(files_in(dir), std::vector<std::string>{name + ".pdf"}) << "the PDF and nothing else";
    const std::string bytes = testing::read_text(pdf);
    EXPECT_TRUE(bytes.starts_with("%PDF-")) << bytes.substr(0, 16);
    EXPECT_NE(bytes.find("%%EOF", bytes.size() > 32 ? bytes.size() - 32 : 0), std::string::npos);
  } else {
    EXPECT_EQ(files_in(dir), std::vector<std::string>{}) << "no PDF and no temporary file after a failed fill";
  }
}

// Independent of the expectations: the JSON run reports the text run's diagnostics.
TEST_P(Inputs, JsonHoldsTheSameDiagnosticsAsText) {
  const std::string name = GetParam();
  const auto text = bilan_in_root({"check", input_arg(name)});
  const auto json = bilan_in_root({"check", "--format", "json", input_arg(name)});
  EXPECT_EQ(json.exit_code, text.exit_code);
  EXPECT_EQ(json.err, "") << "with --format json, diagnostics go to stdout only";
  Json doc;
  try {
    doc = JsonReader::parse(json.out);
  } catch (const std::runtime_error& e) {
    FAIL() << e.what() << "\n" << json.out;
  }
  ASSERT_EQ(doc.kind, Json::Kind::Object) << json.out;
  const Json* errors = doc.find("errors");
  const Json* warnings = doc.find("warnings");
  const Json* diagnostics = doc.find("diagnostics");
  ASSERT_TRUE(errors && errors->kind == Json::Kind::Number) << json.out;
  ASSERT_TRUE(warnings && warnings->kind == Json::Kind::Number) << json.out;
  ASSERT_TRUE(diagnostics && diagnostics->kind == Json::Kind::Array) << json.out;

  const auto text_lines = lines_of(text.err);
  ASSERT_EQ(diagnostics->array.size(), text_lines.size()) << json.out << "\n" << text.err;
  int n_errors = 0, n_warnings = 0;
  for (std::size_t i = 0; i < text_lines.size(); ++i) {
    const Json& d = diagnostics->array[i];
    ASSERT_EQ(d.kind, Json::Kind::Object);
    for (const char* key : {"file", "severity", "code", "field", "message"}) {
      const Json* v = d.find(key);
      ASSERT_TRUE(v && v->kind == Json::Kind::String) << key << " in " << json.out;
    }
    for (const char* key : {"line", "column"}) {
      const Json* v = d.find(key);
      ASSERT_TRUE(v && v->kind == Json::Kind::Number && v->number >= 0 && v->number == std::floor(v->number))
          << key << " in " << json.out;
    }
    EXPECT_FALSE(d.find("code")->string.empty());
    const std::string& severity = d.find("severity")->string;
    ASSERT_TRUE(severity == "error" || severity == "warning") << severity;
    (severity == "error" ? n_errors : n_warnings)++;
    // The same diagnostic as the text line, field by field.
    const auto line = static_cast<long>(d.find("line")->number);
    const auto column = static_cast<long>(d.find("column")->number);
    std::string rebuilt = d.find("file")->string;
    if (line > 0) rebuilt += ":" + std::to_string(line) + ":" + std::to_string(column);
    rebuilt += std::string(": ") + (severity == "error" ? "erreur" : "avertissement") + ": " + d.find("message")->string;
    EXPECT_EQ(rebuilt, text_lines[i]);
  }
  EXPECT_EQ(errors->number, n_errors);
  EXPECT_EQ(warnings->number, n_warnings);
}

std::string param_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Inputs, ::testing::ValuesIn(corpus_names()), param_name);

// ---------------------------------------------------------------------------------------
// Sizes: generated at run time, never committed.

TEST(InputSize, FileOverTheLimitIsRefused) {
  const std::string dir = testing::temp_dir();
  const std::string path = dir + "/enorme.xml";
  // A well-formed start, then 100 MB of holes: only the size is wrong.
  testing::write_text(path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"clas-2024-2025\">\n");
  const int fd = ::open(path.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, off_t{100} << 20), 0);
  ::close(fd);
  ASSERT_EQ(fs::file_size(path), std::uintmax_t{100} << 20);

  for (const char* command : {"check", "fill"}) {
    const auto r = run({bilan_binary(), command, path});
    EXPECT_EQ(r.exit_code, 1) << command << ": " << r.err;
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_EQ(r.err, path + ": erreur: lecture impossible : fichier trop volumineux (104\u202F857\u202F600 octets ; "
                            "limite : 67\u202F108\u202F864 octets)\n");
  }
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"enorme.xml"}) << "no PDF";
}

TEST(InputSize, TwoMegabyteAnswerFillsHundredsOfPages) {
  const std::string dir = testing::temp_dir();
  const std::string path = dir + "/long.xml";
  const std::string paragraph =
      "Les enfants du collectif ont travaillé la lecture à voix haute, la compréhension des consignes et "
      "l’organisation du cartable ; les parents ont été invités chaque jeudi à un temps d’échange « autour du "
      "goûter », animé par la référente famille, avec 12,5 % de présents en plus qu’en 2023-2024.";
  const std::vector<std::string> fields = {"objectifs_atteints", "deroulement", "bilan_global", "difficultes",
                                           "territoire_articulations", "territoire_acteurs", "nouveautes"};
  const std::size_t target = std::size_t{2} << 20;
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"clas-2024-2025\" department=\"47\">\n"
      "  <answer field=\"structure\">Association Lire et Grandir</answer>\n"
      "  <answer field=\"referent\">Thomas Nguyen</answer>\n"
      "  <answer field=\"intitule\">Accompagnement à la scolarité</answer>\n";
  const std::size_t per_field = target / fields.size() + 1;
  for (const auto& field : fields) {
    xml += "  <answer field=\"" + field + "\">\n";
    const std::size_t start = xml.size();
    for (int i = 1; xml.size() - start < per_field; ++i) {
      xml += "    " + std::to_string(i) + ". " + paragraph + "\n";
      if (i % 7 == 0) xml += "    - une puce, pour varier la mise en page\n";
      xml += "\n";
    }
    xml += "  </answer>\n";
  }
  xml += "</bilan>\n";
  ASSERT_GE(xml.size(), target);
  testing::write_text(path, xml);

  const auto check = run({bilan_binary(), "check", path});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.err, "");
  const std::string pdf = dir + "/long.pdf";
  const auto fill = run({bilan_binary(), "fill", path, "-o", pdf});
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  const auto info = run({"pdfinfo", pdf});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  const std::size_t at = info.out.find("Pages:");
  ASSERT_NE(at, std::string::npos) << info.out;
  const int pages = std::atoi(info.out.c_str() + at + 6);
  EXPECT_GT(pages, 100) << info.out;
}

}  // namespace
}  // namespace bilan

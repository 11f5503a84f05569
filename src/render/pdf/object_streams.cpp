#include "render/pdf/object_streams.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/big_endian.hpp"
#include "core/error.hpp"

namespace bilan::render::detail {
namespace {

[[noreturn]] void fail(std::string_view what, std::size_t at) {
  // libharu's output is bilan's own: what it never writes is a bug, not bad input.
  throw InternalError("écriture PDF : " + std::string(what) + " à l’octet " + std::to_string(at) + " de la sortie de libharu");
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delimiter(char c) { return c != '\0' && std::strchr("()<>[]{}/%", c) != nullptr; }
bool is_regular(char c) { return !is_space(c) && !is_delimiter(c); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Just enough of PDF's syntax to find where a value ends: libharu's output
// has no comments after the header and no streams inside values.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::size_t skip_space(std::size_t p) const {
    while (p < s_.size() && is_space(s_[p])) ++p;
    return p;
  }

  bool starts_with(std::size_t p, std::string_view word) const { return s_.substr(std::min(p, s_.size())).starts_with(word); }

  // The end of the value starting at p (spaces skipped first).
  std::size_t skip_value(std::size_t p, int depth = 0) const {
    if (depth > 64) fail("imbrication trop profonde", p);
    p = skip_space(p);
    if (p >= s_.size()) fail("valeur attendue", p);
    const char c = s_[p];
    if (c == '/') return regular_end(p + 1);
    if (c == '(') return literal_string_end(p);
    if (c == '<' && starts_with(p, "<<")) {
      for (p += 2;;) {
        p = skip_space(p);
        if (starts_with(p, ">>")) return p + 2;
        p = skip_value(p, depth + 1);
      }
    }
    if (c == '<') {
      const std::size_t close = s_.find('>', p);
      if (close == std::string_view::npos) fail("chaîne hexadécimale non fermée", p);
      return close + 1;
    }
    if (c == '[') {
      for (++p;;) {
        p = skip_space(p);
        if (p < s_.size() && s_[p] == ']') return p + 1;
        p = skip_value(p, depth + 1);
      }
    }
    if (is_digit(c) || c == '-' || c == '+' || c == '.') {
      const std::size_t end = regular_end(p);
      // `N G R`: an indirect reference is one value.
      const std::size_t g = skip_space(end);
      if (g > end && g < s_.size() && is_digit(s_[g])) {
        const std::size_t g_end = regular_end(g);
        const std::size_t r = skip_space(g_end);
        if (r > g_end && r < s_.size() && s_[r] == 'R' && (r + 1 == s_.size() || !is_regular(s_[r + 1]))) return r + 1;
      }
      return end;
    }
    if (is_regular(c)) return regular_end(p);  // true, false, null
    fail("valeur inattendue", p);
  }

 private:
  std::size_t regular_end(std::size_t p) const {
    while (p < s_.size() && is_regular(s_[p])) ++p;
    return p;
  }
  std::size_t literal_string_end(std::size_t p) const {
    int depth = 0;
    for (; p < s_.size(); ++p) {
      if (s_[p] == '\\') {
        ++p;
      } else if (s_[p] == '(') {
        ++depth;
      } else if (s_[p] == ')' && --depth == 0) {
        return p + 1;
      }
    }
    fail("chaîne non fermée", p);
  }

  std::string_view s_;
};

using Entries = std::vector<std::pair<std::string_view, std::string_view>>;

// The top-level entries of the dictionary starting at p.
Entries dict_entries(const Scanner& sc, std::string_view s, std::size_t p) {
  Entries out;
  p = sc.skip_space(p);
  if (!sc.starts_with(p, "<<")) fail("dictionnaire attendu", p);
  for (p += 2;;) {
    p = sc.skip_space(p);
    if (sc.starts_with(p, ">>")) return out;
    if (p >= s.size() || s[p] != '/') fail("clé de dictionnaire attendue", p);
    const std::size_t key_end = sc.skip_value(p);
    const std::size_t value_start = sc.skip_space(key_end);
    const std::size_t value_end = sc.skip_value(value_start);
    out.emplace_back(s.substr(p, key_end - p), s.substr(value_start, value_end - value_start));
    p = value_end;
  }
}

std::uint64_t parse_unsigned(std::string_view s, std::size_t at) {
  if (s.empty() || s.size() > 12) fail("nombre attendu", at);
  std::uint64_t v = 0;
  for (const char c : s) {
    if (!is_digit(c)) fail("nombre attendu", at);
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// `value` with whitespace only where two tokens would otherwise merge
// (libharu puts every entry on a line of its own); strings kept as they are.
void put_minified(std::string& out, std::string_view value) {
  bool space = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty() && is_regular(out.back()) && is_regular(c)) out += ' ';
    space = false;
    if (c == '(') {
      int depth = 0;
      for (; i < value.size(); ++i) {
        out += value[i];
        if (value[i] == '\\' && i + 1 < value.size()) {
          out += value[++i];
        } else if (value[i] == '(') {
          ++depth;
        } else if (value[i] == ')' && --depth == 0) {
          break;
        }
      }
    } else if (c == '<' && i + 1 < value.size() && value[i + 1] == '<') {
      out += "<<";
      ++i;
    } else if (c == '<') {
      for (; i < value.size() && value[i] != '>'; ++i) out += value[i];
      if (i < value.size()) out += '>';
    } else {
      out += c;
    }
  }
}

struct Object {
  std::string_view value;       // the dictionary, array or number
  std::string_view data;        // a stream's bytes (empty view when not a stream)
  bool stream = false;
  Entries dict;                 // a stream's dictionary, read once
};

struct Row {
  std::uint8_t type = 0;  // 0 free, 1 at an offset, 2 in an object stream
  std::uint64_t field2 = 0;
  std::uint64_t field3 = 0;
};

unsigned width_of(std::uint64_t v) {
  unsigned w = 1;
  while (v > 0xFF) {
    v >>= 8;
    ++w;
  }
  return w;
}


}  // namespace

std::string pack_objects(std::string_view pdf, const Deflater& deflate) {
  const Scanner sc(pdf);

  // The cross-reference table: object number → offset.
  const std::size_t startxref = pdf.rfind("startxref");
  if (startxref == std::string_view::npos) fail("startxref absent", pdf.size());
  const std::size_t xref_at_start = sc.skip_space(startxref + 9);
  const std::size_t xref_at = static_cast<std::size_t>(
      parse_unsigned(pdf.substr(xref_at_start, sc.skip_value(xref_at_start) - xref_at_start), xref_at_start));
  if (xref_at >= pdf.size() || !sc.starts_with(xref_at, "xref")) fail("table xref attendue", xref_at);
  std::map<std::uint64_t, std::size_t> offsets;
  std::size_t p = xref_at + 4;
  const auto next_token = [&](std::size_t& q) {
    const std::size_t start = sc.skip_space(q);
    q = sc.skip_value(start);
    return pdf.substr(start, q - start);
  };
  for (;;) {
    std::size_t q = p;
    const std::string_view first = next_token(q);
    if (first == "trailer") {
      p = sc.skip_space(q);
      break;
    }
    const std::uint64_t start = parse_unsigned(first, p);
    const std::uint64_t count = parse_unsigned(next_token(q), q);
    if (count > pdf.size() / 18) fail("table xref trop longue", q);
    for (std::uint64_t k = 0; k < count; ++k) {
      const std::uint64_t offset = parse_unsigned(next_token(q), q);
      const std::uint64_t gen = parse_unsigned(next_token(q), q);
      const std::string_view kind = next_token(q);
      if (kind == "n") {
        if (gen != 0 || offset >= pdf.size()) fail("entrée xref inattendue", q);
        offsets[start + k] = static_cast<std::size_t>(offset);
      } else if (kind != "f") {
        fail("entrée xref inattendue", q);
      }
    }
    p = q;
  }
  const Entries trailer = dict_entries(sc, pdf, p);

  // Every object, as libharu wrote it: `N 0 obj VALUE [stream…endstream] endobj`.
  std::map<std::uint64_t, Object> objects;
  for (const auto& [number, at] : offsets) {
    std::size_t q = at;
    if (parse_unsigned(next_token(q), at) != number || next_token(q) != "0" || next_token(q) != "obj")
      fail("en-tête d’objet inattendu", at);
    Object obj;
    const std::size_t value_start = sc.skip_space(q);
    q = sc.skip_value(value_start);
    obj.value = pdf.substr(value_start, q - value_start);
    q = sc.skip_space(q);
    if (sc.starts_with(q, "stream")) {
      q += 6;
      if (sc.starts_with(q, "\r\n")) q += 2;
      else if (sc.starts_with(q, "\n")) q += 1;
      else fail("fin de ligne attendue après stream", q);
      obj.stream = true;
      obj.data = pdf.substr(q, 0);  // its length is known once every object is read
    } else if (!sc.starts_with(q, "endobj")) {
      fail("endobj attendu", q);
    }
    objects.emplace(number, obj);
  }

  // Stream lengths: libharu writes each as an object of its own.
  std::set<std::uint64_t> length_objects;
  for (auto& [number, obj] : objects) {
    if (!obj.stream) continue;
    const std::size_t data_at = static_cast<std::size_t>(obj.data.data() - pdf.data());
    obj.dict = dict_entries(sc, pdf, static_cast<std::size_t>(obj.value.data() - pdf.data()));
    std::string_view length;
    for (const auto& [key, value] : obj.dict)
      if (key == "/Length") length = value;
    if (length.empty()) fail("/Length absent", data_at);
    std::uint64_t n = 0;
    if (length.ends_with("R")) {
      const std::uint64_t ref = parse_unsigned(length.substr(0, length.find(' ')), data_at);
      const auto it = objects.find(ref);
      if (it == objects.end() || it->second.stream) fail("/Length introuvable", data_at);
      n = parse_unsigned(it->second.value, data_at);
      length_objects.insert(ref);
    } else {
      n = parse_unsigned(length, data_at);
    }
    if (n > pdf.size() - data_at) fail("flux plus long que le fichier", data_at);
    obj.data = pdf.substr(data_at, static_cast<std::size_t>(n));
    std::size_t q = sc.skip_space(data_at + static_cast<std::size_t>(n));
    if (!sc.starts_with(q, "endstream")) fail("endstream attendu", q);
    q = sc.skip_space(q + 9);
    if (!sc.starts_with(q, "endobj")) fail("endobj attendu", q);
  }

  // The header: object and cross-reference streams are PDF 1.5.
  std::string out;
  out.reserve(pdf.size());
  if (!pdf.starts_with("%PDF-1.") || pdf.size() < 8 || !is_digit(pdf[7])) fail("en-tête %PDF attendu", 0);
  out += "%PDF-1.";
  out += std::max(pdf[7], '5');
  out += "\n%\xB7\xBE\xAD\xAA\n";

  const std::uint64_t last = objects.empty() ? 0 : objects.rbegin()->first;
  std::vector<Row> rows(static_cast<std::size_t>(last) + 1);

  for (const auto& [number, obj] : objects) {
    if (!obj.stream) continue;
    rows[number] = Row{1, out.size(), 0};
    out += std::to_string(number);
    out += " 0 obj\n<<";
    for (const auto& [key, value] : obj.dict) {
      out += key;
      out += ' ';
      if (key == "/Length") out += std::to_string(obj.data.size());
      else put_minified(out, value);
    }
    out += ">>\nstream\n";
    out += obj.data;
    out += "\nendstream\nendobj\n";
  }

  // The other objects, in object streams.
  std::vector<std::uint64_t> packed;
  for (const auto& [number, obj] : objects)
    if (!obj.stream && !length_objects.contains(number)) packed.push_back(number);
  std::uint64_t next_number = last + 1;
  for (std::size_t first = 0; first < packed.size(); first += kObjectsPerStream) {
    const std::size_t n = std::min(kObjectsPerStream, packed.size() - first);
    const std::uint64_t stream_number = next_number++;
    std::string head, body;
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint64_t number = packed[first + k];
      head += std::to_string(number);
      head += ' ';
      head += std::to_string(body.size());
      head += k + 1 < n ? ' ' : '\n';
      put_minified(body, objects.at(number).value);
      body += '\n';
      rows[number] = Row{2, stream_number, k};
    }
    std::string deflated;
    deflate(head + body, deflated);
    rows.push_back(Row{1, out.size(), 0});
    out += std::to_string(stream_number);
    out += " 0 obj\n<</Type /ObjStm/N " + std::to_string(n) + "/First " + std::to_string(head.size()) +
           "/Filter /FlateDecode/Length " + std::to_string(deflated.size()) + ">>\nstream\n";
    out += deflated;
    out += "\nendstream\nendobj\n";
  }

  // The cross-reference stream, rows predicted from the row above (PNG Up).
  const std::uint64_t xref_number = next_number++;
  const std::size_t xref_offset = out.size();
  rows.push_back(Row{1, xref_offset, 0});
  std::uint64_t max2 = 0, max3 = 0;
  for (const Row& r : rows) {
    max2 = std::max(max2, r.field2);
    max3 = std::max(max3, r.field3);
  }
  const unsigned w2 = width_of(max2), w3 = width_of(max3), columns = 1 + w2 + w3;
  std::string table, previous(columns, '\0');
  for (const Row& r : rows) {
    std::string row;
    row += static_cast<char>(r.type);
    append_be(row, r.field2, w2);
    append_be(row, r.field3, w3);
    table += '\x02';
    for (unsigned i = 0; i < columns; ++i) table += static_cast<char>(static_cast<unsigned char>(row[i]) - static_cast<unsigned char>(previous[i]));
    previous = row;
  }
  std::string deflated;
  deflate(table, deflated);
  out += std::to_string(xref_number);
  out += " 0 obj\n<</Type /XRef/Size " + std::to_string(rows.size()) + "/W [1 " + std::to_string(w2) + ' ' +
         std::to_string(w3) + ']';
  for (const auto& [key, value] : trailer) {
    if (key == "/Size" || key == "/Prev" || key == "/XRefStm") continue;
    out += key;
    out += ' ';
    put_minified(out, value);
  }
  out += "/Filter /FlateDecode/DecodeParms <</Columns " + std::to_string(columns) + "/Predictor 12>>/Length " +
         std::to_string(deflated.size()) + ">>\nstream\n";
  out += deflated;
  out += "\nendstream\nendobj\nstartxref\n" + std::to_string(xref_offset) + "\n%%EOF\n";
  return out;
}

}  // namespace bilan::render::detail

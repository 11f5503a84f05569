#include "load/xml_source.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "core/suggest.hpp"
#include "core/utf8.hpp"

namespace bilan::load::detail {
namespace {

const char* parse_status_message(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_bad_pi: return "déclaration ou instruction de traitement mal formée";
    case pugi::status_bad_comment: return "commentaire mal formé";
    case pugi::status_bad_cdata: return "section CDATA mal formée";
    case pugi::status_bad_doctype: return "déclaration DOCTYPE mal formée";
    case pugi::status_bad_pcdata: return "texte mal formé";
    case pugi::status_bad_start_element: return "balise ouvrante mal formée";
    case pugi::status_bad_attribute: return "attribut mal formé (guillemets ou « = » manquants ?)";
    case pugi::status_bad_end_element: return "balise fermante mal formée";
    case pugi::status_end_element_mismatch: return "balise fermante sans balise ouvrante correspondante";
    case pugi::status_unrecognized_tag: return "balise non reconnue (caractère « < » isolé ? écrivez &lt;)";
    case pugi::status_no_document_element: return "aucun élément racine";
    case pugi::status_append_invalid_root: return "élément racine invalide";
    case pugi::status_out_of_memory: return "mémoire insuffisante";
    default: return "XML invalide";
  }
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool looks_utf16(std::string_view b) {
  if (b.size() >= 2 && ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF'))) return true;
  // "<\0?\0" or "\0<\0?" without a byte-order mark.
  return b.size() >= 4 && ((b[0] == '<' && b[1] == '\0') || (b[0] == '\0' && b[1] == '<'));
}

struct OpenElement {
  std::string name;
  std::size_t offset = 0;  // of its '<'
};

// Past the comment, CDATA section or processing instruction that starts at
// b[i] (a '<'), or past a declaration (<!DOCTYPE …>) when `declarations`;
// `i` itself when none starts there. `end` when it is never closed.
std::size_t skip_unparsed(std::string_view b, std::size_t i, std::size_t end, bool declarations) {
  const auto skip_to = [&](std::size_t from, std::string_view close) {
    const std::size_t j = b.find(close, from);
    return j == std::string_view::npos ? end : j + close.size();
  };
  if (b.substr(i, 4) == "<!--") return skip_to(i + 4, "-->");
  if (b.substr(i, 9) == "<![CDATA[") return skip_to(i + 9, "]]>");
  if (b.substr(i, 2) == "<?") return skip_to(i + 2, "?>");
  if (declarations && b.substr(i, 2) == "<!") return skip_to(i + 2, ">");
  return i;
}

// A light scan of the raw bytes up to `end`: the elements still open there,
// for messages about unclosed tags.
struct RawScan {
  std::vector<OpenElement> open;
};

RawScan scan_raw(std::string_view b, std::size_t begin, std::size_t end) {
  RawScan r;
  std::size_t i = begin;
  while (i < end) {
    if (b[i] != '<') {
      ++i;
    } else if (const std::size_t past = skip_unparsed(b, i, end, true); past != i) {
      i = past;
    } else {
      const bool closing = i + 1 < end && b[i + 1] == '/';
      std::size_t j = i + (closing ? 2 : 1);
      const std::size_t name_start = j;
      while (j < end && !std::isspace(static_cast<unsigned char>(b[j])) && b[j] != '>' && b[j] != '/') ++j;
      const std::string name(b.substr(name_start, j - name_start));
      char quote = 0;  // inside an attribute value
      while (j < end && (quote || b[j] != '>')) {
        if (quote && b[j] == quote) quote = 0;
        else if (!quote && (b[j] == '"' || b[j] == '\'')) quote = b[j];
        ++j;
      }
      const bool self_closing = j > 0 && j < end && b[j - 1] == '/';
      if (closing) {
        if (!r.open.empty()) r.open.pop_back();
      } else if (!self_closing) {
        r.open.push_back({name, i});
      }
      i = j + 1;
    }
  }
  return r;
}

// A reference or character the XML 1.0 text forbids, found in the raw bytes:
// pugixml would silently cut the text at &#0;, keep &nom; as plain text, or
// write a surrogate. Every one is reported where the author wrote it.
struct BadCharacter {
  std::size_t offset = 0;
  std::string message;
};

std::string code_point_name(unsigned long cp) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04lX", cp);
  return code;
}

// XML 1.0 « Char »: what a document may contain, raw or as a reference.
bool is_xml_char(unsigned long cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

bool ends_name(char c) {
  return c == ';' || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || is_xml_space(c);
}

// The reference starting at b[i] == '&', when it is wrong: a character
// reference to a forbidden character, or a named entity other than XML's five.
// A lone « & » not followed by a name and « ; » is left as text, as pugixml does.
std::optional<BadCharacter> check_reference(std::string_view b, std::size_t i) {
  constexpr std::size_t kLongest = 64;  // of the reference shown in a message
  std::size_t j = i + 1;
  if (j < b.size() && b[j] == '#') {
    const bool hex = j + 1 < b.size() && (b[j + 1] == 'x' || b[j + 1] == 'X');
    std::size_t k = j + (hex ? 2 : 1);
    const std::size_t digits = k;
    unsigned long cp = 0;
    for (; k < b.size() && (hex ? std::isxdigit(static_cast<unsigned char>(b[k])) : std::isdigit(static_cast<unsigned char>(b[k]))); ++k) {
      const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(b[k])));
      const unsigned long d = c <= '9' ? static_cast<unsigned long>(c - '0') : static_cast<unsigned long>(c - 'a' + 10);
      if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + d;  // past U+10FFFF the exact value no longer matters
    }
    const bool closed = k < b.size() && b[k] == ';';
    const std::string ref = std::string(b.substr(i, std::min(k - i, kLongest))) + (closed ? ";" : "");
    if (k == digits || !closed)
      return BadCharacter{i, "XML invalide : référence de caractère « " + ref +
                                 " » mal formée ; écrivez le caractère lui-même, ou &#233; / &#xE9;"};
    if (cp > 0x10FFFF)
      return BadCharacter{i, "XML invalide : la référence « " + ref + " » dépasse U+10FFFF, le dernier caractère Unicode"};
    if (cp >= 0xD800 && cp <= 0xDFFF)
      return BadCharacter{i, "XML invalide : la référence « " + ref + " » désigne " + code_point_name(cp) +
                                 ", une moitié de paire UTF-16 et non un caractère ; écrivez le caractère lui-même"};
    if (!is_xml_char(cp))
      return BadCharacter{i, "XML invalide : la référence « " + ref + " » désigne " + code_point_name(cp) +
                                 ", caractère interdit en XML 1.0 ; supprimez-la"};
    return std::nullopt;
  }
  std::size_t k = j;
  while (k < b.size() && k - j <= kLongest && !ends_name(b[k])) ++k;
  if (k == j || k >= b.size() || b[k] != ';') return std::nullopt;
  const std::string_view name = b.substr(j, k - j);
  if (name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos") return std::nullopt;
  return BadCharacter{i, "XML invalide : entité « " + std::string(b.substr(i, k + 1 - i)) +
                             " » inconnue ; écrivez le caractère lui-même (seules &lt; &gt; &amp; &quot; &apos; existent en XML)"};
}

// Every wrong reference in text and attribute values (comments, CDATA and
// processing instructions hold no references), and every raw U+FFFE / U+FFFF.
std::vector<BadCharacter> scan_characters(std::string_view b, std::size_t begin) {
  // Both passes jump from one byte of interest to the next with find (memchr),
  // not byte by byte: the answers file is read for every document.
  std::vector<BadCharacter> out;
  for (std::size_t i = b.find('\xEF', begin); i != std::string_view::npos && i + 2 < b.size(); i = b.find('\xEF', i + 1))
    if (b[i + 1] == '\xBF' && (b[i + 2] == '\xBE' || b[i + 2] == '\xBF'))
      out.push_back({i, "caractère " + std::string(b[i + 2] == '\xBE' ? "U+FFFE" : "U+FFFF") +
                            " interdit en XML 1.0 (ce n’est pas un caractère) ; supprimez-le"});
  std::size_t next_amp = b.find('&', begin), next_lt = b.find('<', begin);
  for (std::size_t i = begin; i < b.size();) {
    // Every byte but & and < only moves on: go to the next of them.
    if (next_amp != std::string_view::npos && next_amp < i) next_amp = b.find('&', i);
    if (next_lt != std::string_view::npos && next_lt < i) next_lt = b.find('<', i);
    i = std::min(next_amp, next_lt);
    if (i == std::string_view::npos) break;
    if (b[i] == '&') {
      if (auto bad = check_reference(b, i)) out.push_back(std::move(*bad));
      ++i;
    } else if (b[i] != '<') {
      ++i;
    } else if (const std::size_t past = skip_unparsed(b, i, b.size(), false); past != i) {
      i = past;
    } else {
      ++i;  // a tag: its attribute values are scanned like text, « & » being markup in both
    }
  }
  std::sort(out.begin(), out.end(), [](const BadCharacter& x, const BadCharacter& y) { return x.offset < y.offset; });
  return out;
}

}  // namespace

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

bool XmlSource::open(const Environment& env, const std::string& path, const std::string& display_name,
                     DiagnosticSink& sink) {
  limits_ = env.limits();
  std::string data, error;
  if (!env.try_read_file(path, data, error)) {
    sink.error(SourceLoc{std::make_shared<const std::string>(display_name)}, DiagCode::UnreadableFile,
               "lecture impossible : " + error);
    return false;
  }
  return parse(std::move(data), display_name, sink);
}

bool XmlSource::parse(std::string data, const std::string& display_name, DiagnosticSink& sink) {
  raw_->bytes = std::move(data);
  raw_->index = std::make_unique<LineIndex>(display_name, raw_->bytes);
  const SourceLoc file_loc{raw_->index->file()};
  if (looks_utf16(raw_->bytes)) {
    sink.error(file_loc, DiagCode::Encoding,
               "le fichier est encodé en UTF-16 ; enregistrez-le en UTF-8");
    return false;
  }
  skip_ = raw_->bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  if (raw_->bytes.find_first_not_of(" \t\r\n", skip_) == std::string::npos) {
    sink.error(file_loc, DiagCode::EmptyFile, "le fichier est vide");
    return false;
  }
  if (auto bad = utf8::first_invalid(raw_->bytes)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(raw_->bytes[*bad]));
    sink.error(at(*bad), DiagCode::Encoding,
               "octet " + std::string(hex) + " invalide en UTF-8 à l’octet " + std::to_string(*bad) +
                   " (le fichier semble encodé en Latin-1 ou Windows-1252) ; enregistrez-le en UTF-8");
    return false;
  }
  const std::size_t nul = raw_->bytes.find('\0');
  if (nul != std::string::npos) {
    sink.error(at(nul), DiagCode::Encoding, "octet nul à l’octet " + std::to_string(nul) + " : ce n’est pas un fichier texte");
    return false;
  }
  // parse_declaration keeps <?xml …?> in the tree, so that its encoding can be checked below.
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_declaration;
  const auto result =
      doc_.load_buffer(raw_->bytes.data() + skip_, raw_->bytes.size() - skip_, options, pugi::encoding_utf8);
  if (!result) {
    std::size_t at_byte = static_cast<std::size_t>(result.offset) + skip_;
    std::string message = std::string("XML invalide : ") + parse_status_message(result.status);
    const bool truncated = raw_->bytes.find('>', at_byte) == std::string::npos &&
                           raw_->bytes.find_first_not_of(" \t\r\n", at_byte) != std::string::npos;
    const auto line_of = [&](std::size_t offset) { return std::to_string(at(offset).line); };
    if (truncated || result.status == pugi::status_end_element_mismatch) {
      // Name the element left open, from our own scan: pugixml only says where it stopped.
      const RawScan scan = scan_raw(raw_->bytes, skip_, truncated ? raw_->bytes.size() : at_byte - 2);
      const OpenElement* open = scan.open.empty() ? nullptr : &scan.open.back();
      if (truncated) {
        at_byte = raw_->bytes.size();
        message = "XML invalide : fin de fichier inattendue" +
                  (open ? ", la balise <" + open->name + "> de la ligne " + line_of(open->offset) + " n’est pas fermée" : std::string()) +
                  " (fichier tronqué ?)";
      } else {
        const std::size_t end = raw_->bytes.find_first_of("> \t\r\n", at_byte);
        const std::string name = raw_->bytes.substr(at_byte, end == std::string::npos ? 40 : std::min<std::size_t>(end - at_byte, 40));
        message = "XML invalide : la balise fermante </" + name + "> ne correspond pas à la balise ouverte" +
                  (open ? " <" + open->name + "> de la ligne " + line_of(open->offset) : std::string());
      }
    } else if ((result.status == pugi::status_unrecognized_tag || result.status == pugi::status_bad_start_element) &&
               at_byte > 0 && raw_->bytes[at_byte - 1] == '<') {
      --at_byte;  // point at the '<' itself
    }
    sink.error(at(at_byte), DiagCode::XmlSyntax, message);
    return false;
  }
  // After a successful parse, so that a syntax error is reported as such.
  if (const auto bad = scan_characters(raw_->bytes, skip_); !bad.empty()) {
    constexpr std::size_t kReported = 20;  // then one line for the rest
    for (std::size_t k = 0; k < bad.size() && k < kReported; ++k) sink.error(at(bad[k].offset), DiagCode::XmlSyntax, bad[k].message);
    if (bad.size() > kReported)
      sink.error(at(bad[kReported].offset), DiagCode::XmlSyntax,
                 "et " + std::to_string(bad.size() - kReported) + " autres références ou caractères interdits");
    return false;
  }
  // Every later stage walks the tree recursively: its depth is bounded here,
  // by an iterative walk, before anyone recurses (pugixml itself does not).
  {
    std::uint32_t depth = 0;
    pugi::xml_node n = doc_.first_child();
    while (n) {
      if (n.type() == pugi::node_element && depth + 1 > limits_.xml_depth) {
        sink.error(loc(n), DiagCode::TooDeep,
                   "imbrication trop profonde (limite : " + limit_text(limits_.xml_depth) + " niveaux)");
        return false;
      }
      if (n.first_child()) {
        n = n.first_child();
        ++depth;
        continue;
      }
      while (n && !n.next_sibling()) {
        n = n.parent();
        --depth;
      }
      if (n) n = n.next_sibling();
    }
  }
  // An XML declaration naming another encoding would make pugixml and the
  // author disagree about every accent: refuse it.
  for (auto child = doc_.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_declaration) continue;
    // XML 1.0 (fifth edition) §2.8: VersionNum ::= '1.' [0-9]+.
    if (auto ver = child.attribute("version")) {
      const std::string_view v = ver.value();
      const bool one_x = v.size() > 2 && v.substr(0, 2) == "1." &&
                         v.find_first_not_of("0123456789", 2) == std::string_view::npos;
      if (!one_x) {
        sink.error(at(attr_offset(child, "version")), DiagCode::XmlVersion,
                   "version XML « " + std::string(v) + " » non prise en charge : XML 1.x attendu (<?xml version=\"1.0\"?>)");
        return false;
      }
    }
    if (auto enc = child.attribute("encoding")) {
      std::string name = enc.value();
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (name != "UTF-8" && name != "UTF8") {
        sink.error(at(attr_offset(child, "encoding")), DiagCode::Encoding,
                   "encodage « " + std::string(enc.value()) + " » non pris en charge ; enregistrez le fichier en UTF-8");
        return false;
      }
    }
  }
  return true;
}

std::size_t XmlSource::node_offset(const pugi::xml_node& node) const {
  const std::ptrdiff_t off = node.offset_debug();
  return off < 0 ? skip_ : static_cast<std::size_t>(off) + skip_;
}

SourceLoc XmlSource::loc(const pugi::xml_node& node) const {
  std::size_t off = node_offset(node);
  // offset_debug() points at the element name; report the '<' before it, as editors do.
  if (node.type() == pugi::node_element && off > 0 && raw_->bytes[off - 1] == '<') --off;
  // A text node starts with the line break and indentation after the previous
  // tag; report its first visible character, where the author wrote it.
  if (node.type() == pugi::node_pcdata)
    while (off < raw_->bytes.size() && is_xml_space(raw_->bytes[off])) ++off;
  return at(off);
}

std::size_t XmlSource::attr_offset(const pugi::xml_node& node, const char* name) const {
  const std::size_t start = node_offset(node);
  const std::string_view wanted(name);
  // Walk the start tag attribute by attribute: a '>' or a name inside a quoted
  // value (when="nb > 3") is not markup.
  std::size_t i = start;
  while (i < raw_->bytes.size() && !is_xml_space(raw_->bytes[i]) && raw_->bytes[i] != '>' && raw_->bytes[i] != '/') ++i;  // tag name
  while (i < raw_->bytes.size()) {
    while (i < raw_->bytes.size() && is_xml_space(raw_->bytes[i])) ++i;
    if (i >= raw_->bytes.size() || raw_->bytes[i] == '>' || raw_->bytes[i] == '/' || raw_->bytes[i] == '?') break;
    const std::size_t name_start = i;
    while (i < raw_->bytes.size() && raw_->bytes[i] != '=' && !is_xml_space(raw_->bytes[i]) && raw_->bytes[i] != '>') ++i;
    const std::string_view attr(raw_->bytes.data() + name_start, i - name_start);
    while (i < raw_->bytes.size() && is_xml_space(raw_->bytes[i])) ++i;
    if (i >= raw_->bytes.size() || raw_->bytes[i] != '=') break;
    ++i;
    while (i < raw_->bytes.size() && is_xml_space(raw_->bytes[i])) ++i;
    if (i >= raw_->bytes.size() || (raw_->bytes[i] != '"' && raw_->bytes[i] != '\'')) break;
    const std::size_t close = raw_->bytes.find(raw_->bytes[i], i + 1);
    if (attr == wanted) return i + 1;
    if (close == std::string::npos) break;
    i = close + 1;
  }
  return start > 0 && raw_->bytes[start - 1] == '<' ? start - 1 : start;
}

std::size_t XmlSource::value_offset(std::size_t value_start, std::size_t inner) const {
  std::size_t raw = value_start, decoded = 0;
  while (decoded < inner && raw < raw_->bytes.size()) {
    if (raw_->bytes[raw] == '&') {
      const std::size_t semi = raw_->bytes.find(';', raw);
      if (semi != std::string::npos && semi - raw <= 12) {
        // &lt; &gt; &amp; &quot; &apos; are one byte once decoded; &#…; is its UTF-8 length.
        const std::string_view ref(raw_->bytes.data() + raw + 1, semi - raw - 1);
        std::size_t length = 1;
        if (ref.size() > 1 && ref[0] == '#') {
          const bool hex = ref[1] == 'x' || ref[1] == 'X';
          const std::string digits(ref.substr(hex ? 2 : 1));
          const unsigned long cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
          length = utf8::encode(static_cast<char32_t>(cp)).size();
        }
        decoded += length;
        raw = semi + 1;
        continue;
      }
    }
    // parse_eol makes a CR LF pair one line feed.
    if (raw_->bytes[raw] == '\r' && raw + 1 < raw_->bytes.size() && raw_->bytes[raw + 1] == '\n') ++raw;
    ++raw;
    ++decoded;
  }
  return raw;
}

void XmlSource::check_attributes(const pugi::xml_node& node, std::initializer_list<std::string_view> allowed,
                                 DiagnosticSink& sink) const {
  for (auto a : node.attributes()) {
    const std::string_view name = a.name();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    const std::vector<std::string> names(allowed.begin(), allowed.end());
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    // Point at the attribute's name: back from its value over the quote, `=` and spaces.
    const std::size_t value = attr_offset(node, a.name());
    std::size_t end = value > 0 ? value - 1 : 0;
    while (end > 0 && (is_xml_space(raw_->bytes[end - 1]) || raw_->bytes[end - 1] == '=')) --end;
    const std::size_t at = end >= name.size() ? end - name.size() : value;
    sink.error(this->at(at), DiagCode::UnknownAttribute,
               "attribut « " + std::string(name) + " » inconnu sur <" + node.name() + ">" + did_you_mean(name, names) +
                   (list.empty() ? " (aucun attribut permis)" : " ; attributs permis : " + list));
  }
}

std::function<SourceLoc(const SourceLoc&, std::string_view)> XmlSource::locator() const {
  return [raw = raw_](const SourceLoc& from, std::string_view needle) {
    const std::size_t start = from.line ? raw->index->offset(from) : 0;
    const std::size_t found = raw->bytes.find(needle, start);
    return found == std::string::npos ? SourceLoc{} : raw->index->locate(found);
  };
}

}  // namespace bilan::load::detail

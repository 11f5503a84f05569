#include "load/answers_loader.hpp"

#include <filesystem>
#include <map>

#include "core/sha256.hpp"
#include "core/suggest.hpp"
#include "core/utf8.hpp"
#include "image/decode.hpp"
#include "load/attachment_type.hpp"
#include "load/xml_source.hpp"
#include "spec/action.hpp"
#include "text/unicode.hpp"

namespace bilan::load {
namespace {

using detail::collapse_spaces;
using detail::XmlSource;

// What clean() drops: C0 controls other than tab and line ends, DEL, C1 controls.
bool is_dropped_control(char32_t cp) {
  return (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

// Whether clean() below drops anything: a C0 control other than tab and line
// ends, DEL, or a C1 control (U+0080 to U+009F, C2 80 to C2 9F in UTF-8). On
// the bytes: an ASCII byte is never part of another character, nor is C2,
// a lead byte, even in invalid UTF-8 (the decoder skips one byte at a time).
bool has_control_character(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b != 0x7F && b != 0xC2) continue;  // nearly every byte
    if ((b < 0x20 && b != '\n' && b != '\t' && b != '\r') || b == 0x7F) return true;
    if (b == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) < 0xA0)
      return true;
  }
  return false;
}

class AnswersReader {
 public:
  AnswersReader(const Environment& env, const std::string& path, DiagnosticSink& sink, NamedFiles files)
      : env_(env), path_(path), sink_(sink), files_(files) {}

  std::optional<data::AnswerSet> read(std::string bytes) {
    const std::string digest = Sha256::hex(Sha256::of(bytes));
    src_.set_limits(env_.limits());
    if (!src_.parse(std::move(bytes), path_, sink_)) return std::nullopt;
    data::AnswerSet set;
    set.path = path_;
    set.sha256 = digest;
    const auto root = src_.root();
    set.loc = src_.loc(root);
    if (std::string_view(root.name()) != "bilan") {
      sink_.error(set.loc, DiagCode::BadRoot, "élément racine <" + std::string(root.name()) +
                                           "> : un fichier de réponses commence par <bilan form=\"…\">");
      return std::nullopt;
    }
    check_attributes(root, {"form", "department", "action"});
    set.form = name_attr(root, "form");
    set.form_loc = root.attribute("form") ? src_.attr_loc(root, "form") : set.loc;
    if (set.form.empty() && !name_too_long_) sink_.error(set.loc, DiagCode::MissingAttribute, "attribut « form » manquant sur <bilan> : quel formulaire ?");
    set.department = name_attr(root, "department");
    set.department_loc = root.attribute("department") ? src_.attr_loc(root, "department") : set.loc;
    set.action = normalize_action_id(clean(collapse_spaces(root.attribute("action").value()), src_.attr_offset(root, "action")));
    set.action_loc = root.attribute("action") ? src_.attr_loc(root, "action") : set.loc;

    std::map<std::string, SourceLoc> seen;
    auto first_time = [&](const std::string& key, const SourceLoc& loc, const std::string& what, const std::string& field = {}) {
      auto [it, inserted] = seen.emplace(key, loc);
      if (!inserted) sink_.error(loc, DiagCode::DuplicateAnswer, what + " déjà donnée en " + it->second.to_string(), field);
      return inserted;
    };

    for (auto child : root.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        if (!collapse_spaces(child.value()).empty())
          sink_.error(src_.loc(child), DiagCode::UnexpectedText, "texte hors d’une réponse : écrivez-le dans <answer field=\"…\">");
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      if (!count_answer(child)) return std::nullopt;
      const std::string_view name = child.name();
      if (name == "answer") {
        check_attributes(child, {"field"});
        data::Answer a;
        a.loc = src_.loc(child);
        a.field = name_attr(child, "field");
        if (a.field.empty()) {
          if (!name_too_long_) sink_.error(a.loc, DiagCode::MissingAttribute, "attribut « field » manquant sur <answer>");
          continue;
        }
        a.value_loc = child.first_child() ? src_.loc(child.first_child()) : a.loc;
        a.text = element_text(child);
        if (first_time("answer:" + a.field, a.loc, "réponse au champ « " + a.field + " »", a.field))
          set.answers.push_back(std::move(a));
      } else if (name == "table") {
        check_attributes(child, {"field"});
        data::TableAnswer t;
        t.loc = src_.loc(child);
        t.field = name_attr(child, "field");
        if (t.field.empty()) {
          if (!name_too_long_) sink_.error(t.loc, DiagCode::MissingAttribute, "attribut « field » manquant sur <table>");
          continue;
        }
        if (!read_table(child, t)) return std::nullopt;
        if (first_time("answer:" + t.field, t.loc, "réponse au tableau « " + t.field + " »", t.field))
          set.tables.push_back(std::move(t));
      } else if (name == "signature") {
        check_attributes(child, {"name", "role", "place", "date", "stamp", "signature"});
        no_children(child);
        if (!first_time("signature", src_.loc(child), "signature")) continue;
        data::SignatureAnswer s;
        s.loc = src_.loc(child);
        auto item = [&](const char* attr) {
          data::SignatureAnswer::Item it;
          it.loc = child.attribute(attr) ? src_.attr_loc(child, attr) : s.loc;
          it.value = text::nfc(clean(collapse_spaces(child.attribute(attr).value()), src_.attr_offset(child, attr)));
          return it;
        };
        s.name = item("name");
        s.role = item("role");
        s.place = item("place");
        s.date = item("date");
        s.stamp = item("stamp");
        s.signature = item("signature");
        if (files_ == NamedFiles::Read) {
          set.stamp_image = read_image(s.stamp);
          set.signature_image = read_image(s.signature);
        }
        set.signature = std::move(s);
      } else if (name == "action") {
        no_children(child);
        if (first_time("action", src_.loc(child), "description de l’action <action>")) read_facts(child, set);
      } else if (name == "attachment") {
        check_attributes(child, {"file", "description"});
        no_children(child);
        if (files_ == NamedFiles::Read) read_attachment(child, set);
      } else {
        sink_.error(src_.loc(child), DiagCode::UnknownElement, "élément <" + std::string(name) + "> inconnu dans <bilan>").hint =
            suggestion(name, {"answer", "table", "signature", "action", "attachment"});
      }
    }
    // Structural errors (unknown element, duplicate answer, missing image) do not
    // stop here: bind() still reports every other problem, and callers never
    // render a file whose diagnostics hold an error.
    set.locate = src_.locator();
    return set;
  }

 private:
  void check_attributes(const pugi::xml_node& node, std::initializer_list<std::string_view> allowed) {
    src_.check_attributes(node, allowed, sink_);
  }

  // Answers, rows and cells of the file: past the limit, one error and the
  // file is refused (each would cost a location, a lookup, a suggestion).
  bool count_answer(const pugi::xml_node& node) {
    if (++answers_ <= env_.limits().answers) return true;
    sink_.error(src_.loc(node), DiagCode::TooManyAnswers,
                "trop de réponses dans le fichier (limite : " + limit_text(env_.limits().answers) +
                    " réponses, lignes et cellules)");
    return false;
  }

  // A name (form, field, row, column): longer than any id is an error, and
  // the name is not quoted in messages nor compared with known ones.
  std::string name_attr(const pugi::xml_node& node, const char* attr) {
    std::string value = collapse_spaces(node.attribute(attr).value());
    name_too_long_ = value.size() > env_.limits().name_bytes;
    if (!name_too_long_) return value;
    sink_.error(src_.attr_loc(node, attr), DiagCode::NameTooLong,
                "valeur de « " + std::string(attr) + " » trop longue (" + limit_text(value.size()) +
                    " octets ; limite : " + limit_text(env_.limits().name_bytes) + " octets)");
    return {};
  }

  // One answer longer than the limit: reported where it starts, and dropped.
  bool long_answer(const SourceLoc& loc, std::size_t bytes) {
    if (bytes <= env_.limits().answer_bytes) return false;
    sink_.error(loc, DiagCode::AnswerTooLong, "réponse trop longue (" + limit_text(bytes) + " octets ; limite : " +
                                            limit_text(env_.limits().answer_bytes) + " octets)");
    return true;
  }


  // <action rural="oui" collectifs-notifies="2"/>: facts the form does not ask
  // (spec/action.hpp). Values are typed by bind(), which knows what each fact is.
  void read_facts(const pugi::xml_node& node, data::AnswerSet& set) {
    for (auto a : node.attributes()) {
      const spec::ActionFact* fact = spec::find_action_fact(a.name());
      if (!fact || fact->attribute != a.name()) {
        std::vector<std::string> names;
        std::string list;
        for (const auto& f : spec::action_facts()) {
          names.emplace_back(f.attribute);
          list += (list.empty() ? "" : ", ") + std::string(f.attribute);
        }
        sink_.error(src_.attr_loc(node, a.name()), DiagCode::UnknownAttribute,
                    "attribut « " + std::string(a.name()) + " » inconnu sur <action> (" + list + ")")
            .hint = suggestion(a.name(), names);
        continue;
      }
      set.facts.push_back({std::string(fact->name), collapse_spaces(a.value()), src_.attr_loc(node, a.name())});
    }
  }

  void no_children(const pugi::xml_node& node) {
    for (auto c : node.children())
      if (c.type() == pugi::node_element || (c.type() == pugi::node_pcdata && !collapse_spaces(c.value()).empty()))
        sink_.error(src_.loc(c), DiagCode::UnexpectedContent, "contenu inattendu dans <" + std::string(node.name()) + ">");
  }

  // Drops control characters (other than line breaks and tabs), with a warning
  // at each one: they are invisible, cannot be printed, and usually come from a
  // bad copy-paste. `raw_from` is where the value starts in the file; each
  // character is found there again for its location.
  std::string clean(std::string s, std::size_t raw_from) {
    if (long_answer(src_.at(raw_from), s.size())) return {};
    total_bytes_ += s.size();
    if (total_bytes_ > env_.limits().answers_total_bytes) {
      if (!total_reported_)
        sink_.error(src_.at(raw_from), DiagCode::AnswersTooLong,
                    "réponses trop longues dans l’ensemble du fichier (limite : " +
                        limit_text(env_.limits().answers_total_bytes) + " octets)");
      total_reported_ = true;
      return {};
    }
    if (!has_control_character(s)) return s;  // most answers: kept as they are, byte for byte
    constexpr int kReported = 5;  // then one line for the rest
    std::string out;
    out.reserve(s.size());
    int dropped = 0;
    std::size_t cursor = raw_from;
    SourceLoc first_unreported;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t start = i;
      const char32_t cp = utf8::next(s, i);
      if (!is_dropped_control(cp)) {
        out.append(s, start, i - start);
        continue;
      }
      const std::size_t found = src_.bytes().find(s.substr(start, i - start), cursor);
      const SourceLoc loc = src_.at(found == std::string::npos ? raw_from : found);
      if (found != std::string::npos) cursor = found + 1;
      if (++dropped <= kReported) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
        sink_.warning(loc, DiagCode::ControlCharacter, std::string("caractère de contrôle ") + code + " supprimé");
      } else if (dropped == kReported + 1) {
        first_unreported = loc;
      }
    }
    if (dropped > kReported)
      sink_.warning(first_unreported, DiagCode::ControlCharacter,
                    "et " + std::to_string(dropped - kReported) + " autres caractères de contrôle supprimés");
    return out;
  }

  std::string element_text(const pugi::xml_node& node) {
    std::string raw;
    for (auto c : node.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        raw += c.value();
      } else if (c.type() == pugi::node_element) {
        sink_.error(src_.loc(c), DiagCode::UnexpectedElement, "élément <" + std::string(c.name()) + "> inattendu dans <" +
                                                           node.name() + "> : une réponse est du texte");
      }
    }
    const std::size_t from = node.first_child() ? src_.node_offset(node.first_child()) : src_.node_offset(node);
    return text::nfc(data::normalize_answer_text(clean(std::move(raw), from)));
  }

  bool read_table(const pugi::xml_node& xml, data::TableAnswer& t) {
    std::map<std::string, SourceLoc> rows;
    for (auto r : xml.children()) {
      if (r.type() == pugi::node_pcdata && collapse_spaces(r.value()).empty()) continue;
      if (r.type() != pugi::node_element || std::string_view(r.name()) != "row") {
        if (r.type() == pugi::node_element || r.type() == pugi::node_pcdata)
          sink_.error(src_.loc(r), DiagCode::UnexpectedElement, "seul <row id=\"…\"> est permis dans <table>");
        continue;
      }
      if (!count_answer(r)) return false;
      check_attributes(r, {"id", "label"});
      data::RowAnswer row;
      row.loc = src_.loc(r);
      row.id = name_attr(r, "id");
      row.label = text::nfc(clean(collapse_spaces(r.attribute("label").value()), src_.attr_offset(r, "label")));
      row.label_loc = r.attribute("label") ? src_.attr_loc(r, "label") : row.loc;
      if (row.id.empty()) {
        if (!name_too_long_) sink_.error(row.loc, DiagCode::MissingAttribute, "attribut « id » manquant sur <row>");
        continue;
      }
      if (auto [it, inserted] = rows.emplace(row.id, row.loc); !inserted) {
        sink_.error(row.loc, DiagCode::DuplicateAnswer, "ligne « " + row.id + " » déjà donnée en " + it->second.to_string(), t.field);
        continue;
      }
      std::map<std::string, SourceLoc> cells;
      for (auto c : r.children()) {
        if (c.type() == pugi::node_pcdata && collapse_spaces(c.value()).empty()) continue;
        if (c.type() != pugi::node_element || std::string_view(c.name()) != "cell") {
          if (c.type() == pugi::node_element || c.type() == pugi::node_pcdata)
            sink_.error(src_.loc(c), DiagCode::UnexpectedElement, "seul <cell column=\"…\"> est permis dans <row>");
          continue;
        }
        if (!count_answer(c)) return false;
        check_attributes(c, {"column"});
        data::CellAnswer cell;
        cell.loc = src_.loc(c);
        cell.value_loc = c.first_child() ? src_.loc(c.first_child()) : cell.loc;
        cell.column = name_attr(c, "column");
        if (cell.column.empty()) {
          if (!name_too_long_) sink_.error(cell.loc, DiagCode::MissingAttribute, "attribut « column » manquant sur <cell>");
          continue;
        }
        if (auto [it, inserted] = cells.emplace(cell.column, cell.loc); !inserted) {
          sink_.error(cell.loc, DiagCode::DuplicateAnswer, "cellule « " + cell.column + " » déjà donnée en " + it->second.to_string(), t.field);
          continue;
        }
        cell.text = element_text(c);
        row.cells.push_back(std::move(cell));
      }
      t.rows.push_back(std::move(row));
    }
    return true;
  }

  std::optional<data::ImageData> read_image(const data::SignatureAnswer::Item& item) {
    if (item.value.empty()) return std::nullopt;
    namespace fs = std::filesystem;
    const fs::path p = fs::path(item.value).is_absolute() ? fs::path(item.value)
                                                           : (fs::path(path_).parent_path() / item.value).lexically_normal();
    data::ImageData img;
    img.path = p.string();
    // Images are the answer file's neighbours: an answer file from elsewhere
    // must not make bilan read (and embed in a PDF) any file of the machine.
    const std::string folder = fs::path(path_).has_parent_path() ? fs::path(path_).parent_path().string() : ".";
    if (!env_.images_anywhere() &&
        (fs::path(item.value).is_absolute() || !path_inside(img.path, folder))) {
      sink_.error(item.loc, DiagCode::ImageOutside,
                  "image « " + item.value + " » hors du dossier du fichier de réponses (chemin absolu, « .. » ou lien "
                  "symbolique) ; placez-la à côté du fichier, ou permettez-le avec --images-anywhere");
      return std::nullopt;
    }
    std::string bytes, error;
    auto decoded = std::make_shared<image::DecodedImage>();
    // Decoded here, once: an image that cannot be drawn is an error of the
    // answer file that `check` reports, never a failure while rendering.
    if (!env_.try_read_file(img.path, bytes, error) || !image::try_decode(bytes, image::ImageLimits{}, *decoded, error)) {
      sink_.error(item.loc, DiagCode::BadImage, "image « " + item.value + " » : " + error);
      return std::nullopt;
    }
    img.image = std::move(decoded);
    return img;
  }

  // <attachment file="bilan-qualitatif.pdf" description="…"/>: read whole
  // here, where `check` sees it, and typed by its bytes. Each problem is an
  // error at the attribute it is about; the attachment is then left out.
  void read_attachment(const pugi::xml_node& node, data::AnswerSet& set) {
    namespace fs = std::filesystem;
    const Limits& limits = env_.limits();
    data::AttachmentData a;
    a.loc = src_.loc(node);
    a.file_loc = node.attribute("file") ? src_.attr_loc(node, "file") : a.loc;
    if (++attachments_ > limits.attachments) {
      if (attachments_ == limits.attachments + 1)
        sink_.error(a.loc, DiagCode::AttachmentTooLarge,
                    "trop de pièces jointes (limite : " + limit_text(limits.attachments) + " pièces jointes)");
      return;
    }
    a.file = collapse_spaces(node.attribute("file").value());
    if (a.file.empty()) {
      sink_.error(a.loc, DiagCode::MissingAttribute, "attribut « file » manquant sur <attachment> : quel fichier joindre ?");
      return;
    }
    const SourceLoc desc_loc = node.attribute("description") ? src_.attr_loc(node, "description") : a.loc;
    a.description = text::nfc(collapse_spaces(node.attribute("description").value()));
    if (a.description.size() > limits.attachment_description_bytes) {
      sink_.error(desc_loc, DiagCode::BadAttachment,
                  "description de pièce jointe trop longue (" + limit_text(a.description.size()) + " octets ; limite : " +
                      limit_text(limits.attachment_description_bytes) + " octets)");
      return;
    }
    if (has_control_character(a.description)) {
      sink_.error(desc_loc, DiagCode::BadAttachment,
                  "description de pièce jointe : une ligne de texte, sans caractère de contrôle");
      return;
    }
    if (a.file.size() > limits.answer_bytes) {
      sink_.error(a.file_loc, DiagCode::BadAttachment, "chemin de pièce jointe trop long (" + limit_text(a.file.size()) + " octets)");
      return;
    }
    const std::string quoted = "pièce jointe « " + a.file + " »";
    a.name = fs::path(a.file).filename().string();
    if (a.name.size() > limits.attachment_name_bytes) {
      sink_.error(a.file_loc, DiagCode::BadAttachment,
                  "nom de pièce jointe trop long (" + limit_text(a.name.size()) + " octets ; limite : " +
                      limit_text(limits.attachment_name_bytes) + " octets)");
      return;
    }
    // The name `bilan extract --all` will write the file under.
    if (!is_safe_file_name(a.name)) {
      sink_.error(a.file_loc, DiagCode::BadAttachment,
                  quoted + " : nom de fichier non permis (vide, commençant par « . », ou avec « \\ » ou un caractère de contrôle)");
      return;
    }
    if (a.name == kReservedAttachmentName) {
      sink_.error(a.file_loc, DiagCode::BadAttachment,
                  quoted + " : « " + a.name + " » est le nom du fichier de réponses que porte le PDF ; renommez la pièce jointe");
      return;
    }
    const auto by_name = attachment_type_of_name(a.name);
    if (!by_name) {
      std::string allowed;
      for (const auto& t : attachment_types()) allowed += (allowed.empty() ? "" : ", ") + std::string(t.label) + " (" + std::string(t.extensions) + ")";
      sink_.error(a.file_loc, DiagCode::BadAttachment, quoted + " : type de fichier non permis ; permis : " + allowed);
      return;
    }
    for (const auto& other : set.attachments)
      if (other.name == a.name) {
        sink_.error(a.file_loc, DiagCode::DuplicateAttachment,
                    "pièce jointe « " + a.name + " » déjà donnée en " + other.loc.to_string() + " : deux pièces jointes ne peuvent porter le même nom");
        return;
      }
    const fs::path p = fs::path(a.file).is_absolute() ? fs::path(a.file) : (fs::path(path_).parent_path() / a.file).lexically_normal();
    a.path = p.string();
    // As the images: the answer file's neighbours, unless --images-anywhere.
    const std::string folder = fs::path(path_).has_parent_path() ? fs::path(path_).parent_path().string() : ".";
    if (!env_.images_anywhere() && (fs::path(a.file).is_absolute() || !path_inside(a.path, folder))) {
      sink_.error(a.file_loc, DiagCode::AttachmentOutside,
                  quoted + " hors du dossier du fichier de réponses (chemin absolu, « .. » ou lien symbolique) ; placez-la à "
                           "côté du fichier, ou permettez-le avec --images-anywhere");
      return;
    }
    std::string bytes, error;
    if (!env_.try_read_file(a.path, bytes, error)) {
      sink_.error(a.file_loc, DiagCode::BadAttachment, quoted + " : " + error);
      return;
    }
    if (bytes.size() > limits.attachment_bytes) {
      sink_.error(a.file_loc, DiagCode::AttachmentTooLarge,
                  quoted + " trop grande (" + limit_text(bytes.size()) + " octets ; limite : " + limit_text(limits.attachment_bytes) +
                      " octets)");
      return;
    }
    attachment_bytes_ += bytes.size();
    if (attachment_bytes_ > limits.attachments_total_bytes) {
      sink_.error(a.file_loc, DiagCode::AttachmentTooLarge,
                  "pièces jointes trop grandes dans l’ensemble (limite : " + limit_text(limits.attachments_total_bytes) + " octets)");
      return;
    }
    const auto by_bytes = sniff_attachment_type(bytes);
    if (!by_bytes) {
      sink_.error(a.file_loc, DiagCode::BadAttachment,
                  quoted + " : son contenu n’est pas celui d’un fichier " + std::string(by_name->label) +
                      " (ni d’aucun type permis : PDF, ODT, DOCX, PNG, JPEG)");
      return;
    }
    if (by_bytes->mime != by_name->mime) {
      sink_.error(a.file_loc, DiagCode::BadAttachment,
                  quoted + " : son contenu est celui d’un fichier " + std::string(by_bytes->label) + ", pas " +
                      std::string(by_name->label) + " comme le dit son nom");
      return;
    }
    a.mime = by_bytes->mime;
    a.bytes = std::make_shared<const std::string>(std::move(bytes));
    set.attachments.push_back(std::move(a));
  }

  const Environment& env_;
  std::string path_;
  DiagnosticSink& sink_;
  NamedFiles files_;
  XmlSource src_;
  std::uint32_t attachments_ = 0;
  std::uint64_t attachment_bytes_ = 0;
  std::uint64_t answers_ = 0;
  bool name_too_long_ = false;  // the last name_attr() was refused
  std::uint64_t total_bytes_ = 0;
  bool total_reported_ = false;
};

}  // namespace

std::optional<data::AnswerSet> parse_answers(const Environment& env, const std::string& path, std::string bytes,
                                             DiagnosticSink& sink, NamedFiles files) {
  return AnswersReader(env, path, sink, files).read(std::move(bytes));
}

std::optional<data::AnswerSet> load_answers(const Environment& env, const std::string& path, DiagnosticSink& sink) {
  std::string bytes;
  if (!try_read_input(env, path, bytes, sink)) return std::nullopt;
  return parse_answers(env, path, std::move(bytes), sink);
}

namespace {

// AnswersReader's checks, on texts that never were XML: each is located at
// the element it belongs to (a CSV cell, a PDF field), not at a character.
class BuiltReader {
 public:
  BuiltReader(const Limits& limits, DiagnosticSink& sink) : limits_(limits), sink_(sink) {}

  std::optional<data::AnswerSet> read(data::AnswerSet set) {
    set.form = name(collapse_spaces(set.form), set.form_loc, "form");
    set.department = name(collapse_spaces(set.department), set.department_loc, "department");
    set.action = normalize_action_id(clean(collapse_spaces(set.action), set.action_loc));
    // The loader counts each element of <bilan> and each row and cell.
    if (!count(set.answers.size() + set.tables.size() + (set.signature ? 1 : 0) + (set.facts.empty() ? 0 : 1), set.loc))
      return std::nullopt;
    std::vector<data::Answer> answers;
    answers.reserve(set.answers.size());
    for (auto& a : set.answers) {
      a.field = name(collapse_spaces(a.field), a.loc, "field");
      if (a.field.empty()) continue;
      a.text = answer_text(std::move(a.text), a.value_loc);
      answers.push_back(std::move(a));
    }
    set.answers = std::move(answers);
    for (auto& t : set.tables) {
      t.field = name(collapse_spaces(t.field), t.loc, "field");
      std::vector<data::RowAnswer> rows;
      for (auto& r : t.rows) {
        if (!count(1 + r.cells.size(), r.loc)) return std::nullopt;
        r.id = name(collapse_spaces(r.id), r.loc, "id");
        r.label = text::nfc(clean(collapse_spaces(r.label), r.label_loc));
        if (r.id.empty()) continue;
        std::vector<data::CellAnswer> cells;
        for (auto& c : r.cells) {
          c.column = name(collapse_spaces(c.column), c.loc, "column");
          if (c.column.empty()) continue;
          c.text = answer_text(std::move(c.text), c.value_loc);
          cells.push_back(std::move(c));
        }
        r.cells = std::move(cells);
        rows.push_back(std::move(r));
      }
      t.rows = std::move(rows);
    }
    std::erase_if(set.tables, [](const data::TableAnswer& t) { return t.field.empty(); });
    if (set.signature)
      for (auto* item : {&set.signature->name, &set.signature->role, &set.signature->place, &set.signature->date,
                         &set.signature->stamp, &set.signature->signature})
        item->value = text::nfc(clean(collapse_spaces(item->value), item->loc));
    for (auto& f : set.facts) f.text = collapse_spaces(f.text);
    // Indexes into answers and tables may have moved: the order is the writer's business.
    set.order.clear();
    // A character is pointed at by its answer's own place (its cell, its field).
    set.locate = [](const SourceLoc& from, std::string_view) { return from; };
    return set;
  }

 private:
  bool count(std::size_t n, const SourceLoc& loc) {
    answers_ += n;
    if (answers_ <= limits_.answers) return true;
    sink_.error(loc, DiagCode::TooManyAnswers,
                "trop de réponses dans le fichier (limite : " + limit_text(limits_.answers) +
                    " réponses, lignes et cellules)");
    return false;
  }

  std::string name(std::string value, const SourceLoc& loc, const char* attr) {
    if (value.size() <= limits_.name_bytes) return value;
    sink_.error(loc, DiagCode::NameTooLong,
                "valeur de « " + std::string(attr) + " » trop longue (" + limit_text(value.size()) +
                    " octets ; limite : " + limit_text(limits_.name_bytes) + " octets)");
    return {};
  }

  // An element's text as the XML parser gives it (CR LF and CR made LF) and
  // the loader keeps it.
  std::string answer_text(std::string raw, const SourceLoc& loc) {
    if (raw.find('\r') != std::string::npos) {
      std::string lf;
      lf.reserve(raw.size());
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\r') lf += raw[i];
        else if (i + 1 >= raw.size() || raw[i + 1] != '\n') lf += '\n';
      }
      raw = std::move(lf);
    }
    return text::nfc(data::normalize_answer_text(clean(std::move(raw), loc)));
  }

  std::string clean(std::string s, const SourceLoc& loc) {
    if (s.size() > limits_.answer_bytes) {
      sink_.error(loc, DiagCode::AnswerTooLong, "réponse trop longue (" + limit_text(s.size()) + " octets ; limite : " +
                                              limit_text(limits_.answer_bytes) + " octets)");
      return {};
    }
    total_bytes_ += s.size();
    if (total_bytes_ > limits_.answers_total_bytes) {
      if (!total_reported_)
        sink_.error(loc, DiagCode::AnswersTooLong,
                    "réponses trop longues dans l’ensemble du fichier (limite : " +
                        limit_text(limits_.answers_total_bytes) + " octets)");
      total_reported_ = true;
      return {};
    }
    if (!has_control_character(s)) return s;
    constexpr int kReported = 5;  // then one line for the rest
    std::string out;
    out.reserve(s.size());
    int dropped = 0;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t start = i;
      const char32_t cp = utf8::next(s, i);
      if (!is_dropped_control(cp)) {
        out.append(s, start, i - start);
        continue;
      }
      if (++dropped <= kReported) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
        sink_.warning(loc, DiagCode::ControlCharacter, std::string("caractère de contrôle ") + code + " supprimé");
      }
    }
    if (dropped > kReported)
      sink_.warning(loc, DiagCode::ControlCharacter,
                    "et " + std::to_string(dropped - kReported) + " autres caractères de contrôle supprimés");
    return out;
  }

  const Limits& limits_;
  DiagnosticSink& sink_;
  std::uint64_t answers_ = 0;
  std::uint64_t total_bytes_ = 0;
  bool total_reported_ = false;
};

}  // namespace

std::optional<data::AnswerSet> as_loaded(data::AnswerSet set, const Limits& limits, DiagnosticSink& sink) {
  return BuiltReader(limits, sink).read(std::move(set));
}

namespace {

std::string peek_root_attribute(std::string_view bytes, const char* name) {
  pugi::xml_document doc;
  // Entities and DTDs are refused by the real loader; here they only mean « no value ».
  if (!doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_minimal)) return {};
  const pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "bilan") return {};
  return root.attribute(name).value();
}

}  // namespace

std::string normalize_action_id(std::string_view raw) {
  std::string kept;
  kept.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    const std::size_t start = i;
    const char32_t cp = utf8::next(raw, i);
    const bool control = (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
    if (!control) kept.append(raw.substr(start, i - start));
  }
  return text::nfc(collapse_spaces(kept));
}

PeekedAction peek_answers_action_at(const std::string& path, std::string_view bytes) {
  // The loader's own parse (entities decoded, UTF-8 checked), without its checks.
  XmlSource src;
  DiagnosticSink ignored;  // the render reports them
  PeekedAction out;
  if (!src.parse(std::string(bytes), path, ignored)) return out;
  const pugi::xml_node root = src.root();
  if (std::string_view(root.name()) != "bilan") return out;
  out.loc = root.attribute("action") ? src.attr_loc(root, "action") : src.loc(root);
  out.id = normalize_action_id(root.attribute("action").value());
  return out;
}

std::string peek_answers_action(std::string_view bytes) { return peek_answers_action_at({}, bytes).id; }

std::string peek_answers_form(std::string_view bytes) { return peek_root_attribute(bytes, "form"); }

}  // namespace bilan::load

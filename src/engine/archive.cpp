#include "engine/archive.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "data/value.hpp"
#include "engine/catalog.hpp"
#include "engine/renderer.hpp"
#include "fonts/font_manifest.hpp"
#include "load/answers_loader.hpp"
#include "load/departments_loader.hpp"
#include "spec/variables.hpp"
#include "spec/walk.hpp"

namespace bilan::engine {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

std::string hex_of(const std::string& bytes) { return Sha256::hex(Sha256::of(bytes)); }

// The canonical key of an attached document: this prefix, then its name.
const std::string kAttachmentKey = "attachment.";

// The font manifest and the faces it names: environment, never archived.
std::set<std::string> font_files(const Environment& env) {
  std::set<std::string> out{env.font_manifest_path()};
  try {
    for (const auto& f : fonts::must_load_font_manifest(env, env.font_manifest_path()).files)
      if (!f.empty()) out.insert(f);
  } catch (const IoError&) {
    // Unreadable: the Catalog says so when it loads the fonts.
  }
  return out;
}

}  // namespace

std::string canonical_line(const std::string& key, const std::string& value) {
  return escape(key) + "\t" + escape(value) + "\n";
}

std::string canonical_answers(const data::AnswerSet& a) {
  std::map<std::string, std::string> lines;
  lines["@form"] = a.form;
  lines["@department"] = a.department;
  lines["@action"] = a.action;
  for (const auto& x : a.answers) lines[x.field] = x.text;
  for (const auto& t : a.tables)
    for (const auto& r : t.rows) {
      if (!r.label.empty()) lines[t.field + "." + r.id + ".label"] = r.label;
      for (const auto& c : r.cells) lines[t.field + "." + r.id + "." + c.column] = c.text;
    }
  if (a.signature) {
    const auto& s = *a.signature;
    const std::pair<const char*, const data::SignatureAnswer::Item*> parts[] = {
        {"name", &s.name}, {"role", &s.role}, {"place", &s.place}, {"date", &s.date}, {"stamp", &s.stamp}, {"signature", &s.signature}};
    for (const auto& [name, item] : parts)
      if (!item->value.empty()) lines[std::string("signature.") + name] = item->value;
  }
  for (const auto& f : a.facts) lines["action." + f.name] = f.text;
  // An attached document: its bytes by their hash, then its description
  // (archive diff says which changed).
  for (const auto& x : a.attachments)
    lines[kAttachmentKey + x.name] = hex_of(*x.bytes) + (x.description.empty() ? "" : " " + x.description);
  std::string out;
  for (const auto& [key, value] : lines) out += canonical_line(key, value);
  return out;
}

std::map<std::string, std::string> parse_canonical(const std::string& canonical) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = canonical.find('\n', start)) != std::string::npos; start = nl + 1) {
    const std::string line = canonical.substr(start, nl - start);
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out[unescape(line.substr(0, tab))] = unescape(line.substr(tab + 1));
  }
  return out;
}

// --- environments ------------------------------------------------------------

RecordingEnvironment::RecordingEnvironment(const Environment& base) : base_(base), now_(base.now()) {
  set_limits(base.limits());
  set_images_anywhere(base.images_anywhere());
}

bool RecordingEnvironment::try_read_file(const std::string& path, std::string& out, std::string& error) const {
  if (!base_.try_read_file(path, out, error)) return false;
  const std::lock_guard lock(mutex_);
  files_[path] = out;
  return true;
}

std::map<std::string, std::string> RecordingEnvironment::files() const {
  const std::lock_guard lock(mutex_);
  return files_;
}

SnapshotEnvironment::SnapshotEnvironment(const Environment& base, std::map<std::string, std::string> files,
                                         std::vector<std::string> layout_dirs, std::string srgb_profile, std::optional<UtcTime> now)
    : base_(base),
      files_(std::move(files)),
      layout_dirs_(std::move(layout_dirs)),
      srgb_profile_(std::move(srgb_profile)),
      now_(now),
      fonts_(font_files(base)) {
  set_limits(base.limits());
  set_images_anywhere(true);  // the images are the archive's, accepted at submission
}

bool SnapshotEnvironment::try_read_file(const std::string& path, std::string& out, std::string& error) const {
  if (const auto it = files_.find(path); it != files_.end()) {
    out = it->second;
    return true;
  }
  if (fonts_.count(path)) return base_.try_read_file(path, out, error);
  error = "absent de l’archive";
  return false;
}

std::unique_ptr<const FileBytes> SnapshotEnvironment::try_map_file(const std::string& path, std::string& error) const {
  if (fonts_.count(path) && !files_.count(path)) return base_.try_map_file(path, error);
  return Environment::try_map_file(path, error);
}

bool SnapshotEnvironment::file_exists(const std::string& path) const {
  return files_.count(path) > 0 || (fonts_.count(path) > 0 && base_.file_exists(path));
}

std::vector<std::string> SnapshotEnvironment::list_files(const std::string& dir) const {
  std::vector<std::string> out;
  const std::string prefix = dir + "/";
  for (const auto& [path, bytes] : files_)
    if (path.starts_with(prefix) && path.find('/', prefix.size()) == std::string::npos) out.push_back(path);
  return out;
}

std::string iso_time(const UtcTime& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

std::optional<UtcTime> parse_iso_time(const std::string& text) {
  UtcTime t;
  char z = 0;
  if (text.size() != 20 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &t.year, &t.month, &t.day, &t.hour, &t.minute, &t.second, &z) != 7 ||
      z != 'Z')
    return std::nullopt;
  return t;
}

// --- submit ------------------------------------------------------------------

std::optional<store::Appended> submit_version(const Environment& env, store::SqliteStore& db, const std::string& answers_path,
                                              DiagnosticSink& sink) {
  const RecordingEnvironment rec(env);
  if (!rec.now()) throw IoError("l’horloge est inconnue : la date de dépôt ne peut pas être fixée");
  const auto catalog = Catalog::load(rec);
  Renderer renderer(*catalog);
  const SourceLoc file_loc{std::make_shared<const std::string>(answers_path)};
  std::string bytes;
  if (!try_read_input(rec, answers_path, bytes, sink)) return std::nullopt;
  DiagnosticSink parse_sink;  // the render below reports the same diagnostics
  auto answers = load::parse_answers(rec, answers_path, bytes, parse_sink);
  if (answers && !parse_sink.has_errors() && answers->action.empty()) {
    sink.error(answers->loc, DiagCode::MissingAction,
               "réponses sans action : l’archive range chaque bilan sous son action, ajoutez l’attribut action de <bilan>");
    return std::nullopt;
  }
  FillOptions options;  // complete: required answers are demanded
  options.pdfa = true;
  std::map<std::string, std::string> facts;
  if (answers && !answers->action.empty())
    if (auto known = db.get(answers->action)) facts = known->action.facts;
  options.action_facts = facts;
  auto archived = renderer.fill_pdfa(answers_path, bytes, options, sink);
  if (!archived || !answers) return std::nullopt;

  store::Submission s;
  store::ArchivedVersion& v = s.version;
  v.action = answers->action;
  v.form = answers->form;
  v.department = answers->department;
  for (const auto& a : answers->answers)
    if (a.field == "structure") v.structure = a.text;
  v.submitted_at = iso_time(*rec.now());
  v.source = answers_path;
  const std::string canonical = canonical_answers(*answers);
  v.answers_sha256 = hex_of(bytes);
  v.canonical_sha256 = hex_of(canonical);
  v.pdf_sha256 = hex_of(archived->pdf);
  v.fingerprint = archived->fingerprint;
  v.engine = engine_version();
  v.fonts = catalog->fonts().fingerprint();
  v.layout_dirs = rec.layout_dirs();
  v.srgb_profile = rec.srgb_profile_path();
  v.facts = facts;

  // What the rendering read, but the answers (a blob of their own) and the fonts (environment).
  const std::set<std::string> fonts = font_files(rec);
  const std::string registry = load::find_departments(rec);
  std::set<std::string> images, attachments;
  for (const auto* image : {&answers->stamp_image, &answers->signature_image})
    if (*image) images.insert((*image)->path);
  for (const auto& a : answers->attachments) attachments.insert(a.path);
  for (auto& [path, file] : rec.files()) {
    if (path == answers_path || fonts.count(path)) continue;
    const std::string role = path == registry              ? "registry"
                             : path == v.srgb_profile      ? "profile"
                             : images.count(path)          ? "image"
                             : attachments.count(path)     ? "attachment"
                                                           : "layout";
    const std::string sha = hex_of(file);
    v.files.push_back({path, role, sha});
    s.blobs.emplace(sha, std::move(file));
  }
  s.blobs.emplace(v.answers_sha256, bytes);
  s.blobs.emplace(v.canonical_sha256, canonical);
  s.blobs.emplace(v.pdf_sha256, archived->pdf);

  store::StoredAnswers& current = s.current;
  current.action.id = v.action;
  current.action.structure = v.structure;
  current.action.department = v.department;
  current.action.form = v.form;
  DiagnosticSink form_sink;
  if (const spec::FormSpec* form = catalog->form(v.form, form_sink)) current.action.school_year = form->school_year;
  current.action.facts = facts;
  current.source = answers_path;
  current.sha256 = v.answers_sha256;
  current.bytes = std::move(bytes);
  return db.append_version(std::move(s));
}

// --- re-render and verify ------------------------------------------------------

namespace {

// The archived PDF of `v` rendered in `snapshot`, the world of its submission.
std::optional<std::string> render_in(const Environment& snapshot, const store::ArchivedVersion& v, std::string answers,
                                     std::string& fonts, DiagnosticSink& sink) {
  const auto catalog = Catalog::load(snapshot);
  fonts = catalog->fonts().fingerprint();
  Renderer renderer(*catalog);
  FillOptions options;
  options.pdfa = true;
  options.action_facts = v.facts;
  auto archived = renderer.fill_pdfa(v.source, std::move(answers), options, sink);
  if (!archived) return std::nullopt;
  return std::move(archived->pdf);
}

}  // namespace

VerifyOutcome VerifyReport::overall() const {
  VerifyOutcome worst = archive_problems.empty() ? VerifyOutcome::Verified : VerifyOutcome::Tampered;
  for (const auto& v : versions) worst = std::max(worst, v.outcome);
  return worst;
}

VerifyReport verify_archive(const Environment& env, const store::SqliteStore& db, const VerifyOptions& options) {
  VerifyReport report;
  const std::string engine = options.engine.empty() ? std::string(engine_version()) : options.engine;
  if (const std::string check = db.integrity_check(); check != "ok")
    report.archive_problems.error({}, DiagCode::ArchiveDamaged, "fichier de base endommagé : " + check);
  std::vector<store::ArchivedVersion> versions;
  std::vector<store::ArchiveEvent> events;
  try {
    versions = db.versions();
    events = db.events();
  } catch (const IoError& e) {
    report.archive_problems.error({}, DiagCode::ArchiveUnreadable, std::string("archive illisible : ") + e.what());
    return report;
  }
  // The chain, whole, whatever was asked for: versions and events, each
  // linked to the record before it.
  auto chain = store::check_chain(versions, events, options.receipt);
  for (const auto& p : chain.archive_problems) report.archive_problems.error({}, DiagCode::ChainBroken, p);
  report.head = chain.head;
  report.receipt = chain.receipt;
  for (const auto& v : versions) {
    VersionVerdict verdict;
    verdict.name = v.name();
    const auto tampered = [&verdict](DiagCode code, const std::string& what) {
      verdict.outcome = VerifyOutcome::Tampered;
      verdict.problems.error({}, code, what);
    };
    const auto changed = [&verdict](DiagCode code, const std::string& what) {
      verdict.outcome = VerifyOutcome::EnvironmentChanged;
      verdict.problems.warning({}, code, what);
    };
    for (const auto& p : chain.version_problems[v.seq]) tampered(DiagCode::ChainBroken, p);
    const bool chosen = (options.action.empty() || options.action == v.action) && (options.number == 0 || options.number == v.number);
    if (!chosen) {
      if (verdict.outcome == VerifyOutcome::Tampered) report.versions.push_back(std::move(verdict));
      continue;
    }
    try {
      // Every blob the record names, re-hashed.
      const auto check_blob = [&](const std::string& sha, const std::string& what) -> std::optional<std::string> {
        auto bytes = db.blob(sha);
        if (!bytes) {
          tampered(DiagCode::BlobMissing, what + " absent de l’archive");
          return std::nullopt;
        }
        if (hex_of(*bytes) != sha) {
          tampered(DiagCode::BlobAltered, what + " altéré : son empreinte ne correspond plus");
          return std::nullopt;
        }
        return bytes;
      };
      const auto answers = check_blob(v.answers_sha256, "fichier de réponses");
      const auto canonical = check_blob(v.canonical_sha256, "texte canonique des réponses");
      const auto pdf = check_blob(v.pdf_sha256, "PDF archivé");
      std::map<std::string, std::string> files;
      for (const auto& f : v.files)
        if (auto bytes = check_blob(f.sha256, "fichier « " + f.path + " »")) files.emplace(f.path, std::move(*bytes));
      const SnapshotEnvironment snapshot(env, std::move(files), v.layout_dirs, v.srgb_profile, parse_iso_time(v.submitted_at));
      if (answers && canonical) {
        DiagnosticSink ignored;
        auto set = load::parse_answers(snapshot, v.source, *answers, ignored);
        if (!set || canonical_answers(*set) != *canonical)
          tampered(DiagCode::CanonicalMismatch, "texte canonique des réponses : ne correspond pas au fichier de réponses");
      }
      if (verdict.outcome != VerifyOutcome::Tampered) {
        if (v.engine != engine) {
          changed(DiagCode::EngineDiffers, "moteur différent : archivé par « " + v.engine + " », vérifié par « " + engine +
                                               " » : le rendu ne peut pas être comparé");
        } else {
          std::string fonts;
          DiagnosticSink sink;
          std::optional<std::string> again;
          std::string unusable_fonts;  // the fonts of this install cannot be loaded: environment
          try {
            again = render_in(snapshot, v, *answers, fonts, sink);
          } catch (const IoError& e) {
            unusable_fonts = e.what();
          }
          if (!unusable_fonts.empty()) {
            changed(DiagCode::FontsUnusable, "polices inutilisables (" + unusable_fonts + ") : le rendu ne peut pas être comparé");
          } else if (fonts != v.fonts) {
            changed(DiagCode::FontsDiffer, "polices différentes (empreinte " + fonts.substr(0, 12) + " au lieu de " +
                                               v.fonts.substr(0, 12) + ") : le rendu ne peut pas être comparé");
          } else if (!again) {
            std::string why;
            for (const auto& d : sink.sorted())
              if (d.severity == Severity::Error) why += (why.empty() ? "" : " ; ") + d.text();
            tampered(DiagCode::RenderFailed, "rendu impossible depuis l’archive : " + why);
          } else if (pdf && *again != *pdf) {
            tampered(DiagCode::PdfDiffers, "le PDF rendu de nouveau depuis l’archive diffère du PDF archivé");
          }
        }
      }
    } catch (const IoError& e) {
      tampered(DiagCode::ArchiveUnreadable, std::string("archive illisible : ") + e.what());
    }
    if (verdict.outcome == VerifyOutcome::None) verdict.outcome = VerifyOutcome::Verified;
    report.versions.push_back(std::move(verdict));
  }
  try {
    // The actions' current answers are not the archive's (an import replaces
    // them), but they carry their hash too: a byte altered there is said.
    for (const auto& a : db.list({}))
      if (const auto current = db.get(a.id); current && hex_of(current->bytes) != current->sha256)
        report.archive_problems.error({}, DiagCode::CurrentAnswersAltered,
                                      "réponses du moment de l’action « " + a.id + " » altérées : leur empreinte ne correspond plus");
  } catch (const IoError& e) {
    report.archive_problems.error({}, DiagCode::ArchiveUnreadable, std::string("archive illisible : ") + e.what());
  }
  return report;
}

// --- diff ------------------------------------------------------------------------

namespace {

// How the form reads an answer: as text, a typed value, yes/no or a choice.
struct Reader {
  enum class As : std::uint8_t { Typed, YesNo, Choice } as = As::Typed;  // Typed: as `type` says
  spec::FieldType type = spec::FieldType::Text;
  std::vector<std::pair<std::string, std::string>> options;  // choice: value and words printed, in the form's order
  bool attachment = false;  // an attached document: its hash and description
};

std::vector<std::string> choice_tokens(const std::string& text) {
  // As the binder splits a choice: commas, semicolons, spaces, line breaks.
  std::vector<std::string> out;
  std::string token;
  for (const char c : text + " ") {
    if (c == ',' || c == ';' || c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!token.empty() && std::find(out.begin(), out.end(), token) == out.end()) out.push_back(token);
      token.clear();
    } else {
      token += c;
    }
  }
  return out;
}

// The value as the form reads it (2024-10-07 and 07/10/2024 alike, 4,4 and
// 4.4, non and false, choices in any order); the text itself when it does not
// read as its type (a bilan archived before a layout changed its type).
std::string read_value(const Reader& r, const std::string& text) {
  std::string error;
  if (r.as == Reader::As::YesNo) {
    if (const auto b = data::try_parse_yesno(text, error)) return *b ? "oui" : "non";
    return text;
  }
  if (r.as == Reader::As::Choice) {
    auto tokens = choice_tokens(text);
    std::sort(tokens.begin(), tokens.end());
    std::string out;
    for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
    return out;
  }
  switch (r.type) {
    case spec::FieldType::Integer:
      if (const auto i = data::try_parse_integer(text, error)) return std::to_string(*i);
      break;
    case spec::FieldType::Decimal:
      if (auto d = data::try_parse_decimal(text, error)) {
        while (d->scale > 0 && d->mantissa % 10 == 0) {  // 4,40 is 4,4
          d->mantissa /= 10;
          --d->scale;
        }
        data::Value v;
        v.kind = data::ValueKind::Decimal;
        v.decimal = *d;
        return v.canonical();
      }
      break;
    case spec::FieldType::Amount:
      if (const auto c = data::try_parse_amount_cents(text, error)) return std::to_string(*c);
      break;
    case spec::FieldType::Date:
      if (const auto d = data::try_parse_date(text, error)) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
        return buf;
      }
      break;
    case spec::FieldType::Email:
      if (const auto e = data::try_parse_email(text, error)) return *e;
      break;
    case spec::FieldType::Phone:
      if (const auto p = data::try_parse_phone(text, error)) return *p;
      break;
    case spec::FieldType::Siret:
      if (const auto p = data::try_parse_siret(text, error)) return *p;
      break;
    case spec::FieldType::Siren:
      if (const auto p = data::try_parse_siren(text, error)) return *p;
      break;
    case spec::FieldType::Postcode:
      if (const auto p = data::try_parse_postcode(text, error)) return *p;
      break;
    case spec::FieldType::Insee:
      if (const auto p = data::try_parse_insee(text, error)) return *p;
      break;
    default: break;
  }
  return text;
}

// The value in the words the bilan prints: a choice's option labels, oui or
// non, a date as 07/10/2024; other values as written.
std::string printed_value(const Reader& r, const std::string& text) {
  std::string error;
  if (text.empty()) return text;
  if (r.as == Reader::As::YesNo) {
    if (const auto b = data::try_parse_yesno(text, error)) return *b ? "oui" : "non";
    return text;
  }
  if (r.as == Reader::As::Choice) {
    // In the form's order, as the crosses are printed; a value the form does not know, as written, last.
    auto tokens = choice_tokens(text);
    std::string out;
    for (const auto& [value, words] : r.options)
      if (const auto it = std::find(tokens.begin(), tokens.end(), value); it != tokens.end()) {
        out += (out.empty() ? "" : " ; ") + words;
        tokens.erase(it);
      }
    for (const auto& t : tokens) out += (out.empty() ? "" : " ; ") + t;
    return out;
  }
  if (r.attachment) {  // the hash, then the description: « SHA-256 3f2a9c0e71b4 — Bilan détaillé »
    const std::size_t space = text.find(' ');
    return "SHA-256 " + text.substr(0, 12) + (space == std::string::npos ? "" : " — " + text.substr(space + 1));
  }
  if (r.type == spec::FieldType::Date)
    if (const auto d = data::try_parse_date(text, error)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d->day, d->month, d->year);
      return buf;
    }
  return text;
}

struct LabelIndex {
  std::map<std::string, std::pair<std::size_t, std::string>> by_key;  // key → (order, label)
  std::map<std::string, Reader> readers;                              // key → how the form reads it
  const spec::FormSpec* form = nullptr;

  // As printed, without the colon that ends most labels (« Référent de l’action : »):
  // the diff line puts its own after the field id.
  std::string text(const std::string& s) const {
    std::string out = spec::interpolate(s, [this](std::string_view name) { return form->variable(name); });
    for (bool trimmed = true; trimmed;) {
      trimmed = false;
      for (const std::string_view tail : {" ", ":", "\u00a0", "\u202f"})
        if (out.ends_with(tail)) {
          out.resize(out.size() - tail.size());
          trimmed = true;
        }
    }
    return out;
  }

  void add(const std::string& key, const std::string& label) {
    by_key.emplace(key, std::make_pair(by_key.size(), label));
  }

  Reader& reads(const std::string& key, Reader::As as, spec::FieldType type) {
    Reader& r = readers[key];
    r.as = as;
    r.type = type;
    return r;
  }

  // One overload per question kind: the keys each kind's answers take and how
  // their values read. The form's body, then each department's own parts.
  void walk(const spec::FormSpec& f) {
    spec::for_each_question(f, spec::Overloaded{
        [this](const spec::Field& q) {
          add(q.id, text(q.label));
          reads(q.id, Reader::As::Typed, q.type);
        },
        [this](const spec::TextArea& q) {
          add(q.id, text(q.label));
          reads(q.id, Reader::As::Typed, spec::FieldType::Text);
        },
        [this](const spec::YesNo& q) {
          add(q.id, text(q.label));
          reads(q.id, Reader::As::YesNo, spec::FieldType::Text);
        },
        [this](const spec::Choice& q) {
          const std::string label = text(q.label);
          add(q.id, label);
          Reader& reader = reads(q.id, Reader::As::Choice, spec::FieldType::Text);
          for (const auto& o : q.options) reader.options.emplace_back(o.value, text(o.label));
          for (const auto& o : q.options)
            if (o.other) add(q.id + "." + o.value, label + " — " + text(o.label));
        },
        [this](const spec::Table& q) {
          const std::string label = text(q.label);
          add(q.id, label);
          reads(q.id, Reader::As::Typed, spec::FieldType::Text);
          for (const auto& row : q.rows)
            for (const auto& c : q.columns) readers[q.id + "." + row.id + "." + c.id].type = c.type;
          for (const auto& r : q.rows) {
            if (r.other) add(q.id + "." + r.id + ".label", label + " — " + text(r.label) + " (libellé)");
            for (const auto& c : q.columns) add(q.id + "." + r.id + "." + c.id, label + " — " + text(r.label) + " — " + text(c.label));
          }
        },
        [this](const spec::Grid& q) {
          // Each row is a choice among the scale's steps, shown in their words.
          const std::string label = text(q.label);
          for (const auto& r : q.rows) {
            const std::string key = q.id + "." + r.id;
            add(key, label + " — " + text(r.label));
            Reader& reader = reads(key, Reader::As::Choice, spec::FieldType::Text);
            for (const auto& o : q.scale) reader.options.emplace_back(o.value, text(o.label));
          }
        }});
  }
};

}  // namespace

std::vector<AnswerChange> diff_versions(const Environment& env, const store::SqliteStore& db, const store::ArchivedVersion& a,
                                        const store::ArchivedVersion& b, DiagnosticSink& sink) {
  const auto ca = db.blob(a.canonical_sha256);
  const auto cb = db.blob(b.canonical_sha256);
  if (!ca || !cb) {
    sink.error({}, DiagCode::MissingBlob, "réponses absentes de l’archive (voir bilan archive verify)");
    return {};
  }
  const auto before = parse_canonical(*ca);
  const auto after = parse_canonical(*cb);
  // Labels from b's own snapshot: the form as it was when b was submitted.
  std::map<std::string, std::string> files;
  for (const auto& f : b.files)
    if (f.role != "image" && f.role != "attachment")
      if (auto bytes = db.blob(f.sha256)) files.emplace(f.path, std::move(*bytes));
  const SnapshotEnvironment snapshot(env, std::move(files), b.layout_dirs, b.srgb_profile, std::nullopt);
  const auto catalog = Catalog::load(snapshot);
  LabelIndex labels;
  DiagnosticSink form_sink;
  labels.form = catalog->form(b.form, form_sink);
  if (labels.form) labels.walk(*labels.form);
  const std::map<std::string, std::string> fixed = {
      {"@form", "Formulaire"},          {"@department", "Département"},       {"@action", "Action"},
      {"signature.name", "Signataire"}, {"signature.role", "Qualité du signataire"}, {"signature.place", "Fait à"},
      {"signature.date", "Date de signature"}, {"signature.stamp", "Cachet (image)"}, {"signature.signature", "Signature (image)"}};
  std::set<std::string> keys;
  for (const auto& [k, value] : before) keys.insert(k);
  for (const auto& [k, value] : after) keys.insert(k);
  std::vector<std::pair<std::size_t, AnswerChange>> out;
  labels.readers["signature.date"].type = spec::FieldType::Date;
  for (const auto& k : keys) {
    const auto ib = before.find(k);
    const auto ia = after.find(k);
    const std::string old_value = ib == before.end() ? "" : ib->second;
    const std::string new_value = ia == after.end() ? "" : ia->second;
    const auto reader = labels.readers.find(k);
    Reader r = reader == labels.readers.end() ? Reader{} : reader->second;
    r.attachment = k.starts_with(kAttachmentKey);
    if (old_value == new_value || (!old_value.empty() && !new_value.empty() && read_value(r, old_value) == read_value(r, new_value)))
      continue;
    AnswerChange c{k, k, printed_value(r, old_value), printed_value(r, new_value)};
    std::size_t order = labels.by_key.size() + 1;
    if (const auto it = labels.by_key.find(k); it != labels.by_key.end()) {
      order = it->second.first;
      c.label = it->second.second;
    } else if (const auto f = fixed.find(k); f != fixed.end()) {
      order = k.starts_with("@") ? 0 : labels.by_key.size();
      c.label = f->second;
    } else if (k.starts_with("action.")) {
      c.label = "Fait de l’action « " + k.substr(7) + " »";
    } else if (k.starts_with(kAttachmentKey)) {
      order = labels.by_key.size();  // after the answers, as the file gives them
      c.label = "Pièce jointe « " + k.substr(kAttachmentKey.size()) + " »";
    }
    out.emplace_back(order, std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<AnswerChange> changes;
  for (auto& [order, c] : out) changes.push_back(std::move(c));
  return changes;
}

}  // namespace bilan::engine

#include "engine/renderer.hpp"

#include "compose/blocks.hpp"
#include "compose/compose.hpp"
#include "core/sha256.hpp"
#include "data/bind.hpp"
#include "engine/prefill.hpp"
#include "load/answers_loader.hpp"
#include "text/format.hpp"

namespace bilan::engine {

const char* engine_version() { return "bilan " BILAN_VERSION; }

Renderer::Renderer(const Catalog& catalog) : catalog_(catalog), writer_(catalog.fonts()) {}

data::BindOptions Renderer::bind_options(const std::string& department, DiagnosticSink& sink) const {
  data::BindOptions options;
  options.department = department;
  options.registry = catalog_.departments(sink);
  options.format_date = [](const CivilDate& d) { return text::format_date_long(d.year, d.month, d.day); };
  options.format_value = [](const data::Value& v) { return compose::format_value(v); };
  return options;
}

// A form only one department uses (Lot-et-Garonne's) is that department's form,
// with its own parts, even when nobody says which department it is for.
std::string Renderer::sole_department(const spec::FormSpec& form, DiagnosticSink& sink) const {
  const spec::DepartmentRegistry* reg = catalog_.departments(sink);
  if (!reg) return {};
  const spec::Department* only = nullptr;
  for (const auto& d : reg->departments) {
    if (!form.national && !d.uses(form.id)) continue;
    if (only) return {};
    only = &d;
  }
  return only ? only->code : std::string();
}

// Everything the bytes depend on, each part named so two inputs can never
// hash alike by running into each other.
std::string Renderer::fingerprint(const data::BoundForm& bound, const std::map<std::string, std::string>& facts,
                                  const std::vector<data::AttachmentData>& attachments,
                                  const std::string& previous_sha256) const {
  Sha256 h;
  const auto part = [&](std::string_view name, std::string_view value) {
    h.update(name);
    h.update("=");
    h.update(std::to_string(value.size()));
    h.update(":");
    h.update(value);
    h.update("\n");
  };
  part("engine", engine_version());
  part("layout", bound.source_digest);
  part("registry", catalog_.registry_digest());
  part("department", bound.department);
  part("answers", bound.answers_sha256);
  for (const auto& [name, value] : facts) part("fact:" + name, value);
  if (!previous_sha256.empty()) part("previous", previous_sha256);  // answers taken from the store
  for (const auto* image : {&bound.signature.stamp, &bound.signature.signature})
    if (*image) part("image", (*image)->image->digest);
  // Carried in the PDF: their names and bytes (none in most bilans, whose
  // fingerprint stays what it was).
  for (const auto& a : attachments) part("attachment:" + a.name, Sha256::hex(Sha256::of(*a.bytes)));
  part("fonts", catalog_.fonts().fingerprint());
  return Sha256::hex(h.finish());
}

namespace {

// An attached document as the PDF carries it: a supplement to the bilan.
render::Attachment attachment_of(const data::AttachmentData& a) {
  render::Attachment out{a.name, a.mime, a.description, *a.bytes};
  out.relationship = "Supplement";
  out.checksum = true;
  return out;
}

// A document longer than the limit is refused before it is written.
bool within_page_limit(const compose::PagedDocument& doc, const Limits& limits, const SourceLoc& loc, DiagnosticSink& sink) {
  if (doc.pages.size() <= limits.pages) return true;
  sink.error(loc, DiagCode::TooManyPages, "document trop long (" + limit_text(doc.pages.size()) + " pages ; limite : " +
                                        limit_text(limits.pages) + " pages)");
  return false;
}

}  // namespace

std::optional<Composed> Renderer::compose_blank(const std::string& form_name, const BlankOptions& options,
                                                DiagnosticSink& sink) {
  const spec::FormSpec* spec = catalog_.form(form_name, sink);
  if (!spec) return std::nullopt;
  const std::string department = options.department.empty() ? sole_department(*spec, sink) : options.department;
  data::BoundForm bound = data::bind(*spec, nullptr, bind_options(department, sink), sink);
  if (sink.has_errors()) return std::nullopt;
  Composed out;
  out.fingerprint = fingerprint(bound, {});
  bound.fingerprint = out.fingerprint;
  compose::ComposeOptions compose_options;
  compose_options.fields = options.fillable;
  out.doc = compose::compose(bound, catalog_.fonts(), sink, &labels_, compose_options);
  if (!within_page_limit(out.doc, catalog_.env().limits(), spec->loc, sink)) return std::nullopt;
  return out;
}

std::optional<Renderer::Checked> Renderer::check_bytes(const std::string& path, std::string bytes, const FillOptions& options,
                                                      DiagnosticSink& sink) {
  return bind_bytes(path, std::move(bytes), options, sink, false);
}

std::optional<Renderer::Checked> Renderer::check_answers(data::AnswerSet answers, const FillOptions& options,
                                                        DiagnosticSink& sink) {
  return bind_answers(std::move(answers), options, sink, false);
}

std::optional<Renderer::Checked> Renderer::bind_bytes(const std::string& path, std::string bytes, const FillOptions& options,
                                                     DiagnosticSink& sink, bool display) {
  auto answers = load::parse_answers(catalog_.env(), path, std::move(bytes), sink);
  if (!answers) return std::nullopt;
  return bind_answers(std::move(*answers), options, sink, display);
}

std::optional<Renderer::Checked> Renderer::bind_answers(data::AnswerSet answers, const FillOptions& options,
                                                       DiagnosticSink& sink, bool display) {
  if (answers.form.empty()) return std::nullopt;
  DiagnosticSink layout_sink;
  const spec::FormSpec* spec = catalog_.form(answers.form, layout_sink);
  if (!spec) {
    // Point at the form attribute: that is what the user can change.
    for (auto d : layout_sink.items()) {
      if (!d.loc.known()) d.loc = answers.form_loc;
      sink.report(std::move(d));
    }
    return std::nullopt;
  }
  std::string written_department = answers.department;
  if (answers.department.empty()) answers.department = sole_department(*spec, sink);
  std::string previous_sha256;
  if (options.partial && options.previous) {
    const auto previous = answers.action.empty() ? std::nullopt : options.previous(answers.action);
    const Prefilled prefilled = take_previous(catalog_.env(), *spec, answers, previous);
    if (options.note && !prefilled.note.empty()) options.note(prefilled.note);
    previous_sha256 = prefilled.sha256;
  }
  DiagnosticSink bind_sink;
  data::BindOptions bind = bind_options({}, sink);
  bind.action_facts = options.action_facts;
  bind.partial = options.partial;
  bind.checks_only = !display;
  data::BoundForm bound = data::bind(*spec, &answers, bind, bind_sink);
  hint_other_forms(*spec, bind_sink, sink);
  if (sink.has_errors() || (options.strict && sink.warning_count() > 0)) return std::nullopt;
  return Checked{std::move(answers), std::move(bound), std::move(written_department), std::move(previous_sha256)};
}

std::optional<Composed> Renderer::compose_fill_bytes(const std::string& path, std::string bytes, const FillOptions& options,
                                                     DiagnosticSink& sink) {
  return compose_checked(bind_bytes(path, std::move(bytes), options, sink, true), options, sink);
}

std::optional<Composed> Renderer::compose_fill_answers(data::AnswerSet answers, const FillOptions& options,
                                                       DiagnosticSink& sink) {
  return compose_checked(bind_answers(std::move(answers), options, sink, true), options, sink);
}

std::optional<Composed> Renderer::compose_checked(std::optional<Checked> checked, const FillOptions& options,
                                                  DiagnosticSink& sink) {
  if (!checked) return std::nullopt;
  data::BoundForm& bound = checked->bound;
  Composed out;
  out.fingerprint = fingerprint(bound, options.action_facts, checked->answers.attachments, checked->previous_sha256);
  out.attachments = std::move(checked->answers.attachments);
  bound.fingerprint = out.fingerprint;
  compose::ComposeOptions compose_options;
  compose_options.fields = options.fillable;
  out.doc = compose::compose(bound, catalog_.fonts(), sink, &labels_, compose_options);
  if (!within_page_limit(out.doc, catalog_.env().limits(), checked->answers.loc, sink)) return std::nullopt;
  if (options.strict && sink.warning_count() > 0) return std::nullopt;
  return out;
}

// Unknown fields that another form knows: the file may have been written for
// that form (a 2021/22 bilan named as a 2024/25 one). Say so on each of them.
void Renderer::hint_other_forms(const spec::FormSpec& form, const DiagnosticSink& in, DiagnosticSink& out) const {
  std::vector<const spec::FormSpec*> others;
  bool loaded = false;
  for (Diagnostic d : in.items()) {
    if (d.code == DiagCode::UnknownField && !d.field.empty()) {
      if (!loaded) {
        loaded = true;
        for (const auto& id : catalog_.form_ids()) {
          if (id == form.id) continue;
          DiagnosticSink ignored;
          if (const spec::FormSpec* other = catalog_.form(id, ignored)) others.push_back(other);
        }
      }
      for (const auto* other : others)
        if (other->find(d.field)) {
          d.message = "champ inconnu « " + d.field + " » : c’est un champ du formulaire « " + other->id + " », pas de « " +
                      form.id + " » (vérifiez l’attribut form de <bilan>)";
          d.hint.clear();  // a name of this form, when the field is the other's, would mislead
          break;
        }
    }
    out.report(std::move(d));
  }
}

std::optional<Composed> Renderer::compose_fill(const std::string& answers_path, const FillOptions& options,
                                               DiagnosticSink& sink) {
  std::string bytes;
  if (!try_read_input(catalog_.env(), answers_path, bytes, sink)) return std::nullopt;
  return compose_fill_bytes(answers_path, std::move(bytes), options, sink);
}

std::string Renderer::to_pdf(const compose::PagedDocument& doc, const render::PdfOptions& options) {
  return writer_.write(doc, options);
}

std::string Renderer::to_pdf(const Composed& composed) {
  // The attached documents travel with the bilan, as plain embedded files.
  render::PdfOptions pdf;
  for (const auto& a : composed.attachments) pdf.attachments.push_back(attachment_of(a));
  return to_pdf(composed.doc, pdf);
}

std::optional<std::string> Renderer::blank(const std::string& form_name, const BlankOptions& options, DiagnosticSink& sink) {
  auto composed = compose_blank(form_name, options, sink);
  if (!composed) return std::nullopt;
  return to_pdf(composed->doc);
}

std::optional<std::string> Renderer::fill(const std::string& answers_path, const FillOptions& options, DiagnosticSink& sink) {
  if (!options.pdfa) {
    auto composed = compose_fill(answers_path, options, sink);
    if (!composed) return std::nullopt;
    return to_pdf(*composed);
  }
  std::string bytes;
  if (!try_read_input(catalog_.env(), answers_path, bytes, sink)) return std::nullopt;
  auto archived = fill_pdfa(answers_path, std::move(bytes), options, sink);
  if (!archived) return std::nullopt;
  return std::move(archived->pdf);
}

std::optional<Archived> Renderer::fill_pdfa(const std::string& path, std::string bytes, const FillOptions& options,
                                            DiagnosticSink& sink) {
  auto composed = compose_fill_bytes(path, bytes, options, sink);
  if (!composed) return std::nullopt;
  if (catalog_.srgb_profile().empty()) {
    sink.error({}, DiagCode::NoSrgbProfile,
               "PDF/A impossible : profil sRGB introuvable (" + catalog_.env().srgb_profile_path() +
                   " ; installez icc-profiles-free)");
    return std::nullopt;
  }
  render::PdfOptions pdf;
  pdf.pdfa = true;
  pdf.icc_profile = catalog_.srgb_profile();
  pdf.created = catalog_.env().now();
  pdf.attachments.push_back({kArchivedAnswersName, "application/xml", "Réponses du bilan, telles que déposées", std::move(bytes)});
  for (const auto& a : composed->attachments) pdf.attachments.push_back(attachment_of(a));
  Archived out;
  out.pdf = to_pdf(composed->doc, pdf);
  out.fingerprint = std::move(composed->fingerprint);
  return out;
}

bool Renderer::check(const std::string& answers_path, DiagnosticSink& sink) {
  // Composing too finds what only typesetting can see (characters no font has).
  compose_fill(answers_path, {}, sink);
  return !sink.has_errors();
}

}  // namespace bilan::engine

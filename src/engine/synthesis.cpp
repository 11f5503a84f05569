#include "engine/synthesis.hpp"

#include <algorithm>
#include <atomic>
#include <initializer_list>
#include <set>
#include <thread>

#include "compose/blocks.hpp"
#include "core/error.hpp"
#include "core/sha256.hpp"
#include "data/bind.hpp"
#include "data/walk.hpp"
#include "load/answers_loader.hpp"
#include "load/csv_reader.hpp"
#include "spec/department.hpp"
#include "spec/variables.hpp"
#include "text/format.hpp"

namespace bilan::engine {
namespace {

constexpr const char* kNoAnswer = "sans réponse";

// A label without its trailing colon: « Nombre d’enfants : » is a row's name here.
std::string bare(std::string label) {
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (const std::string_view tail : {":", " ", "\u00a0", "\u202f"})
      if (label.ends_with(tail)) {
        label.resize(label.size() - tail.size());
        trimmed = true;
      }
  }
  return label;
}

// « table — row — column », without the parts that have no words.
std::string joined(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) {
    const std::string b = bare(p);
    if (!b.empty()) out += (out.empty() ? "" : " — ") + b;
  }
  return out;
}

bool is_number(spec::FieldType t) {
  return t == spec::FieldType::Integer || t == spec::FieldType::Decimal || t == spec::FieldType::Amount;
}

// One question's answer in one action, as the walk of its bound form finds it.
struct Seen {
  SynthesisKind kind = SynthesisKind::Text;
  std::string key, label;
  std::string group, item;  // a grid's row
  int level = 0;
  spec::FieldType type = spec::FieldType::None;
  bool multiple = false;
  std::vector<SynthesisAnswer> options;  // Counts: the layout's answers (count 0)
  bool answered = false;
  std::int64_t mantissa = 0;            // Number
  int scale = 0;
  std::vector<std::string> chosen;      // Counts
};

// A number answer as mantissa / 10^scale; nullopt for anything else.
std::optional<std::pair<std::int64_t, int>> number_of(const data::Value& v) {
  switch (v.kind) {
    case data::ValueKind::Integer: return std::pair{v.integer, 0};
    case data::ValueKind::Decimal: return std::pair{v.decimal.mantissa, v.decimal.scale};
    case data::ValueKind::Amount: return std::pair{v.integer, 2};
    default: return std::nullopt;
  }
}

// Walks one action's bound form in document order. A question inside a part
// that does not apply (« Sans objet ») counts as not answered.
class Walker {
 public:
  std::vector<Seen> seen;

  void nodes(const std::vector<data::BoundNode>& list, bool applies) {
    for (const auto& n : list) node(n, applies);
  }

 private:
  int sections_ = 0;

  void number(std::string key, std::string label, spec::FieldType type, const data::Value& v, bool applies) {
    Seen s;
    s.kind = SynthesisKind::Number;
    s.key = std::move(key);
    s.label = std::move(label);
    s.type = type;
    s.scale = type == spec::FieldType::Amount ? 2 : 0;
    if (const auto n = number_of(v); n && applies) {
      s.answered = true;
      s.mantissa = n->first;
      s.scale = n->second;
    }
    seen.push_back(std::move(s));
  }

  void text(std::string key, std::string label, const data::Value& v, bool applies) {
    Seen s;
    s.kind = SynthesisKind::Text;
    s.key = std::move(key);
    s.label = std::move(label);
    s.answered = applies && !v.missing() && !(v.kind == data::ValueKind::Text && v.text.empty());
    seen.push_back(std::move(s));
  }

  void counts(const data::BoundQuestion& q, bool multiple, std::vector<SynthesisAnswer> options, std::vector<std::string> chosen,
              bool applies) {
    Seen s;
    s.kind = SynthesisKind::Counts;
    s.key = q.id;
    s.label = bare(q.label);
    s.multiple = multiple;
    s.options = std::move(options);
    if (applies) s.chosen = std::move(chosen);
    s.answered = !s.chosen.empty();
    seen.push_back(std::move(s));
  }

  // One overload per bound kind, no catch-all: a kind added to the bound
  // form is a compile error here until the synthesis knows what to do with it.
  void node(const data::BoundNode& n, bool applies) {
    data::visit(n, spec::Overloaded{
                       [&](const data::BoundSection& s) {
                         Seen h;
                         h.kind = SynthesisKind::Heading;
                         h.label = s.title;
                         h.level = s.level;
                         h.key = "§" + std::to_string(++sections_);
                         seen.push_back(std::move(h));
                         nodes(s.children, applies);
                       },
                       [](const data::BoundParagraph&) {},
                       [](const data::BoundList&) {},
                       [&](const data::BoundField& f) {
                         if (is_number(f.type)) number(f.id, bare(f.label), f.type, f.value, applies);
                         else text(f.id, bare(f.label), f.value, applies);
                       },
                       [&](const data::BoundTextArea& t) { text(t.id, bare(t.label), t.value, applies); },
                       [&](const data::BoundYesNo& q) {
                         std::vector<std::string> chosen;
                         if (q.value.kind == data::ValueKind::Bool) chosen.push_back(q.value.boolean ? "oui" : "non");
                         counts(q, false, {{"oui", "Oui", 0}, {"non", "Non", 0}}, std::move(chosen), applies);
                       },
                       [&](const data::BoundChoice& q) {
                         std::vector<SynthesisAnswer> options;
                         for (const auto& o : q.options) options.push_back({o.value, bare(o.label), 0});
                         counts(q, q.multiple, std::move(options),
                                q.value.kind == data::ValueKind::Choice ? q.value.choices : std::vector<std::string>{}, applies);
                       },
                       [&](const data::BoundTable& t) {
                         // Each cell column of each row: « table — row — column ».
                         for (const auto& row : t.rows)
                           for (std::size_t c = 0; c < t.columns.size(); ++c) {
                             const spec::Column& col = t.columns[c];
                             const data::Value none;
                             const data::Value& v = c < row.cells.size() ? row.cells[c] : none;
                             std::string key = t.id + "." + row.id + "." + col.id;
                             std::string label = joined({t.label, row.layout_label, col.label});
                             if (is_number(col.type)) number(std::move(key), std::move(label), col.type, v, applies);
                             else text(std::move(key), std::move(label), v, applies);
                           }
                       },
                       [&](const data::BoundGrid& g) {
                         // Each row is a question of its own, counted per step of the scale.
                         std::vector<SynthesisAnswer> scale;
                         for (const auto& o : g.scale) scale.push_back({o.value, bare(o.label), 0});
                         for (const auto& row : g.rows) {
                           Seen s;
                           s.kind = SynthesisKind::Counts;
                           s.key = g.id + "." + row.id;
                           s.label = joined({g.label, row.label});
                           s.group = bare(g.label);
                           s.item = bare(row.label);
                           s.options = scale;
                           if (applies && row.value.kind == data::ValueKind::Choice) s.chosen = row.value.choices;
                           s.answered = !s.chosen.empty();
                           seen.push_back(std::move(s));
                         }
                       },
                       [&](const data::BoundGroup& g) { nodes(g.children, applies && g.presence == data::Presence::Shown); },
                       [](const data::BoundSignature&) {},  // who signs: not summed up
                       [](const data::BoundFootnote&) {},
                       [](const data::BoundPageBreak&) {},
                       [&](const data::BoundDepartmentBlocks& d) { nodes(d.children, applies); },
                       [](const data::BoundCheck&) {},
                   });
  }
};

// 10^n for the small n of answer scales; nullopt past 10^18.
std::optional<std::int64_t> power10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) {
    if (p > INT64_MAX / 10) return std::nullopt;
    p *= 10;
  }
  return p;
}

bool scaled(std::int64_t v, int by, std::int64_t& out) {
  const auto p = power10(by);
  return p && !__builtin_mul_overflow(v, *p, &out);
}

void add_number(SynthesisRow& row, std::int64_t mantissa, int scale) {
  ++row.answered;
  if (row.overflow) return;
  std::int64_t value = mantissa;
  if (scale > row.scale) {
    if (!scaled(row.sum, scale - row.scale, row.sum)) {
      row.overflow = true;
      return;
    }
    row.scale = scale;
  } else if (!scaled(mantissa, row.scale - scale, value)) {
    row.overflow = true;
    return;
  }
  if (__builtin_add_overflow(row.sum, value, &row.sum)) row.overflow = true;
}

// One action's answers, loaded and bound with the spec; its walk, or nullopt
// with its diagnostics in `sink`.
std::optional<std::vector<Seen>> walk_action(const Catalog& catalog, const SynthesisInput& in, std::string bytes,
                                             DiagnosticSink& sink) {
  // The answers alone: the images and attachments they name are not summed up,
  // and a stored file whose images moved since its import still counts.
  auto answers = load::parse_answers(catalog.env(), in.source, std::move(bytes), sink, load::NamedFiles::Skip);
  if (!answers || sink.has_errors()) return std::nullopt;
  DiagnosticSink layout_sink;
  const spec::FormSpec* spec = catalog.form(answers->form, layout_sink);
  if (!spec) {
    for (auto d : layout_sink.items()) {
      if (!d.loc.known()) d.loc = answers->form_loc;
      sink.report(std::move(d));
    }
    return std::nullopt;
  }
  if (answers->department.empty()) answers->department = in.department;
  data::BindOptions bind;
  bind.registry = catalog.departments(sink);
  bind.format_date = [](const CivilDate& d) { return text::format_date_long(d.year, d.month, d.day); };
  bind.format_value = [](const data::Value& v) { return compose::format_value(v); };
  bind.action_facts = in.facts;
  bind.partial = true;  // what the store keeps was checked so (store import)
  const data::BoundForm bound = data::bind(*spec, &*answers, bind, sink);
  if (sink.has_errors()) return std::nullopt;
  Walker w;
  w.nodes(bound.body, true);
  return std::move(w.seen);
}

// One action's walk added to its form's part: rows made in the order they
// are first met (`keys`: key → row), then counted.
void sum_up(const Catalog& catalog, const SynthesisInput& in, std::vector<Seen>& walk, SynthesisPart& part,
            std::map<std::string, std::size_t>& keys) {
  if (part.form.empty()) {
    part.form = in.form;
    DiagnosticSink ignored;
    if (const spec::FormSpec* spec = catalog.form(in.form, ignored)) {
      part.title = spec::interpolate(spec->title, [spec](std::string_view name) { return spec->variable(name); });
      part.school_year = spec->school_year;
    }
  }
  part.actions.push_back(in.action);
  for (Seen& s : walk) {
    auto [it, fresh] = keys.emplace(s.key, part.rows.size());
    if (fresh) {
      SynthesisRow row;
      row.kind = s.kind;
      row.key = s.key;
      row.label = s.label;
      row.group = s.group;
      row.item = s.item;
      row.level = s.level;
      row.type = s.type;
      row.scale = s.type == spec::FieldType::Amount ? 2 : 0;
      row.multiple = s.multiple;
      row.answers = std::move(s.options);
      part.rows.push_back(std::move(row));
    }
    SynthesisRow& row = part.rows[it->second];
    if (!s.answered) continue;
    switch (row.kind) {
      case SynthesisKind::Heading: break;
      case SynthesisKind::Text: ++row.answered; break;
      case SynthesisKind::Number: add_number(row, s.mantissa, s.scale); break;
      case SynthesisKind::Counts:
        ++row.answered;
        for (const auto& value : s.chosen) {
          auto a = std::find_if(row.answers.begin(), row.answers.end(), [&](const SynthesisAnswer& x) { return x.value == value; });
          if (a == row.answers.end()) {
            row.answers.push_back({value, value, 0});
            a = row.answers.end() - 1;
          }
          ++a->count;
        }
        break;
    }
  }
}

}  // namespace

std::string synthesis_number(std::int64_t mantissa, int scale) {
  const bool negative = mantissa < 0;
  // The magnitude as unsigned: INT64_MIN has no positive int64.
  const std::uint64_t m = negative ? 0 - static_cast<std::uint64_t>(mantissa) : static_cast<std::uint64_t>(mantissa);
  std::string digits = std::to_string(m);
  if (scale > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale)) digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale), ",");
  }
  return (negative ? "-" : "") + digits;
}

std::vector<SynthesisInput> synthesis_inputs(const store::SqliteStore& db, std::mutex& mutex, const SynthesisOptions& options) {
  std::vector<SynthesisInput> out;
  if (options.source == SynthesisSource::Store) {
    for (const auto& a : db.list({options.department, options.form, {}})) {
      const auto got = db.get(a.id);
      if (!got) continue;
      const auto load = [&db, &mutex, id = a.id] {
        std::lock_guard<std::mutex> lock(mutex);
        auto answers = db.get(id);
        if (!answers) throw IoError("action disparue de la base pendant la synthèse");
        return std::move(answers->bytes);
      };
      out.push_back({a.id, a.form, a.department, got->source, {}, a.facts, load});
    }
    return out;
  }
  // The archive: each action's highest validated version.
  std::set<std::int64_t> validated;
  for (const auto& e : db.events())
    if (e.kind == "validation") validated.insert(e.seq);
  std::map<std::string, store::ArchivedVersion> latest;
  for (auto& v : db.versions()) {
    if (!validated.count(v.seq) || v.department != options.department) continue;
    if (!options.form.empty() && v.form != options.form) continue;
    auto it = latest.find(v.action);
    if (it == latest.end()) latest.emplace(v.action, std::move(v));
    else if (v.number > it->second.number) it->second = std::move(v);
  }
  for (auto& [action, v] : latest) {
    const auto load = [&db, &mutex, sha = v.answers_sha256, name = v.name()] {
      std::lock_guard<std::mutex> lock(mutex);
      auto bytes = db.blob(sha);
      if (!bytes) throw IoError("archive : réponses de " + name + " introuvables (bilan archive verify le dira)");
      return std::move(*bytes);
    };
    out.push_back({action, v.form, v.department, v.name(), {}, v.facts, load});
  }
  return out;
}

std::optional<Synthesis> synthesize(const Catalog& catalog, const std::vector<SynthesisInput>& inputs,
                                    const SynthesisOptions& options, DiagnosticSink& sink) {
  Synthesis out;
  out.department = options.department;
  out.source = options.source;
  if (const auto now = catalog.env().now()) out.date = CivilDate{now->year, now->month, now->day};
  if (const spec::DepartmentRegistry* reg = catalog.departments(sink))
    if (const spec::Department* d = reg->find(options.department)) out.caf = d->caf();

  // Bound on every thread, a chunk at a time, summed up in the inputs' order:
  // the same result on any --jobs, and memory bounded by the chunk.
  const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(std::max<std::size_t>(inputs.size(), 1))));
  const std::size_t chunk = 64 * static_cast<std::size_t>(jobs);
  std::map<std::string, SynthesisPart> parts;
  std::map<std::string, std::map<std::string, std::size_t>> index;  // form → key → row
  bool failed = false;
  for (std::size_t begin = 0; begin < inputs.size(); begin += chunk) {
    const std::size_t end = std::min(inputs.size(), begin + chunk);
    std::vector<std::optional<std::vector<Seen>>> walks(end - begin);
    std::vector<DiagnosticSink> sinks(end - begin);
    std::atomic<std::size_t> next{begin};
    const auto worker = [&] {
      for (;;) {
        const std::size_t i = next.fetch_add(1);
        if (i >= end) return;
        const SynthesisInput& in = inputs[i];
        try {
          walks[i - begin] = walk_action(catalog, in, in.bytes.empty() && in.load ? in.load() : in.bytes, sinks[i - begin]);
        } catch (const std::exception& e) {
          sinks[i - begin].error(SourceLoc{std::make_shared<const std::string>(in.source)}, DiagCode::UnreadableFile, e.what());
        }
      }
    };
    if (jobs == 1) {
      worker();
    } else {
      std::vector<std::thread> threads;
      for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
      for (auto& th : threads) th.join();
    }
    for (std::size_t i = begin; i < end; ++i) {
      // Errors only: the rules' warnings on one bilan are `check`'s to say, not the synthesis's.
      for (const auto& d : sinks[i - begin].sorted())
        if (d.severity == Severity::Error) sink.report(d);
      if (!walks[i - begin]) failed = true;
      if (failed) continue;  // the diagnostics of every action are still said
      sum_up(catalog, inputs[i], *walks[i - begin], parts[inputs[i].form], index[inputs[i].form]);
    }
  }
  if (failed) return std::nullopt;
  for (auto& [form, part] : parts) {
    std::sort(part.actions.begin(), part.actions.end());
    for (auto& row : part.rows)
      if (row.kind == SynthesisKind::Counts) row.answers.push_back({"", kNoAnswer, part.actions.size() - row.answered});
    out.parts.push_back(std::move(part));
  }
  return out;
}

std::string synthesis_csv(const Synthesis& synthesis) {
  using load::csv_cell;
  std::string out = std::string(load::kUtf8Bom) + "formulaire;question;libellé;réponse;nombre;somme;moyenne\n";
  const auto line = [&](const SynthesisPart& part, const std::string& key, const std::string& label, const std::string& answer,
                        const std::string& count, const std::string& sum, const std::string& mean) {
    out += csv_cell(part.form) + ";" + csv_cell(key) + ";" + csv_cell(label) + ";" + csv_cell(answer) + ";" + count + ";" +
           csv_cell(sum) + ";" + csv_cell(mean) + "\n";
  };
  for (const auto& part : synthesis.parts) {
    line(part, "actions", "Nombre d’actions", "", std::to_string(part.actions.size()), "", "");
    for (const auto& row : part.rows) {
      switch (row.kind) {
        case SynthesisKind::Heading: break;
        case SynthesisKind::Text: line(part, row.key, row.label, "texte libre", std::to_string(row.answered), "", ""); break;
        case SynthesisKind::Number: {
          const auto mean = synthesis_mean(row);
          line(part, row.key, row.label, "", std::to_string(row.answered),
               row.overflow ? "dépassement" : synthesis_number(row.sum, row.scale),
               mean ? synthesis_number(mean->mantissa, mean->scale) : "");
          break;
        }
        case SynthesisKind::Counts:
          for (const auto& a : row.answers) line(part, row.key, row.label, a.label, std::to_string(a.count), "", "");
          break;
      }
    }
  }
  return out;
}

compose::PagedDocument synthesis_document(const Catalog& catalog, const Synthesis& synthesis) {
  compose::PagedDocument doc = compose::compose_synthesis(synthesis, catalog.fonts());
  std::string seed = "synthese\n" + synthesis_csv(synthesis) + "\ncaf=" + synthesis.caf +
                     (synthesis.source == SynthesisSource::Archive ? "\narchive" : "\nstore") +
                     "\nfonts=" + catalog.fonts().fingerprint();
  if (synthesis.date) seed += "\ndate=" + text::format_date_numeric(synthesis.date->year, synthesis.date->month, synthesis.date->day);
  doc.info.id_seed = Sha256::hex(Sha256::of(seed));
  return doc;
}

std::string synthesis_pdf(Renderer& renderer, const Synthesis& synthesis) {
  return renderer.to_pdf(synthesis_document(renderer.catalog(), synthesis));
}

}  // namespace bilan::engine

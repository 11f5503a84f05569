#include "load/layout_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "core/limits.hpp"
#include "core/sha256.hpp"
#include "core/suggest.hpp"
#include "load/layout/file_loader.hpp"
#include "load/same_as.hpp"
#include "spec/action.hpp"
#include "spec/references.hpp"
#include "spec/walk.hpp"
#include "spec/variables.hpp"

namespace bilan::load {
namespace {

using detail::FileLoader;
using detail::LoadContext;
using spec::Node;

namespace fs = std::filesystem;

// Checks that need the whole form: unique ids, references of expressions.
class FormChecker {
 public:
  FormChecker(const spec::FormSpec& form, DiagnosticSink& sink) : form_(form), sink_(sink) {}

  void run() {
    collect_ids(form_.body);
    check_refs(form_.body);
    // A department's parts share the form's id space, not each other's.
    const auto body_ids = ids_;
    for (const auto& [code, nodes] : form_.department_blocks) {
      ids_ = body_ids;
      collect_ids(nodes);
      check_refs(nodes);
    }
  }

 private:
  // The id a node declares: a question's, a check's; empty for the others.
  static const std::string& id_of(const Node& n) {
    static const std::string kNone;
    if (const auto* q = spec::as_question(n)) return q->id;
    if (const auto* c = std::get_if<spec::Check>(&n.kind())) return c->id;
    return kNone;
  }

  void collect_ids(const std::vector<Node>& nodes) {
    spec::for_each_node(nodes, [this](const Node& n) {
      if (const std::string& id = id_of(n); !id.empty()) {
        auto [it, inserted] = ids_.emplace(id, &n);
        if (!inserted)
          sink_.error(spec::loc_of(n), DiagCode::DuplicateId, "identifiant « " + id + " » déjà utilisé (" + spec::loc_of(*it->second).to_string() + ")");
      }
      if (const auto* c = std::get_if<spec::Choice>(&n.kind()))
        for (const auto& o : c->options)
          if (o.other) other_texts_.insert(c->id + "." + o.value);
      if (const auto* g = std::get_if<spec::Grid>(&n.kind()))
        for (const auto& r : g->rows) other_texts_.insert(g->id + "." + r.id);  // a row's answer
    });
  }

  // Each node's expressions, in the order computed=, when=, expected-when=, test=.
  void check_refs(const std::vector<Node>& nodes) {
    const auto optional = [this](const std::optional<spec::Condition>& c) {
      if (c) check_condition(*c, nullptr);
    };
    const auto question = [&](const spec::Question& q) { optional(q.expected_when); };
    spec::for_each_node(nodes, [&](const Node& n) {
      spec::visit(n, spec::Overloaded{
                         [](const spec::Section&) {},
                         [](const spec::Paragraph&) {},
                         [](const spec::List&) {},
                         [&](const spec::Field& f) {
                           if (f.computed) check_condition(*f.computed, &f);
                           question(f);
                         },
                         [&](const spec::TextArea& q) { question(q); },
                         [&](const spec::YesNo& q) { question(q); },
                         [&](const spec::Choice& q) { question(q); },
                         [&](const spec::Table& q) { question(q); },
                         [&](const spec::Grid& q) { question(q); },
                         [&](const spec::Group& g) { optional(g.when); },
                         [](const spec::Signature&) {},
                         [](const spec::Footnote&) {},
                         [](const spec::PageBreak&) {},
                         [](const spec::DepartmentBlocks&) {},
                         [&](const spec::Check& c) {
                           optional(c.when);
                           // A check without a valid test was reported where it was read.
                           if (c.test.expr.kind != spec::ExprKind::None) check_condition(c.test, nullptr);
                           check_message(c);
                           if (!c.each_row.empty() && !form_.find_as<spec::Table>(c.each_row))
                             sink_.error(c.loc, DiagCode::UnknownReference, "rows=\"" + c.each_row + "\" sur <check> ne désigne aucun tableau du formulaire");
                         },
                     });
    });
  }

  // {field} in a check's message names a field of the form.
  void check_message(const spec::Check& n) {
    std::vector<spec::VariableRef> refs;
    std::size_t bad = 0;
    if (!spec::scan_variables(n.message, refs, bad)) {
      sink_.error(n.loc, DiagCode::BadVariable, "accolade non appariée dans le message de <check>");
      return;
    }
    for (const auto& r : refs)
      if (!form_.find(r.name) && !is_table_column(r.name) && !other_texts_.count(r.name) && !is_action_fact(r.name) && !form_.variable(r.name) &&
          !spec::is_school_year_date(r.name) && !is_department_text(r.name) && !(r.name == "row" && !n.each_row.empty()))
        sink_.error(n.loc, DiagCode::UnknownReference, "{" + r.name + "} dans le message de <check> ne désigne aucun champ du formulaire");
  }

  // {department.code}, {department.of}…: the answer file's department, as labels have it.
  static bool is_department_text(const std::string& name) {
    const auto r = spec::find_reference(name);
    return r == spec::Reference::DepartmentCode || r == spec::Reference::DepartmentName || r == spec::Reference::DepartmentOf ||
           r == spec::Reference::DepartmentCaf;
  }

  static bool is_action_fact(const std::string& name) {
    if (!name.starts_with(spec::kActionPrefix)) return false;
    const std::string_view fact = std::string_view(name).substr(spec::kActionPrefix.size());
    const spec::ActionFact* f = spec::find_action_fact(fact);
    return f && f->name == fact;
  }

  static std::string fact_names() {
    std::string out;
    for (const auto& f : spec::action_facts()) out += (out.empty() ? "" : ", ") + std::string(spec::kActionPrefix) + std::string(f.name);
    return out;
  }

  bool is_table_column(const std::string& name) const {
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) return false;
    const auto* table = form_.find_as<spec::Table>(name.substr(0, dot));
    if (!table) return false;
    for (const auto& c : table->columns)
      if (c.id == name.substr(dot + 1)) return true;
    return false;
  }

  void check_condition(const spec::Condition& c, const spec::Field* computed_for) {
    std::vector<const spec::Expr*> refs;
    c.expr.collect_refs(refs);
    for (const auto* r : refs) {
      const std::string& name = r->text;
      if (name.starts_with(spec::kDepartmentPrefix)) {
        if (computed_for) sink_.error(c.loc, DiagCode::BadReference, "un champ calculé ne peut pas lire « " + name + " »");
        continue;  // department settings are checked against the registry at bind time
      }
      if (spec::is_school_year_date(name)) {
        if (computed_for) sink_.error(c.loc, DiagCode::BadReference, "un champ calculé ne peut pas lire « " + name + " »");
        continue;
      }
      if (name.starts_with(spec::kActionPrefix)) {
        if (computed_for) sink_.error(c.loc, DiagCode::BadReference, "un champ calculé ne peut pas lire « " + name + " »");
        else if (!is_action_fact(name)) sink_.error(c.loc, DiagCode::UnknownReference, "« " + name + " » n’est pas un fait connu sur l’action (" + fact_names() + ")");
        continue;
      }
      if (is_table_column(name) && !computed_for) continue;
      const Node* target = form_.find(name);
      if (!target && other_texts_.count(name)) continue;
      if (!target) {
        std::vector<std::string> candidates;  // only when a name is wrong
        for (const auto& [id, node] : form_.answerable()) candidates.push_back(id);
        candidates.insert(candidates.end(), other_texts_.begin(), other_texts_.end());
        sink_.error(c.loc, DiagCode::UnknownReference, "« " + name + " » ne désigne aucun champ du formulaire").hint =
            suggestion(name, candidates);
        continue;
      }
      if (computed_for) {
        const auto* field = std::get_if<spec::Field>(&target->kind());
        const bool numeric = field && (field->type == spec::FieldType::Integer || field->type == spec::FieldType::Decimal ||
                                       field->type == spec::FieldType::Amount);
        if (!numeric) sink_.error(c.loc, DiagCode::BadReference, "« " + name + " » n’est pas un champ numérique");
        if (field == computed_for) sink_.error(c.loc, DiagCode::BadReference, "le champ « " + name + " » se calcule à partir de lui-même");
      }
    }
  }

  const spec::FormSpec& form_;
  DiagnosticSink& sink_;
  std::map<std::string, const Node*> ids_;
  std::set<std::string> other_texts_;  // CHOICE.OTHER texts and GRID.ROW answers
};

}  // namespace

std::string find_layout(const Environment& env, const std::string& form_or_path) {
  if (form_or_path.find('/') != std::string::npos || form_or_path.ends_with(".xml")) return form_or_path;
  for (const auto& dir : env.layout_dirs()) {
    const std::string candidate = dir + "/" + form_or_path + ".xml";
    if (env.file_exists(candidate)) return candidate;
  }
  return {};
}

std::vector<std::string> list_forms(const Environment& env) {
  std::set<std::string> ids;
  for (const auto& dir : env.layout_dirs()) {
    for (const auto& file : env.list_files(dir)) {
      if (fs::path(file).extension() != ".xml") continue;
      std::string data, error;
      if (!env.try_read_file(file, data, error)) continue;
      pugi::xml_document doc;
      if (!doc.load_buffer(data.data(), data.size())) continue;
      if (std::string_view(doc.document_element().name()) == "form")
        ids.insert(doc.document_element().attribute("id").value());
    }
  }
  return {ids.begin(), ids.end()};
}

namespace {

bool has_department_blocks(const std::vector<Node>& nodes) {
  bool found = false;
  spec::for_each_node(nodes, [&found](const Node& n) { found = found || std::holds_alternative<spec::DepartmentBlocks>(n.kind()); });
  return found;
}

}  // namespace

namespace {

std::optional<spec::FormSpec> load_layout_file(const Environment& env, const std::string& path, DiagnosticSink& sink,
                                               const spec::DepartmentRegistry* registry, const FormLookup* same_as_forms) {
  LoadContext ctx{env, sink, {fs::absolute(fs::path(path)).lexically_normal().string()}, Sha256(), {}};
  const std::size_t errors_before = sink.error_count();
  FileLoader loader(ctx, path, true);
  if (!loader.open()) return std::nullopt;
  spec::FormSpec form;
  loader.load_form(form);
  if (registry && has_department_blocks(form.body)) {
    const fs::path base = fs::path(registry->path).parent_path();
    for (const auto& d : registry->departments) {
      for (const auto& ref : d.blocks) {
        if (!ref.forms.empty() && std::find(ref.forms.begin(), ref.forms.end(), form.id) == ref.forms.end()) continue;
        FileLoader* block = ctx.included_file((base / ref.src).lexically_normal().string());
        std::vector<Node> nodes;
        std::string title;
        if (!block) {
          sink.error(ref.loc, DiagCode::BadInclude, "bloc du département " + d.code + " : lecture de « " + ref.src + " » impossible");
          continue;
        }
        block->set_base_level(0);
        if (block->load_included(ref.block, ref.loc, nodes, title))
          for (auto& n : nodes) form.department_blocks[d.code].push_back(std::move(n));
      }
    }
  }
  form.source_digest = Sha256::hex(ctx.digest.finish());
  form.reindex();
  FormChecker(form, sink).run();
  if (same_as_forms) check_same_as(env, form, *same_as_forms, sink);
  if (sink.error_count() > errors_before) return std::nullopt;
  return form;
}

}  // namespace

std::optional<spec::FormSpec> load_layout(const Environment& env, const std::string& path, DiagnosticSink& sink,
                                          const spec::DepartmentRegistry* registry, const FormLookup& forms) {
  if (forms) return load_layout_file(env, path, sink, registry, &forms);
  // Each form named loaded once, for this call only.
  std::map<std::string, std::optional<spec::FormSpec>> loaded;
  const FormLookup own = [&](const std::string& id) -> const spec::FormSpec* {
    auto [it, inserted] = loaded.try_emplace(id);
    if (inserted) {
      if (const std::string file = find_layout(env, id); !file.empty()) {
        DiagnosticSink ignored;  // its own problems are said when it is used
        it->second = load_same_as_target(env, file, ignored, registry);
      }
    }
    return it->second ? &*it->second : nullptr;
  };
  return load_layout_file(env, path, sink, registry, &own);
}

std::optional<spec::FormSpec> load_same_as_target(const Environment& env, const std::string& path, DiagnosticSink& sink,
                                                  const spec::DepartmentRegistry* registry) {
  return load_layout_file(env, path, sink, registry, nullptr);
}

}  // namespace bilan::load

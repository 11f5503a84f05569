#include "load/same_as.hpp"

#include <algorithm>
#include <set>

#include "core/suggest.hpp"
#include "spec/walk.hpp"

namespace bilan::load {
namespace {

// What a question is asked on, as same-as compares two: equal keys, the same
// scale; `words` says it in a message (« oui/non », « choix parmi a, b »).
struct AnswerScale {
  std::string key;  // empty: nothing can be carried (a table, a computed field, a whole grid)
  std::string words;
  bool scale = false;  // oui/non, a choice, a grid: « échelles » in messages, else « types »
};

// The key of a set of values, whatever their order; the words in the layout's order.
AnswerScale values_scale(const std::string& kind, const std::string& words, const std::vector<spec::Option>& options) {
  std::vector<std::string> sorted;
  for (const auto& o : options) sorted.push_back(o.value);
  std::sort(sorted.begin(), sorted.end());
  AnswerScale s{kind, words, true};
  for (const auto& v : sorted) s.key += ":" + v;
  for (std::size_t i = 0; i < options.size(); ++i) s.words += (i ? ", " : " ") + options[i].value;
  return s;
}

// A grid's rows: a scale of exactly oui and non is a yes/no (spec::Grid::yes_no).
AnswerScale row_scale(const spec::Grid& g) {
  if (g.yes_no()) return {"yesno", "oui/non", true};
  return values_scale("grid", "échelle", g.scale);
}

AnswerScale question_scale(const spec::Node& question) {
  return spec::visit_question(question, spec::Overloaded{
      [](const spec::Field& f) -> AnswerScale {
        if (f.computed) return {{}, "un champ calculé", false};
        if (f.type == spec::FieldType::Text || f.type == spec::FieldType::None) return {"text", "texte", false};
        return {std::string("field:") + spec::type_name(f.type), spec::type_words(f.type), false};
      },
      [](const spec::TextArea&) -> AnswerScale { return {"text", "texte long", false}; },
      [](const spec::YesNo&) -> AnswerScale { return {"yesno", "oui/non", true}; },
      [](const spec::Choice& c) -> AnswerScale {
        // One answer and several never stand for each other, even on the same options.
        return values_scale(c.multiple ? "choices" : "choice", c.multiple ? "choix multiple parmi" : "choix parmi", c.options);
      },
      [](const spec::Table&) -> AnswerScale { return {{}, "un tableau", false}; },
      [](const spec::Grid&) -> AnswerScale { return {{}, "une grille", false}; },
  });
}

AnswerScale site_scale(const SameAsSite& site) {
  if (site.row) return row_scale(std::get<spec::Grid>(site.node->kind()));
  return question_scale(*site.node);
}

}  // namespace

std::vector<SameAsSite> same_as_sites(const spec::FormSpec& form) {
  std::vector<SameAsSite> out;
  spec::for_each_question_node(form, [&out](const spec::Node& node, const spec::Question& q) {
    if (q.same_as) out.push_back({&*q.same_as, q.id, &node, nullptr});
    if (const auto* g = std::get_if<spec::Grid>(&node.kind()))
      for (const auto& r : g->rows)
        if (r.same_as) out.push_back({&*r.same_as, g->id + "." + r.id, &node, &r});
  });
  return out;
}

void check_same_as(const Environment& env, const spec::FormSpec& form, const FormLookup& forms, DiagnosticSink& sink) {
  std::set<std::string> unusable;  // forms already said unknown or invalid: once each
  for (const SameAsSite& site : same_as_sites(form)) {
    const spec::SameAs& same = *site.same;
    const std::string named = "same-as=\"" + same.form + ":" + same.id + "\"";
    if (same.form == form.id) {
      sink.error(same.loc, DiagCode::BadReference, named + " : same-as nomme une question d’un autre formulaire, pas de « " + form.id + " »");
      continue;
    }
    const AnswerScale here = site_scale(site);
    if (here.key.empty()) {
      sink.error(same.loc, DiagCode::BadReference, named + " : " + here.words + " ne reprend pas de réponse (sa valeur se calcule)");
      continue;
    }
    const spec::FormSpec* other = forms(same.form);
    if (!other) {
      if (!unusable.insert(same.form).second) continue;
      if (find_layout(env, same.form).empty())
        sink.error(same.loc, DiagCode::UnknownForm, named + " : formulaire inconnu « " + same.form + " » dans les dossiers de layouts").hint =
            suggestion(same.form, list_forms(env));
      else
        sink.error(same.loc, DiagCode::BadReference, named + " : le layout de « " + same.form + " » est invalide (bilan blank " + same.form +
                                                         " pour le détail)");
      continue;
    }
    // ID, or GRID.ROW: a row of a grid there.
    SameAsSite there_site;
    const std::size_t dot = same.id.find('.');
    there_site.node = other->find(same.id.substr(0, dot));
    if (there_site.node && dot != std::string::npos) {
      const auto* g = std::get_if<spec::Grid>(&there_site.node->kind());
      there_site.row = g ? g->find_row(std::string_view(same.id).substr(dot + 1)) : nullptr;
      if (!there_site.row) there_site.node = nullptr;
    }
    if (!there_site.node) {
      std::vector<std::string> ids;
      for (const auto& [id, n] : other->answerable()) {
        ids.push_back(id);
        if (const auto* g = std::get_if<spec::Grid>(&n->kind()))
          for (const auto& r : g->rows) ids.push_back(id + "." + r.id);
      }
      sink.error(same.loc, DiagCode::UnknownReference, named + " : « " + same.form + " » n’a pas de question « " + same.id + " »").hint =
          suggestion(same.id, ids);
      continue;
    }
    if (!there_site.row && std::holds_alternative<spec::Grid>(there_site.node->kind())) {
      sink.error(same.loc, DiagCode::BadReference, named + " : « " + same.id + " » est une grille dans « " + same.form +
                                                       " » : nommez une de ses lignes (same-as=\"" + same.form + ":" + same.id + ".LIGNE\")");
      continue;
    }
    const AnswerScale there = site_scale(there_site);
    if (there.key.empty()) {
      sink.error(same.loc, DiagCode::BadReference, named + " : « " + same.id + " » est " + there.words + " dans « " + same.form +
                                                       " » : sa réponse ne se reprend pas");
      continue;
    }
    if (there.key != here.key)
      sink.error(same.loc, DiagCode::BadReference, named + " : les " + (here.scale && there.scale ? "échelles" : "types") + " diffèrent : " +
                                                       there.words + " dans " + same.form + ", " + here.words + " ici");
  }
}

}  // namespace bilan::load

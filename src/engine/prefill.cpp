#include "engine/prefill.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "load/answers_loader.hpp"
#include "load/same_as.hpp"

namespace bilan::engine {

std::vector<std::string> same_as_forms(const spec::FormSpec& form) {
  std::set<std::string> ids;
  for (const auto& site : load::same_as_sites(form)) ids.insert(site.same->form);
  return {ids.begin(), ids.end()};
}

Prefilled take_previous(const Environment& env, const spec::FormSpec& form, data::AnswerSet& answers,
                        const std::optional<store::StoredAnswers>& previous) {
  Prefilled out;
  const std::vector<std::string> named = same_as_forms(form);
  if (named.empty()) {
    out.note = "rien n’est repris de la base : le formulaire « " + form.id + " » ne déclare aucune question same-as";
    return out;
  }
  if (answers.action.empty()) {
    out.note = "rien n’est repris de la base : le fichier de réponses ne nomme pas son action (attribut action de <bilan>)";
    return out;
  }
  if (!previous) {
    out.note = "rien n’est repris de la base : l’action « " + answers.action + " » n’y est pas";
    return out;
  }
  const std::string& from = previous->action.form;
  if (std::find(named.begin(), named.end(), from) == named.end()) {
    out.note = "rien n’est repris de la base : l’action « " + answers.action + " » y a des réponses au formulaire « " + from +
               " », dont ce formulaire ne reprend rien";
    return out;
  }
  // Stored answers were checked when imported; what they say of images or
  // structure is no concern here (their answers are bound below as ours), and
  // the files they name are not read (they may have moved since).
  DiagnosticSink ignored;
  auto stored = load::parse_answers(env, previous->source, previous->bytes, ignored, load::NamedFiles::Skip);
  if (!stored) {
    out.note = "rien n’est repris de la base : les réponses de l’action « " + answers.action + " » y sont illisibles";
    return out;
  }
  std::set<std::string> given;  // the answer file's: it wins
  for (const auto& a : answers.answers) given.insert(a.field);
  for (const auto& t : answers.tables) given.insert(t.field);
  std::map<std::string, const data::Answer*> theirs;
  for (const auto& a : stored->answers) theirs.emplace(a.field, &a);

  std::vector<data::Answer> taken;
  const auto take = [&](const std::string& there, const std::string& here) {
    const auto it = theirs.find(there);
    if (it == theirs.end() || given.count(here)) return false;
    data::Answer a = *it->second;
    a.field = here;
    taken.push_back(std::move(a));
    return true;
  };
  for (const auto& site : load::same_as_sites(form)) {
    const spec::SameAs& same = *site.same;
    if (same.form != from) continue;
    // A department's own part is answered only for that department.
    const std::string& question = spec::as_question(*site.node)->id;
    if (const auto& owners = form.departments_of(question);
        !owners.empty() && std::find(owners.begin(), owners.end(), answers.department) == owners.end())
      continue;
    if (!take(same.id, site.field)) continue;
    ++out.taken;
    // A choice's « autres » texts go with it (same-as checked the options are the same).
    if (const auto* choice = std::get_if<spec::Choice>(&site.node->kind()))
      for (const auto& o : choice->options)
        if (o.other) take(same.id + "." + o.value, site.field + "." + o.value);
  }
  const std::string where = from + " (" + answers.action + ")";
  if (out.taken == 0) {
    out.note = "aucune réponse reprise de " + where;
    return out;
  }
  out.note = std::to_string(out.taken) + (out.taken > 1 ? " réponses reprises de " : " réponse reprise de ") + where;
  out.sha256 = previous->sha256;
  for (auto& a : taken) answers.answers.push_back(std::move(a));
  // A message may point into the stored file's text as into the answer file's.
  answers.locate = [own = std::move(answers.locate), other = std::move(stored->locate), file = stored->loc.file](
                       const SourceLoc& at, std::string_view needle) {
    if (at.file && file && at.file == file) return other ? other(at, needle) : SourceLoc{};
    return own ? own(at, needle) : SourceLoc{};
  };
  return out;
}

}  // namespace bilan::engine

#include "store/archive.hpp"

#include <algorithm>
#include <set>

#include "core/sha256.hpp"

namespace bilan::store {
namespace {

void part(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

}  // namespace

std::string version_description(const std::string& name) { return "version " + name; }

std::string event_description(const std::string& kind, std::int64_t id, const std::string& version_name) {
  return kind + " n° " + std::to_string(id) + " de " + version_name;
}

std::string record_text(const ArchivedVersion& v) {
  std::string out = v.format == 1 ? "bilan-archive-version 1\n" : "bilan-archive-version 2\n";
  part(out, "seq", std::to_string(v.seq));
  part(out, "action", v.action);
  part(out, "number", std::to_string(v.number));
  part(out, "form", v.form);
  part(out, "department", v.department);
  part(out, "structure", v.structure);
  part(out, "submitted_at", v.submitted_at);
  part(out, "source", v.source);
  part(out, "answers", v.answers_sha256);
  part(out, "canonical", v.canonical_sha256);
  part(out, "pdf", v.pdf_sha256);
  part(out, "fingerprint", v.fingerprint);
  part(out, "engine", v.engine);
  part(out, "fonts", v.fonts);
  for (const auto& d : v.layout_dirs) part(out, "layout_dir", d);
  part(out, "srgb_profile", v.srgb_profile);
  for (const auto& [name, value] : v.facts) part(out, "fact:" + name, value);
  for (const auto& f : v.files) {
    part(out, "file", f.path);
    part(out, "role", f.role);
    part(out, "sha256", f.sha256);
  }
  if (v.format != 1) part(out, "prev_name", v.prev_name);
  part(out, "prev", v.prev_hash);
  return out;
}

std::string record_hash(const ArchivedVersion& v) { return Sha256::hex(Sha256::of(record_text(v))); }

std::string event_text(const ArchiveEvent& e) {
  std::string out = e.format == 1 ? "bilan-archive-event 1\n" : "bilan-archive-event 2\n";
  part(out, "id", std::to_string(e.id));
  if (e.format != 1) part(out, "link", std::to_string(e.link));
  part(out, "seq", std::to_string(e.seq));
  part(out, "kind", e.kind);
  part(out, "by", e.by);
  part(out, "at", e.at);
  part(out, "version", e.version_hash);
  if (e.format != 1) {
    part(out, "prev_name", e.prev_name);
    part(out, "prev", e.prev_hash);
  }
  return out;
}

std::string event_hash(const ArchiveEvent& e) { return Sha256::hex(Sha256::of(event_text(e))); }

namespace {

// One record of the chain, version or event, as check_chain() reads it.
struct Link {
  std::int64_t position = 0;
  const ArchivedVersion* version = nullptr;
  const ArchiveEvent* event = nullptr;
  std::string name;        // A@2, or validation n° 1 de A@2: in the archive's problems
  std::string short_name;  // validation n° 1: among its version's problems
  std::int64_t owner = 0;  // the version whose verdict says its problems; 0: the archive's
  bool intact = true;      // its hash is that of its text
  std::optional<std::int64_t> moved_from;  // its text verifies at that other place

  const std::string& hash() const { return version ? version->record_hash : event->event_hash; }
  const std::string& prev() const { return version ? version->prev_hash : event->prev_hash; }
  const std::string& prev_name() const { return version ? version->prev_name : event->prev_name; }
  int format() const { return version ? version->format : event->format; }
  // Its hash were it at `place` (a record moved keeps its text and hash).
  std::string hash_at(std::int64_t place) const {
    if (version) {
      ArchivedVersion v = *version;
      v.seq = place;
      return record_hash(v);
    }
    ArchiveEvent e = *event;
    e.link = place;
    return event_hash(e);
  }
};

// Records missing in a row beyond this many are said as one range.
constexpr std::int64_t kListedGap = 100;

// What a missing record was, from the description its follower carries.
std::string missing(const std::string& description, std::int64_t position) {
  const std::string where = " (position " + std::to_string(position) + " de la chaîne)";
  if (description.starts_with("version ")) return description.substr(8) + " manquante" + where;
  return description + " supprimée" + where;
}

}  // namespace

ChainReport check_chain(const std::vector<ArchivedVersion>& versions, const std::vector<ArchiveEvent>& events,
                        const std::string& receipt) {
  ChainReport report;
  std::map<std::int64_t, const ArchivedVersion*> by_seq;
  std::map<std::string, const ArchivedVersion*> by_hash;  // an event names its version by hash too: found when moved
  for (const auto& v : versions) {
    by_seq.emplace(v.seq, &v);
    by_hash.emplace(v.record_hash, &v);
  }
  std::vector<Link> links;
  for (const auto& v : versions) {
    Link l;
    l.position = v.seq;
    l.version = &v;
    l.name = l.short_name = v.name();
    l.owner = v.seq;
    l.intact = record_hash(v) == v.record_hash;
    links.push_back(std::move(l));
  }
  for (const auto& e : events) {
    Link l;
    // A format-1 event has no place of its own (an altered event the
    // migration could not chain): it is told after the versions.
    l.position = e.format == 1 ? 0 : e.link;
    l.event = &e;
    l.short_name = e.kind + " n° " + std::to_string(e.id);
    const ArchivedVersion* v = nullptr;
    if (const auto h = by_hash.find(e.version_hash); h != by_hash.end()) v = h->second;
    else if (const auto q = by_seq.find(e.seq); q != by_seq.end()) v = q->second;
    l.name = l.short_name + " de " + (v ? v->name() : "la version à la position " + std::to_string(e.seq));
    l.owner = v ? v->seq : 0;
    l.intact = event_hash(e) == e.event_hash;
    links.push_back(std::move(l));
  }
  std::stable_sort(links.begin(), links.end(), [](const Link& a, const Link& b) { return a.position < b.position; });
  std::map<std::string, std::int64_t> position_of;  // stored hash → place
  std::map<std::int64_t, std::vector<const Link*>> at;
  std::map<std::string, std::vector<const Link*>> followers;  // prev hash → the records naming it
  for (const auto& l : links) {
    position_of.emplace(l.hash(), l.position);
    at[l.position].push_back(&l);
    followers[l.prev()].push_back(&l);
  }
  // Where each record was written: the chain followed from its start, hash by
  // hash, whatever places the records say now (until a record is missing).
  std::map<std::string, std::int64_t> written_at;  // stored hash → place
  {
    std::string h = kGenesis;
    for (std::int64_t k = 1; k <= static_cast<std::int64_t>(links.size()); ++k) {
      const auto it = followers.find(h);
      if (it == followers.end() || it->second.size() != 1) break;
      h = it->second.front()->hash();
      if (!written_at.emplace(h, k).second) break;
    }
  }
  const auto problem = [&report](const Link& l, const std::string& what) {
    if (l.owner) report.version_problems[l.owner].push_back(l.version ? what : l.short_name + " " + what);
    else report.archive_problems.push_back(l.name + " " + what);
  };

  const std::int64_t last_place = links.empty() ? 0 : links.back().position;
  // Each record: its text against its hash; a record moved verifies at its old place.
  for (auto& l : links) {
    if (!l.intact && !(l.event && l.format() == 1)) {  // a format-1 event's text has no place
      std::optional<std::int64_t> was;
      if (const auto w = written_at.find(l.hash()); w != written_at.end()) was = w->second;
      else if (l.prev() == kGenesis) was = 1;
      else if (const auto it = position_of.find(l.prev()); it != position_of.end() && it->second < last_place) was = it->second + 1;
      if (was && *was != l.position && l.hash_at(*was) == l.hash()) l.moved_from = was;
    }
    const std::string where = std::to_string(l.position) + " de la chaîne";
    if (l.moved_from)
      problem(l, "déplacée : à la position " + where + " au lieu de " +
                     std::to_string(*l.moved_from));
    else if (!l.intact && l.version)
      problem(l, "enregistrement altéré : son empreinte ne correspond plus à son contenu");
    else if (!l.intact)
      problem(l, "altérée : son empreinte ne correspond plus");
    else if (l.event && l.owner && !by_hash.count(l.event->version_hash))
      problem(l, "altérée : elle ne porte plus l’empreinte de la version qu’elle valide");
  }
  std::set<std::int64_t> moved_away;
  for (const auto& l : links)
    if (l.moved_from) moved_away.insert(*l.moved_from);

  // Every place from 1 to the last: one record each, chained to the one before.
  std::set<std::string> named;  // versions said missing
  const std::int64_t last = last_place;
  // One place; `p` moves on past a long run of missing places.
  const auto place = [&](std::int64_t& p) {
    const auto here = at.find(p);
    if (here == at.end()) {
      // A place far on (a seq altered to a billion) is one line, not a billion.
      if (const std::int64_t held = at.upper_bound(p)->first; held - p > kListedGap) {
        report.archive_problems.push_back("enregistrements manquants aux positions " + std::to_string(p) + " à " +
                                          std::to_string(held - 2) + " de la chaîne");
        p = held - 1;  // the one the record at `held` describes
      }
      if (moved_away.count(p)) return;
      const auto next = at.find(p + 1);
      const Link* follower = next != at.end() && next->second.size() == 1 ? next->second.front() : nullptr;
      if (follower && follower->intact && follower->format() != 1 && !follower->prev_name().empty()) {
        report.archive_problems.push_back(missing(follower->prev_name(), p));
        if (follower->prev_name().starts_with("version ")) named.insert(follower->prev_name().substr(8));
      } else {
        report.archive_problems.push_back("enregistrement manquant à la position " + std::to_string(p) + " de la chaîne");
      }
      return;
    }
    if (here->second.size() > 1) {
      std::string who;
      for (const Link* l : here->second) who += (who.empty() ? "" : " et ") + l->name;
      report.archive_problems.push_back("position " + std::to_string(p) + " de la chaîne occupée plusieurs fois : " + who);
      return;
    }
    const Link& l = *here->second.front();
    if (!l.intact) return;
    if (p == 1) {
      if (l.prev() != kGenesis) problem(l, "chaîne rompue : en tête de la chaîne, elle suit pourtant un autre enregistrement");
      return;
    }
    const auto before = at.find(p - 1);
    if (before == at.end() || before->second.size() != 1 || !before->second.front()->intact) return;
    const Link& b = *before->second.front();
    // `l` is intact, so the hash it chained is authentic: the record before it was replaced.
    if (l.prev() != b.hash())
      problem(b, std::string(b.version ? "enregistrement réécrit" : "réécrite") + " : ce n’est plus l’enregistrement que " + l.name +
                     " (position " + std::to_string(p) + ") a chaîné");
  };
  // Written so that a last place of INT64_MAX (an altered seq) ends the loop without overflow.
  for (std::int64_t p = 1; p <= last; ++p) {
    place(p);
    if (p >= last) break;
  }
  // Numbers run from 1 for each action: a gap is a version missing, even where
  // no record after it says what it was (archives written before format 2).
  std::map<std::string, std::set<int>> numbers;
  for (const auto& v : versions) numbers[v.action].insert(v.number);
  for (const auto& [action, present] : numbers) {
    std::int64_t expected = 1;
    for (const std::int64_t n : present) {
      if (n < expected) continue;
      if (n - expected > kListedGap) {
        report.archive_problems.push_back(action + "@" + std::to_string(expected) + " à " + action + "@" + std::to_string(n - 1) +
                                          " manquantes");
      } else {
        for (std::int64_t k = expected; k < n; ++k)
          if (const std::string name = action + "@" + std::to_string(k); !named.count(name))
            report.archive_problems.push_back(name + " manquante");
      }
      expected = n + 1;
    }
  }

  report.head.versions = static_cast<std::int64_t>(versions.size());
  report.head.events = static_cast<std::int64_t>(events.size());
  report.head.hash = links.empty() ? kGenesis : links.back().hash();
  report.head.position = last;
  if (!receipt.empty()) {
    if (receipt == kGenesis) report.receipt = 0;
    else if (const auto it = position_of.find(receipt); it != position_of.end() && it->second > 0) report.receipt = it->second;
    else
      report.archive_problems.push_back("la tête du reçu (" + receipt.substr(0, 12) +
                                        ") n’est plus dans la chaîne : des enregistrements ont été retirés de sa fin ou altérés "
                                        "depuis le reçu (elle s’arrête à la position " + std::to_string(last) + ")");
  }
  return report;
}

bool parse_version_name(const std::string& text, std::string& action, int& number) {
  const std::size_t at = text.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 >= text.size() || text.size() - at > 10) return false;
  int n = 0;
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    n = n * 10 + (text[i] - '0');
  }
  if (n < 1 || text[at + 1] == '0') return false;
  action = text.substr(0, at);
  number = n;
  return true;
}

}  // namespace bilan::store

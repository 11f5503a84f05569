#include "engine/batch.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/sha256.hpp"
#include "engine/renderer.hpp"
#include "engine/store_import.hpp"
#include "load/csv_reader.hpp"

namespace bilan::engine {
namespace {

bool safe_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// One item, from its answers to its written PDF, inside one exception
// boundary: whatever a step throws (a loader, the PDF writer, the disk) fails
// this item with its message, never the worker thread (std::terminate) nor
// the batch.
void render_item(Renderer& renderer, const BatchItem& item, const BatchOptions& options, BatchResult& r, DiagnosticSink& sink) {
  r.status = BatchStatus::Failed;
  const SourceLoc where{std::make_shared<const std::string>(item.source)};
  enum class Step { Load, Pdf, Write } step = Step::Load;
  const auto fail = [&](const std::string& what) {
    switch (step) {
      case Step::Load: sink.error(where, DiagCode::UnreadableFile, what); break;
      case Step::Pdf: sink.error(where, DiagCode::PdfFailed, "le PDF n’a pas pu être produit : " + what); break;
      case Step::Write: sink.error(SourceLoc{}, DiagCode::WriteFailed, what); break;
    }
  };
  try {
    FillOptions fill;
    fill.partial = options.partial;
    fill.fillable = options.fillable;
    fill.action_facts = item.facts;
    fill.previous = options.previous;
    fill.note = [&r](const std::string& note) { r.note = note; };
    std::optional<Composed> composed;
    if (item.answers) {
      // A CSV row: its answers as made, hashed as the file the base would keep.
      for (const auto& d : item.found) sink.report(d);
      WrittenAnswers written = write_built(*item.answers, load::AnswerLayout::OnePerLine, renderer.catalog().env().limits(), sink);
      if (written.answers) composed = renderer.compose_fill_answers(std::move(*written.answers), fill, sink);
    } else {
      std::string bytes = item.bytes.empty() && item.load ? item.load() : item.bytes;
      composed = renderer.compose_fill_bytes(item.source, std::move(bytes), fill, sink);
    }
    if (!composed) return;
    step = Step::Pdf;
    if (options.before_pdf) options.before_pdf(item);
    const std::string pdf = renderer.to_pdf(*composed);
    r.pages = composed->doc.pages.size();
    step = Step::Write;
    if (options.write) options.write(r.file, pdf);
    r.bytes = pdf.size();
    r.status = BatchStatus::Written;
  } catch (const std::exception& e) {
    fail(e.what());
  } catch (...) {
    fail("erreur inconnue");
  }
}

}  // namespace

std::vector<std::string> batch_file_names(const std::vector<std::string>& ids) {
  std::map<std::string, std::set<std::string>> folded;  // case-insensitive file systems
  for (const auto& id : ids) folded[lower_ascii(id)].insert(id);
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    const bool safe = !id.empty() && id.size() <= 120 && id[0] != '.' && std::all_of(id.begin(), id.end(), safe_char);
    if (safe && folded[lower_ascii(id)].size() == 1) {
      out.push_back(id + ".pdf");
      continue;
    }
    std::string name;
    for (const char c : id) {
      if (name.size() >= 80) break;
      name += safe_char(c) ? c : '_';
    }
    if (!name.empty() && name[0] == '.') name[0] = '_';
    out.push_back(name + (name.empty() ? "" : "-") + Sha256::hex(Sha256::of(id)).substr(0, 12) + ".pdf");
  }
  return out;
}

std::vector<BatchResult> run_batch(const Catalog& catalog, const std::vector<BatchItem>& items, const BatchOptions& options) {
  std::vector<BatchResult> results(items.size());
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const auto& it : items) ids.push_back(it.action);
  const std::vector<std::string> names = batch_file_names(ids);
  // The same action twice would write one file twice: the later ones fail.
  std::map<std::string, std::size_t> first;
  std::vector<bool> duplicate(items.size(), false);
  for (std::size_t i = 0; i < items.size(); ++i) {
    results[i].action = items[i].action;
    results[i].file = names[i];
    if (auto [it, fresh] = first.emplace(items[i].action, i); !fresh) {
      duplicate[i] = true;
      DiagnosticSink sink;
      const auto where = [&](std::size_t k) {
        return items[k].action_loc.known() ? items[k].action_loc : SourceLoc{std::make_shared<const std::string>(items[k].source)};
      };
      sink.error(where(i), DiagCode::DuplicateAction,
                 "l’action « " + items[i].action + " » est aussi celle de " + where(it->second).to_string() +
                     " : elle n’est rendue qu’une fois");
      results[i].status = BatchStatus::Failed;
      results[i].errors = 1;
      results[i].diagnostics = sink.sorted();
    }
  }

  std::atomic<std::size_t> next{0};
  std::mutex report_mutex;
  std::size_t done = 0;
  const auto worker = [&] {
    Renderer renderer(catalog);
    for (;;) {
      if (options.stop && options.stop->load()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= items.size()) return;
      BatchResult& r = results[i];
      if (duplicate[i]) {
        std::lock_guard<std::mutex> lock(report_mutex);
        ++done;
        if (options.progress) options.progress(r, done, items.size());
        continue;
      }
      DiagnosticSink sink;
      render_item(renderer, items[i], options, r, sink);
      r.errors = sink.error_count();
      r.warnings = sink.warning_count();
      r.diagnostics = sink.sorted();
      if (items[i].relocate)
        for (auto& d : r.diagnostics) d = items[i].relocate(std::move(d));
      std::lock_guard<std::mutex> lock(report_mutex);
      ++done;
      if (options.progress) options.progress(r, done, items.size());
    }
  };
  const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(std::max<std::size_t>(items.size(), 1))));
  if (jobs == 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
    for (auto& th : threads) th.join();
  }
  return results;
}

std::string batch_summary_csv(const std::vector<BatchResult>& results) {
  using load::csv_cell;
  std::string out = std::string(load::kUtf8Bom) + "action;fichier;statut;erreurs;avertissements;pages;octets\n";
  for (const auto& r : results) {
    const char* status = r.status == BatchStatus::Written ? "écrit" : r.status == BatchStatus::Failed ? "échec" : "non traité";
    out += csv_cell(r.action) + ";" + (r.status == BatchStatus::Written ? csv_cell(r.file) : std::string()) + ";" + status +
           ";" + std::to_string(r.errors) + ";" + std::to_string(r.warnings) + ";" + std::to_string(r.pages) + ";" +
           std::to_string(r.bytes) + "\n";
  }
  return out;
}

}  // namespace bilan::engine

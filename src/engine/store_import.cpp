#include "engine/store_import.hpp"

#include <algorithm>
#include <filesystem>

#include "core/sha256.hpp"
#include "load/answers_loader.hpp"

namespace bilan::engine {

namespace {

// The record of answers checked (Renderer::Checked) whose file is `bytes`.
std::optional<store::StoredAnswers> record(std::optional<Renderer::Checked> checked, const std::string& path, std::string bytes,
                                           std::string sha256, DiagnosticSink& sink,
                                           const std::map<std::string, std::string>& facts) {
  if (!checked) return std::nullopt;
  const data::AnswerSet& answers = checked->answers;
  if (answers.action.empty()) {
    sink.error(answers.loc, DiagCode::MissingAction,
               "réponses sans action : la base range chaque bilan sous son action, ajoutez l’attribut action de <bilan>");
    return std::nullopt;
  }
  store::StoredAnswers out;
  out.action.id = answers.action;
  out.action.department = checked->written_department;  // as written: a sole department is the form's, not the file's
  out.action.form = answers.form;
  out.action.facts = facts;
  for (const auto& a : answers.answers)
    if (a.field == "structure") out.action.structure = a.text;
  out.action.school_year = checked->bound.school_year;
  out.source = path;
  out.sha256 = std::move(sha256);
  out.bytes = std::move(bytes);
  return out;
}

FillOptions import_options(const std::map<std::string, std::string>& facts) {
  FillOptions options;
  options.partial = true;
  options.action_facts = facts;
  return options;
}

}  // namespace

std::optional<store::StoredAnswers> prepare_import(Renderer& renderer, const std::string& path, std::string bytes,
                                                   DiagnosticSink& sink, const std::map<std::string, std::string>& facts) {
  // Loaded once: the record is made of what the check read.
  std::string sha256 = Sha256::hex(Sha256::of(bytes));
  auto checked = renderer.check_bytes(path, bytes, import_options(facts), sink);
  return record(std::move(checked), path, std::move(bytes), std::move(sha256), sink, facts);
}

std::optional<store::StoredAnswers> prepare_import(Renderer& renderer, const std::string& source, data::AnswerSet built,
                                                   DiagnosticSink& sink, const std::map<std::string, std::string>& facts,
                                                   load::AnswerLayout layout) {
  WrittenAnswers written = write_built(std::move(built), layout, renderer.catalog().env().limits(), sink);
  if (!written.answers) return std::nullopt;
  std::string sha256 = written.answers->sha256;
  auto checked = renderer.check_answers(std::move(*written.answers), import_options(facts), sink);
  return record(std::move(checked), source, std::move(written.bytes), std::move(sha256), sink, facts);
}

WrittenAnswers write_built(data::AnswerSet built, load::AnswerLayout layout, const Limits& limits, DiagnosticSink& sink) {
  WrittenAnswers out;
  out.bytes = load::write_answers(built, layout);
  out.answers = load::as_loaded(std::move(built), limits, sink);
  if (out.answers) out.answers->sha256 = Sha256::hex(Sha256::of(out.bytes));
  return out;
}

std::string answers_action(const std::string& bytes) { return load::peek_answers_action(bytes); }

load::PeekedAction answers_action_at(const std::string& path, const std::string& bytes) {
  load::PeekedAction out = load::peek_answers_action_at(path, bytes);
  if (out.id.empty()) out = {load::normalize_action_id(std::filesystem::path(path).stem().string()), {}};
  return out;
}

std::vector<std::string> answer_files_in(const std::string& folder) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.is_regular_file(ec) && e.path().extension() == ".xml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace bilan::engine

#include "engine/store_import.hpp"

#include <algorithm>
#include <filesystem>

#include "core/sha256.hpp"
#include "load/answers_loader.hpp"

namespace bilan::engine {

std::optional<store::StoredAnswers> prepare_import(Renderer& renderer, const std::string& path, std::string bytes,
                                                   DiagnosticSink& sink) {
  FillOptions options;
  options.partial = true;
  DiagnosticSink checked;
  renderer.compose_fill_bytes(path, bytes, options, checked);
  for (const auto& d : checked.items()) sink.report(d);
  if (checked.has_errors()) return std::nullopt;
  DiagnosticSink ignored;  // already reported above
  auto answers = load::parse_answers(renderer.catalog().env(), path, bytes, ignored);
  if (!answers) return std::nullopt;
  if (answers->action.empty()) {
    sink.error(answers->loc, "missing-action",
               "réponses sans action : la base range chaque bilan sous son action, ajoutez l’attribut action de <bilan>");
    return std::nullopt;
  }
  store::StoredAnswers out;
  out.action.id = answers->action;
  out.action.department = answers->department;
  out.action.form = answers->form;
  for (const auto& a : answers->answers)
    if (a.field == "structure") out.action.structure = a.text;
  DiagnosticSink form_sink;
  if (const spec::FormSpec* form = renderer.catalog().form(answers->form, form_sink)) out.action.school_year = form->school_year;
  out.source = path;
  out.sha256 = Sha256::hex(Sha256::of(bytes));
  out.bytes = std::move(bytes);
  return out;
}

std::string answers_action(const std::string& bytes) { return load::peek_answers_action(bytes); }

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

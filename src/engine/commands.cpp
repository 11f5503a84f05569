#include "engine/commands.hpp"

#include <cctype>
#include <filesystem>

#include "core/error.hpp"
#include "engine/store_import.hpp"
#include "spec/department.hpp"

namespace bilan::engine {

bool is_layout_path(const std::string& form) { return form.find('/') != std::string::npos || form.ends_with(".xml"); }

FormSelection select_forms(const Environment& env, const std::string& command, const std::vector<std::string>& operands) {
  FormSelection forms;
  if (operands.empty()) return forms;
  const std::string& first = operands[0];
  if ((command == "list" || command == "blank") && is_layout_path(first)) {
    forms.layout_files.push_back(first);
  } else if (command == "blank") {
    forms.only_forms.push_back(first);
  } else if (command == "fill" || command == "check") {
    std::string bytes, error;
    if (env.try_read_file(first, bytes, error))
      if (std::string form = answers_form(bytes); !form.empty()) forms.only_forms.push_back(std::move(form));
  }
  return forms;
}

std::optional<std::string> fill_with_retry(Engine& engine, const Environment& env, const FormSelection& forms, const std::string& answers,
                                           const FillOptions& options, DiagnosticSink& sink) {
  auto pdf = engine.fill(answers, options, sink);
  if (!pdf && sink.has_errors() && !forms.only_forms.empty()) {
    sink = DiagnosticSink();
    Engine every_form(env, forms.layout_files);
    pdf = every_form.fill(answers, options, sink);
  }
  return pdf;
}

bool check_with_retry(Engine& engine, const Environment& env, const FormSelection& forms, const std::string& answers,
                      DiagnosticSink& sink) {
  bool ok = engine.check(answers, sink);
  if (sink.has_errors() && !forms.only_forms.empty()) {
    sink = DiagnosticSink();
    Engine every_form(env, forms.layout_files);
    ok = every_form.check(answers, sink);
  }
  return ok;
}

bool is_csv(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

BatchSource batch_source(const std::string& source) {
  if (source.empty()) return BatchSource::Store;
  std::error_code ec;
  if (std::filesystem::is_directory(source, ec)) return BatchSource::Folder;
  if (is_csv(source)) return BatchSource::Csv;
  throw UsageError("SOURCE doit être un dossier de fichiers de réponses ou un fichier CSV : « " + source + " » n’est ni l’un ni l’autre");
}

std::vector<BatchItem> batch_items_from_folder(const Environment& env, const std::vector<std::string>& files) {
  std::vector<BatchItem> items;
  // Each file is read twice: once here for its action, once when rendered.
  for (const auto& path : files) {
    std::string peeked, why;  // unreadable: fails alone, when rendered
    if (!env.try_read_file(path, peeked, why)) peeked.clear();
    auto action = answers_action_at(path, peeked);  // or the file's name
    const auto load = [&env, path] {
      std::string bytes, error;
      if (!env.try_read_file(path, bytes, error)) throw IoError("lecture impossible : " + error);
      return bytes;
    };
    items.push_back({std::move(action.id), path, {}, load, {}, {}, std::move(action.loc)});
  }
  return items;
}

std::vector<BatchItem> batch_items_from_store(const store::Store& db, std::mutex& mutex, const store::ActionFilter& filter) {
  std::vector<BatchItem> items;
  for (const auto& a : db.list(filter)) {
    // Named by the file they came from: the very bytes, so lines match, and
    // images (stamp, signature) are found beside it.
    auto got = db.get(a.id);
    if (!got) continue;
    const auto load = [&mutex, &db, id = a.id] {
      std::lock_guard<std::mutex> lock(mutex);
      auto answers = db.get(id);
      if (!answers) throw IoError("action disparue de la base pendant le rendu");
      return std::move(answers->bytes);
    };
    items.push_back({a.id, got->source, {}, load, {}, a.facts});
  }
  return items;
}

std::string unknown_department_error(Engine& engine, const std::string& code) {
  DiagnosticSink ignored;
  const spec::DepartmentRegistry* reg = engine.departments(ignored);
  if (!spec::is_department_code(code) || (reg && !reg->find(code))) return spec::unknown_department_message(code);
  return {};
}

}  // namespace bilan::engine

#include "cli/import_pdf_command.hpp"

#include <filesystem>
#include <iostream>

#include "core/error.hpp"
#include "engine/import_pdf.hpp"
#include "engine/store_import.hpp"
#include "store/sqlite_store.hpp"

namespace bilan::cli {

int import_pdf_command(engine::Engine& engine, const Args& args, const CommandIo& io) {
  if (args.operands.empty()) throw UsageError("il manque le PDF rempli (FILLED.pdf) ; voir « bilan import-pdf --help »");
  if (args.operands.size() > 1)
    throw UsageError("argument en trop « " + args.operands[1] + " » ; voir « bilan import-pdf --help »");
  const std::string& pdf = args.operands[0];
  io.require_input(pdf);
  std::error_code ec;
  if (!args.output.empty() && std::filesystem::exists(args.output, ec) && std::filesystem::equivalent(args.output, pdf, ec))
    throw UsageError("les réponses « " + args.output + " » écraseraient le PDF lu");
  // The base and the output are checked before any work: -o naming the base
  // (or its journal) is refused before the base is written, not after.
  if (args.db_given) store::SqliteStore::check_file(args.db, store::OpenMode::Create);
  if (!args.output.empty()) io.check_output(args.output);
  DiagnosticSink sink;
  engine::ImportPdfOptions options;
  options.partial = args.partial;
  auto answers = engine::import_pdf(engine.renderer(), pdf, options, sink);
  if (!answers) {
    io.print(sink);
    return 1;
  }
  if (args.db_given) {
    // Stored as `store import` stores an answer file: checked, with its action.
    if (engine::answers_action(answers->xml).empty()) {
      sink.error(SourceLoc{std::make_shared<const std::string>(pdf)}, DiagCode::NoAction,
                 "ce PDF ne nomme pas d’action (un formulaire vierge) : la base range chaque bilan sous son action ; "
                 "écrivez les réponses avec -o, ajoutez-y l’attribut action, puis bilan store import");
      io.print(sink);
      return 1;
    }
    DiagnosticSink store_sink;
    // Checked as read, without reading the answer file again; stored as that file.
    auto record = engine::prepare_import(engine.renderer(), pdf, std::move(answers->built), store_sink, {},
                                         load::AnswerLayout::RowsOnOneLine);
    for (auto d : store_sink.items())
      if (d.severity == Severity::Error) {
        d.loc = SourceLoc{std::make_shared<const std::string>(pdf)};  // a line of a file nobody has seen
        sink.report(std::move(d));
      }
    io.print(sink);
    if (!record) return 1;
    store::SqliteStore::open(args.db, store::OpenMode::Create)->put({*record});
    std::cerr << "réponses de l’action « " << record->action.id << " » enregistrées dans " << args.db << "\n";
  } else {
    io.print(sink);
  }
  if (!args.output.empty()) {
    io.write(args.output, answers->xml);
  } else if (!args.db_given) {
    std::cout << answers->xml;
  }
  return 0;
}

}  // namespace bilan::cli

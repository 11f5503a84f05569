// load/same_as — same-as="FORM:ID" (spec::SameAs): where a form declares it
// (questions, grid rows), and its check when the layout loads: the other
// form exists, ID is a question (or GRID.ROW) there, asked the same way and on
// the same scale as here. Only then may `fill --partial --db` carry the
// stored answer over (engine/prefill.hpp); anything else is a located error
// saying why.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/environment.hpp"
#include "load/layout_loader.hpp"
#include "spec/form_spec.hpp"

namespace bilan::load {

// One same-as of a form: on a question, or on a grid's row.
struct SameAsSite {
  const spec::SameAs* same = nullptr;
  std::string field;                  // the answer's field here: ID, or GRID.ROW
  const spec::Node* node = nullptr;   // the question (the grid, for a row)
  const spec::GridRow* row = nullptr;  // the row, or nullptr
};
// Every same-as of `form`, in the form's order (body, then departments' parts).
std::vector<SameAsSite> same_as_sites(const spec::FormSpec& form);

// Every same-as of `form`, the forms named found by `forms`.
void check_same_as(const Environment& env, const spec::FormSpec& form, const FormLookup& forms, DiagnosticSink& sink);

}  // namespace bilan::load

// core/error — the few failures that stop a run. Everything else is a Diagnostic.
#pragma once

#include <iosfwd>
#include <stdexcept>
#include <string>

#include "core/source_loc.hpp"

namespace bilan {

// Bad input that cannot be reported as a located diagnostic list (exit code 1).
class InputError : public std::runtime_error {
 public:
  InputError(SourceLoc loc, const std::string& message)
      : std::runtime_error(message), loc_(std::move(loc)) {}
  const SourceLoc& loc() const { return loc_; }

 private:
  SourceLoc loc_;
};

// A file that cannot be read or written, a missing font: exit code 2.
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Wrong command-line use: exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bug in bilan, not a fault of its input or its machine: an invariant
// broken, a case that cannot happen. Exit code kExitInternal.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// EX_SOFTWARE (sysexits.h): distinct from 1 (input) and 2 (usage or I/O), so
// that a script tells a defect of bilan from a fault of its own.
inline constexpr int kExitInternal = 70;

// main()'s last resort, for an exception no command turns into a message of
// its own (InternalError, any other std::logic_error, an ICU failure, memory
// exhausted): « bilan: erreur interne: WHAT (…signalez-la…) » on `err`;
// returns kExitInternal.
int report_internal_error(const std::exception& e, std::ostream& err);

}  // namespace bilan

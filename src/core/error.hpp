// core/error — the few failures that stop a run. Everything else is a Diagnostic.
#pragma once

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

}  // namespace bilan

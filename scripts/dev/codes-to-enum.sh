#!/bin/sh
# codes-to-enum.sh FILE... — rewrites, in place, the diagnostic codes a C++ file
# gives as strings ("unknown-field") into DiagCode values (DiagCode::UnknownField),
# the mapping read from code_name() in src/core/diagnostic.cpp. Only a known code
# name in the place of a code argument (« , "name", », or either branch of
# « ? "name" : "name", ») is rewritten; the helpers' `std::string code` / `const char* code`
# parameters become `DiagCode code`; a rule's "rule" + ":" + id becomes
# DiagCode::Rule with its id in Diagnostic::rule_id. Build afterwards: a code
# left as a string no longer compiles.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
map=$(sed -n 's/^ *case DiagCode::\([A-Za-z0-9]*\): return "\([a-z0-9-]*\)";$/\2=\1/p' "$root/src/core/diagnostic.cpp")
[ -n "$map" ] || { echo "codes-to-enum.sh: no code_name() mapping in src/core/diagnostic.cpp" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: codes-to-enum.sh FILE..." >&2; exit 2; }
BILAN_CODE_MAP=$map perl -0pi -e '
  BEGIN { %m = map { split /=/ } split /\n/, $ENV{BILAN_CODE_MAP}; delete $m{rule}; }
  s{((?:,|:(?!:))\s*)"([a-z0-9-]+)"(?=\s*,)}{exists $m{$2} ? "$1DiagCode::$m{$2}" : "$1\"$2\""}ge;
  s{(\?\s*)"([a-z0-9-]+)"(?=\s*:)}{exists $m{$2} ? "$1DiagCode::$m{$2}" : "$1\"$2\""}ge;
  s{\bstd::string code, std::string message\b}{DiagCode code, std::string message}g;
  s{\bconst char\* code, }{DiagCode code, }g;
  s{"rule" \+ \(([\w.>-]+)\.empty\(\) \? "" : ":" \+ \1\), (\w+), \{\}\}}{DiagCode::Rule, $2, {}, {}, $1\}}g;
' "$@"

// Diagnostic: one precise complaint about an input file, in the form
//   file:line:column: field: expected ..., found ...
// Lines and columns are 1-based; 0 means unknown (the whole file, or a missing file).
#pragma once

#include <string>
#include <vector>

namespace guarantor {

struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string field;    // dotted path of the offending field, e.g. "parties[3].kind"
  std::string message;  // what was expected and what was found

  std::string ToString() const;
};

// Joins diagnostics one per line, for a Status message.
std::string JoinDiagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace guarantor

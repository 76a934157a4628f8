// ProgressLine: a one-line progress display on standard error, redrawn in place, shown only on a
// terminal and never with --quiet. At most ten redraws a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace guarantor::cli {

class ProgressLine {
 public:
  // `total_bytes` may be 0 when unknown (standard input).
  ProgressLine(std::string label, int64_t total_bytes, bool quiet);
  ~ProgressLine();

  void Update(int64_t bytes_done, int64_t records);
  // Clears the line.
  void Finish();

 private:
  std::string label_;
  int64_t total_bytes_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace guarantor::cli

// ProgressLine: a one-line progress display on standard error, redrawn in place, shown only on a
// terminal and never with --quiet. At most ten redraws a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace guarantor::cli {

class ProgressLine {
 public:
  // `total` (bytes, or any unit of work) may be 0 when unknown (standard input); `unit` names
  // what the second figure of Update() counts.
  ProgressLine(std::string label, int64_t total, bool quiet, std::string unit = "records");
  ~ProgressLine();

  void Update(int64_t done, int64_t count);
  // Clears the line.
  void Finish();

 private:
  std::string label_;
  int64_t total_;
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace guarantor::cli

#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace guarantor::cli {

ProgressLine::ProgressLine(std::string label, int64_t total, bool quiet, std::string unit)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      enabled_(!quiet && isatty(fileno(stderr)) != 0),
      last_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Update(int64_t done, int64_t count) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  if (total_ > 0) {
    const double pct = 100.0 * static_cast<double>(done) / static_cast<double>(total_);
    const int width = 30;
    const int filled = static_cast<int>(pct / 100.0 * width);
    std::fprintf(stderr, "\r%s [%-*.*s] %5.1f%% %lld %s", label_.c_str(), width, filled,
                 "##############################", pct, static_cast<long long>(count),
                 unit_.c_str());
  } else {
    std::fprintf(stderr, "\r%s %lld %s", label_.c_str(), static_cast<long long>(count),
                 unit_.c_str());
  }
  std::fflush(stderr);
}

void ProgressLine::Finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace guarantor::cli

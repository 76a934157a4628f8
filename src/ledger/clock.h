// Clock: where the ledger reads the time it stamps on entries and tree heads. The engine never
// reads the wall clock; the ledger does at its boundary, through this interface, so that tests and
// replays use a FixedClock.
//
// Thread safety: SystemClock is safe from any thread; FixedClock is not synchronised.
#pragma once

#include <chrono>
#include <cstdint>

#include "model/timestamp.h"

namespace guarantor::ledger {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() = 0;
};

// The system's real-time clock, in UTC, to the microsecond.
class SystemClock final : public Clock {
 public:
  Timestamp Now() override {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return Timestamp(std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count(), 0);
  }
};

// A clock that stands still until advanced.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  Timestamp Now() override { return now_; }
  void AdvanceSeconds(int64_t seconds) {
    now_ = Timestamp(now_.utc_micros() + seconds * 1'000'000, now_.offset_minutes());
  }

 private:
  Timestamp now_;
};

}  // namespace guarantor::ledger

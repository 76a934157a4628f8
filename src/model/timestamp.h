// Timestamp: an instant with the UTC offset it was written with, parsed from and formatted to
// RFC 3339 ("2026-02-01T03:15:00+02:00", "2026-02-01T01:15:00.250Z").
//
// The engine never reads the wall clock: every time comes from a record. Instants are compared
// by their UTC value; the offset is kept so that output can be written in the author's local time
// and calendar days can be counted in the agreement's time zone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace guarantor {

class Timestamp {
 public:
  Timestamp() = default;
  // `utc_micros`: microseconds since 1970-01-01T00:00:00Z; `offset_minutes` in [-1439, 1439].
  Timestamp(int64_t utc_micros, int offset_minutes)
      : utc_micros_(utc_micros), offset_minutes_(offset_minutes) {}

  // Parses RFC 3339 date-time: a zone designator ('Z' or ±hh:mm) is required, fractional seconds
  // optional (up to microseconds; more digits are an error, not silently truncated), years
  // 1970-9999.
  static Result<Timestamp> Parse(std::string_view text);
  // Whether `text` is a calendar day YYYY-MM-DD (one that exists, of the years Parse accepts).
  static bool IsCalendarDay(std::string_view text);

  int64_t utc_micros() const { return utc_micros_; }
  int offset_minutes() const { return offset_minutes_; }

  // RFC 3339 in the stored offset; fractional seconds only when non-zero.
  std::string ToRfc3339() const { return ToRfc3339(offset_minutes_); }
  std::string ToRfc3339(int offset_minutes) const;
  // The same text appended to `out`: no allocation of its own where `out` has room.
  void AppendRfc3339(std::string* out) const { AppendRfc3339(offset_minutes_, out); }
  void AppendRfc3339(int offset_minutes, std::string* out) const;

  // The calendar date ("2026-02-01") of this instant at the given UTC offset.
  std::string LocalDate(int offset_minutes) const;
  // The instant `day` (YYYY-MM-DD) begins at `offset_minutes` from UTC, expressed at that offset:
  // the first instant whose LocalDate(offset_minutes) is `day`. REQUIRES: IsCalendarDay(day).
  static Timestamp StartOfLocalDay(std::string_view day, int offset_minutes);

  friend bool operator==(const Timestamp& a, const Timestamp& b) {
    return a.utc_micros_ == b.utc_micros_;
  }
  friend auto operator<=>(const Timestamp& a, const Timestamp& b) {
    return a.utc_micros_ <=> b.utc_micros_;
  }

 private:
  int64_t utc_micros_ = 0;
  int offset_minutes_ = 0;
};

}  // namespace guarantor

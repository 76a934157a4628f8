// Dates and times written in a fixed pattern, as CSV exports write them ("14/08/2020 00:00:00",
// "2022-03-01", "2023-01-05 13:40"), parsed strictly into a Timestamp.
//
// Pattern directives (a subset of strptime(3), without its leniency):
//   %Y  four-digit year (1970-9999)     %m  month, 1 or 2 digits    %d  day, 1 or 2 digits
//   %H  hour 0-23, 1 or 2 digits        %M  minute, 2 digits        %S  second, 2 digits
//   %f  fraction of a second, 1 to 6 digits                        %b  month name, English,
//                                                                       3 letters (Jan, jan)
//   %%  a literal percent sign. Any other character must appear as written.
// The special pattern "unix" reads whole seconds since 1970-01-01T00:00:00Z.
// The whole text must match: trailing characters are an error. A date without a time is
// midnight. The calendar is checked (31/02/2023 is an error).
//
//   Result<DateTimeFormat> f = DateTimeFormat::Create("%d/%m/%Y %H:%M:%S", 120);
//   Result<Timestamp> t = f->Parse("14/08/2020 00:00:00");  // 2020-08-14T00:00:00+02:00
//
// Thread safety: immutable after Create().
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/timestamp.h"

namespace guarantor::ingest {

class DateTimeFormat {
 public:
  // `utc_offset_minutes` in [-1439, 1439]: the zone the written times are in. InvalidArgument
  // for an unknown directive or a pattern without %Y, %m (or %b) and %d.
  static Result<DateTimeFormat> Create(std::string pattern, int utc_offset_minutes);

  // InvalidArgument with "expected <what> at character N of '<text>'" when `text` does not match.
  Result<Timestamp> Parse(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

 private:
  DateTimeFormat(std::string pattern, int offset) : pattern_(std::move(pattern)), offset_(offset) {}
  std::string pattern_;
  int offset_ = 0;
};

// Parses "+hh:mm", "-hh:mm" or "Z" into minutes; nullopt when malformed or beyond ±23:59.
std::optional<int> ParseUtcOffset(std::string_view text);

}  // namespace guarantor::ingest

#include "ingest/date_time_format.h"

#include <array>
#include <cctype>
#include <chrono>
#include <optional>

namespace guarantor::ingest {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

// Reads between `min_digits` and `max_digits` decimal digits at `*pos`.
std::optional<int> Digits(std::string_view text, size_t* pos, int min_digits, int max_digits,
                          int* count = nullptr) {
  int value = 0;
  int n = 0;
  while (*pos < text.size() && n < max_digits &&
         std::isdigit(static_cast<unsigned char>(text[*pos]))) {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
    ++n;
  }
  if (n < min_digits) return std::nullopt;
  if (count != nullptr) *count = n;
  return value;
}

Status Mismatch(std::string_view text, size_t pos, std::string_view expected) {
  return Status::InvalidArgument("expected " + std::string(expected) + " at character " +
                                 std::to_string(pos + 1) + " of '" + std::string(text) + "'");
}

}  // namespace

std::optional<int> ParseUtcOffset(std::string_view text) {
  if (text == "Z") return 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  size_t pos = 1;
  std::optional<int> h = Digits(text, &pos, 2, 2);
  pos = 4;
  std::optional<int> m = Digits(text, &pos, 2, 2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  const int minutes = *h * 60 + *m;
  return text[0] == '-' ? -minutes : minutes;
}

Result<DateTimeFormat> DateTimeFormat::Create(std::string pattern, int utc_offset_minutes) {
  if (utc_offset_minutes < -1439 || utc_offset_minutes > 1439) {
    return Status::InvalidArgument("UTC offset out of range");
  }
  if (pattern == "unix") return DateTimeFormat(std::move(pattern), utc_offset_minutes);
  bool year = false, month = false, day = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') continue;
    if (i + 1 == pattern.size()) return Status::InvalidArgument("pattern ends with a lone '%'");
    const char d = pattern[++i];
    switch (d) {
      case 'Y':
        year = true;
        break;
      case 'm':
      case 'b':
        month = true;
        break;
      case 'd':
        day = true;
        break;
      case 'H':
      case 'M':
      case 'S':
      case 'f':
      case '%':
        break;
      default:
        return Status::InvalidArgument(std::string("unknown directive %") + d +
                                       " (expected one of %Y %m %b %d %H %M %S %f %%)");
    }
  }
  if (!year || !month || !day) {
    return Status::InvalidArgument("pattern '" + pattern +
                                   "' needs a year (%Y), a month (%m or %b) and a day (%d)");
  }
  return DateTimeFormat(std::move(pattern), utc_offset_minutes);
}

Result<Timestamp> DateTimeFormat::Parse(std::string_view text) const {
  if (pattern_ == "unix") {
    size_t pos = 0;
    int64_t seconds = 0;
    int n = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) && n < 12) {
      seconds = seconds * 10 + (text[pos++] - '0');
      ++n;
    }
    if (n == 0 || pos != text.size()) return Mismatch(text, pos, "whole seconds since 1970");
    return Timestamp(seconds * 1000000, offset_);
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0;
  size_t pos = 0;
  for (size_t i = 0; i < pattern_.size(); ++i) {
    const char c = pattern_[i];
    if (c != '%') {
      if (pos >= text.size() || text[pos] != c) {
        return Mismatch(text, pos, std::string("'") + c + "'");
      }
      ++pos;
      continue;
    }
    const char d = pattern_[++i];
    std::optional<int> v;
    switch (d) {
      case 'Y':
        v = Digits(text, &pos, 4, 4);
        if (!v || *v < 1970) return Mismatch(text, pos, "a four-digit year from 1970");
        year = *v;
        break;
      case 'm':
        v = Digits(text, &pos, 1, 2);
        if (!v || *v < 1 || *v > 12) return Mismatch(text, pos, "a month 1-12");
        month = *v;
        break;
      case 'b': {
        if (pos + 3 > text.size()) return Mismatch(text, pos, "a month name (Jan-Dec)");
        std::string name(text.substr(pos, 3));
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        month = 0;
        for (size_t k = 0; k < kMonths.size(); ++k) {
          if (kMonths[k] == name) month = static_cast<int>(k) + 1;
        }
        if (month == 0) return Mismatch(text, pos, "a month name (Jan-Dec)");
        pos += 3;
        break;
      }
      case 'd':
        v = Digits(text, &pos, 1, 2);
        if (!v || *v < 1 || *v > 31) return Mismatch(text, pos, "a day 1-31");
        day = *v;
        break;
      case 'H':
        v = Digits(text, &pos, 1, 2);
        if (!v || *v > 23) return Mismatch(text, pos, "an hour 0-23");
        hour = *v;
        break;
      case 'M':
        v = Digits(text, &pos, 2, 2);
        if (!v || *v > 59) return Mismatch(text, pos, "two-digit minutes 00-59");
        minute = *v;
        break;
      case 'S':
        v = Digits(text, &pos, 2, 2);
        if (!v || *v > 59) return Mismatch(text, pos, "two-digit seconds 00-59");
        second = *v;
        break;
      case 'f': {
        int digits = 0;
        v = Digits(text, &pos, 1, 6, &digits);
        if (!v) return Mismatch(text, pos, "1 to 6 digits of a fraction of a second");
        micros = *v;
        for (int k = digits; k < 6; ++k) micros *= 10;
        break;
      }
      default:  // '%'
        if (pos >= text.size() || text[pos] != '%') return Mismatch(text, pos, "'%'");
        ++pos;
    }
  }
  if (pos != text.size()) return Mismatch(text, pos, "the end of the text");
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                        std::chrono::day(day)};
  if (!ymd.ok()) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a calendar date");
  }
  const int64_t days = std::chrono::sys_days(ymd).time_since_epoch().count();
  const int64_t local_seconds =
      days * 86400 + int64_t{hour} * 3600 + int64_t{minute} * 60 + int64_t{second};
  const int64_t utc_seconds = local_seconds - int64_t{offset_} * 60;
  return Timestamp(utc_seconds * 1000000 + micros, offset_);
}

}  // namespace guarantor::ingest

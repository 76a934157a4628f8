#include "model/timestamp.h"

#include <chrono>
#include <cstdio>

namespace guarantor {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

// Reads exactly `n` decimal digits at text[pos..]; false if any is missing or not a digit.
bool ReadDigits(std::string_view text, size_t pos, size_t n, int* out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

Status Invalid(std::string_view text, std::string_view what) {
  std::string shown(text.substr(0, 64));
  return Status::InvalidArgument(
      "expected an RFC 3339 date-time with zone (e.g. "
      "2026-02-01T03:15:00+02:00): " +
      std::string(what) + ", found \"" + shown + "\"");
}

int64_t DaysFromCivil(int y, int m, int d) {
  using namespace std::chrono;
  return sys_days(year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)})
      .time_since_epoch()
      .count();
}

}  // namespace

Result<Timestamp> Timestamp::Parse(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, 0, 4, &year) || text.size() < 5 || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &month) || text.size() < 8 || text[7] != '-' ||
      !ReadDigits(text, 8, 2, &day)) {
    return Invalid(text, "bad date part");
  }
  if (text.size() < 11 || (text[10] != 'T' && text[10] != 't')) {
    return Invalid(text, "missing 'T' between date and time");
  }
  if (!ReadDigits(text, 11, 2, &hour) || text.size() < 14 || text[13] != ':' ||
      !ReadDigits(text, 14, 2, &minute) || text.size() < 17 || text[16] != ':' ||
      !ReadDigits(text, 17, 2, &second)) {
    return Invalid(text, "bad time part");
  }
  if (year < 1970) return Invalid(text, "year before 1970");
  if (month < 1 || month > 12) return Invalid(text, "month out of range");
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year},
                           std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return Invalid(text, "no such calendar day");
  if (hour > 23 || minute > 59 || second > 59) return Invalid(text, "time of day out of range");

  size_t pos = 19;
  int64_t micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++digits > 6) return Invalid(text, "more than 6 fractional digits");
      micros = micros * 10 + (text[pos] - '0');
      ++pos;
    }
    if (digits == 0) return Invalid(text, "no digits after '.'");
    for (size_t i = digits; i < 6; ++i) micros *= 10;
  }
  if (pos >= text.size()) return Invalid(text, "missing zone designator (Z or +hh:mm)");
  int offset = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh = 0, om = 0;
    if (!ReadDigits(text, pos + 1, 2, &oh) || text.size() < pos + 4 || text[pos + 3] != ':' ||
        !ReadDigits(text, pos + 4, 2, &om) || oh > 23 || om > 59) {
      return Invalid(text, "bad zone offset");
    }
    offset = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return Invalid(text, "missing zone designator (Z or +hh:mm)");
  }
  if (pos != text.size()) return Invalid(text, "unexpected characters after the zone");

  const int64_t local_seconds = DaysFromCivil(year, month, day) * kSecondsPerDay +
                                int64_t{hour} * 3600 + int64_t{minute} * 60 + second;
  const int64_t utc_seconds = local_seconds - static_cast<int64_t>(offset) * 60;
  return Timestamp(utc_seconds * kMicrosPerSecond + micros, offset);
}

namespace {
struct Civil {
  int year, month, day, hour, minute, second;
  int64_t micros;
};

Civil ToCivil(int64_t utc_micros, int offset_minutes) {
  int64_t local = utc_micros + static_cast<int64_t>(offset_minutes) * 60 * kMicrosPerSecond;
  int64_t secs = local / kMicrosPerSecond;
  int64_t micros = local % kMicrosPerSecond;
  if (micros < 0) {
    micros += kMicrosPerSecond;
    --secs;
  }
  int64_t days = secs / kSecondsPerDay;
  int64_t sod = secs % kSecondsPerDay;
  if (sod < 0) {
    sod += kSecondsPerDay;
    --days;
  }
  using namespace std::chrono;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  return Civil{static_cast<int>(ymd.year()),
               static_cast<int>(unsigned(ymd.month())),
               static_cast<int>(unsigned(ymd.day())),
               static_cast<int>(sod / 3600),
               static_cast<int>(sod / 60 % 60),
               static_cast<int>(sod % 60),
               micros};
}

// `value` in decimal, zero-padded to `width` digits. REQUIRES: 0 <= value < 10^width.
char* PutDigits(char* out, int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

// YYYY-MM-DD. REQUIRES: 0 <= c.year <= 9999.
char* PutDate(char* out, const Civil& c) {
  char* p = PutDigits(out, c.year, 4);
  *p++ = '-';
  p = PutDigits(p, c.month, 2);
  *p++ = '-';
  return PutDigits(p, c.day, 2);
}
}  // namespace

bool Timestamp::IsCalendarDay(std::string_view text) {
  return text.size() == 10 && Parse(std::string(text) + "T00:00:00Z").ok();
}

std::string Timestamp::ToRfc3339(int offset_minutes) const {
  std::string out;
  AppendRfc3339(offset_minutes, &out);
  return out;
}

void Timestamp::AppendRfc3339(int offset_minutes, std::string* text) const {
  const Civil c = ToCivil(utc_micros_, offset_minutes);
  const int offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  if (c.year < 0 || c.year > 9999 || offset >= 100 * 60) {
    // Beyond the fixed widths: printf pads and signs as it does.
    char buf[96];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day,
                          c.hour, c.minute, c.second);
    std::string& out = *text;
    out.append(buf, static_cast<size_t>(n));
    if (c.micros != 0) {
      n = std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(c.micros));
      out.append(buf, static_cast<size_t>(n));
    }
    if (offset_minutes == 0) {
      out += 'Z';
    } else {
      n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', offset / 60,
                        offset % 60);
      out.append(buf, static_cast<size_t>(n));
    }
    return;
  }
  // Written digit by digit: incidents, cases and alerts print several times each, and printf
  // was a tenth of the server engine's time.
  char buf[40];
  char* p = PutDate(buf, c);
  *p++ = 'T';
  p = PutDigits(p, c.hour, 2);
  *p++ = ':';
  p = PutDigits(p, c.minute, 2);
  *p++ = ':';
  p = PutDigits(p, c.second, 2);
  if (c.micros != 0) {
    *p++ = '.';
    p = PutDigits(p, c.micros, 6);
  }
  if (offset_minutes == 0) {
    *p++ = 'Z';
  } else {
    *p++ = offset_minutes < 0 ? '-' : '+';
    p = PutDigits(p, offset / 60, 2);
    *p++ = ':';
    p = PutDigits(p, offset % 60, 2);
  }
  text->append(buf, p);
}

Timestamp Timestamp::StartOfLocalDay(std::string_view day, int offset_minutes) {
  const int64_t utc_midnight = Parse(std::string(day) + "T00:00:00Z")->utc_micros();
  return Timestamp(utc_midnight - int64_t{offset_minutes} * 60 * 1'000'000, offset_minutes);
}

std::string Timestamp::LocalDate(int offset_minutes) const {
  const Civil c = ToCivil(utc_micros_, offset_minutes);
  if (c.year < 0 || c.year > 9999) {
    char buf[32];  // beyond four digits: printf pads and signs as it does
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return std::string(buf, static_cast<size_t>(n));
  }
  // Digit by digit, as ToRfc3339: `assess` prints a day for every observation, twice for a
  // violation.
  char buf[10];
  return std::string(buf, PutDate(buf, c));
}

}  // namespace guarantor

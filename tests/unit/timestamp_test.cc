#include "model/timestamp.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

namespace guarantor {
namespace {

TEST(TimestampTest, ParsesZoneOffsetsToTheSameInstant) {
  Result<Timestamp> kyiv = Timestamp::Parse("2026-02-01T03:15:00+02:00");
  Result<Timestamp> utc = Timestamp::Parse("2026-02-01T01:15:00Z");
  ASSERT_TRUE(kyiv.ok()) << kyiv.status().message();
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(*kyiv, *utc);
  // 2026-02-01T01:15:00Z is 20485 days and 4500 s after the epoch.
  EXPECT_EQ(utc->utc_micros(), (20485LL * 86400 + 4500) * 1'000'000);
  EXPECT_EQ(kyiv->offset_minutes(), 120);
}

TEST(TimestampTest, RoundTripsWithFractionAndOffset) {
  Result<Timestamp> t = Timestamp::Parse("2026-02-01T23:59:59.250-03:30");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToRfc3339(), "2026-02-01T23:59:59.250000-03:30");
  EXPECT_EQ(t->ToRfc3339(0), "2026-02-02T03:29:59.250000Z");
}

TEST(TimestampTest, AppendsItsTextAfterWhatIsThere) {
  Result<Timestamp> t = Timestamp::Parse("2026-02-01T23:59:59.250-03:30");
  ASSERT_TRUE(t.ok());
  std::string line = "at ";
  t->AppendRfc3339(&line);
  line += ", in UTC ";
  t->AppendRfc3339(0, &line);
  EXPECT_EQ(line, "at 2026-02-01T23:59:59.250000-03:30, in UTC 2026-02-02T03:29:59.250000Z");
  // Beyond the fixed widths (a year past 9999 in an offset's calendar) too.
  Result<Timestamp> late = Timestamp::Parse("9999-12-31T23:00:00Z");
  ASSERT_TRUE(late.ok());
  std::string beyond = ">";
  late->AppendRfc3339(120, &beyond);
  EXPECT_EQ(beyond, ">10000-01-01T01:00:00+02:00");
}

TEST(TimestampTest, ACalendarDayIsADayThatExists) {
  for (const char* day : {"2026-02-01", "2028-02-29", "9999-12-31", "1970-01-01"}) {
    EXPECT_TRUE(Timestamp::IsCalendarDay(day)) << day;
  }
  for (const char* text : {"2026-02-29", "2026-13-01", "2026-2-01", "2026-02-01T00:00:00Z", "",
                           "20260201", "1969-12-31", "2026-02-01 "}) {
    EXPECT_FALSE(Timestamp::IsCalendarDay(text)) << text;
  }
}

TEST(TimestampTest, StartOfLocalDayIsTheFirstInstantOfThatLocalDate) {
  EXPECT_EQ(Timestamp::StartOfLocalDay("2026-02-02", 120).ToRfc3339(), "2026-02-02T00:00:00+02:00");
  EXPECT_EQ(Timestamp::StartOfLocalDay("2026-02-02", 120).utc_micros(),
            Timestamp::Parse("2026-02-01T22:00:00Z")->utc_micros());
  EXPECT_EQ(Timestamp::StartOfLocalDay("2026-03-01", -300).ToRfc3339(),
            "2026-03-01T00:00:00-05:00");
  for (int offset : {-720, -300, 0, 120, 330, 840}) {
    const Timestamp start = Timestamp::StartOfLocalDay("2024-02-29", offset);
    EXPECT_EQ(start.LocalDate(offset), "2024-02-29") << offset;
    EXPECT_EQ(Timestamp(start.utc_micros() - 1, offset).LocalDate(offset), "2024-02-28") << offset;
  }
}

TEST(TimestampTest, LocalDateUsesTheGivenOffset) {
  Result<Timestamp> t = Timestamp::Parse("2026-02-01T23:30:00Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->LocalDate(0), "2026-02-01");
  EXPECT_EQ(t->LocalDate(120), "2026-02-02");
  EXPECT_EQ(t->LocalDate(-60), "2026-02-01");
}

TEST(TimestampTest, LeapDayIsAcceptedOnlyInLeapYears) {
  EXPECT_TRUE(Timestamp::Parse("2028-02-29T00:00:00Z").ok());
  Result<Timestamp> bad = Timestamp::Parse("2026-02-29T00:00:00Z");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("no such calendar day"), std::string::npos);
}

TEST(TimestampTest, RejectsMalformedTimesWithTheReason) {
  const std::pair<const char*, const char*> cases[] = {
      {"2026-02-01T03:15:00", "missing zone designator"},
      {"2026-02-01 03:15:00Z", "missing 'T'"},
      {"2026-13-01T03:15:00Z", "month out of range"},
      {"2026-02-01T24:00:00Z", "time of day out of range"},
      {"2026-02-01T03:15:00.1234567Z", "more than 6 fractional digits"},
      {"2026-02-01T03:15:00.Z", "no digits after '.'"},
      {"2026-02-01T03:15:00+2:00", "bad zone offset"},
      {"2026-02-01T03:15:00Zjunk", "unexpected characters"},
      {"1969-12-31T23:59:59Z", "year before 1970"},
      {"", "bad date part"},
  };
  for (const auto& [text, reason] : cases) {
    Result<Timestamp> t = Timestamp::Parse(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find(reason), std::string::npos)
        << text << " -> " << t.status().message();
  }
}

}  // namespace
}  // namespace guarantor

namespace guarantor {
namespace {

// RFC 3339 text as printf writes it from the civil fields, computed here with std::chrono.
std::string PrintfRfc3339(int64_t utc_micros, int offset_minutes) {
  using namespace std::chrono;
  const int64_t local = utc_micros + int64_t{offset_minutes} * 60'000'000;
  const sys_time<microseconds> t{microseconds{local}};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<microseconds> tod{t - day};
  char buf[96];
  int n = std::snprintf(
      buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
      unsigned(ymd.month()), unsigned(ymd.day()), static_cast<int>(tod.hours().count()),
      static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()));
  std::string out(buf, static_cast<size_t>(n));
  if (tod.subseconds().count() != 0) {
    n = std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(tod.subseconds().count()));
    out.append(buf, static_cast<size_t>(n));
  }
  if (offset_minutes == 0) return out + "Z";
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return out + std::string(buf, static_cast<size_t>(n));
}

TEST(TimestampTest, Rfc3339TextAndLocalDateMatchPrintfAcrossYearsOffsetsAndFractions) {
  std::mt19937_64 rng(3);
  // From 0001-01-01 to 9999-12-31, whole seconds and fractions alike.
  std::uniform_int_distribution<int64_t> instant(-62'135'596'800'000'000, 253'402'214'400'000'000);
  std::uniform_int_distribution<int> offset(-14 * 4, 14 * 4);
  for (int i = 0; i < 20000; ++i) {
    int64_t micros = instant(rng);
    if (i % 2 == 0) micros -= micros % 1'000'000;
    const int minutes = offset(rng) * 15;
    const Timestamp t(micros, minutes);
    const std::string text = PrintfRfc3339(micros, minutes);
    ASSERT_EQ(t.ToRfc3339(), text) << micros << " " << minutes;
    // The local day is the text's date part, written digit by digit as well.
    ASSERT_EQ(t.LocalDate(minutes), text.substr(0, 10)) << micros << " " << minutes;
  }
}

}  // namespace
}  // namespace guarantor

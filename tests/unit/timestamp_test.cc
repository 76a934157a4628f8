#include "model/timestamp.h"

#include <gtest/gtest.h>

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

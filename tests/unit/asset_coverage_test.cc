#include "engine/asset_coverage.h"

#include <gtest/gtest.h>

namespace guarantor {
namespace {

MonitoringAsset Asset(SourceType type, LatLng at, double range_km, const char* from,
                      const char* to) {
  MonitoringAsset a;
  a.id = std::string(ToString(type)) + "-01";
  a.type = type;
  a.from = *Timestamp::Parse(from);
  a.to = *Timestamp::Parse(to);
  a.position = at;
  a.range = Distance::Kilometers(range_km);
  return a;
}

// Two points 55 km apart on a meridian, a day of 24 mid-hour instants, 48 point-hours. A camera
// on the first point watches it the first 12 hours (00:30 to 11:30), but a camera gap over it
// from 06:00 to 08:00 stops it at 06:30 and 07:30: 10 point-hours. A patrol on the second point
// watches it all day: 24. A radar 14.9 km east of the first point reaches 14.5 km: nothing.
TEST(AssetCoverageTest, CountsThePointHoursEachTypeWatchedAndAGapStopsOnlyItsType) {
  const LatLng a{48.0, 36.0}, b{48.5, 36.0};
  const MonitoringAsset camera =
      Asset(SourceType::kCamera, a, 10, "2026-02-02T00:00:00Z", "2026-02-02T12:00:00Z");
  const MonitoringAsset patrol =
      Asset(SourceType::kPatrol, b, 1, "2026-02-01T00:00:00Z", "2026-02-03T00:00:00Z");
  const MonitoringAsset radar = Asset(SourceType::kRadar, LatLng{48.0, 36.2}, 14.5,
                                      "2026-02-01T00:00:00Z", "2026-02-03T00:00:00Z");
  MonitoringGap gap;
  gap.id = "outage-1";
  gap.source_type = SourceType::kCamera;
  gap.reason = "outage";
  gap.start = *Timestamp::Parse("2026-02-02T06:00:00Z");
  gap.end = *Timestamp::Parse("2026-02-02T08:00:00Z");
  gap.center = a;
  gap.radius = Distance::Kilometers(5);
  const int64_t day = Timestamp::Parse("2026-02-02T00:00:00Z")->utc_micros();

  const WatchedShares shares = Watched({a, b}, {&camera, &patrol, &radar}, {&gap}, day);
  EXPECT_DOUBLE_EQ(shares.by_type[static_cast<size_t>(SourceType::kCamera)], 10.0 / 48);
  EXPECT_DOUBLE_EQ(shares.by_type[static_cast<size_t>(SourceType::kPatrol)], 24.0 / 48);
  EXPECT_DOUBLE_EQ(shares.by_type[static_cast<size_t>(SourceType::kRadar)], 0);
  EXPECT_DOUBLE_EQ(shares.any, 34.0 / 48);

  // A patrol gap over the first point stops no camera.
  gap.source_type = SourceType::kPatrol;
  EXPECT_DOUBLE_EQ(Watched({a, b}, {&camera, &patrol}, {&gap}, day)
                       .by_type[static_cast<size_t>(SourceType::kCamera)],
                   12.0 / 48);
  // Two cameras over one point count it once.
  const MonitoringAsset second = camera;
  EXPECT_DOUBLE_EQ(Watched({a}, {&camera, &second}, {}, day).any, 12.0 / 24);
}

}  // namespace
}  // namespace guarantor

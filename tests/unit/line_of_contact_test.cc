#include "geo/line_of_contact.h"

#include <gtest/gtest.h>

#include "geo/geodesy.h"

namespace guarantor::geo {
namespace {

// A zig-zag line of many short segments and a second part, like a digitised front.
std::vector<Polyline> ZigZag() {
  Polyline main, second;
  for (int i = 0; i <= 80; ++i) {
    main.push_back(LatLng{46.5 + i * 0.05, 35.0 + ((i % 3 == 0) ? 0.12 : 0.0) + i * 0.03});
  }
  for (int i = 0; i <= 10; ++i) second.push_back(LatLng{51.0 + i * 0.02, 34.8 + (i % 2) * 0.05});
  return {main, second};
}

double BruteForce(const std::vector<Polyline>& parts, LatLng p) {
  double best = 1e300;
  for (const Polyline& part : parts) {
    for (size_t i = 0; i + 1 < part.size(); ++i) {
      best = std::min(best, ClosestOnGeodesicSegment(p, part[i], part[i + 1]).distance.meters());
    }
  }
  return best;
}

TEST(LineOfContactTest, IndexedSearchEqualsExhaustiveSearch) {
  const std::vector<Polyline> parts = ZigZag();
  Result<LineOfContact> line = LineOfContact::Build(parts);
  ASSERT_TRUE(line.ok());
  // A deterministic spread of points over and around the line's extent, near and far.
  for (int i = 0; i < 400; ++i) {
    const LatLng p{45.5 + (i * 37 % 100) * 0.065, 32.0 + (i * 53 % 100) * 0.08};
    EXPECT_DOUBLE_EQ(line->FindNearest(p).distance.meters(), BruteForce(parts, p))
        << p.lat_deg << "," << p.lon_deg;
  }
}

TEST(LineOfContactTest, CellListsNearTheLineMissNoSegment) {
  // Near the line a search reads the segments its grid cell keeps rather than the tree: points
  // on and between cell edges (every 0.025 degree from the line's southern end), on either side
  // and at several distances, must still find the nearest segment.
  const std::vector<Polyline> parts = ZigZag();
  Result<LineOfContact> line = LineOfContact::Build(parts);
  ASSERT_TRUE(line.ok());
  const double offsets[] = {-0.5, -0.2, -0.05, -0.01, 0.0, 0.01, 0.05, 0.2, 0.5};
  for (int i = 0; i <= 180; ++i) {
    for (double offset : offsets) {
      const LatLng p{46.5 + i * 0.025, 35.0 + i * 0.015 + offset};
      EXPECT_DOUBLE_EQ(line->FindNearest(p).distance.meters(), BruteForce(parts, p))
          << p.lat_deg << "," << p.lon_deg;
    }
  }
}

TEST(LineOfContactTest, ReportsThePartAndLength) {
  Result<LineOfContact> line = LineOfContact::Build(ZigZag());
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(line->FindNearest(LatLng{51.1, 34.9}).part, 1);
  EXPECT_EQ(line->FindNearest(LatLng{47.0, 35.5}).part, 0);
  double expected = 0;
  for (const Polyline& part : ZigZag()) {
    for (size_t i = 0; i + 1 < part.size(); ++i) {
      expected += GeodesicDistance(part[i], part[i + 1]).meters();
    }
  }
  EXPECT_DOUBLE_EQ(line->Length().meters(), expected);
}

TEST(LineOfContactTest, RejectsDegenerateInput) {
  EXPECT_FALSE(LineOfContact::Build({}).ok());
  EXPECT_FALSE(LineOfContact::Build({Polyline{LatLng{48, 36}}}).ok());
  Result<LineOfContact> bad = LineOfContact::Build({Polyline{LatLng{48, 36}, LatLng{95, 36}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("outside latitude/longitude bounds"), std::string::npos);
}

}  // namespace
}  // namespace guarantor::geo

namespace guarantor::geo {
namespace {

// The tangent-plane measure against the exact geodesic, over a realistic line and points from
// the line out to 150 km: the documented tolerance must hold everywhere.
TEST(LineOfContactTest, FastDistanceIsWithinItsToleranceOfTheExactOne) {
  Polyline front;
  for (int i = 0; i <= 60; ++i) {
    front.push_back(LatLng{46.6 + i * 0.07, 33.0 + i * 0.09 + ((i % 4) - 1.5) * 0.05});
  }
  Result<LineOfContact> line = LineOfContact::Build({front});
  ASSERT_TRUE(line.ok());
  double worst_near = 0, worst_far = 0;
  for (int i = 0; i < 600; ++i) {
    const LatLng p{45.5 + (i * 37 % 200) * 0.035, 31.0 + (i * 53 % 200) * 0.05};
    const double exact = line->FindNearest(p, LineOfContact::Precision::kExact).distance.meters();
    const double fast = line->FindNearest(p, LineOfContact::Precision::kFast).distance.meters();
    if (exact > 150000) continue;
    EXPECT_LE(std::abs(fast - exact), LineOfContact::FastToleranceMeters(exact))
        << p.lat_deg << "," << p.lon_deg;
    (exact < 30000 ? worst_near : worst_far) =
        std::max(exact < 30000 ? worst_near : worst_far, std::abs(fast - exact));
  }
  std::cout << "fast vs exact, worst error: " << worst_near << " m within 30 km, " << worst_far
            << " m from 30 to 150 km\n";
}

}  // namespace
}  // namespace guarantor::geo

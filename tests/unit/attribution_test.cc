#include "monitor/attribution.h"

#include <gtest/gtest.h>

#include "geo/geodesy.h"
#include "scenario/scenario_loader.h"
#include "support/test_paths.h"
#include "support/zones_theatre.h"

namespace guarantor {
namespace {

using geo::GeodesicDestination;

// On tests/data/zones: part 0 of the line is the meridian 36.0 E from 48.0 to 49.0 N, UA to the
// west and RU to the east.
class AttributionTest : public testing::ZonesTheatreTest {
 protected:
  void SetUp() override {
    ZonesTheatreTest::SetUp();
    if (HasFatalFailure()) return;
    attributor_ = std::make_unique<Attributor>(*map_, std::vector<std::string>{"UA", "RU"}, 0.7);
  }
  static LatLng East(double km) {
    return GeodesicDestination(LatLng{48.7, 36.0}, km >= 0 ? 90 : 270,
                               Distance::Kilometers(std::abs(km)));
  }
  Attribution Attribute(const Incident& inc) const {
    return attributor_->Attribute(inc, map_->Locate(inc.position.position));
  }
  std::unique_ptr<Attributor> attributor_;
};

TEST_F(AttributionTest, OriginWellInsideAControlArea) {
  Incident inc;
  inc.kind = ObservationKind::kArtilleryFire;
  inc.position = {East(-3), 300};
  inc.origin = UncertainPoint{East(10), 2000};  // 5 sigma inside RU
  const Attribution a = Attribute(inc);
  EXPECT_EQ(a.party, "RU");
  EXPECT_EQ(a.method, AttributionMethod::kOriginInControlArea);
  EXPECT_NEAR(a.confidence, 0.5 * std::erfc(-5 / std::sqrt(2.0)), 1e-4);
}

TEST_F(AttributionTest, OriginTooCloseToTheLineIsUndetermined) {
  Incident inc;
  inc.kind = ObservationKind::kArtilleryFire;
  inc.position = {East(-3), 300};
  inc.origin = UncertainPoint{East(0.5), 2000};  // 0.25 sigma: Phi = 0.599
  const Attribution a = Attribute(inc);
  EXPECT_FALSE(a.determined());
  EXPECT_EQ(a.candidate, "RU");
  EXPECT_NEAR(a.confidence, 0.5987, 1e-3);
}

TEST_F(AttributionTest, BearingsFromTwoObserversFixTheOrigin) {
  const LatLng origin = East(-12);
  Incident inc;
  inc.kind = ObservationKind::kRocketFire;
  inc.position = {East(4), 500};
  for (double from : {20.0, 130.0}) {
    Bearing b;
    b.observer = GeodesicDestination(origin, from, Distance::Kilometers(15));
    b.azimuth_deg = geo::GeodesicAzimuth(b.observer, origin);
    if (b.azimuth_deg < 0) b.azimuth_deg += 360;
    b.uncertainty_deg = 2;
    inc.bearings.push_back(b);
  }
  UncertainPoint fix;
  ASSERT_TRUE(IntersectBearings(inc.bearings, inc.position.position, &fix));
  EXPECT_LT(geo::GeodesicDistance(fix.position, origin).meters(), 150);
  const Attribution a = Attribute(inc);
  EXPECT_EQ(a.party, "UA");
  EXPECT_EQ(a.method, AttributionMethod::kBearingIntersection);
}

TEST_F(AttributionTest, ParallelBearingsDoNotFixAPoint) {
  std::vector<Bearing> bearings(2);
  bearings[0] = {LatLng{48.7, 35.5}, 90, 2};
  bearings[1] = {LatLng{48.71, 35.5}, 92, 2};
  UncertainPoint fix;
  EXPECT_FALSE(IntersectBearings(bearings, LatLng{48.7, 36.0}, &fix));
}

TEST_F(AttributionTest, ImpactProxyIsWeakAndBounded) {
  Incident inc;
  inc.kind = ObservationKind::kArtilleryFire;
  inc.position = {East(-5), 200};
  const Attribution near = Attribute(inc);
  EXPECT_EQ(near.method, AttributionMethod::kImpactSideProxy);
  EXPECT_EQ(near.party, "RU");
  EXPECT_LE(near.confidence, 0.75);
  inc.position = {East(-40), 200};  // too deep: could be the party's own activity
  EXPECT_FALSE(Attribute(inc).determined());
  inc.kind = ObservationKind::kDroneStrike;  // drones reach both ways: never from the impact
  inc.position = {East(-5), 200};
  EXPECT_FALSE(Attribute(inc).determined());
}

TEST_F(AttributionTest, ForcesBelongToTheSideTheyStandOn) {
  Incident inc;
  inc.kind = ObservationKind::kWeaponSighting;
  inc.position = {East(-8), 100};
  const Attribution a = Attribute(inc);
  EXPECT_EQ(a.party, "UA");
  EXPECT_EQ(a.method, AttributionMethod::kPositionInControlArea);
}

}  // namespace
}  // namespace guarantor

// Zone classification on hand-checked points of tests/data/zones (see the comment at the top of
// its scenario.yaml): on the line, just inside and just outside each zone, inside the
// disengagement area, near the protected site, and near each part of the multi-part line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "geo/indexed_area.h"

#include "geo/geodesy.h"
#include "monitor/agreement_map.h"
#include "monitor/assessment.h"
#include "scenario/scenario_loader.h"
#include "support/test_paths.h"
#include "support/zones_theatre.h"

namespace guarantor {
namespace {

using geo::GeodesicDestination;

class ZoneClassificationTest : public testing::ZonesTheatreTest {
 protected:
  // A point `km` east (positive) or west (negative) of the line at latitude `lat` on part 0.
  static LatLng OffPart0(double lat, double km) {
    return GeodesicDestination(LatLng{lat, 36.0}, km >= 0 ? 90.0 : 270.0,
                               Distance::Kilometers(std::abs(km)));
  }
};

TEST_F(ZoneClassificationTest, OnTheLine) {
  const Location loc = map_->Locate(LatLng{48.3, 36.0});
  EXPECT_NEAR(loc.distance_to_line.meters(), 0.0, 1e-6);
  EXPECT_EQ(loc.line_part, 0);
  EXPECT_TRUE(loc.on_boundary);  // both control areas hold their shared edge
  EXPECT_TRUE(loc.in_security_zone);
  EXPECT_EQ(loc.zone, "security_zone");
}

TEST_F(ZoneClassificationTest, SecurityZoneEdgeOnEachSide) {
  const Location in_east = map_->Locate(OffPart0(48.3, 14.9));
  EXPECT_NEAR(in_east.distance_to_line.km(), 14.9, 1e-5);
  EXPECT_TRUE(in_east.in_security_zone);
  EXPECT_EQ(in_east.control_party, "RU");
  EXPECT_FALSE(in_east.on_boundary);

  const Location out_east = map_->Locate(OffPart0(48.3, 15.1));
  EXPECT_FALSE(out_east.in_security_zone);
  EXPECT_EQ(out_east.zone, "withdrawal_zone");

  const Location in_west = map_->Locate(OffPart0(48.3, -14.9));
  EXPECT_TRUE(in_west.in_security_zone);
  EXPECT_EQ(in_west.control_party, "UA");
  EXPECT_FALSE(map_->Locate(OffPart0(48.3, -15.1)).in_security_zone);
}

TEST_F(ZoneClassificationTest, WithdrawalZonesByWeaponClass) {
  // Artillery >= 100 mm: 50 km wide, 25 km each side; MLRS: 70 km wide, 35 km each side.
  const Location at_24_9 = map_->Locate(OffPart0(48.7, -24.9));
  EXPECT_THAT(at_24_9.inside_withdrawal_of,
              ::testing::ElementsAre(WeaponClass::kArtilleryGe100mm, WeaponClass::kMlrs));
  const Location at_25_1 = map_->Locate(OffPart0(48.7, -25.1));
  EXPECT_THAT(at_25_1.inside_withdrawal_of, ::testing::ElementsAre(WeaponClass::kMlrs));
  const Location at_35_1 = map_->Locate(OffPart0(48.7, -35.1));
  EXPECT_TRUE(at_35_1.inside_withdrawal_of.empty());
  EXPECT_EQ(at_35_1.zone, "outside_zones");
}

TEST_F(ZoneClassificationTest, InsideTheDisengagementArea) {
  const Location loc = map_->Locate(LatLng{48.5, 36.02});
  EXPECT_EQ(loc.disengagement_area, "da-1");
  EXPECT_EQ(loc.zone, "disengagement:da-1");
  EXPECT_TRUE(map_->Locate(LatLng{48.5, 36.05}).disengagement_area.empty());
}

TEST_F(ZoneClassificationTest, NearTheProtectedSite) {
  const LatLng site{48.2, 36.3};
  const Location in = map_->Locate(GeodesicDestination(site, 45.0, Distance::Kilometers(9.9)));
  EXPECT_EQ(in.protected_site, "plant");
  EXPECT_NEAR(in.protected_site_distance.km(), 9.9, 1e-9);
  EXPECT_EQ(in.zone, "protected_site:plant");
  const Location out = map_->Locate(GeodesicDestination(site, 45.0, Distance::Kilometers(10.1)));
  EXPECT_TRUE(out.protected_site.empty());
}

TEST_F(ZoneClassificationTest, EachPartOfAMultiPartLine) {
  const Location near0 = map_->Locate(OffPart0(48.9, 5.0));
  EXPECT_EQ(near0.line_part, 0);
  EXPECT_NEAR(near0.distance_to_line.km(), 5.0, 1e-5);
  const Location near1 =
      map_->Locate(GeodesicDestination(LatLng{46.25, 34.0}, 270.0, Distance::Kilometers(5)));
  EXPECT_EQ(near1.line_part, 1);
  EXPECT_NEAR(near1.distance_to_line.km(), 5.0, 1e-5);
  EXPECT_TRUE(near1.control_party.empty());  // outside both control areas
}

TEST_F(ZoneClassificationTest, BeyondTheEndOfThelineTheEndpointIsNearest) {
  const Location loc =
      map_->Locate(GeodesicDestination(LatLng{49.0, 36.0}, 0.0, Distance::Kilometers(3)));
  EXPECT_NEAR(loc.distance_to_line.km(), 3.0, 1e-6);
}

Observation MakeObservation(ObservationKind kind, LatLng where, const char* time) {
  Observation o;
  o.id = "t";
  o.time = *Timestamp::Parse(time);
  o.kind = kind;
  o.position.position = where;
  return o;
}

TEST_F(ZoneClassificationTest, SectorOfAPointIsTheFirstInScenarioOrderThatHoldsIt) {
  ASSERT_EQ(scenario_->agreement.sectors.size(), 2u);
  auto sector_at = [&](double lat, double lon) -> std::string {
    const std::optional<size_t> i = map_->SectorAt(LatLng{lat, lon});
    return i ? scenario_->agreement.sectors[*i].id : "none";
  };
  EXPECT_EQ(sector_at(49.0, 36.0), "north");
  EXPECT_EQ(sector_at(48.3, 36.0), "south");
  EXPECT_EQ(sector_at(48.55, 36.0), "north");  // in both: the first listed
  EXPECT_EQ(sector_at(48.5, 35.5), "north");   // on north's edge, inside south: the first
  EXPECT_EQ(sector_at(47.5, 36.0), "south");   // on its edge
  EXPECT_EQ(sector_at(47.49, 36.0), "none");
  EXPECT_EQ(sector_at(46.2, 34.0), "none");  // part 1 has no sector
  EXPECT_EQ(scenario_->agreement.sectors[*map_->SectorAt(LatLng{48.3, 36.0})].name, "South sector");
}

TEST_F(ZoneClassificationTest, AssessorAppliesWithdrawalToSightings) {
  Assessor assessor(scenario_->agreement, *map_);
  Observation near = MakeObservation(ObservationKind::kWeaponSighting, OffPart0(48.7, -20),
                                     "2026-02-02T10:00:00+02:00");
  near.weapon_class = WeaponClass::kArtilleryGe100mm;
  const Assessment a = assessor.Assess(near);
  ASSERT_EQ(a.breaches.size(), 1u);
  EXPECT_EQ(a.breaches[0].rule, "withdrawal:artillery_ge_100mm");

  Observation far = near;
  far.position.position = OffPart0(48.7, -30);
  EXPECT_FALSE(assessor.Assess(far).violation());
}

TEST_F(ZoneClassificationTest, AssessorUsesThePointOfOrigin) {
  Assessor assessor(scenario_->agreement, *map_);
  // Impact 40 km behind the line (outside every zone), fired from 20 km on the other side.
  Observation o = MakeObservation(ObservationKind::kArtilleryFire, OffPart0(48.7, -40),
                                  "2026-02-02T10:00:00+02:00");
  o.weapon_class = WeaponClass::kArtilleryGe100mm;
  o.origin = UncertainPoint{OffPart0(48.7, 20), 500};
  const Assessment a = assessor.Assess(o);
  ASSERT_EQ(a.breaches.size(), 2u);
  EXPECT_EQ(a.breaches[0].rule, "fire");
  EXPECT_NE(a.Reason(a.breaches[0]).find("fired from"), std::string::npos);
  EXPECT_EQ(a.breaches[1].rule, "withdrawal:artillery_ge_100mm");
  ASSERT_TRUE(a.origin.has_value());
  EXPECT_EQ(a.origin->control_party, "RU");
}

TEST_F(ZoneClassificationTest, NothingBreachesBeforeTheAgreementTakesEffect) {
  Assessor assessor(scenario_->agreement, *map_);
  const Observation o = MakeObservation(ObservationKind::kArtilleryFire, LatLng{48.3, 36.01},
                                        "2026-01-31T23:59:59+02:00");
  const Assessment a = assessor.Assess(o);
  EXPECT_TRUE(a.before_effective);
  EXPECT_FALSE(a.violation());
  const Observation after = MakeObservation(ObservationKind::kArtilleryFire, LatLng{48.3, 36.01},
                                            "2026-02-01T00:00:00+02:00");
  EXPECT_TRUE(assessor.Assess(after).violation());
}

}  // namespace
}  // namespace guarantor

namespace guarantor::geo {
namespace {

// The banded crossing-number test must agree with Boost.Geometry's covered_by everywhere,
// including on edges and vertices; checked on the example's real control areas.
TEST(IndexedAreaTest, AgreesWithBoostGeometryOnTheExampleAreas) {
  ScenarioLoad load = LoadScenario(guarantor::testing::Example("paris-2026"));
  ASSERT_TRUE(load.ok());
  for (const ControlArea& ca : load.scenario->agreement.control_areas) {
    Result<IndexedArea> area = IndexedArea::Build(ca.area);
    ASSERT_TRUE(area.ok());
    int inside = 0;
    for (int i = 0; i < 4000; ++i) {
      const LatLng p{44.0 + (i * 37 % 400) * 0.02, 22.0 + (i * 53 % 400) * 0.045};
      bool reference = false;
      for (const Polygon& polygon : ca.area) {
        namespace bg = boost::geometry;
        using Point = bg::model::d2::point_xy<double>;
        bg::model::polygon<Point> shape;
        for (const LatLng& v : polygon.outer) shape.outer().emplace_back(v.lon_deg, v.lat_deg);
        shape.outer().emplace_back(polygon.outer.front().lon_deg, polygon.outer.front().lat_deg);
        bg::correct(shape);
        reference = reference || bg::covered_by(Point(p.lon_deg, p.lat_deg), shape);
      }
      EXPECT_EQ(area->Contains(p), reference) << ca.party << " " << p.lat_deg << "," << p.lon_deg;
      inside += reference ? 1 : 0;
    }
    EXPECT_GT(inside, 100) << ca.party;
    // Every vertex lies on the boundary, which counts as inside.
    for (const Polygon& polygon : ca.area) {
      for (const LatLng& v : polygon.outer) EXPECT_TRUE(area->Contains(v)) << ca.party;
    }
  }
}

}  // namespace
}  // namespace guarantor::geo

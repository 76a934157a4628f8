#include "geo/geodesy.h"

#include <gtest/gtest.h>

#include <cmath>

namespace guarantor::geo {
namespace {

// GeographicLib's documented example (Geodesic class reference, example-Geodesic.cpp): JFK
// (40.6, -73.8) to LHR (51.6, -0.5) is 5551.759400319 km on WGS84.
TEST(GeodesyTest, MatchesGeographicLibReferenceDistance) {
  const Distance d = GeodesicDistance(LatLng{40.6, -73.8}, LatLng{51.6, -0.5});
  EXPECT_NEAR(d.km(), 5551.759400319, 1e-6);
}

// One degree of latitude along a meridian from the equator is 110574.389 m on WGS84 (meridian
// arc, e.g. Karney's tables); from 45 degrees to 46 degrees it is 111141.5 m (within a metre).
TEST(GeodesyTest, MeridianDegreeLengths) {
  EXPECT_NEAR(GeodesicDistance(LatLng{0, 30}, LatLng{1, 30}).meters(), 110574.389, 0.01);
  EXPECT_NEAR(GeodesicDistance(LatLng{45, 30}, LatLng{46, 30}).meters(), 111141.5, 1.0);
}

TEST(GeodesyTest, DestinationInvertsDistance) {
  const LatLng kyiv{50.45, 30.52};
  const LatLng p = GeodesicDestination(kyiv, 123.0, Distance::Kilometers(250));
  EXPECT_NEAR(GeodesicDistance(kyiv, p).km(), 250.0, 1e-9);
  EXPECT_NEAR(GeodesicAzimuth(kyiv, p), 123.0, 1e-9);
}

// Brute force: the minimum over many points sampled along the geodesic segment.
double BruteForceMeters(LatLng p, LatLng a, LatLng b) {
  const Distance len = GeodesicDistance(a, b);
  const double az = GeodesicAzimuth(a, b);
  double best = 1e300;
  const int n = 20000;
  for (int i = 0; i <= n; ++i) {
    const LatLng q = GeodesicDestination(a, az, Distance::Meters(len.meters() * i / n));
    best = std::min(best, GeodesicDistance(p, q).meters());
  }
  return best;
}

TEST(GeodesyTest, ClosestOnSegmentAgreesWithBruteForce) {
  const LatLng a{47.2, 35.1}, b{48.9, 37.9};  // about 270 km, a long diagonal segment
  const LatLng points[] = {{48.0, 36.0}, {47.0, 36.5}, {49.5, 38.5},
                           {46.5, 34.0}, {48.1, 36.6}, {48.5, 35.0}};
  for (const LatLng& p : points) {
    const SegmentProximity sp = ClosestOnGeodesicSegment(p, a, b);
    // The brute force samples every ~13.5 m, so it can overshoot by at most ~1 cm near the foot.
    EXPECT_NEAR(sp.distance.meters(), BruteForceMeters(p, a, b), 0.05)
        << p.lat_deg << "," << p.lon_deg;
    EXPECT_GE(sp.fraction, 0.0);
    EXPECT_LE(sp.fraction, 1.0);
  }
}

TEST(GeodesyTest, PerpendicularOffsetFromAMeridianIsTheDistance) {
  // A geodesic leaving a meridian due east meets it at a right angle, so its length is the
  // distance to the meridian.
  const LatLng a{48.0, 36.0}, b{49.0, 36.0};
  const LatLng foot{48.4, 36.0};
  const LatLng p = GeodesicDestination(foot, 90.0, Distance::Kilometers(14.9));
  const SegmentProximity sp = ClosestOnGeodesicSegment(p, a, b);
  EXPECT_NEAR(sp.distance.meters(), 14900.0, 0.01);
  EXPECT_NEAR(sp.closest.lat_deg, 48.4, 1e-6);
}

TEST(GeodesyTest, BeyondTheEndTheNearestPointIsTheEnd) {
  const LatLng a{48.0, 36.0}, b{49.0, 36.0};
  const LatLng p = GeodesicDestination(b, 0.0, Distance::Kilometers(3));
  const SegmentProximity sp = ClosestOnGeodesicSegment(p, a, b);
  EXPECT_NEAR(sp.distance.meters(), 3000.0, 1e-6);
  EXPECT_EQ(sp.fraction, 1.0);
}

// The local plane is for bounds: shorter than the geodesic, by under 1%, over the theatre's
// latitudes and a few hundred kilometres in every direction.
TEST(GeodesyTest, TheLocalPlaneIsShorterThanTheGeodesicByUnderOnePercent) {
  for (double lat : {44.0, 48.0, 52.0}) {
    for (double azimuth : {0.0, 45.0, 90.0, 135.0}) {
      for (double km : {1.0, 40.0, 150.0, 300.0}) {
        const LatLng a{lat, 36.0};
        const LatLng b = GeodesicDestination(a, azimuth, Distance::Kilometers(km));
        const double ratio = std::sqrt(LocalPlaneMeters2(a, b)) / (km * 1000);
        EXPECT_LE(ratio, 1.0) << lat << " " << azimuth << " " << km;
        EXPECT_GT(ratio, 0.99) << lat << " " << azimuth << " " << km;
      }
    }
  }
}

}  // namespace
}  // namespace guarantor::geo

// Geodesy on the WGS84 ellipsoid, through GeographicLib: distances, destinations and the closest
// point of a geodesic segment. No spherical approximation is used in any rule.
//
// Thread safety: all functions are pure and safe to call concurrently.
#pragma once

#include "model/lat_lng.h"

namespace guarantor::geo {

// Length of the shortest geodesic between a and b.
Distance GeodesicDistance(LatLng a, LatLng b);

// Forward azimuth at `a` of the geodesic from a to b, degrees clockwise from north in (-180, 180].
double GeodesicAzimuth(LatLng a, LatLng b);

// The point reached from `from` along the geodesic with initial `azimuth_deg` after `distance`.
LatLng GeodesicDestination(LatLng from, double azimuth_deg, Distance distance);

// The squared distance in square metres between a and b on a local plane at their mean latitude
// (the shortest meridian degree, 110 574 m; the equatorial parallel degree, 111 320 m, times the
// cosine). Not for rules: for cheap bounds and simulation. Within a few hundred kilometres and
// away from the poles it is shorter than the geodesic by under 1%.
double LocalPlaneMeters2(LatLng a, LatLng b);

struct SegmentProximity {
  Distance distance;  // geodesic distance from the query point to `closest`
  LatLng closest;     // the nearest point of the segment
  double fraction;    // position of `closest` along the segment, in [0, 1]
};

// The point of the geodesic segment a-b nearest to p, found by Karney's intercept method
// (iterated gnomonic projection centred on the current estimate; "Algorithms for geodesics",
// J. Geodesy 2013, §8), clamped to the segment's ends.
// REQUIRES: p within a few thousand kilometres of the segment.
SegmentProximity ClosestOnGeodesicSegment(LatLng p, LatLng a, LatLng b);

}  // namespace guarantor::geo

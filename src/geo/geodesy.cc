#include "geo/geodesy.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/Gnomonic.hpp>
#include <algorithm>
#include <cmath>

namespace guarantor::geo {
namespace {

const GeographicLib::Geodesic& Wgs84() { return GeographicLib::Geodesic::WGS84(); }

// Iterations stop when the estimate moves less than this.
constexpr double kConvergenceMeters = 1e-4;
constexpr int kMaxIterations = 25;

}  // namespace

Distance GeodesicDistance(LatLng a, LatLng b) {
  double s12 = 0;
  Wgs84().Inverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, s12);
  return Distance::Meters(s12);
}

double GeodesicAzimuth(LatLng a, LatLng b) {
  double azi1 = 0, azi2 = 0;
  Wgs84().Inverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, azi1, azi2);
  return azi1;
}

LatLng GeodesicDestination(LatLng from, double azimuth_deg, Distance distance) {
  double lat = 0, lon = 0;
  Wgs84().Direct(from.lat_deg, from.lon_deg, azimuth_deg, distance.meters(), lat, lon);
  return LatLng{lat, lon};
}

SegmentProximity ClosestOnGeodesicSegment(LatLng p, LatLng a, LatLng b) {
  const GeographicLib::Gnomonic gnomonic(Wgs84());
  auto endpoint = [&](LatLng e, double fraction) {
    return SegmentProximity{GeodesicDistance(p, e), e, fraction};
  };
  if (a == b) return endpoint(a, 0.0);

  // Start from the closest point of the chord in a local equirectangular frame.
  const double kx = std::cos((a.lat_deg + b.lat_deg) * 0.5 * M_PI / 180.0);
  const double dx0 = (b.lon_deg - a.lon_deg) * kx, dy0 = b.lat_deg - a.lat_deg;
  double t0 = ((p.lon_deg - a.lon_deg) * kx * dx0 + (p.lat_deg - a.lat_deg) * dy0) /
              (dx0 * dx0 + dy0 * dy0);
  t0 = std::clamp(t0, 0.0, 1.0);
  LatLng c = GeodesicDestination(a, GeodesicAzimuth(a, b),
                                 Distance::Meters(GeodesicDistance(a, b).meters() * t0));
  double t = t0;
  bool converged = false;
  for (int i = 0; i < kMaxIterations; ++i) {
    double xa, ya, xb, yb, xp, yp, azi, rk;
    gnomonic.Forward(c.lat_deg, c.lon_deg, a.lat_deg, a.lon_deg, xa, ya, azi, rk);
    gnomonic.Forward(c.lat_deg, c.lon_deg, b.lat_deg, b.lon_deg, xb, yb, azi, rk);
    gnomonic.Forward(c.lat_deg, c.lon_deg, p.lat_deg, p.lon_deg, xp, yp, azi, rk);
    if (!std::isfinite(xa + ya + xb + yb + xp + yp)) break;  // beyond the projection's horizon
    const double dx = xb - xa, dy = yb - ya;
    t = std::clamp(((xp - xa) * dx + (yp - ya) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
    double lat, lon;
    gnomonic.Reverse(c.lat_deg, c.lon_deg, xa + t * dx, ya + t * dy, lat, lon, azi, rk);
    const LatLng next{lat, lon};
    const double moved = GeodesicDistance(c, next).meters();
    c = next;
    if (moved < kConvergenceMeters) {
      converged = true;
      break;
    }
  }
  SegmentProximity best = endpoint(a, 0.0);
  const SegmentProximity at_b = endpoint(b, 1.0);
  if (at_b.distance < best.distance) best = at_b;
  if (converged) {
    const SegmentProximity inner{GeodesicDistance(p, c), c, t};
    if (inner.distance < best.distance) best = inner;
  }
  return best;
}

double LocalPlaneMeters2(LatLng a, LatLng b) {
  const double k = std::cos((a.lat_deg + b.lat_deg) / 2 * M_PI / 180.0);
  const double dx = (b.lon_deg - a.lon_deg) * k * 111320.0;
  const double dy = (b.lat_deg - a.lat_deg) * 110574.0;
  return dx * dx + dy * dy;
}

}  // namespace guarantor::geo

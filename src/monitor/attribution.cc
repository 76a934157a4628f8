#include "monitor/attribution.h"
#include "base/rounding.h"

#include <cmath>
#include <cstdio>

namespace guarantor {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kMetersPerDegLat = 110574.0;
constexpr double kMetersPerDegLon = 111320.0;
constexpr double kProxyCap = 0.75;
constexpr double kProxyMinDepthMeters = 1000;
// Beyond this depth an impact is as likely to be the party's own activity (an exercise, a
// demolition) as fire from across the line.
constexpr double kProxyMaxDepthMeters = 25000;

double Phi(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

bool IsIndirectFire(ObservationKind k) {
  return k == ObservationKind::kMortarFire || k == ObservationKind::kArtilleryFire ||
         k == ObservationKind::kRocketFire;
}

}  // namespace

std::string_view ToString(AttributionMethod m) {
  switch (m) {
    case AttributionMethod::kNone:
      return "none";
    case AttributionMethod::kOriginInControlArea:
      return "origin_in_control_area";
    case AttributionMethod::kBearingIntersection:
      return "bearing_intersection";
    case AttributionMethod::kPositionInControlArea:
      return "position_in_control_area";
    case AttributionMethod::kImpactSideProxy:
      return "impact_side_proxy";
  }
  return "none";
}

bool IntersectBearings(const std::vector<Bearing>& bearings, LatLng near, UncertainPoint* out) {
  if (bearings.size() < 2) return false;
  const double k = std::cos(near.lat_deg * kDeg);
  auto to_xy = [&](LatLng p, double* x, double* y) {
    *x = (p.lon_deg - near.lon_deg) * k * kMetersPerDegLon;
    *y = (p.lat_deg - near.lat_deg) * kMetersPerDegLat;
  };
  // Two passes: unweighted to find the point, then weighted by 1 / (range * sigma_angle)^2.
  double px = 0, py = 0;
  bool have_point = false;
  double cov_trace = 0;
  for (int pass = 0; pass < 2; ++pass) {
    double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
    for (const Bearing& b : bearings) {
      double ox, oy;
      to_xy(b.observer, &ox, &oy);
      const double nx = std::cos(b.azimuth_deg * kDeg), ny = -std::sin(b.azimuth_deg * kDeg);
      double w = 1.0;
      if (have_point) {
        const double range = std::max(std::hypot(px - ox, py - oy), 100.0);
        const double s = range * std::max(b.uncertainty_deg, 0.1) * kDeg;
        w = 1.0 / (s * s);
      }
      const double c = nx * ox + ny * oy;
      a11 += w * nx * nx;
      a12 += w * nx * ny;
      a22 += w * ny * ny;
      b1 += w * nx * c;
      b2 += w * ny * c;
    }
    const double det = a11 * a22 - a12 * a12;
    // Bearings closer than ~10 degrees to parallel do not fix a point.
    if (det <= std::sin(10 * kDeg) * std::sin(10 * kDeg) * (a11 + a22) * (a11 + a22) / 4) {
      return false;
    }
    px = (a22 * b1 - a12 * b2) / det;
    py = (a11 * b2 - a12 * b1) / det;
    have_point = true;
    cov_trace = (a11 + a22) / det;
  }
  // The point must lie ahead of every observer, not behind it.
  for (const Bearing& b : bearings) {
    double ox, oy;
    to_xy(b.observer, &ox, &oy);
    if ((px - ox) * std::sin(b.azimuth_deg * kDeg) + (py - oy) * std::cos(b.azimuth_deg * kDeg) <=
        0) {
      return false;
    }
  }
  out->position =
      LatLng{near.lat_deg + py / kMetersPerDegLat, near.lon_deg + px / (k * kMetersPerDegLon)};
  out->uncertainty_m = std::sqrt(cov_trace / 2);
  return out->position.IsValid();
}

std::string Attribution::Reason() const {
  std::string what;
  switch (method) {
    case AttributionMethod::kNone:
      return "no point of origin, no usable bearings, and no admissible impact proxy";
    case AttributionMethod::kImpactSideProxy:
      return "impact " + FormatFixed(distance_to_line.km(), 3) + " km inside the control area of " +
             impact_area_party + "; fire presumed from the other side (weak evidence)";
    case AttributionMethod::kPositionInControlArea:
      what = "forces observed";
      break;
    case AttributionMethod::kOriginInControlArea:
      what = "point of origin";
      break;
    case AttributionMethod::kBearingIntersection:
      what = "intersection of " + std::to_string(bearings) + " bearings";
      break;
  }
  if (candidate.empty()) return what + " outside every control area or on their boundary";
  return what + " in the control area of " + candidate + ", " +
         FormatFixed(distance_to_line.km(), 3) + " km from the line with 1-sigma " +
         FormatFixed(sigma_m / 1000, 3) + " km";
}

Attributor::Attributor(const AgreementMap& map, std::vector<std::string> monitored_parties,
                       double min_confidence)
    : map_(map), parties_(std::move(monitored_parties)), min_confidence_(min_confidence) {}

Attribution Attributor::FromPoint(const UncertainPoint& p, const Location& loc,
                                  AttributionMethod method) const {
  Attribution a;
  a.method = method;
  if (loc.control_party.empty() || loc.on_boundary) return a;
  a.candidate = loc.control_party;
  a.distance_to_line = loc.distance_to_line;
  a.sigma_m = std::max(p.uncertainty_m, 1.0);
  a.confidence = Phi(loc.distance_to_line.meters() / a.sigma_m);
  return a;
}

Attribution Attributor::Attribute(const Incident& inc, const Location& at,
                                  const Location* origin_at) const {
  Attribution a;
  const bool presence = inc.kind == ObservationKind::kWeaponSighting ||
                        inc.kind == ObservationKind::kTroopMovement ||
                        inc.kind == ObservationKind::kFortification;
  UncertainPoint intersection;
  if (presence) {
    a = FromPoint(inc.position, at, AttributionMethod::kPositionInControlArea);
  } else if (inc.origin) {
    a = FromPoint(*inc.origin,
                  origin_at != nullptr
                      ? *origin_at
                      : map_.Locate(inc.origin->position, geo::LineOfContact::Precision::kFast),
                  AttributionMethod::kOriginInControlArea);
  } else if (IntersectBearings(inc.bearings, inc.position.position, &intersection)) {
    a = FromPoint(intersection,
                  map_.Locate(intersection.position, geo::LineOfContact::Precision::kFast),
                  AttributionMethod::kBearingIntersection);
    a.bearings = static_cast<int>(inc.bearings.size());
  } else if (IsIndirectFire(inc.kind) && parties_.size() == 2 && !at.control_party.empty() &&
             !at.on_boundary && at.distance_to_line.meters() >= kProxyMinDepthMeters &&
             at.distance_to_line.meters() <= kProxyMaxDepthMeters) {
    a.method = AttributionMethod::kImpactSideProxy;
    a.candidate = at.control_party == parties_[0] ? parties_[1] : parties_[0];
    a.distance_to_line = at.distance_to_line;
    a.sigma_m = std::max(inc.position.uncertainty_m, 1.0);
    a.impact_area_party = at.control_party;
    a.confidence = kProxyCap * Phi(at.distance_to_line.meters() / a.sigma_m);
  }
  if (!a.candidate.empty() && a.confidence >= min_confidence_) a.party = a.candidate;
  return a;
}

}  // namespace guarantor

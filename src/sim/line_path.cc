#include "sim/line_path.h"

#include <algorithm>
#include <cmath>

#include "geo/geodesy.h"

namespace guarantor {

LinePath::LinePath(const std::vector<Polyline>& parts) {
  for (const Polyline& part : parts) {
    for (size_t i = 0; i + 1 < part.size(); ++i) {
      const double length = geo::GeodesicDistance(part[i], part[i + 1]).meters();
      total_m_ += length;
      segments_.push_back({part[i], part[i + 1], length, total_m_});
    }
  }
}

LatLng LinePath::At(double along_m, double* azimuth_deg) const {
  const double at = std::clamp(along_m, 0.0, total_m_);
  auto it = std::lower_bound(segments_.begin(), segments_.end(), at,
                             [](const Segment& s, double v) { return s.cumulative_m < v; });
  if (it == segments_.end()) --it;
  const double az = geo::GeodesicAzimuth(it->a, it->b);
  if (azimuth_deg != nullptr) *azimuth_deg = az;
  return geo::GeodesicDestination(it->a, az,
                                  Distance::Meters(it->length_m - (it->cumulative_m - at)));
}

LatLng LinePath::Beside(double along_m, double offset_m) const {
  double az = 0;
  const LatLng on_line = At(along_m, &az);
  if (offset_m == 0) return on_line;
  return geo::GeodesicDestination(on_line, az + (offset_m > 0 ? 90.0 : -90.0),
                                  Distance::Meters(std::abs(offset_m)));
}

double LinePath::NearestVertexAlong(LatLng p) const {
  double best = INFINITY, at = 0;
  for (const Segment& s : segments_) {
    const double d = geo::GeodesicDistance(p, s.b).meters();
    if (d < best) {
      best = d;
      at = s.cumulative_m;
    }
  }
  return at;
}

}  // namespace guarantor

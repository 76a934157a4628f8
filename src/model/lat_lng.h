// LatLng and Distance: a geographic point on the WGS84 ellipsoid and a length, as types rather
// than bare doubles.
//
// Thread safety: value types.
#pragma once

#include <cmath>

namespace guarantor {

// A point given by geodetic latitude and longitude in degrees (WGS84, as in GeoJSON, RFC 7946).
struct LatLng {
  double lat_deg = 0;
  double lon_deg = 0;

  static LatLng Degrees(double lat, double lon) { return LatLng{lat, lon}; }

  // True when both coordinates are finite and within [-90, 90] x [-180, 180].
  bool IsValid() const {
    return std::isfinite(lat_deg) && std::isfinite(lon_deg) && lat_deg >= -90 && lat_deg <= 90 &&
           lon_deg >= -180 && lon_deg <= 180;
  }
  friend bool operator==(const LatLng&, const LatLng&) = default;
};

// A non-negative length. Construct with Meters() or Kilometers(); read with meters() or km().
class Distance {
 public:
  constexpr Distance() = default;
  static constexpr Distance Meters(double m) { return Distance(m); }
  static constexpr Distance Kilometers(double km) { return Distance(km * 1000.0); }
  static Distance Infinite() { return Distance(INFINITY); }

  constexpr double meters() const { return meters_; }
  constexpr double km() const { return meters_ / 1000.0; }

  // clang-tidy misreads the comparison with 0 inside a defaulted <=> as a null pointer.
  // NOLINTNEXTLINE(modernize-use-nullptr)
  friend constexpr auto operator<=>(const Distance&, const Distance&) = default;

 private:
  explicit constexpr Distance(double m) : meters_(m) {}
  double meters_ = 0;
};

}  // namespace guarantor

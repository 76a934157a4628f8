// SameObservation: whether two parsed observations are the same in every field, numbers bit for
// bit (so that -0.0 and 0.0 differ) and times with their UTC offsets. For the tests and the fuzz
// target that hold ObservationParser's two paths to the same results.
#pragma once

#include <cstring>
#include <optional>

#include "model/observation.h"

namespace guarantor::testing {

inline bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

inline bool SamePoint(const UncertainPoint& a, const UncertainPoint& b) {
  return SameBits(a.position.lat_deg, b.position.lat_deg) &&
         SameBits(a.position.lon_deg, b.position.lon_deg) &&
         SameBits(a.uncertainty_m, b.uncertainty_m);
}

inline bool SameObservation(const Observation& a, const Observation& b) {
  const bool same_origin = a.origin.has_value() == b.origin.has_value() &&
                           (!a.origin || SamePoint(*a.origin, *b.origin));
  const bool same_bearing =
      a.bearing.has_value() == b.bearing.has_value() &&
      (!a.bearing || (SameBits(a.bearing->observer.lat_deg, b.bearing->observer.lat_deg) &&
                      SameBits(a.bearing->observer.lon_deg, b.bearing->observer.lon_deg) &&
                      SameBits(a.bearing->azimuth_deg, b.bearing->azimuth_deg) &&
                      SameBits(a.bearing->uncertainty_deg, b.bearing->uncertainty_deg)));
  const bool same_clock =
      a.time_uncertainty_s.has_value() == b.time_uncertainty_s.has_value() &&
      (!a.time_uncertainty_s || SameBits(*a.time_uncertainty_s, *b.time_uncertainty_s));
  return a.id == b.id && a.time == b.time && a.time.offset_minutes() == b.time.offset_minutes() &&
         same_clock && a.source_id == b.source_id && a.source_type == b.source_type &&
         a.kind == b.kind && SamePoint(a.position, b.position) && same_origin && same_bearing &&
         a.weapon_class == b.weapon_class && a.count == b.count &&
         SameBits(a.confidence, b.confidence) && a.notes == b.notes;
}

}  // namespace guarantor::testing

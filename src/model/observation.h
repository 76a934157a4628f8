// Observation: one report from one monitoring source, as accepted by ingest.
//
// An Observation is what a source said, not what happened: its position and time carry the
// source's stated uncertainty, and it may describe the same real event as other observations
// (fusion, in monitor/, decides that). Fields are validated by the parser that builds it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/lat_lng.h"
#include "model/taxonomy.h"
#include "model/timestamp.h"

namespace guarantor {

// A located point with a 1-sigma horizontal uncertainty.
struct UncertainPoint {
  LatLng position;
  double uncertainty_m = 0;  // >= 0
};

// A direction towards the point of origin, measured from where the source stood.
struct Bearing {
  LatLng observer;
  double azimuth_deg = 0;      // clockwise from true north, in [0, 360)
  double uncertainty_deg = 0;  // 1-sigma, >= 0
};

struct Observation {
  std::string id;  // unique within a stream
  Timestamp time;
  // The source's stated 1-sigma clock uncertainty; when absent, the default of its source type
  // (DefaultTimeUncertaintySeconds).
  std::optional<double> time_uncertainty_s;
  std::string source_id;
  SourceType source_type = SourceType::kPatrol;
  ObservationKind kind = ObservationKind::kExplosion;
  UncertainPoint position;               // where the activity was observed (impact, sighting)
  std::optional<UncertainPoint> origin;  // where the fire came from, when assessed
  std::optional<Bearing> bearing;        // direction of origin, when only a bearing is known
  WeaponClass weapon_class = WeaponClass::kUnknown;
  int64_t count = 1;        // explosions, bursts or items; >= 1
  double confidence = 1.0;  // the source's own confidence in [0, 1]
  std::string notes;
};

// Typical 1-sigma clock uncertainty of a source type, in seconds: sensors with their own clocks
// (acoustic arrays, radar, cameras) within seconds, UAV telemetry within 5 s, patrol reports within
// a minute, satellite passes within a minute, OSINT within a quarter of an hour.
double DefaultTimeUncertaintySeconds(SourceType type);

// The observation's stated clock uncertainty, or the default of its source type.
inline double TimeUncertaintySeconds(const Observation& o) {
  return o.time_uncertainty_s ? *o.time_uncertainty_s
                              : DefaultTimeUncertaintySeconds(o.source_type);
}

}  // namespace guarantor

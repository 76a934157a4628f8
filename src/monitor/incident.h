// Incident: one real event as reconstructed from the observations that describe it.
//
// An incident is a *candidate* until it is corroborated under the scenario's verification rule,
// then *verified* (the UCDP candidate/vetted distinction). It keeps the ids of every observation
// behind it, so that any conclusion drawn from it can be traced down to the raw reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/observation.h"

namespace guarantor {

enum class IncidentStatus { kCandidate = 0, kVerified = 1 };  // persisted: do not renumber

inline std::string_view ToString(IncidentStatus s) {
  return s == IncidentStatus::kVerified ? "verified" : "candidate";
}

struct IncidentMember {
  std::string observation_id;
  std::string source_id;
  SourceType source_type = SourceType::kPatrol;
  Timestamp time;
};

struct Incident {
  std::string id;  // "inc-" + the id of its first observation in canonical order
  ObservationKind kind = ObservationKind::kExplosion;  // the most specific kind reported
  WeaponClass weapon_class = WeaponClass::kUnknown;    // the most reported known class
  Timestamp first_seen;
  Timestamp last_seen;
  UncertainPoint position;               // inverse-variance weighted mean of the reports
  std::optional<UncertainPoint> origin;  // the same over reports that assessed an origin
  std::vector<Bearing> bearings;         // every bearing reported, for triangulation
  int64_t count = 1;                     // the largest count reported
  std::vector<IncidentMember> members;   // in the order they joined
  int independent_sources = 0;           // distinct source ids
  IncidentStatus status = IncidentStatus::kCandidate;
  std::string verified_by;  // the rule that verified it, when verified
  Timestamp verified_at;    // record time of the report that verified it
};

}  // namespace guarantor

// Attributor: which monitored party is responsible for an incident, by what method, with what
// confidence; or "undetermined" when the evidence does not reach the scenario's threshold. A
// guess is never presented as a fact: the best candidate and its confidence are kept beside an
// undetermined result, but `party` stays empty.
//
// Methods, in the order tried (docs/monitoring.md):
//  - origin_in_control_area: the fused point of origin lies in a party's control area. With the
//    origin's 1-sigma uncertainty s and its distance d from the line, the probability that the
//    true origin is on that side is Phi(d / s) (normal error across a locally straight line).
//  - bearing_intersection: two or more bearings, intersected by weighted least squares in a local
//    plane (rejected when they are within about 10 degrees of parallel, or when the point would
//    lie behind an observer, as it does for two bearings from one observer); then as above with
//    the intersection's uncertainty.
//  - position_in_control_area: for sightings, movements and fortifications, the forces observed
//    belong to the party whose control area holds them: Phi(d / s) of the position.
//  - impact_side_proxy (weaker): indirect fire (mortar, artillery, rockets) that lands 1 to 25 km
//    inside one party's area is taken to come from the other monitored party, with at most
//    0.75 confidence (rounds can fall short on their own side). Drones and missiles reach both
//    ways and are never attributed from the impact.
//
// Thread safety: immutable; Attribute() is safe to call concurrently.
#pragma once

#include <string>
#include <vector>

#include "monitor/agreement_map.h"
#include "monitor/incident.h"

namespace guarantor {

enum class AttributionMethod {  // persisted: do not renumber
  kNone = 0,
  kOriginInControlArea = 1,
  kBearingIntersection = 2,
  kPositionInControlArea = 3,
  kImpactSideProxy = 4,
};
std::string_view ToString(AttributionMethod m);

struct Attribution {
  std::string party;      // empty when undetermined
  std::string candidate;  // the best-supported party, even when undetermined (may be empty)
  AttributionMethod method = AttributionMethod::kNone;
  double confidence = 0;  // that `candidate` is responsible
  // What the reason is drawn from: the attributed point's distance from the line and its
  // 1-sigma uncertainty; how many bearings were intersected; for the impact proxy, the party
  // whose area the impact fell in.
  Distance distance_to_line;
  double sigma_m = 0;
  int bearings = 0;
  std::string impact_area_party;
  bool determined() const { return !party.empty(); }
  // Why, in a sentence with the figures; rendered only when a result is written out.
  std::string Reason() const;
};

class Attributor {
 public:
  // REQUIRES: `map` outlives the Attributor. `monitored_parties` lists the parties with control
  // areas, in scenario order; `min_confidence` is the threshold for naming a party.
  Attributor(const AgreementMap& map, std::vector<std::string> monitored_parties,
             double min_confidence);

  // `at` is the location of the incident's position; `origin_at`, when not null, that of its
  // fused origin (located once by the caller's assessment).
  Attribution Attribute(const Incident& incident, const Location& at,
                        const Location* origin_at = nullptr) const;

 private:
  Attribution FromPoint(const UncertainPoint& p, const Location& loc,
                        AttributionMethod method) const;
  const AgreementMap& map_;
  std::vector<std::string> parties_;
  double min_confidence_;
};

// Weighted least-squares intersection of bearings (at least two observers 10 degrees apart);
// false when they do not define a point.
bool IntersectBearings(const std::vector<Bearing>& bearings, LatLng near, UncertainPoint* out);

}  // namespace guarantor

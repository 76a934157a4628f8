// Assessor: judges one observation against the agreement: where it happened (and where the fire
// came from, when the report gives a point of origin), and which rules it breaches.
//
// Rules, all taken from the scenario:
//  - a prohibition breaches when the observation's kind is listed and its position, or its point
//    of origin, lies where the prohibition applies;
//  - a withdrawal rule breaches when a weapon of the rule's class is placed closer to the line
//    than half the rule's zone width: a weapon_sighting at its position, or fire of that class at
//    its point of origin.
// Observations before the agreement's effective time breach nothing (they are still located).
//
// Thread safety: immutable; Assess() is safe to call concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/observation.h"
#include "monitor/agreement_map.h"
#include "scenario/scenario.h"

namespace guarantor {

// A rule breached, with what its reason is drawn from. The sentence itself is rendered by
// Assessment::Reason, from the figures of the assessment that holds the breach, only when a
// result is written out: most assessments are counted, never printed.
struct RuleBreach {
  std::string rule;  // prohibition id, or "withdrawal:<weapon class>"
  // A prohibition judged at the observed position or at the point of origin, or a withdrawal
  // rule judged where the weapon stood (the position of a sighting, the origin of fire).
  bool withdrawal = false;
  bool at_origin = false;
  PlaceScope scope = PlaceScope::kAnywhere;          // the prohibition's
  WeaponClass weapon_class = WeaponClass::kUnknown;  // the withdrawal rule's
  Distance withdrawal_distance;                      // the withdrawal rule's minimum
};

struct Assessment {
  ObservationKind kind = ObservationKind::kExplosion;  // of the observation assessed
  Location at;                                         // of the observed position
  std::optional<Location> origin;                      // of the point of origin, when reported
  bool before_effective = false;
  std::vector<RuleBreach> breaches;
  bool violation() const { return !breaches.empty(); }
  // Why `breach` (one of `breaches`) holds, in a sentence with the measured figures.
  std::string Reason(const RuleBreach& breach) const;
};

class Assessor {
 public:
  // REQUIRES: `agreement` and `map` outlive the Assessor.
  // `precision` is the AgreementMap's: kFast for high-rate replay, kExact (default) for audits.
  Assessor(const Agreement& agreement, const AgreementMap& map,
           geo::LineOfContact::Precision precision = geo::LineOfContact::Precision::kExact)
      : agreement_(agreement), map_(map), precision_(precision) {}

  Assessment Assess(const Observation& obs) const;

 private:
  const Agreement& agreement_;
  const AgreementMap& map_;
  geo::LineOfContact::Precision precision_;
};

}  // namespace guarantor

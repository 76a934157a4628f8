// Force sourcing: which contribution covers which requirement, honouring every caveat, and what
// the resulting coverage leaves open.
//
//   Result<SourcingPlan> plan = SolveSourcing(scenario, WhatIf{});
//   for (const RequirementCoverage& c : plan->coverage) ...
//
// Method: a min-cost flow (LEMON's network simplex) from contributions to the requirements they
// are compatible with. A requirement of priority p earns W(p) = 10^6 x (6 - p) per unit covered,
// so that the optimum covers the most important requirements first, in full; among equal
// coverage it prefers unconditional pledges (a conditional arc costs 500 per unit) and pledges
// that deploy sooner (1 per readiness day). Quantities are solved in thousandths of a unit.
// GreedySourcing is the plain baseline: requirements by priority, each filled from the
// contributions that fit, earliest ready first.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "scenario/scenario.h"

namespace guarantor {

// A variation of the plan's assumptions.
struct WhatIf {
  std::vector<std::string> dropped_parties;     // their contributions are withdrawn
  std::vector<std::string> parliament_rejects;  // their pending approvals fail
  std::optional<bool> us_backstop;              // overrides scenario.planning.us_backstop
};

// Whether `c` may serve `r`; when not, `why_not` says which caveat or fact prevents it. When it
// may, `conditional` tells whether it hangs on a pending approval or a US backstop.
bool Compatible(const Scenario& scenario, const WhatIf& what_if, const Contribution& c,
                const Requirement& r, std::string* why_not, bool* conditional);

struct Assignment {
  size_t contribution;  // index into scenario.contributions
  size_t requirement;   // index into scenario.requirements
  double quantity;
  bool conditional;
};

struct RequirementCoverage {
  size_t requirement;  // index into scenario.requirements
  double assigned = 0;
  double share = 0;                  // assigned / quantity, in [0, 1]
  std::vector<std::string> nations;  // distinct parties assigned, sorted
  bool conditional_only = false;     // every assigned unit hangs on a condition
  // Met by one nation only, or only by conditional pledges: losing one decision breaks it.
  bool single_point_of_failure = false;
  std::string gap_reason;  // when not fully covered: why no more could be assigned
};

struct SourcingPlan {
  std::vector<Assignment> assignments;
  std::vector<RequirementCoverage> coverage;  // one per requirement, in scenario order
  double weighted_coverage = 0;  // sum over requirements of W(priority) x covered units
  double required_units = 0;
  double covered_units = 0;
  // Domain -> the party with the largest assigned share ("FR, GB" when tied); land units are
  // counted in battalions (a brigade is four, a company a quarter).
  std::map<std::string, std::string> lead_nation;
  // (day, share of all required units deployable by that day), for days 0, 7, 14, 30, 60, 90,
  // 180 and 365.
  std::vector<std::pair<int, double>> readiness;
};

Result<SourcingPlan> SolveSourcing(const Scenario& scenario, const WhatIf& what_if);
SourcingPlan GreedySourcing(const Scenario& scenario, const WhatIf& what_if);

// One diagnostic per requirement that no contribution could serve even alone (whatever the
// quantities): the wrong capability everywhere, or a caveat or fact against every candidate.
std::vector<Diagnostic> UnmeetableRequirements(const Scenario& scenario);

// The weight W(p) of a unit of a requirement of priority p.
double PriorityWeight(int priority);

}  // namespace guarantor

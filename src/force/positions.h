// Positions: each party's negotiating constraints checked against the force plan. Every conflict
// names the constraint and the plan elements involved.
//
// Checks (docs/guarantees.md):
//  - max_foreign_troops: land units assigned to regions in Ukraine, counted at an illustrative
//    strength (brigade 4,000, battalion 800, company 150), against `value`;
//  - min_distance_from_line_km: every assignment to a region in Ukraine or at sea whose
//    distance from the line is below `value`;
//  - excluded_nations: every assignment of an excluded nation to a region in Ukraine or at sea;
//  - requires_us_backstop: the plan's assumptions give no US backstop.
#pragma once

#include <string>
#include <vector>

#include "force/sourcing.h"

namespace guarantor {

struct PositionConflict {
  std::string constraint;  // PositionConstraint id
  std::string party;
  std::string description;
  std::string conflict;               // what the plan does against it, with figures
  std::vector<std::string> elements;  // contribution -> requirement pairs involved
};

// Troops a unit of `c` stands for, for max_foreign_troops (0 for capabilities not counted).
double TroopStrength(Capability c);

std::vector<PositionConflict> CheckPositions(const Scenario& scenario, const SourcingPlan& plan,
                                             const WhatIf& what_if);

}  // namespace guarantor

#include "force/positions.h"

#include <algorithm>
#include <cstdio>

namespace guarantor {

double TroopStrength(Capability c) {
  switch (c) {
    case Capability::kLandBrigade:
      return 4000;
    case Capability::kLandBattalion:
      return 800;
    case Capability::kLandCompany:
      return 150;
    default:
      return 0;
  }
}

std::vector<PositionConflict> CheckPositions(const Scenario& s, const SourcingPlan& plan,
                                             const WhatIf& what_if) {
  std::vector<PositionConflict> out;
  auto element = [&](const Assignment& a) {
    return s.contributions[a.contribution].id + " -> " + s.requirements[a.requirement].id;
  };
  for (const PositionConstraint& pc : s.positions) {
    PositionConflict conflict{pc.id, pc.party, pc.description, "", {}};
    char buf[160];
    switch (pc.kind) {
      case ConstraintKind::kNone:
        continue;
      case ConstraintKind::kMaxForeignTroops: {
        double troops = 0;
        for (const Assignment& a : plan.assignments) {
          const Region* r = s.FindRegion(s.requirements[a.requirement].region);
          const double t = TroopStrength(s.contributions[a.contribution].capability) * a.quantity;
          if (r == nullptr || r->kind != RegionKind::kUkraine || t == 0) continue;
          troops += t;
          conflict.elements.push_back(element(a));
        }
        if (troops <= pc.value) continue;
        std::snprintf(buf, sizeof buf,
                      "the plan puts about %.0f foreign troops in Ukraine, above %.0f", troops,
                      pc.value);
        conflict.conflict = buf;
        break;
      }
      case ConstraintKind::kMinDistanceFromLine:
      case ConstraintKind::kExcludedNations: {
        for (const Assignment& a : plan.assignments) {
          const Region* r = s.FindRegion(s.requirements[a.requirement].region);
          if (r == nullptr || r->kind == RegionKind::kNeighbouring) continue;
          const bool hit =
              pc.kind == ConstraintKind::kMinDistanceFromLine
                  ? r->distance_from_line.km() < pc.value
                  : std::find(pc.nations.begin(), pc.nations.end(),
                              s.contributions[a.contribution].party) != pc.nations.end();
          if (hit) conflict.elements.push_back(element(a));
        }
        if (conflict.elements.empty()) continue;
        if (pc.kind == ConstraintKind::kMinDistanceFromLine) {
          std::snprintf(buf, sizeof buf, "%zu assignment(s) closer than %.0f km to the line",
                        conflict.elements.size(), pc.value);
        } else {
          std::snprintf(buf, sizeof buf, "%zu assignment(s) from excluded nations",
                        conflict.elements.size());
        }
        conflict.conflict = buf;
        break;
      }
      case ConstraintKind::kRequiresUsBackstop:
        if (what_if.us_backstop.value_or(s.planning.us_backstop)) continue;
        conflict.conflict = "the plan assumes no US backstop";
        break;
    }
    out.push_back(std::move(conflict));
  }
  return out;
}

}  // namespace guarantor

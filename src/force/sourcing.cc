// LEMON first, in its own translation unit: <sys/param.h> defines a MAX macro that breaks
// lemon/network_simplex.h when included before it.
#include <lemon/list_graph.h>
#include <lemon/network_simplex.h>

#include "force/sourcing.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace guarantor {
namespace {

constexpr double kScale = 1000;  // solve in thousandths of a unit
constexpr int64_t kConditionalCost = 500;
constexpr std::array<int, 8> kReadinessDays = {0, 7, 14, 30, 60, 90, 180, 365};

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

int64_t Units(double q) { return static_cast<int64_t>(std::llround(q * kScale)); }

// Land units counted in battalions for the lead nation (a brigade is about four); every other
// capability counts one per unit.
double SizeWeight(Capability c) {
  switch (c) {
    case Capability::kLandBrigade:
      return 4;
    case Capability::kLandCompany:
      return 0.25;
    default:
      return 1;
  }
}

// Coverage, gaps, lead nations and readiness from a set of assignments.
void Summarise(const Scenario& s, const WhatIf& what_if, SourcingPlan* plan) {
  plan->coverage.clear();
  for (size_t j = 0; j < s.requirements.size(); ++j) {
    RequirementCoverage cov;
    cov.requirement = j;
    std::set<std::string> nations;
    bool all_conditional = true;
    for (const Assignment& a : plan->assignments) {
      if (a.requirement != j) continue;
      cov.assigned += a.quantity;
      nations.insert(s.contributions[a.contribution].party);
      all_conditional = all_conditional && a.conditional;
    }
    const Requirement& r = s.requirements[j];
    cov.share = std::min(1.0, cov.assigned / r.quantity);
    cov.nations.assign(nations.begin(), nations.end());
    cov.conditional_only = cov.assigned > 0 && all_conditional;
    cov.single_point_of_failure = cov.assigned > 0 && (nations.size() == 1 || all_conditional);
    if (cov.share < 1.0 - 1e-9) {
      std::string reasons;
      int usable = 0;
      for (const Contribution& c : s.contributions) {
        if (c.capability != r.capability) continue;
        std::string why;
        bool conditional = false;
        if (Compatible(s, what_if, c, r, &why, &conditional)) {
          ++usable;
        } else {
          reasons += (reasons.empty() ? "" : "; ") + c.id + ": " + why;
        }
      }
      if (usable == 0 && reasons.empty()) {
        cov.gap_reason = "no contribution offers " + std::string(ToString(r.capability));
      } else if (usable == 0) {
        cov.gap_reason = "no contribution can serve it (" + reasons + ")";
      } else {
        cov.gap_reason = "the contributions that can serve it are exhausted" +
                         (reasons.empty() ? std::string() : " (others cannot: " + reasons + ")");
      }
    }
    plan->required_units += r.quantity;
    plan->covered_units += std::min(cov.assigned, r.quantity);
    plan->weighted_coverage += PriorityWeight(r.priority) * std::min(cov.assigned, r.quantity);
    plan->coverage.push_back(std::move(cov));
  }
  std::map<std::string, std::map<std::string, double>> by_domain;
  for (const Assignment& a : plan->assignments) {
    const Contribution& c = s.contributions[a.contribution];
    by_domain[std::string(ToString(DomainOf(c.capability)))][c.party] +=
        a.quantity * SizeWeight(c.capability);
  }
  for (const auto& [domain, parties] : by_domain) {
    double best = 0;
    for (const auto& [party, q] : parties) best = std::max(best, q);
    std::string leads;  // joint leads when tied, in id order
    for (const auto& [party, q] : parties) {
      if (q >= best - 1e-9) leads += (leads.empty() ? "" : ", ") + party;
    }
    plan->lead_nation[domain] = leads;
  }
  for (int day : kReadinessDays) {
    double ready = 0;
    for (const Assignment& a : plan->assignments) {
      if (s.contributions[a.contribution].readiness_days <= day) ready += a.quantity;
    }
    plan->readiness.emplace_back(day, plan->required_units > 0 ? ready / plan->required_units : 0);
  }
}

}  // namespace

double PriorityWeight(int priority) { return 1e6 * (6 - priority); }

std::vector<Diagnostic> UnmeetableRequirements(const Scenario& s) {
  std::vector<Diagnostic> out;
  for (const Requirement& r : s.requirements) {
    std::string reasons;
    bool any = false;
    for (const Contribution& c : s.contributions) {
      std::string why;
      bool conditional = false;
      if (Compatible(s, WhatIf{}, c, r, &why, &conditional)) {
        any = true;
        break;
      }
      if (c.capability == r.capability)
        reasons += (reasons.empty() ? "" : "; ") + c.id + ": " + why;
    }
    if (any) continue;
    out.push_back(Diagnostic{
        r.where.file, r.where.line, r.where.column, "requirements." + r.id,
        "expected at least one contribution able to meet it; found none (" +
            (reasons.empty() ? "no contribution offers " + std::string(ToString(r.capability))
                             : reasons) +
            ")"});
  }
  return out;
}

bool Compatible(const Scenario& s, const WhatIf& what_if, const Contribution& c,
                const Requirement& r, std::string* why_not, bool* conditional) {
  auto no = [&](std::string why) {
    *why_not = std::move(why);
    return false;
  };
  *conditional = false;
  if (c.capability != r.capability) return no("offers " + std::string(ToString(c.capability)));
  if (Contains(what_if.dropped_parties, c.party)) return no(c.party + " withdrawn");
  const ApprovalStatus approval = c.caveats.parliamentary_approval;
  if (approval == ApprovalStatus::kRejected) return no("parliamentary approval rejected");
  if (approval == ApprovalStatus::kPending) {
    if (Contains(what_if.parliament_rejects, c.party))
      return no("parliament of " + c.party + " rejects");
    *conditional = true;
  }
  if (c.caveats.requires_us_backstop) {
    const bool backstop = what_if.us_backstop.value_or(s.planning.us_backstop);
    if (!backstop) return no("requires a US backstop, which is not given");
    *conditional = true;
  }
  const Region* region = s.FindRegion(r.region);
  if (region == nullptr) return no("unknown region " + r.region);
  if (!c.caveats.regions.empty() && !Contains(c.caveats.regions, r.region)) {
    return no("not allowed in region " + r.region);
  }
  if (region->distance_from_line < c.caveats.min_distance_from_line) {
    return no("region " + r.region + " is closer to the line than its minimum of " +
              std::to_string(static_cast<int>(c.caveats.min_distance_from_line.km())) + " km");
  }
  if (c.caveats.neighbouring_territory_only && region->kind != RegionKind::kNeighbouring) {
    return no("from neighbouring territory only");
  }
  if (c.readiness_days > r.needed_by_day) {
    return no("ready on D+" + std::to_string(c.readiness_days) + ", needed by D+" +
              std::to_string(r.needed_by_day));
  }
  return true;
}

Result<SourcingPlan> SolveSourcing(const Scenario& s, const WhatIf& what_if) {
  using Graph = lemon::ListDigraph;
  Graph g;
  const Graph::Node source = g.addNode(), sink = g.addNode();
  Graph::ArcMap<int64_t> capacity(g), cost(g);
  std::vector<Graph::Node> contribution_nodes, requirement_nodes;
  int64_t total = 0;
  for (const Contribution& c : s.contributions) {
    const Graph::Node n = g.addNode();
    contribution_nodes.push_back(n);
    const Graph::Arc a = g.addArc(source, n);
    capacity[a] = Units(c.quantity);
    cost[a] = 0;
    total += capacity[a];
  }
  for (const Requirement& r : s.requirements) {
    const Graph::Node n = g.addNode();
    requirement_nodes.push_back(n);
    const Graph::Arc a = g.addArc(n, sink);
    capacity[a] = Units(r.quantity);
    cost[a] = -static_cast<int64_t>(PriorityWeight(r.priority));
  }
  struct Edge {
    Graph::Arc arc;
    size_t contribution, requirement;
    bool conditional;
  };
  std::vector<Edge> edges;
  for (size_t i = 0; i < s.contributions.size(); ++i) {
    for (size_t j = 0; j < s.requirements.size(); ++j) {
      std::string why;
      bool conditional = false;
      if (!Compatible(s, what_if, s.contributions[i], s.requirements[j], &why, &conditional)) {
        continue;
      }
      const Graph::Arc a = g.addArc(contribution_nodes[i], requirement_nodes[j]);
      capacity[a] = Units(s.contributions[i].quantity);
      cost[a] = (conditional ? kConditionalCost : 0) + s.contributions[i].readiness_days;
      edges.push_back({a, i, j, conditional});
    }
  }
  const Graph::Arc unused = g.addArc(source, sink);  // supply nobody needs
  capacity[unused] = total;
  cost[unused] = 0;
  Graph::NodeMap<int64_t> supply(g, 0);
  supply[source] = total;
  supply[sink] = -total;
  lemon::NetworkSimplex<Graph, int64_t, int64_t> solver(g);
  solver.upperMap(capacity).costMap(cost).supplyMap(supply);
  if (solver.run() != lemon::NetworkSimplex<Graph, int64_t, int64_t>::OPTIMAL) {
    return Status::Internal("the sourcing flow has no optimal solution");
  }
  SourcingPlan plan;
  for (const Edge& e : edges) {
    const int64_t f = solver.flow(e.arc);
    if (f > 0) {
      plan.assignments.push_back(
          {e.contribution, e.requirement, static_cast<double>(f) / kScale, e.conditional});
    }
  }
  Summarise(s, what_if, &plan);
  return plan;
}

SourcingPlan GreedySourcing(const Scenario& s, const WhatIf& what_if) {
  std::vector<size_t> order(s.requirements.size());
  for (size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return s.requirements[a].priority < s.requirements[b].priority;
  });
  std::vector<double> left;
  for (const Contribution& c : s.contributions) left.push_back(c.quantity);
  std::vector<size_t> by_readiness(s.contributions.size());
  for (size_t i = 0; i < by_readiness.size(); ++i) by_readiness[i] = i;
  std::stable_sort(by_readiness.begin(), by_readiness.end(), [&](size_t a, size_t b) {
    return s.contributions[a].readiness_days < s.contributions[b].readiness_days;
  });
  SourcingPlan plan;
  for (size_t j : order) {
    double need = s.requirements[j].quantity;
    for (size_t i : by_readiness) {
      if (need <= 0) break;
      if (left[i] <= 0) continue;
      std::string why;
      bool conditional = false;
      if (!Compatible(s, what_if, s.contributions[i], s.requirements[j], &why, &conditional)) {
        continue;
      }
      const double take = std::min(need, left[i]);
      left[i] -= take;
      need -= take;
      plan.assignments.push_back({i, j, take, conditional});
    }
  }
  Summarise(s, what_if, &plan);
  return plan;
}

}  // namespace guarantor

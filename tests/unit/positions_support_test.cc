#include <gtest/gtest.h>

#include "force/positions.h"
#include "force/support_summary.h"

namespace guarantor {
namespace {

Scenario PlanScenario() {
  Scenario s;
  s.regions = {{"near", "Near", RegionKind::kUkraine, Distance::Kilometers(80)},
               {"far", "Far", RegionKind::kUkraine, Distance::Kilometers(400)},
               {"pl", "Poland", RegionKind::kNeighbouring, Distance::Kilometers(700)}};
  auto pledge = [](const char* id, const char* party, Capability cap, double q) {
    Contribution c;
    c.id = id;
    c.party = party;
    c.capability = cap;
    c.quantity = q;
    return c;
  };
  s.contributions = {pledge("fr", "FR", Capability::kLandBrigade, 1),
                     pledge("us", "US", Capability::kLandBattalion, 2),
                     pledge("de", "DE", Capability::kAirDefenceBattery, 1)};
  auto need = [](const char* id, Capability cap, double q, const char* region) {
    Requirement r;
    r.id = id;
    r.capability = cap;
    r.quantity = q;
    r.region = region;
    r.needed_by_day = 90;
    return r;
  };
  s.requirements = {need("brigade", Capability::kLandBrigade, 1, "far"),
                    need("battalions", Capability::kLandBattalion, 2, "near"),
                    need("air", Capability::kAirDefenceBattery, 1, "pl")};
  return s;
}

PositionConstraint Constraint(const char* id, ConstraintKind kind, double value,
                              std::vector<std::string> nations = {}) {
  return PositionConstraint{id, "RU", id, kind, value, std::move(nations)};
}

TEST(PositionsTest, EachKindOfConstraintAgainstAHandCheckedPlan) {
  Scenario s = PlanScenario();
  // The plan: FR brigade far (4,000), two US battalions near (1,600), DE air defence in Poland.
  s.positions = {Constraint("troops-6000", ConstraintKind::kMaxForeignTroops, 6000),
                 Constraint("troops-5000", ConstraintKind::kMaxForeignTroops, 5000),
                 Constraint("distance-100", ConstraintKind::kMinDistanceFromLine, 100),
                 Constraint("distance-50", ConstraintKind::kMinDistanceFromLine, 50),
                 Constraint("no-us", ConstraintKind::kExcludedNations, 0, {"US"}),
                 Constraint("no-de", ConstraintKind::kExcludedNations, 0, {"DE"}),
                 Constraint("backstop", ConstraintKind::kRequiresUsBackstop, 0)};
  Result<SourcingPlan> plan = SolveSourcing(s, WhatIf{});
  ASSERT_TRUE(plan.ok());
  std::vector<PositionConflict> c = CheckPositions(s, *plan, WhatIf{});
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].constraint, "troops-5000");
  EXPECT_EQ(c[0].conflict, "the plan puts about 5600 foreign troops in Ukraine, above 5000");
  EXPECT_EQ(c[0].elements, (std::vector<std::string>{"fr -> brigade", "us -> battalions"}));
  EXPECT_EQ(c[1].constraint, "distance-100");
  EXPECT_EQ(c[1].elements, std::vector<std::string>{"us -> battalions"});
  EXPECT_EQ(c[2].constraint, "no-us");  // DE serves from Poland: not on Ukrainian territory
  // Without the backstop, the backstop position is in conflict too.
  WhatIf no_backstop;
  no_backstop.us_backstop = false;
  c = CheckPositions(s, *plan, no_backstop);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[3].constraint, "backstop");
}

TEST(SupportTest, TotalsByDonorAndYear) {
  Scenario s;
  s.support = {{"a", "DE", 2026, SupportKind::kFinancing, 100, 80, 50},
               {"b", "DE", 2027, SupportKind::kEquipment, 60, 0, 0},
               {"c", "FR", 2026, SupportKind::kTraining, 40, 40, 40}};
  const SupportSummary sum = SummariseSupport(s);
  EXPECT_DOUBLE_EQ(sum.total.pledged, 200);
  EXPECT_DOUBLE_EQ(sum.total.delivered, 90);
  EXPECT_DOUBLE_EQ(sum.total.shortfall(), 110);
  EXPECT_DOUBLE_EQ(sum.by_donor.at("DE").pledged, 160);
  EXPECT_DOUBLE_EQ(sum.by_donor.at("DE").delivery_rate(), 50.0 / 160);
  EXPECT_DOUBLE_EQ(sum.by_year.at(2026).allocated, 120);
  EXPECT_DOUBLE_EQ(sum.by_kind.at("training").delivered, 40);
}

}  // namespace
}  // namespace guarantor

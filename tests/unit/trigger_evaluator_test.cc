// Trigger semantics, table-driven: each clause just met and just missed.
#include "guarantee/trigger_evaluator.h"

#include <gtest/gtest.h>

#include "scenario/scenario_loader.h"
#include "support/test_paths.h"
#include "support/zones_theatre.h"

namespace guarantor {
namespace {

Timestamp T(const char* s) { return *Timestamp::Parse(s); }

// tests/data/zones: part 0 of the line runs along 36.0 E from 48.0 to 49.0 N in two segments,
// whose midpoints lie about 27.8 km and 83.4 km along the line.
class TriggerTest : public testing::ZonesTheatreTest {
 protected:
  void SetUp() override {
    ZonesTheatreTest::SetUp();
    if (HasFatalFailure()) return;
    Trigger attack;
    attack.id = "attack";
    attack.kind = TriggerKind::kArmedAttack;
    attack.party = "RU";
    attack.min_violations = 3;
    attack.min_severity = 3;
    attack.within_hours = 24;
    attack.min_front_km = 50;
    scenario_->triggers.push_back(attack);
    Commitment late, early;
    late.id = "late";
    late.party = "FR";
    late.trigger = "attack";
    late.deadline_hours = 72;
    early.id = "early";
    early.party = "FR";
    early.trigger = "attack";
    early.deadline_hours = 24;
    scenario_->commitments = {late, early};
  }

  static VerifiedFact V(const char* id, const char* time, const char* party, int severity,
                        double lat) {
    VerifiedFact f;
    f.incident = id;
    f.time = T(time);
    f.kind = ObservationKind::kArtilleryFire;
    f.violation = true;
    f.party = party;
    f.severity = severity;
    f.position = LatLng{lat, 36.01};
    return f;
  }

  std::vector<Activation> Run(const std::vector<VerifiedFact>& facts) {
    TriggerEvaluator evaluator(*scenario_, *map_);
    std::vector<Activation> out;
    for (const VerifiedFact& v : facts) {
      for (Activation& a : evaluator.Add(v)) out.push_back(std::move(a));
    }
    return out;
  }
};

TEST_F(TriggerTest, ArmedAttackEachClauseJustMetAndJustMissed) {
  struct Case {
    const char* name;
    std::vector<VerifiedFact> facts;
    bool fires;
  };
  const Case cases[] = {
      {"all clauses met",
       {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
        V("b", "2026-02-01T12:00:00Z", "RU", 3, 48.3),
        V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8)},
       true},
      {"one violation short",
       {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
        V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8)},
       false},
      {"one below the severity",
       {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
        V("b", "2026-02-01T12:00:00Z", "RU", 2, 48.3),
        V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8)},
       false},
      {"one second outside the window",
       {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
        V("b", "2026-02-01T12:00:00Z", "RU", 3, 48.3),
        V("c", "2026-02-02T00:00:01Z", "RU", 3, 48.8)},
       false},
      {"one attributed to another party",
       {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
        V("b", "2026-02-01T12:00:00Z", "UA", 3, 48.3),
        V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8)},
       false},
      {"one undetermined",
       {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1), V("b", "2026-02-01T12:00:00Z", "", 3, 48.3),
        V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8)},
       false},
      {"all on one stretch of the front (55.6 km apart needed 50: same segment gives 0)",
       {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
        V("b", "2026-02-01T12:00:00Z", "RU", 3, 48.3),
        V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.4)},
       false},
  };
  for (const Case& c : cases) {
    const std::vector<Activation> fired = Run(c.facts);
    ASSERT_EQ(fired.size(), c.fires ? 1u : 0u) << c.name;
    if (!c.fires) continue;
    const Activation& a = fired[0];
    EXPECT_EQ(a.trigger, "attack");
    EXPECT_EQ(a.fired_at, T("2026-02-02T00:00:00Z"));
    EXPECT_EQ(a.facts, (std::vector<std::string>{"a", "b", "c"}));
    ASSERT_EQ(a.obligations.size(), 2u);
    EXPECT_EQ(a.obligations[0].commitment, "early");  // by deadline
    EXPECT_EQ(a.obligations[0].deadline, T("2026-02-03T00:00:00Z"));
    EXPECT_EQ(a.obligations[1].deadline, T("2026-02-05T00:00:00Z"));
  }
}

TEST_F(TriggerTest, FiresOnlyOnce) {
  std::vector<VerifiedFact> facts;
  for (int i = 0; i < 6; ++i) {
    facts.push_back(V(("v" + std::to_string(i)).c_str(), "2026-02-01T10:00:00Z", "RU", 4,
                      i % 2 == 0 ? 48.1 : 48.8));
    facts.back().time = Timestamp(facts.back().time.utc_micros() + i * 1'000'000LL, 0);
  }
  EXPECT_EQ(Run(facts).size(), 1u);
}

TEST_F(TriggerTest, ProtectedSiteStrike) {
  Trigger strike;
  strike.id = "strike";
  strike.kind = TriggerKind::kProtectedSiteStrike;
  strike.site = "plant";
  scenario_->triggers = {strike};
  VerifiedFact near = V("n", "2026-02-01T00:00:00Z", "", 2, 48.2);
  near.protected_site = "plant";
  VerifiedFact elsewhere = V("e", "2026-02-01T00:00:00Z", "RU", 5, 48.2);
  elsewhere.protected_site = "other";
  EXPECT_EQ(Run({elsewhere}).size(), 0u);
  ASSERT_EQ(Run({near}).size(), 1u);
  scenario_->triggers[0].party = "RU";  // when a party is named, the attribution must match
  EXPECT_EQ(Run({near}).size(), 0u);
}

TEST_F(TriggerTest, TalksRefusedByEventOrByDeadline) {
  Trigger talks;
  talks.id = "talks";
  talks.kind = TriggerKind::kTalksRefused;
  talks.party = "RU";
  talks.at = T("2026-03-01T00:00:00Z");
  scenario_->triggers = {talks};
  auto fired_at = [&](const Timestamp& now) -> std::optional<Timestamp> {
    TriggerEvaluator evaluator(*scenario_, *map_);
    std::vector<Activation> a = evaluator.AdvanceTo(now);
    if (a.empty()) return std::nullopt;
    return a[0].fired_at;
  };
  EXPECT_FALSE(fired_at(T("2026-02-28T23:59:59Z")).has_value());  // just before the deadline
  EXPECT_EQ(fired_at(T("2026-03-01T00:00:00Z")), T("2026-03-01T00:00:00Z"));  // just at it
  scenario_->diplomatic_events = {{T("2026-02-20T00:00:00Z"), "RU", "talks_started", ""}};
  EXPECT_FALSE(fired_at(T("2026-03-05T00:00:00Z")).has_value());  // talks started in time
  scenario_->diplomatic_events = {{T("2026-02-10T00:00:00Z"), "RU", "talks_refused", ""}};
  EXPECT_EQ(fired_at(T("2026-02-10T00:00:00Z")), T("2026-02-10T00:00:00Z"));  // refused early
  EXPECT_FALSE(fired_at(T("2026-02-09T23:59:59Z")).has_value());
}

TEST_F(TriggerTest, FactsOutOfOrderCountOnlyWithinTheWindowOfTheLatest) {
  // The latest fact arrives first; "a" arrives last and is 24 h (counts) or 24 h + 1 s (does not
  // count) older than it.
  EXPECT_EQ(Run({V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8),
                 V("b", "2026-02-01T12:00:00Z", "RU", 3, 48.3),
                 V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1)})
                .size(),
            1u);
  EXPECT_TRUE(Run({V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8),
                   V("b", "2026-02-01T12:00:00Z", "RU", 3, 48.3),
                   V("a", "2026-01-31T23:59:59Z", "RU", 3, 48.1)})
                  .empty());
}

TEST_F(TriggerTest, FiresWhenTheCompletingFactIsKnownWithTheTimeOfTheFacts) {
  std::vector<VerifiedFact> facts = {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
                                     V("b", "2026-02-01T12:00:00Z", "RU", 3, 48.3),
                                     V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8)};
  facts[2].known_at = T("2026-02-02T01:45:00Z");  // its incident closed later
  const std::vector<Activation> fired = Run(facts);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].fired_at, T("2026-02-02T01:45:00Z"));
  EXPECT_EQ(fired[0].facts_as_of, T("2026-02-02T00:00:00Z"));
  // Deadlines run from when the activation is known.
  EXPECT_EQ(fired[0].obligations[0].deadline, T("2026-02-03T01:45:00Z"));
}

TEST_F(TriggerTest, ViolationsOnlyCountWhenTheyBreachTheAgreement) {
  std::vector<VerifiedFact> facts = {V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
                                     V("b", "2026-02-01T12:00:00Z", "RU", 3, 48.3),
                                     V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8)};
  facts[1].violation = false;
  EXPECT_TRUE(Run(facts).empty());
}

TEST_F(TriggerTest, GroundIncursionEachClauseJustMetAndJustMissed) {
  Trigger incursion;
  incursion.id = "incursion";
  incursion.kind = TriggerKind::kGroundIncursion;
  incursion.party = "RU";
  incursion.min_depth_km = 5;
  scenario_->triggers = {incursion};
  auto movement = [](double depth_km) {
    VerifiedFact f;
    f.incident = "m";
    f.time = T("2026-02-01T06:00:00Z");
    f.kind = ObservationKind::kTroopMovement;
    f.party = "RU";
    f.position = LatLng{48.5, 35.9};
    f.control_party = "UA";
    f.line_km = depth_km;
    return f;
  };
  struct Case {
    const char* name;
    VerifiedFact fact;
    bool fires;
  };
  std::vector<Case> cases = {{"deep enough", movement(5.0), true},
                             {"just short of the depth", movement(4.99), false}};
  cases.push_back({"not a ground movement", movement(8), false});
  cases.back().fact.kind = ObservationKind::kArtilleryFire;
  cases.push_back({"another party's forces", movement(8), false});
  cases.back().fact.party = "UA";
  cases.push_back({"on its own side", movement(8), false});
  cases.back().fact.control_party = "RU";
  cases.push_back({"attribution undetermined", movement(8), false});
  cases.back().fact.party = "";
  for (const Case& c : cases) {
    const std::vector<Activation> fired = Run({c.fact});
    EXPECT_EQ(fired.size(), c.fires ? 1u : 0u) << c.name;
    if (!fired.empty()) {
      EXPECT_EQ(fired[0].facts, std::vector<std::string>{"m"});
      EXPECT_NE(fired[0].reason.find("5.0 km beyond the line"), std::string::npos)
          << fired[0].reason;
    }
  }
}

TEST_F(TriggerTest, RestorationNeedsAreSetAgainstTheObligations) {
  // Obligations of 2 air_isr due in 24 h and 1 more due in 72 h (from SetUp's "early"/"late").
  scenario_->commitments[0].capability = Capability::kAirIsr;
  scenario_->commitments[0].quantity = 1;  // "late", 72 h
  scenario_->commitments[1].capability = Capability::kAirIsr;
  scenario_->commitments[1].quantity = 2;  // "early", 24 h
  scenario_->triggers[0].restoration = {
      {Capability::kAirIsr, 3, 48}, {Capability::kAirIsr, 2, 24}, {Capability::kAirFighter, 1, 24}};
  const std::vector<Activation> fired = Run({V("a", "2026-02-01T00:00:00Z", "RU", 3, 48.1),
                                             V("b", "2026-02-01T12:00:00Z", "RU", 3, 48.3),
                                             V("c", "2026-02-02T00:00:00Z", "RU", 3, 48.8)});
  ASSERT_EQ(fired.size(), 1u);
  const std::vector<RestorationCheck>& r = fired[0].restoration;
  ASSERT_EQ(r.size(), 3u);
  // 3 needed within 48 h: 2 are due by then, the third only at 72 h.
  EXPECT_FALSE(r[0].met());
  EXPECT_EQ(r[0].committed_by_then, 2);
  EXPECT_EQ(r[0].committed_in_all, 3);
  EXPECT_EQ(r[0].needed_by, T("2026-02-04T00:00:00Z"));
  EXPECT_EQ(r[0].met_at, T("2026-02-05T00:00:00Z"));
  // 2 needed within 24 h: exactly met by the early obligation.
  EXPECT_TRUE(r[1].met());
  EXPECT_EQ(r[1].met_at, T("2026-02-03T00:00:00Z"));
  // Nobody committed fighters.
  EXPECT_FALSE(r[2].met());
  EXPECT_FALSE(r[2].met_at.has_value());
}

TEST_F(TriggerTest, AtTime) {
  Trigger review;
  review.id = "review";
  review.kind = TriggerKind::kAtTime;
  review.at = T("2026-06-01T00:00:00Z");
  scenario_->triggers = {review};
  TriggerEvaluator evaluator(*scenario_, *map_);
  EXPECT_TRUE(evaluator.AdvanceTo(T("2026-05-31T23:59:59Z")).empty());
  EXPECT_EQ(evaluator.AdvanceTo(T("2026-06-01T00:00:00Z")).size(), 1u);
  EXPECT_TRUE(evaluator.AdvanceTo(T("2026-07-01T00:00:00Z")).empty());
}

}  // namespace
}  // namespace guarantor

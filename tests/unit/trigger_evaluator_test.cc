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

  static VerifiedViolation V(const char* id, const char* time, const char* party, int severity,
                             double lat) {
    return VerifiedViolation{id, T(time), party, severity, LatLng{lat, 36.01}, ""};
  }

  std::vector<Activation> Run(const std::vector<VerifiedViolation>& facts) {
    TriggerEvaluator evaluator(*scenario_, *map_);
    std::vector<Activation> out;
    for (const VerifiedViolation& v : facts) {
      for (Activation& a : evaluator.Add(v)) out.push_back(std::move(a));
    }
    return out;
  }
};

TEST_F(TriggerTest, ArmedAttackEachClauseJustMetAndJustMissed) {
  struct Case {
    const char* name;
    std::vector<VerifiedViolation> facts;
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
  std::vector<VerifiedViolation> facts;
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
  VerifiedViolation near = V("n", "2026-02-01T00:00:00Z", "", 2, 48.2);
  near.protected_site = "plant";
  VerifiedViolation elsewhere = V("e", "2026-02-01T00:00:00Z", "RU", 5, 48.2);
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

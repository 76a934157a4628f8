// remedy_ignored triggers: when a remedy counts as ignored, which remedies do, and the plan that
// follows. Times in the agreement's local time, UTC+2.
#include "guarantee/remedy_trigger.h"

#include <gtest/gtest.h>

namespace guarantor {
namespace {

Timestamp At(const char* s) { return *Timestamp::Parse(s); }

class RemedyTriggerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_.agreement.effective = At("2026-01-20T00:00:00+02:00");
    Trigger ignored;
    ignored.id = "remedy-ignored";
    ignored.kind = TriggerKind::kRemedyIgnored;
    ignored.party = "RU";
    scenario_.triggers.push_back(ignored);
    Trigger attack;  // another kind: never fired here
    attack.id = "attack";
    attack.kind = TriggerKind::kArmedAttack;
    attack.party = "RU";
    scenario_.triggers.push_back(attack);
    Commitment sanctions;
    sanctions.id = "eu-sanctions";
    sanctions.party = "EU";
    sanctions.trigger = "remedy-ignored";
    sanctions.deadline_hours = 168;
    Commitment other;
    other.id = "fr-air";
    other.party = "FR";
    other.trigger = "attack";
    scenario_.commitments = {sanctions, other};
  }

  static DecidedRemedy R(const char* case_id, const char* party, const char* due,
                         std::optional<Timestamp> moved_on = std::nullopt) {
    DecidedRemedy r;
    r.case_id = case_id;
    r.incident = std::string(case_id).substr(5);
    r.party = party;
    r.remedy = "withdraw the battery";
    r.due = due;
    r.decided_at = At("2026-02-02T10:00:00Z");
    r.moved_on_at = moved_on;
    return r;
  }

  Scenario scenario_;
};

TEST_F(RemedyTriggerTest, ARemedyCountsAsIgnoredAtMidnightAfterItsDayInLocalTime) {
  // The day 2026-02-04 ends at 2026-02-05T00:00+02:00, 2026-02-04T22:00Z.
  EXPECT_EQ(IgnoredAt("2026-02-04", 120, 0).utc_micros(), At("2026-02-04T22:00:00Z").utc_micros());
  EXPECT_EQ(IgnoredAt("2026-02-04", 120, 0).ToRfc3339(), "2026-02-05T00:00:00+02:00");
  EXPECT_EQ(IgnoredAt("2026-02-04", 120, 30).ToRfc3339(), "2026-02-06T06:00:00+02:00");
  EXPECT_EQ(IgnoredAt("2026-02-28", -300, 0).ToRfc3339(), "2026-03-01T00:00:00-05:00");
}

TEST_F(RemedyTriggerTest, FiresOnlyOnceTheDayHasEndedAndThenWithItsPlan) {
  const std::vector<DecidedRemedy> remedies = {R("case-inc-1", "RU", "2026-02-04")};
  EXPECT_TRUE(
      IgnoredRemedyActivations(scenario_, remedies, At("2026-02-04T23:59:59+02:00")).empty());
  const std::vector<Activation> fired =
      IgnoredRemedyActivations(scenario_, remedies, At("2026-02-05T00:00:00+02:00"));
  ASSERT_EQ(fired.size(), 1u);
  const Activation& a = fired[0];
  EXPECT_EQ(a.trigger, "remedy-ignored");
  EXPECT_EQ(a.fired_at.ToRfc3339(), "2026-02-05T00:00:00+02:00");
  EXPECT_EQ(a.facts, std::vector<std::string>{"case-inc-1"});
  EXPECT_EQ(a.reason,
            "RU did not carry out by 2026-02-04 the remedy the Special Commission decided on "
            "case-inc-1 (incident inc-1) on 2026-02-02: withdraw the battery");
  ASSERT_EQ(a.obligations.size(), 1u);  // only the commitments of this trigger
  EXPECT_EQ(a.obligations[0].commitment, "eu-sanctions");
  EXPECT_EQ(a.obligations[0].deadline.ToRfc3339(), "2026-02-12T00:00:00+02:00");
}

TEST_F(RemedyTriggerTest, GraceHoursPostponeIt) {
  scenario_.triggers[0].grace_hours = 48;
  const std::vector<DecidedRemedy> remedies = {R("case-inc-1", "RU", "2026-02-04")};
  EXPECT_TRUE(
      IgnoredRemedyActivations(scenario_, remedies, At("2026-02-06T23:00:00+02:00")).empty());
  const std::vector<Activation> fired =
      IgnoredRemedyActivations(scenario_, remedies, At("2026-02-07T00:00:00+02:00"));
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].fired_at.ToRfc3339(), "2026-02-07T00:00:00+02:00");
  EXPECT_NE(fired[0].reason.find("(48 h of grace)"), std::string::npos);
}

TEST_F(RemedyTriggerTest, ACaseThatMovedOnBeforeTheMomentDoesNotCount) {
  const Timestamp as_of = At("2026-03-01T00:00:00+02:00");
  // Closed the evening before the deadline passed: carried out in time.
  EXPECT_TRUE(
      IgnoredRemedyActivations(
          scenario_, {R("case-inc-1", "RU", "2026-02-04", At("2026-02-04T23:00:00+02:00"))}, as_of)
          .empty());
  // Moved on only after the deadline passed: it was ignored at the deadline.
  const std::vector<Activation> late = IgnoredRemedyActivations(
      scenario_, {R("case-inc-1", "RU", "2026-02-04", At("2026-02-05T09:00:00+02:00"))}, as_of);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].fired_at.ToRfc3339(), "2026-02-05T00:00:00+02:00");
}

TEST_F(RemedyTriggerTest, OnlyTheTriggersPartyAndTheEarliestRemedyCount) {
  const Timestamp as_of = At("2026-03-01T00:00:00+02:00");
  EXPECT_TRUE(IgnoredRemedyActivations(
                  scenario_,
                  {R("case-inc-1", "UA", "2026-02-04"), R("case-inc-2", "", "2026-02-04"),
                   R("case-inc-3", "RU", "not a day")},
                  as_of)
                  .empty());
  const std::vector<Activation> fired = IgnoredRemedyActivations(
      scenario_,
      {R("case-inc-9", "RU", "2026-02-10"), R("case-inc-8", "RU", "2026-02-06"),
       R("case-inc-7", "RU", "2026-02-06")},
      as_of);
  ASSERT_EQ(fired.size(), 1u);  // a trigger fires once
  EXPECT_EQ(fired[0].fired_at.ToRfc3339(), "2026-02-07T00:00:00+02:00");
  EXPECT_EQ(fired[0].facts, std::vector<std::string>{"case-inc-7"});  // ties: the smaller id
}

TEST(DecidedRemediesTest, EachRemedyWithADeadlineAgainstThePartyThenHeldResponsible) {
  CaseFile file;
  for (const char* id : {"case-inc-5", "case-inc-6"}) {
    Case opened;
    opened.id = id;
    opened.incident = std::string(id).substr(5);
    opened.attributed_party = "UA";  // the engine's
    file.Open(opened, At("2026-02-01T10:00:00Z"), "opened");
  }
  auto decide = [&](const char* id, CaseState to, const char* at, const char* remedy,
                    const char* due, const char* party) {
    ASSERT_TRUE(file.Transition(id, to, "m", At(at), "why", remedy, due, party).ok());
  };
  // Attributed by the Commission to RU, a remedy due on the 5th, closed on the 6th.
  decide("case-inc-5", CaseState::kUnderReview, "2026-02-01T11:00:00Z", "", "", "");
  decide("case-inc-5", CaseState::kAttributed, "2026-02-01T12:00:00Z", "", "", "RU");
  decide("case-inc-5", CaseState::kRemedyDecided, "2026-02-01T13:00:00Z", "withdraw", "2026-02-05",
         "");
  decide("case-inc-5", CaseState::kClosed, "2026-02-06T09:00:00Z", "", "", "");
  // The engine's attribution confirmed, a remedy without a deadline: nothing can be ignored.
  decide("case-inc-6", CaseState::kUnderReview, "2026-02-01T11:00:00Z", "", "", "");
  decide("case-inc-6", CaseState::kAttributed, "2026-02-01T12:00:00Z", "", "", "");
  decide("case-inc-6", CaseState::kRemedyDecided, "2026-02-01T13:00:00Z", "a demarche", "", "");
  ASSERT_FALSE(HasFailure());
  const std::vector<DecidedRemedy> remedies = DecidedRemedies(*file.Find("case-inc-5"));
  ASSERT_EQ(remedies.size(), 1u);
  EXPECT_EQ(remedies[0].case_id, "case-inc-5");
  EXPECT_EQ(remedies[0].incident, "inc-5");
  EXPECT_EQ(remedies[0].party, "RU");  // as the Commission attributed it, not the engine's UA
  EXPECT_EQ(remedies[0].remedy, "withdraw");
  EXPECT_EQ(remedies[0].due, "2026-02-05");
  EXPECT_EQ(remedies[0].decided_at, At("2026-02-01T13:00:00Z"));
  EXPECT_EQ(remedies[0].moved_on_at, At("2026-02-06T09:00:00Z"));
  EXPECT_TRUE(DecidedRemedies(*file.Find("case-inc-6")).empty());
}

}  // namespace
}  // namespace guarantor

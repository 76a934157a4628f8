// The case view built as text must print exactly what editing the parsed record prints.
#include "server/internal/case_view.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

std::string Edited(const std::string& opened, const Triage& t) {
  json j = json::parse(opened);
  j["state"] = std::string(ToString(t.state));
  j["claimed_by"] = t.holder;
  j["decisions"] = t.decisions;
  if (!t.takeovers.empty()) j["takeovers"] = t.takeovers;
  if (!t.other_case_events.empty()) j["other_case_events"] = t.other_case_events;
  return j.dump();
}

// The digest of the case the events below are recorded on, and of another case of its id.
const std::string kThisCase(64, 'a'), kOtherCase(64, 'b');

store::CaseEvent Event(store::CaseEventKind kind, std::string user, std::string decision = "",
                       std::string rationale = "", std::string remedy = "",
                       std::string case_sha256 = kThisCase) {
  store::CaseEvent e;
  e.case_id = "case-1";
  e.kind = kind;
  e.user = std::move(user);
  e.at = "2026-02-02T10:00:00Z";
  e.decision = std::move(decision);
  e.rationale = std::move(rationale);
  e.remedy = std::move(remedy);
  e.case_sha256 = std::move(case_sha256);
  return e;
}

store::CaseEvent OnOtherCase(store::CaseEvent e) {
  e.case_sha256 = kOtherCase;
  return e;
}

// As the engine writes a case (one record, spelt over four lines).
const std::string kEngineCase =
    R"({"case":"case-inc-obs-24","incident":"inc-obs-24","state":"open","severity":5,)"
    R"("rules":["ceasefire-fire"],"attributed_party":"UA","attribution_confidence":0.75,)"
    R"("observations":["obs-24","obs-26"],"history":[{"from":"open","to":"open","by":"system",)"
    R"("at":"2026-02-01T00:01:31+02:00","reason":"verified violation"}]})";

const std::vector<std::string> kOpened = {
    kEngineCase,
    // An id that spells the key inside its (escaped) value.
    R"({"case":"case-\"state\":\"x","incident":"i\"state\":\"","state":"open","severity":3})",
    // Not as the engine writes cases: no state yet, spaces, a nested "state" first.
    R"({"case":"c","detail":{"state":"nested"}})",
    R"({ "case" : "c", "state" : "open" })",
    R"({"case":"c","detail":{"state":"nested"},"state":"open","n":[{"state":"x"}]})",
};

TEST(CaseView, TextEqualsTheEditedRecordInEveryTriageState) {
  using K = store::CaseEventKind;
  const std::vector<std::vector<store::CaseEvent>> histories = {
      {},
      {Event(K::kClaim, "member-1")},
      {Event(K::kClaim, "member-1"), Event(K::kRelease, "member-1")},
      {Event(K::kClaim, "m\"1\\"),
       Event(K::kDecision, "m\"1\\", "attributed", "bearings cross \"north\"\n of the line")},
      {Event(K::kClaim, "member-2"), Event(K::kDecision, "member-2", "attributed", "r1"),
       Event(K::kDecision, "member-2", "remedy_decided", "r2", "démarche \u00e9crite"),
       Event(K::kDecision, "member-2", "closed", "done")},
      {Event(K::kDecision, "member-3", "unverifiable", "no access")},
      {OnOtherCase(Event(K::kClaim, "member-4")),
       OnOtherCase(Event(K::kDecision, "member-4", "attributed", "r\"", "\u00e9")),
       Event(K::kClaim, "member-5")},
      {Event(K::kClaim, "member-6"), Event(K::kClaim, "member-7", "", "on leave \"until\" May")},
  };
  int checked = 0;
  for (const std::string& opened : kOpened) {
    for (const auto& events : histories) {
      const Triage t = TriageOf(events, kThisCase);
      EXPECT_EQ(CaseViewText(opened, t), Edited(opened, t)) << opened;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 40);
}

TEST(CaseView, TriageFollowsClaimsReleasesAndDecisions) {
  using K = store::CaseEventKind;
  EXPECT_EQ(TriageOf({}, kThisCase).state, CaseState::kOpen);
  Triage claimed = TriageOf({Event(K::kClaim, "member-1")}, kThisCase);
  EXPECT_EQ(claimed.state, CaseState::kUnderReview);
  EXPECT_EQ(claimed.holder, "member-1");
  Triage released =
      TriageOf({Event(K::kClaim, "member-1"), Event(K::kRelease, "member-1")}, kThisCase);
  EXPECT_EQ(released.state, CaseState::kUnderReview);
  EXPECT_TRUE(released.holder.empty());
  Triage closed = TriageOf(
      {Event(K::kClaim, "member-1"), Event(K::kDecision, "member-1", "closed", "done", "none")},
      kThisCase);
  EXPECT_EQ(closed.state, CaseState::kClosed);
  EXPECT_TRUE(closed.holder.empty());
  ASSERT_EQ(closed.decisions.size(), 1u);
  EXPECT_EQ(closed.decisions[0]["remedy"], "none");
}

// A claim while another member holds the case takes it over: the new holder decides, and the
// take-over is listed with who gave way and why. A member claiming again, or claiming a case
// nobody holds, takes nothing over.
TEST(CaseView, AClaimOfACaseAnotherHoldsIsListedAsATakeOver) {
  using K = store::CaseEventKind;
  store::CaseEvent takeover = Event(K::kClaim, "member-2", "", "member-1 is on leave");
  takeover.at = "2026-02-03T08:00:00Z";
  const Triage t = TriageOf({Event(K::kClaim, "member-1"), Event(K::kClaim, "member-1"), takeover,
                             Event(K::kRelease, "member-2"), Event(K::kClaim, "member-3")},
                            kThisCase);
  EXPECT_EQ(t.holder, "member-3");
  ASSERT_EQ(t.takeovers.size(), 1u) << t.takeovers.dump();
  EXPECT_EQ(t.takeovers[0], (nlohmann::ordered_json{{"by", "member-2"},
                                                    {"from", "member-1"},
                                                    {"at", "2026-02-03T08:00:00Z"},
                                                    {"reason", "member-1 is on leave"}}));
  const std::string text = CaseViewText(kEngineCase, t);
  EXPECT_NE(text.find(R"("claimed_by":"member-3","decisions":[],"takeovers":[{"by":"member-2")"),
            std::string::npos)
      << text;
  // Without a take-over the record has no such key.
  EXPECT_EQ(CaseViewText(kEngineCase, TriageOf({Event(K::kClaim, "member-1")}, kThisCase))
                .find("takeovers"),
            std::string::npos);
}

// Events name the case they were recorded on: those of another case of the same id are listed
// apart and change nothing; those stored before events named a case apply to the case of their id.
TEST(CaseView, EventsOfAnotherCaseOfTheIdAreShownNotApplied) {
  using K = store::CaseEventKind;
  store::CaseEvent claim = OnOtherCase(Event(K::kClaim, "member-1"));
  claim.sequence = 7;
  store::CaseEvent decision = OnOtherCase(Event(K::kDecision, "member-1", "attributed", "why"));
  decision.sequence = 8;
  const Triage t = TriageOf({claim, decision}, kThisCase);
  EXPECT_EQ(t.state, CaseState::kOpen);
  EXPECT_TRUE(t.holder.empty());
  EXPECT_TRUE(t.decisions.empty());
  ASSERT_EQ(t.other_case_events.size(), 2u);
  EXPECT_EQ(t.other_case_events[0]["event"], 7);
  EXPECT_EQ(t.other_case_events[0]["kind"], "claim");
  EXPECT_FALSE(t.other_case_events[0].contains("decision"));
  EXPECT_EQ(t.other_case_events[1]["kind"], "decision");
  EXPECT_EQ(t.other_case_events[1]["decision"], "attributed");
  EXPECT_EQ(t.other_case_events[1]["case_sha256"], kOtherCase);
  // Seen from the other case, the same events are its own.
  EXPECT_EQ(TriageOf({claim, decision}, kOtherCase).state, CaseState::kAttributed);
  const Triage before =
      TriageOf({Event(K::kClaim, "member-2", "", "", "", ""),
                Event(K::kDecision, "member-2", "unverifiable", "no access", "", "")},
               kThisCase);
  EXPECT_EQ(before.state, CaseState::kUnverifiable);
  EXPECT_TRUE(before.other_case_events.empty());
}

}  // namespace
}  // namespace guarantor::server

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
  return j.dump();
}

store::CaseEvent Event(store::CaseEventKind kind, std::string user, std::string decision = "",
                       std::string rationale = "", std::string remedy = "") {
  store::CaseEvent e;
  e.case_id = "case-1";
  e.kind = kind;
  e.user = std::move(user);
  e.at = "2026-02-02T10:00:00Z";
  e.decision = std::move(decision);
  e.rationale = std::move(rationale);
  e.remedy = std::move(remedy);
  return e;
}

const std::vector<std::string> kOpened = {
    // As the engine writes a case.
    R"({"case":"case-inc-obs-24","incident":"inc-obs-24","state":"open","severity":5,)"
    R"("rules":["ceasefire-fire"],"attributed_party":"UA","attribution_confidence":0.75,)"
    R"("observations":["obs-24","obs-26"],"history":[{"from":"open","to":"open","by":"system",)"
    R"("at":"2026-02-01T00:01:31+02:00","reason":"verified violation"}]})",
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
  };
  int checked = 0;
  for (const std::string& opened : kOpened) {
    for (const auto& events : histories) {
      const Triage t = TriageOf(events);
      EXPECT_EQ(CaseViewText(opened, t), Edited(opened, t)) << opened;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 30);
}

TEST(CaseView, TriageFollowsClaimsReleasesAndDecisions) {
  using K = store::CaseEventKind;
  EXPECT_EQ(TriageOf({}).state, CaseState::kOpen);
  Triage claimed = TriageOf({Event(K::kClaim, "member-1")});
  EXPECT_EQ(claimed.state, CaseState::kUnderReview);
  EXPECT_EQ(claimed.holder, "member-1");
  Triage released = TriageOf({Event(K::kClaim, "member-1"), Event(K::kRelease, "member-1")});
  EXPECT_EQ(released.state, CaseState::kUnderReview);
  EXPECT_TRUE(released.holder.empty());
  Triage closed = TriageOf(
      {Event(K::kClaim, "member-1"), Event(K::kDecision, "member-1", "closed", "done", "none")});
  EXPECT_EQ(closed.state, CaseState::kClosed);
  EXPECT_TRUE(closed.holder.empty());
  ASSERT_EQ(closed.decisions.size(), 1u);
  EXPECT_EQ(closed.decisions[0]["remedy"], "none");
}

}  // namespace
}  // namespace guarantor::server

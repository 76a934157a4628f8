#include "commission/case_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace guarantor {
namespace {

Timestamp T(const char* s) { return *Timestamp::Parse(s); }

// A file holding case-1, opened, claimed and attributed on 2026-02-01 (the last at 12:00 UTC).
CaseFile AttributedCase() {
  CaseFile file;
  Case c;
  c.id = "case-1";
  file.Open(c, T("2026-02-01T10:00:00Z"), "opened");
  EXPECT_TRUE(
      file.Transition("case-1", CaseState::kUnderReview, "m", T("2026-02-01T11:00:00Z"), "claimed")
          .ok());
  EXPECT_TRUE(
      file.Transition("case-1", CaseState::kAttributed, "m", T("2026-02-01T12:00:00Z"), "why")
          .ok());
  return file;
}

TEST(CaseFileTest, FollowsTheCommissionsStateMachine) {
  CaseFile file;
  Case c;
  c.id = "case-1";
  file.Open(c, T("2026-02-01T10:00:00Z"), "opened automatically");
  EXPECT_TRUE(file.Transition("case-1", CaseState::kUnderReview, "member-fr",
                              T("2026-02-01T11:00:00Z"), "claimed")
                  .ok());
  EXPECT_TRUE(file.Transition("case-1", CaseState::kAttributed, "commission",
                              T("2026-02-02T09:00:00Z"), "origin confirmed by two arrays")
                  .ok());
  EXPECT_TRUE(file.Transition("case-1", CaseState::kRemedyDecided, "commission",
                              T("2026-02-03T09:00:00Z"), "repeated fire from one position",
                              "withdraw the battery 50 km within 48 h")
                  .ok());
  EXPECT_TRUE(file.Transition("case-1", CaseState::kClosed, "commission", T("2026-02-06T09:00:00Z"),
                              "withdrawal verified")
                  .ok());
  const Case* done = file.Find("case-1");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ(done->state, CaseState::kClosed);
  ASSERT_EQ(done->history.size(), 5u);
  EXPECT_EQ(done->history[0].by, "system");
  EXPECT_EQ(done->history[2].reason, "origin confirmed by two arrays");
  EXPECT_EQ(done->history[4].from, CaseState::kRemedyDecided);
  EXPECT_EQ(done->history[3].remedy, "withdraw the battery 50 km within 48 h");
  EXPECT_EQ(done->history[4].remedy, "");
}

// Deciding a remedy means stating it; other decisions may state one or not. The check is made
// when a decision is taken: decisions recorded before remedies were still fold without one.
// A remedy's deadline is a day, no earlier than the decision's, and only with a remedy; the case
// keeps it with the decision.
TEST(CaseFileTest, ARemedysDeadlineIsADayNoEarlierThanItsDecision) {
  EXPECT_TRUE(CheckRemedyDue("", "", "2026-02-01").ok());
  EXPECT_TRUE(CheckRemedyDue("a demarche", "", "2026-02-01").ok());
  EXPECT_TRUE(CheckRemedyDue("a demarche", "2026-02-01", "2026-02-01").ok());
  EXPECT_TRUE(CheckRemedyDue("a demarche", "2028-02-29", "2026-02-01").ok());
  struct Bad {
    const char *remedy, *due, *expected;
  };
  for (const Bad& bad : std::vector<Bad>{
           {"", "2026-03-01", "only with the remedy"},
           {" ", "2026-03-01", "only with the remedy"},
           {"a demarche", "2026-3-01", "expected a day YYYY-MM-DD; found \"2026-3-01\""},
           {"a demarche", "2026-02-30", "expected a day YYYY-MM-DD"},
           {"a demarche", "2026-03-01T00:00:00Z", "expected a day YYYY-MM-DD"},
           {"a demarche", "next week", "expected a day YYYY-MM-DD"},
           {"a demarche", "2026-01-31", "no earlier than the decision's, 2026-02-01; found"}}) {
    const Status s = CheckRemedyDue(bad.remedy, bad.due, "2026-02-01");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad.due;
    EXPECT_NE(s.message().find(bad.expected), std::string::npos) << s.message();
  }
  CaseFile file = AttributedCase();
  ASSERT_TRUE(file.Transition("case-1", CaseState::kRemedyDecided, "m", T("2026-02-01T13:00:00Z"),
                              "why", "a demarche", "2026-03-01")
                  .ok());
  EXPECT_EQ(file.Find("case-1")->history.back().remedy_due, "2026-03-01");
  EXPECT_EQ(file.Find("case-1")->history.back().remedy, "a demarche");
}

TEST(CaseFileTest, ARemedyDecidedStatesTheRemedy) {
  for (const char* blank : {"", " ", "\t\n"}) {
    const Status s = CheckDecisionRemedy(CaseState::kRemedyDecided, blank);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << "remedy \"" << blank << "\"";
    EXPECT_NE(s.message().find("must state the remedy"), std::string::npos) << s.message();
  }
  EXPECT_TRUE(CheckDecisionRemedy(CaseState::kRemedyDecided, "a written demarche").ok());
  for (CaseState to : {CaseState::kUnderReview, CaseState::kAttributed, CaseState::kClosed,
                       CaseState::kUnverifiable}) {
    EXPECT_TRUE(CheckDecisionRemedy(to, "").ok()) << ToString(to);
    EXPECT_TRUE(CheckDecisionRemedy(to, "a proposal").ok()) << ToString(to);
  }
  CaseFile file = AttributedCase();
  EXPECT_TRUE(
      file.Transition("case-1", CaseState::kRemedyDecided, "m", T("2026-02-01T13:00:00Z"), "why")
          .ok());
}

TEST(CaseFileTest, AnAttributionNamesThePartyHeldResponsibleWhereTheEngineCouldNot) {
  // Only an attributed decision names a party; on an undetermined case it must.
  EXPECT_TRUE(CheckDecisionParty(CaseState::kAttributed, "", "RU").ok());
  EXPECT_TRUE(CheckDecisionParty(CaseState::kAttributed, "UA", "RU").ok());
  EXPECT_TRUE(CheckDecisionParty(CaseState::kAttributed, "RU", "").ok());
  const Status none = CheckDecisionParty(CaseState::kAttributed, "", "");
  EXPECT_EQ(none.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(none.message().find("must name the party"), std::string::npos) << none.message();
  for (CaseState to : {CaseState::kUnderReview, CaseState::kRemedyDecided, CaseState::kClosed,
                       CaseState::kUnverifiable}) {
    EXPECT_TRUE(CheckDecisionParty(to, "", "").ok()) << ToString(to);
    EXPECT_EQ(CheckDecisionParty(to, "RU", "RU").code(), StatusCode::kInvalidArgument)
        << ToString(to);
  }
  // The party held responsible: the engine's until an attribution names another, the latest
  // naming one from then on.
  CaseFile file;
  Case c;
  c.id = "case-1";
  c.attributed_party = "UA";
  file.Open(c, T("2026-02-01T10:00:00Z"), "opened");
  ASSERT_TRUE(
      file.Transition("case-1", CaseState::kUnderReview, "m", T("2026-02-01T11:00:00Z"), "claimed")
          .ok());
  ASSERT_TRUE(file.Transition("case-1", CaseState::kAttributed, "m", T("2026-02-01T12:00:00Z"),
                              "crater analysis", "", "", "RU")
                  .ok());
  ASSERT_TRUE(file.Transition("case-1", CaseState::kRemedyDecided, "m", T("2026-02-01T13:00:00Z"),
                              "why", "withdraw")
                  .ok());
  const Case& held = *file.Find("case-1");
  EXPECT_EQ(held.history[2].party, "RU");
  EXPECT_EQ(ResponsibleParty(held, 2), "UA");  // the opening and the claim
  EXPECT_EQ(ResponsibleParty(held, 3), "RU");
  EXPECT_EQ(ResponsibleParty(held, 4), "RU");
  EXPECT_EQ(ResponsibleParty(held, 99), "RU");
}

TEST(CaseFileTest, RefusesForbiddenOrIncompleteDecisions) {
  CaseFile file;
  Case c;
  c.id = "case-1";
  file.Open(c, T("2026-02-01T10:00:00Z"), "opened");
  Status skip =
      file.Transition("case-1", CaseState::kRemedyDecided, "x", T("2026-02-01T11:00:00Z"), "r");
  EXPECT_EQ(skip.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(skip.message(), "case case-1 cannot go from open to remedy_decided");
  EXPECT_EQ(
      file.Transition("case-1", CaseState::kUnderReview, "", T("2026-02-01T11:00:00Z"), "r").code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(file.Transition("case-1", CaseState::kUnderReview, "x", T("2026-02-01T09:00:00Z"), "r")
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(file.Transition("case-9", CaseState::kUnderReview, "x", T("2026-02-01T11:00:00Z"), "r")
                .code(),
            StatusCode::kNotFound);
  // Unverifiable, then closed.
  EXPECT_TRUE(file.Transition("case-1", CaseState::kUnverifiable, "commission",
                              T("2026-02-01T12:00:00Z"), "access denied to the site")
                  .ok());
  EXPECT_FALSE(CaseFile::Allowed(CaseState::kUnverifiable, CaseState::kAttributed));
  EXPECT_TRUE(file.Transition("case-1", CaseState::kClosed, "commission", T("2026-02-02T12:00:00Z"),
                              "no further evidence")
                  .ok());
  EXPECT_FALSE(CaseFile::Allowed(CaseState::kClosed, CaseState::kOpen));
}

}  // namespace
}  // namespace guarantor

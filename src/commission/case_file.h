// CaseFile: the Special Commission's cases and their transitions.
//
// States: open -> under_review -> attributed -> remedy_decided -> closed, and "unverifiable"
// from open or under_review. A case is opened automatically for a verified violation at or above
// the scenario's severity threshold. Every transition records who decided, when (the record time
// of the decision, never the wall clock) and why; a case links to its incident and, through it,
// to the raw observations.
//
// Thread safety: not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/timestamp.h"

namespace guarantor {

enum class CaseState {  // persisted: do not renumber
  kOpen = 0,
  kUnderReview = 1,
  kAttributed = 2,
  kRemedyDecided = 3,
  kClosed = 4,
  kUnverifiable = 5,
};
std::string_view ToString(CaseState s);
std::optional<CaseState> ParseCaseState(std::string_view s);

struct CaseTransition {
  CaseState from = CaseState::kOpen;
  CaseState to = CaseState::kOpen;
  std::string by;  // who decided: "system" for automatic steps, else a member or role
  Timestamp at;
  std::string reason;
  std::string remedy;  // what the Commission decided is to be done; empty when not stated
  // The day by which the remedy is to be carried out (YYYY-MM-DD, the agreement's local day);
  // empty when the decision sets none.
  std::string remedy_due;
  // An attributed decision: the party the Commission holds responsible; empty when it confirmed
  // the engine's attribution (Case::attributed_party) without naming one.
  std::string party;
};

struct Case {
  std::string id;        // "case-" + incident id
  std::string incident;  // the incident it examines
  std::vector<std::string> observations;
  std::vector<std::string> rules;  // rules breached
  int severity = 0;
  std::string attributed_party;       // proposed by the engine (may be empty: undetermined)
  std::string attribution_candidate;  // the best-supported party, even when undetermined
  double attribution_confidence = 0;  // that the candidate is responsible
  std::string attribution_method;
  CaseState state = CaseState::kOpen;
  Timestamp opened_at;
  std::vector<CaseTransition> history;  // the opening first
};

// A decision to `to` that the Commission takes now: InvalidArgument when it is remedy_decided and
// `remedy` says nothing (empty or blank), since that state means the remedy is decided. Other
// decisions may state a remedy (a proposal at attribution, say) or not.
Status CheckDecisionRemedy(CaseState to, std::string_view remedy);

// The deadline a new decision sets for its remedy: empty (none), or a day YYYY-MM-DD no earlier
// than `decided_day` (the decision's own day in the agreement's local time), set only with a
// remedy. InvalidArgument saying what was expected otherwise.
Status CheckRemedyDue(std::string_view remedy, std::string_view remedy_due,
                      std::string_view decided_day);

// The party a new decision names (`party`, empty for none) against the case's state `to` and the
// engine's attribution `proposed` (empty: undetermined): InvalidArgument when a decision other
// than attributed names one, or when an attributed decision on a case the engine left
// undetermined names none (attributing responsibility to nobody is not an attribution).
Status CheckDecisionParty(CaseState to, std::string_view party, std::string_view proposed);

// The party held responsible for case `c` after its first `transitions` transitions (the opening
// counted): the party its latest attributed decision among them named, else the engine's
// attribution (empty when undetermined).
std::string ResponsibleParty(const Case& c, size_t transitions);

class CaseFile {
 public:
  // Opens a case (recorded as a transition by "system" at `at`).
  const Case& Open(Case c, const Timestamp& at, const std::string& reason);

  // Moves a case to `to`. FailedPrecondition when the state machine forbids it, NotFound for an
  // unknown case, InvalidArgument when `by` or `reason` is empty. A remedy and its deadline are
  // kept as given: a new decision is checked with CheckDecisionRemedy and CheckRemedyDue first,
  // while the decisions recorded before remedies were (none states one) still fold.
  Status Transition(const std::string& case_id, CaseState to, const std::string& by,
                    const Timestamp& at, const std::string& reason, const std::string& remedy = "",
                    const std::string& remedy_due = "", const std::string& party = "");

  const std::vector<Case>& cases() const { return cases_; }
  const Case* Find(const std::string& case_id) const;

  static bool Allowed(CaseState from, CaseState to);

 private:
  std::vector<Case> cases_;
};

}  // namespace guarantor

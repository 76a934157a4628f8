// The bodies of the Special Commission's triage requests (POST /v1/cases/{id}/claim and
// /decisions, docs/service.md), read into the case event they record. Each returns
// InvalidArgument naming the field at fault (the route answers 400 with it) and leaves the event
// partly filled only then.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace guarantor::server {

// A claim's body: empty (or blank) for an ordinary claim, or {"take_over": true, "reason": "..."}
// to take over a case another member holds, saying why (not blank): the reason becomes the
// event's rationale and *take_over is set.
Status ReadClaimBody(const std::string& text, store::CaseEvent* event, bool* take_over);

// What a decision is checked against.
struct DecisionContext {
  std::string decided_day;           // the decision's day, YYYY-MM-DD in the agreement's local time
  std::string proposed_party;        // the engine's attribution of the case; empty: undetermined
  std::vector<std::string> parties;  // the parties one may be held responsible: monitored ones
};

// A decision's body: {"decision": STATE, "rationale": "...", "remedy": "...", "remedy_due":
// "YYYY-MM-DD", "party": "P"}: a state other than open, a rationale, for remedy_decided a remedy
// (CheckDecisionRemedy), and optionally with a remedy its deadline, no earlier than the decided
// day (CheckRemedyDue); to attributed, the party held responsible, one of the context's parties,
// required when the engine left the case undetermined (CheckDecisionParty); nothing else.
Status ReadDecisionBody(const std::string& text, const DecisionContext& context,
                        store::CaseEvent* event);

}  // namespace guarantor::server

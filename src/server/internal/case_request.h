// The bodies of the Special Commission's triage requests (POST /v1/cases/{id}/claim and
// /decisions, docs/service.md), read into the case event they record. Each returns
// InvalidArgument naming the field at fault (the route answers 400 with it) and leaves the event
// partly filled only then.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "store/store.h"

namespace guarantor::server {

// A claim's body: empty (or blank) for an ordinary claim, or {"take_over": true, "reason": "..."}
// to take over a case another member holds, saying why (not blank): the reason becomes the
// event's rationale and *take_over is set.
Status ReadClaimBody(const std::string& text, store::CaseEvent* event, bool* take_over);

// A decision's body: {"decision": STATE, "rationale": "...", "remedy": "...", "remedy_due":
// "YYYY-MM-DD"}: a state other than open, a rationale, for remedy_decided a remedy
// (CheckDecisionRemedy), and optionally with a remedy its deadline, no earlier than
// `decided_day` (CheckRemedyDue); nothing else.
Status ReadDecisionBody(const std::string& text, std::string_view decided_day,
                        store::CaseEvent* event);

}  // namespace guarantor::server

// The activation record: one JSON object per activation (a line of activations.jsonl, written by
// `guarantor replay --out` and read back by `guarantor activate`), docs/guarantees.md.
#pragma once

#include <string>

#include "guarantee/trigger_evaluator.h"

namespace guarantor {

// Fields: trigger, fired_at, reason, facts, obligations (commitment, party, response, deadline,
// nature, classification, and capability with quantity when it provides one),
// capability_timeline (cumulative quantity per capability by each deadline) and restoration
// (per need: capability, required, needed_by, committed_by_then, committed_in_all, met, met_at).
std::string ActivationJsonLine(const Activation& a);

}  // namespace guarantor

// A Special Commission case as the API shows it: the record the engine opened (a cases.jsonl
// line) with the triage that followed, replayed from the case's stored events.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commission/case_file.h"
#include "store/store.h"

namespace guarantor::server {

// The triage state of a case after its stored events (in sequence order).
struct Triage {
  CaseState state = CaseState::kOpen;
  std::string holder;  // the user who claimed the case; empty when nobody holds it
  // The deadline the decision that brought the case to its state set for its remedy; empty when
  // it set none.
  std::string remedy_due;
  nlohmann::ordered_json decisions = nlohmann::ordered_json::array();
  // Claims of the case while another member held it: {"by", "from", "at", "reason"} each.
  nlohmann::ordered_json takeovers = nlohmann::ordered_json::array();
  // Events stored under this case's id but recorded on another case (an earlier start's, whose
  // opening record differed): kept and shown, never applied.
  nlohmann::ordered_json other_case_events = nlohmann::ordered_json::array();
};

// The triage of the case whose opening record has digest `case_sha256` (CaseOpeningDigest): its
// events that name that digest, or none (stored before events named one), applied in order.
Triage TriageOf(const std::vector<store::CaseEvent>& events, const std::string& case_sha256);

// `opened` with its "state" replaced by the triage's and "claimed_by" and "decisions" added at
// the end, then "takeovers" and "other_case_events" when there are any: the bytes nlohmann's dump()
// prints for the parsed record so edited. Built as text around `opened`, which is not parsed again
// when it is as the engine writes cases.
std::string CaseViewText(const std::string& opened, const Triage& triage);

}  // namespace guarantor::server

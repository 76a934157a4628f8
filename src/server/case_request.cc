#include "server/internal/case_request.h"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "commission/case_file.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

Status ReadClaimBody(const std::string& text, store::CaseEvent* event, bool* take_over) {
  *take_over = false;
  if (Blank(text)) return Status::Ok();
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return Status::InvalidArgument(
        "request body: expected nothing, or a JSON object {\"take_over\": true, \"reason\": ...}");
  }
  for (const auto& [k, v] : body.items()) {
    if (k == "take_over") {
      if (!v.is_boolean()) return Status::InvalidArgument("take_over: expected true or false");
      *take_over = v.get<bool>();
    } else if (k == "reason") {
      if (!v.is_string()) return Status::InvalidArgument("reason: expected a string");
      event->rationale = v.get<std::string>();
    } else {
      return Status::InvalidArgument("request body: unknown field " + k +
                                     "; expected take_over, reason");
    }
  }
  if (!*take_over) {
    return Status::InvalidArgument(body.contains("reason")
                                       ? "reason: only taken with \"take_over\": true"
                                       : "take_over: expected true, or no body");
  }
  if (Blank(event->rationale)) {
    return Status::InvalidArgument("reason: required to take over a case: say why");
  }
  return Status::Ok();
}

Status ReadDecisionBody(const std::string& text, const DecisionContext& context,
                        store::CaseEvent* event) {
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return Status::InvalidArgument("request body: expected a JSON object");
  }
  for (const auto& [k, v] : body.items()) {
    if (k != "decision" && k != "rationale" && k != "remedy" && k != "remedy_due" && k != "party") {
      return Status::InvalidArgument("request body: unknown field " + k +
                                     "; expected decision, rationale, remedy, remedy_due, party");
    }
    if (!v.is_string()) return Status::InvalidArgument(k + ": expected a string");
  }
  event->decision = body.value("decision", "");
  event->rationale = body.value("rationale", "");
  event->remedy = body.value("remedy", "");
  event->remedy_due = body.value("remedy_due", "");
  event->party = body.value("party", "");
  if (!ParseCaseState(event->decision) || event->decision == "open") {
    return Status::InvalidArgument(
        "decision: expected under_review, attributed, remedy_decided, closed or unverifiable");
  }
  if (event->rationale.empty()) {
    return Status::InvalidArgument("rationale: required: a decision states its reasons");
  }
  if (Status s = CheckDecisionRemedy(*ParseCaseState(event->decision), event->remedy); !s.ok()) {
    return Status::InvalidArgument("remedy: " + s.message());
  }
  if (Status s = CheckRemedyDue(event->remedy, event->remedy_due, context.decided_day); !s.ok()) {
    return Status::InvalidArgument("remedy_due: " + s.message());
  }
  if (Status s = CheckDecisionParty(*ParseCaseState(event->decision), event->party,
                                    context.proposed_party);
      !s.ok()) {
    return Status::InvalidArgument("party: " + s.message());
  }
  if (!event->party.empty() && std::find(context.parties.begin(), context.parties.end(),
                                         event->party) == context.parties.end()) {
    std::string choices;
    for (const std::string& p : context.parties) choices += (choices.empty() ? "" : ", ") + p;
    return Status::InvalidArgument("party: expected one of: " + choices + "; found \"" +
                                   event->party + "\"");
  }
  return Status::Ok();
}

}  // namespace guarantor::server

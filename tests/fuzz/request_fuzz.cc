// libFuzzer target: the HTTP API's request parsers on arbitrary bytes: the list and export
// query parameters (the input split as name=value&name=value), the ingest body (JSON Lines), and
// the Special Commission's claim and decision bodies.
// Properties: no crash; a query is accepted or rejected with a message naming a parameter;
// an accepted query respects its bounds; an ingest batch is all or nothing, every rejected record
// has a line and a message, and every accepted row matches its parsed observation.
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>

#include "commission/case_file.h"
#include "server/ingest_decoder.h"
#include "server/internal/case_request.h"
#include "server/list_query.h"

namespace {

void FuzzQuery(const std::string& text) {
  guarantor::server::QueryParams params;
  size_t start = 0;
  while (start <= text.size()) {
    size_t amp = text.find('&', start);
    if (amp == std::string::npos) amp = text.size();
    const std::string pair = text.substr(start, amp - start);
    const size_t eq = pair.find('=');
    params.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
    start = amp + 1;
  }
  const std::set<std::string> accepted = {
      "from",  "to",   "bbox",   "kind",  "status",   "after", "limit", "min_severity", "format",
      "party", "zone", "source", "types", "sequence", "first", "id",    "remedy_due_by"};
  guarantor::Result<guarantor::server::ListQuery> q =
      guarantor::server::ParseListQuery(params, accepted);
  if (!q.ok()) {
    if (q.status().message().find("query parameter") == std::string::npos) std::abort();
    return;
  }
  if (q->limit < 1 || q->limit > guarantor::server::kMaxPageSize || q->after < 0) std::abort();
  if (q->south && (*q->south > *q->north || *q->west > *q->east)) std::abort();
  if (q->min_severity < 0 || q->min_severity > 5) std::abort();
  if (q->ids.size() > guarantor::server::kMaxIds) std::abort();
  for (const std::string& id : q->ids) {
    if (id.empty() || id.size() > 128) std::abort();
  }
  if (!q->remedy_due_by.empty() && q->remedy_due_by.size() != 10) std::abort();
}

void FuzzIngest(const std::string& body) {
  static guarantor::server::IngestDecoder decoder;
  guarantor::server::DecodedBatch batch =
      decoder.Decode(body, "monitors", guarantor::Classification::kCoalition, std::nullopt);
  if (!batch.errors.empty()) {
    if (!batch.rows.empty() || !batch.observations.empty()) std::abort();
    for (const auto& e : batch.errors) {
      if (e.message.empty()) std::abort();
    }
    return;
  }
  if (batch.rows.size() != batch.observations.size()) std::abort();
  for (size_t i = 0; i < batch.rows.size(); ++i) {
    if (batch.rows[i].id != batch.observations[i].observation.id) std::abort();
    if (batch.rows[i].record.find('\n') != std::string::npos) std::abort();
  }
}

}  // namespace

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool StartsWithAny(const std::string& message, std::initializer_list<const char*> prefixes) {
  for (const char* p : prefixes) {
    if (message.rfind(p, 0) == 0) return true;
  }
  return false;
}

// A claim is ordinary (no reason) or takes the case over with a reason said; a decision names a
// state a decision may reach, with a rationale, and a remedy when it decides one. A refusal
// names the field at fault.
void FuzzCaseBody(const std::string& text, bool decision) {
  guarantor::store::CaseEvent event;
  if (!decision) {
    bool take_over = true;
    const guarantor::Status s = guarantor::server::ReadClaimBody(text, &event, &take_over);
    if (s.ok()) {
      if (take_over == Blank(event.rationale)) std::abort();
    } else if (!StartsWithAny(s.message(), {"request body: ", "take_over: ", "reason: "})) {
      std::abort();
    }
    return;
  }
  const guarantor::server::DecisionContext context{"2026-02-01", "", {"RU", "UA"}};
  const guarantor::Status s = guarantor::server::ReadDecisionBody(text, context, &event);
  if (!s.ok()) {
    if (!StartsWithAny(s.message(), {"request body: ", "decision: ", "rationale: ", "remedy: ",
                                     "remedy_due: ", "party: "})) {
      std::abort();
    }
    return;
  }
  const std::optional<guarantor::CaseState> to = guarantor::ParseCaseState(event.decision);
  if (!to || *to == guarantor::CaseState::kOpen || event.rationale.empty()) std::abort();
  if (*to == guarantor::CaseState::kRemedyDecided && Blank(event.remedy)) std::abort();
  // The case is undetermined: an attribution names a monitored party, and nothing else names one.
  if ((*to == guarantor::CaseState::kAttributed) != !event.party.empty()) std::abort();
  if (!event.party.empty() && event.party != "RU" && event.party != "UA") std::abort();
  // A deadline accepted is a day no earlier than the decision's, and comes with a remedy.
  if (!event.remedy_due.empty() &&
      (event.remedy_due.size() != 10 || event.remedy_due < "2026-02-01" || Blank(event.remedy))) {
    std::abort();
  }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    FuzzQuery(text);
  } else if (data[0] & 2) {
    FuzzCaseBody(text, (data[0] & 4) != 0);
  } else {
    FuzzIngest(text);
  }
  return 0;
}

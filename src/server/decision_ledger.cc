// Special Commission decisions on the ledger: each decision a member records through the case
// workflow is appended as a `commission_decision` entry signed with the Commission's key, so that
// no party can later deny or quietly change a finding.
//
// The case event is committed to the store first, then the entry to the ledger (two databases,
// no shared transaction). A crash in between leaves a stored decision without its entry;
// RecordMissingDecisions, run at every start before the port is bound, appends those, so every
// acknowledged decision is on the ledger once the server serves again. The entry's payload names
// the store's event sequence, which is how a decision and its entry are paired, and the digest of
// the case it decided (CaseEvent::case_sha256).
#include <set>

#include "ledger/ledger_entry.h"
#include "server/internal/api.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

// A decision is readable where its case is: coalition-wide, or restricted when the case rests on
// evidence above coalition level (a national entry would name one owner; a case can have many).
std::string DecisionClassification(const Label& case_label) {
  return case_label.Highest() <= Classification::kCoalition ? "coalition" : "restricted";
}

}  // namespace

Result<uint64_t> HttpService::Impl::RecordDecision(const store::CaseEvent& event,
                                                   const Label& case_label) {
  json payload = {
      {"case_id", event.case_id},     {"decision", event.decision},
      {"rationale", event.rationale}, {"remedy", event.remedy},
      {"member", event.user},         {"decided_at", event.at},
      {"event", event.sequence},      {"classification", DecisionClassification(case_label)}};
  // Which case was decided, by its opening record's digest (absent for decisions stored before
  // events named their case).
  if (!event.case_sha256.empty()) payload["case_sha256"] = event.case_sha256;
  // The remedy's deadline, when the decision sets one (absent from the entries of decisions
  // that set none, as from those recorded before deadlines were).
  if (!event.remedy_due.empty()) payload["remedy_due"] = event.remedy_due;
  if (!event.party.empty()) payload["party"] = event.party;
  std::lock_guard<std::mutex> lock(ledger_mu);
  ASSIGN_OR_RETURN(ledger::LedgerEntry entry,
                   ledger.Append(ledger::EntryKind::kCommissionDecision, config.commission_party,
                                 payload.dump()));
  return entry.sequence;
}

Status HttpService::Impl::RecordMissingDecisions(const std::vector<store::CaseEvent>& events) {
  std::set<int64_t> on_ledger;
  {
    std::lock_guard<std::mutex> lock(ledger_mu);
    ASSIGN_OR_RETURN(ledger::SignedTreeHead head, ledger.LatestHead());
    ASSIGN_OR_RETURN(std::vector<ledger::LedgerEntry> entries,
                     ledger.ReadEntries(0, head.tree_size));
    for (const ledger::LedgerEntry& e : entries) {
      // Only the Commission's own entries count (a forged one cannot stand in for a decision).
      if (e.kind != ledger::EntryKind::kCommissionDecision || e.author != config.commission_party) {
        continue;
      }
      const json payload = json::parse(e.payload, nullptr, /*allow_exceptions=*/false);
      if (payload.is_object() && payload.contains("event") && payload["event"].is_number_integer())
        on_ledger.insert(payload["event"].get<int64_t>());
    }
  }
  for (const store::CaseEvent& e : events) {
    if (e.kind != store::CaseEventKind::kDecision || on_ledger.count(e.sequence)) continue;
    std::optional<CaseRow> row = monitor.FindCase(e.case_id);
    Label label;
    if (row) label = row->label;
    Result<uint64_t> seq = RecordDecision(e, label);
    if (!seq.ok()) {
      return Status(seq.status().code(),
                    "decision " + std::to_string(e.sequence) + " on case " + e.case_id +
                        ": cannot append it to the ledger: " + seq.status().message());
    }
  }
  return Status::Ok();
}

}  // namespace guarantor::server

// Activations on the ledger: each activation the engine concludes is appended as an `activation`
// entry signed with the Commission's key, so that who was called on to do what, by when, and on
// which facts, is on the signed record (docs/ledger.md §3.2).
//
// Activations are derived: the engine rebuilds them at every start by folding the stored
// observations, so appending must be idempotent. An activation's id is its trigger and the time
// it fired ("renewed-armed-attack@2026-02-02T13:27:30+02:00"; a trigger fires at most once); an
// entry of that id by the Commission on the ledger means it is recorded. While serving, the
// engine thread appends each activation as it is concluded (RecordActivation, under the ledger
// mutex); at start, after the rebuild, RecordMissingActivations appends those the ledger lacks
// (a crash between the engine's conclusion and the append, or activations concluded before this
// service recorded them).
#include <algorithm>

#include "guarantee/activation_output.h"
#include "server/internal/api.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

std::string ActivationId(const Activation& a) { return a.trigger + "@" + a.fired_at.ToRfc3339(); }

// An entry has one classification and one owner (its author, the Commission), so it is readable
// where its facts are: coalition-wide, restricted when a fact is restricted, and national (the
// Commission alone) when a fact is some party's national record.
Classification ActivationClassification(const Label& facts) {
  return std::max(facts.Highest(), Classification::kCoalition);
}

// The activation as its entry records it: its id, the activation record (docs/guarantees.md
// §4.1) with the obligations every reader of the entry may read (national commitments are their
// parties' alone, and a restricted one stays out of a coalition entry) and the restoration check
// recomputed over those, and the entry's classification.
json ActivationPayload(const ActivationRow& row, const Scenario& scenario) {
  const Classification classification = ActivationClassification(row.label);
  const store::ReadScope audience{std::min(classification, Classification::kRestricted), ""};
  Activation a = row.activation;
  std::erase_if(a.obligations, [&](const Obligation& o) {
    return !store::CanRead(audience, o.classification, o.party);
  });
  for (const Trigger& t : scenario.triggers) {
    if (t.id == a.trigger)
      a.restoration = CheckRestoration(t.restoration, a.fired_at, a.obligations);
  }
  json payload = {{"activation", ActivationId(a)}};
  const json record = json::parse(ActivationJsonLine(a));
  for (const auto& [key, value] : record.items()) payload[key] = value;
  payload["classification"] = ToString(classification);
  return payload;
}

}  // namespace

Result<uint64_t> HttpService::Impl::RecordActivation(const ActivationRow& row) {
  const std::string id = ActivationId(row.activation);
  std::lock_guard<std::mutex> lock(ledger_mu);
  RETURN_IF_ERROR(FoldLedgerLocked());
  if (auto it = activation_entries.find(id); it != activation_entries.end()) return it->second;
  ASSIGN_OR_RETURN(ledger::LedgerEntry entry,
                   ledger.Append(ledger::EntryKind::kActivation, config.commission_party,
                                 ActivationPayload(row, scenario).dump()));
  RETURN_IF_ERROR(FoldAppendedLocked(entry));
  return entry.sequence;
}

Status HttpService::Impl::RecordMissingActivations() {
  // Every activation, whoever may read it: the entry carries its own classification.
  const store::ReadScope everything{Classification::kNational, ""};
  for (const ActivationRow& row : monitor.Activations(everything)) {
    Result<uint64_t> seq = RecordActivation(row);
    if (!seq.ok()) {
      return Status(seq.status().code(),
                    "activation " + ActivationId(row.activation) +
                        ": cannot append it to the ledger: " + seq.status().message());
    }
  }
  return Status::Ok();
}

std::optional<uint64_t> HttpService::Impl::ActivationEntry(const Activation& activation) {
  std::lock_guard<std::mutex> lock(ledger_mu);
  auto it = activation_entries.find(ActivationId(activation));
  if (it == activation_entries.end()) return std::nullopt;
  return it->second;
}

}  // namespace guarantor::server

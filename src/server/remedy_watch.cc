// Remedies overdue on the live feed: the Special Commission decided a remedy with a deadline
// (remedy_decided, remedy_due), and the deadline passed with the case still awaiting it. The
// daily report lists such remedies for its day and GET /v1/cases?remedy_due_by=DAY queues them;
// the feed says so as it happens, once per case and deadline, to the roles that read cases.
#include <algorithm>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "guarantee/activation_output.h"
#include "guarantee/remedy_trigger.h"
#include "server/internal/api.h"

namespace guarantor::server {

void HttpService::Impl::PublishOverdueRemedies(const std::string& today) {
  // The cases whose last decision set a deadline before today, from the events in memory; each
  // is then confirmed against its triage (the events recorded on the case as it is now).
  std::vector<std::string> overdue;
  {
    std::lock_guard<std::mutex> lock(case_events_mu);
    for (const auto& [id, events] : case_events) {
      for (auto e = events.rbegin(); e != events.rend(); ++e) {
        if (e->kind != store::CaseEventKind::kDecision) continue;
        if (e->decision == "remedy_decided" && !e->remedy_due.empty() && e->remedy_due < today) {
          overdue.push_back(id);
        }
        break;
      }
    }
  }
  for (const std::string& id : overdue) {
    std::optional<CaseRow> row = monitor.FindCase(id);
    if (!row) continue;  // events of a case this start did not open
    Result<Triage> triage = TriageOfCase(*row);
    if (!triage.ok() || triage->state != CaseState::kRemedyDecided || triage->remedy_due.empty() ||
        triage->remedy_due >= today) {
      continue;
    }
    const std::string key =
        id + '\n' + triage->remedy_due + '\n' + std::to_string(triage->decisions.size());
    if (!overdue_published.insert(key).second) continue;
    const nlohmann::ordered_json& decided = triage->decisions.back();
    const std::string remedy = decided.value("remedy", "");
    nlohmann::ordered_json j = {{"alert", "remedy_overdue"},
                                {"at", today},
                                {"case", id},
                                {"incident", row->incident},
                                {"remedy", remedy},
                                {"due", triage->remedy_due},
                                {"decided_at", decided.value("at", "")},
                                {"summary", "case " + id + ": remedy due " + triage->remedy_due +
                                                " and the case still awaits it: " + remedy}};
    FeedEvent event;
    event.type = "remedy_overdue";
    event.label = row->label;
    if (std::optional<IncidentRow> incident = monitor.FindIncident(row->incident)) {
      event.kind = incident->kind;
      event.position = LatLng{incident->lat, incident->lng};
    }
    event.json = j.dump();
    feed.Publish(std::move(event));
  }
}

namespace {

// The case as its decisions left it, for DecidedRemedies: the engine's attribution, and a
// transition for each decision (Triage::decisions, in order) with its time, remedy, deadline and
// party. The opening is left out: no remedy is decided there.
Case CaseOfDecisions(const CaseRow& row, const nlohmann::ordered_json& decisions) {
  Case c;
  c.id = row.id;
  c.incident = row.incident;
  c.attributed_party = row.party;
  for (const nlohmann::ordered_json& d : decisions) {
    const std::optional<CaseState> to = ParseCaseState(d.value("decision", ""));
    Result<Timestamp> at = Timestamp::Parse(d.value("at", ""));
    if (!to || !at.ok()) continue;  // the service stores neither: states by name, RFC 3339 times
    CaseTransition t;
    t.to = *to;
    t.at = *at;
    t.remedy = d.value("remedy", "");
    t.remedy_due = d.value("remedy_due", "");
    t.party = d.value("party", "");
    c.history.push_back(std::move(t));
  }
  return c;
}

}  // namespace

void HttpService::Impl::FireIgnoredRemedies(const Timestamp& now) {
  if (std::none_of(scenario.triggers.begin(), scenario.triggers.end(),
                   [](const Trigger& t) { return t.kind == TriggerKind::kRemedyIgnored; })) {
    return;
  }
  std::vector<std::string> decided;  // the cases with a remedy decided with a deadline
  {
    std::lock_guard<std::mutex> lock(case_events_mu);
    for (const auto& [id, events] : case_events) {
      if (std::any_of(events.begin(), events.end(), [](const store::CaseEvent& e) {
            return e.decision == "remedy_decided" && !e.remedy_due.empty();
          })) {
        decided.push_back(id);
      }
    }
  }
  std::vector<DecidedRemedy> remedies;
  std::map<std::string, Label> labels;  // case id -> its label
  for (const std::string& id : decided) {
    std::optional<CaseRow> row = monitor.FindCase(id);
    if (!row) continue;  // events of a case this start did not open
    Result<Triage> triage = TriageOfCase(*row);
    if (!triage.ok()) continue;
    for (DecidedRemedy& r : DecidedRemedies(CaseOfDecisions(*row, triage->decisions))) {
      remedies.push_back(std::move(r));
    }
    labels[id] = row->label;
  }
  for (Activation& a : IgnoredRemedyActivations(scenario, remedies, now)) {
    // Readable where the case is, and never below coalition: like the engine's activations.
    Label label = labels[a.facts.front()];
    label.Add(Classification::kCoalition, "");
    const bool recorded_before = ActivationEntry(a).has_value();
    std::optional<ActivationRow> row = monitor.AddActivation(std::move(a), std::move(label));
    if (!row) continue;  // its trigger fired before
    if (Result<uint64_t> seq = RecordActivation(*row); !seq.ok()) {
      std::fprintf(stderr, "activation %s: not yet on the ledger: %s\n",
                   row->activation.trigger.c_str(), seq.status().message().c_str());
    }
    if (recorded_before) continue;  // announced before this start
    FeedEvent event;
    event.type = "activation";
    event.kind = row->activation.trigger;
    event.label = row->label;
    event.json = ActivationJsonLine(row->activation);
    feed.Publish(std::move(event));
  }
}

void HttpService::Impl::WatchRemedies() {
  const auto period = std::chrono::duration<double>(config.remedy_check_seconds);
  const int offset = scenario.agreement.effective.offset_minutes();
  std::unique_lock<std::mutex> lock(remedy_watch_mu);
  while (!stopping) {
    lock.unlock();
    const Timestamp now = ledger.clock().Now();
    PublishOverdueRemedies(now.LocalDate(offset));
    FireIgnoredRemedies(now);
    lock.lock();
    remedy_watch_wake.wait_for(lock, period, [this] { return stopping.load(); });
  }
}

}  // namespace guarantor::server

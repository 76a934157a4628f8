// Remedies overdue on the live feed: the Special Commission decided a remedy with a deadline
// (remedy_decided, remedy_due), and the deadline passed with the case still awaiting it. The
// daily report lists such remedies for its day and GET /v1/cases?remedy_due_by=DAY queues them;
// the feed says so as it happens, once per case and deadline, to the roles that read cases.
#include <nlohmann/json.hpp>

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

void HttpService::Impl::WatchRemedies() {
  const auto period = std::chrono::duration<double>(config.remedy_check_seconds);
  const int offset = scenario.agreement.effective.offset_minutes();
  std::unique_lock<std::mutex> lock(remedy_watch_mu);
  while (!stopping) {
    lock.unlock();
    PublishOverdueRemedies(ledger.clock().Now().LocalDate(offset));
    lock.lock();
    remedy_watch_wake.wait_for(lock, period, [this] { return stopping.load(); });
  }
}

}  // namespace guarantor::server

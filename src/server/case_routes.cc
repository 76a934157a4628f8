// Special Commission cases: the list, a case, its dossier, and triage (claim, take over, release,
// decide).
#include <algorithm>
#include <optional>
#include <string_view>

#include "commission/case_file.h"
#include "engine/case_dossier.h"
#include "ledger/clock.h"
#include "server/internal/api.h"
#include "server/internal/case_request.h"
#include "server/internal/case_view.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

// The reports `members` (a case's list of observation ids) as received, those the caller may
// read, in store order: one query by id (ids are unique in the store, and indexed).
Result<json> CaseReports(store::Store& store, const Call& c, const json& members) {
  store::ObservationQuery q;
  q.scope = c.scope;
  for (const json& id : members) {
    if (id.is_string()) q.ids.push_back(id.get<std::string>());
  }
  json out = json::array();
  if (q.ids.empty()) return out;
  q.limit = static_cast<int>(q.ids.size());
  Result<std::vector<store::StoredObservation>> rows = store.QueryObservations(q);
  if (!rows.ok()) return rows.status();
  for (const store::StoredObservation& o : *rows) out.push_back(ObservationView(o, c)["record"]);
  return out;
}

// Whether `event` by `user` may follow the case's triage `t` (the store asks, under its lock,
// with the events stored so far). One member holds a case at a time: a claim of a case another
// holds is refused unless it takes the case over, and a closed case is claimed by nobody; a
// release or a decision needs the claim.
Status TriagePermits(const Triage& t, const store::CaseEvent& event, const std::string& user,
                     bool take_over) {
  const std::string& id = event.case_id;
  if (event.kind == store::CaseEventKind::kClaim) {
    if (!t.holder.empty() && t.holder != user && !take_over) {
      return Status::FailedPrecondition("case " + id + ": claimed by " + t.holder +
                                        " (another member may take it over: {\"take_over\": "
                                        "true, \"reason\": \"...\"})");
    }
    // An unverifiable case is claimed again to be closed (the case file allows that step);
    // a closed one has nothing left to decide.
    if (t.state == CaseState::kClosed) return Status::FailedPrecondition("case " + id + ": closed");
    return Status::Ok();
  }
  if (t.holder != user) {
    return Status::FailedPrecondition(
        "case " + id + ": claim it first" +
        (t.holder.empty() ? std::string() : " (held by " + t.holder + ")"));
  }
  if (event.kind == store::CaseEventKind::kDecision &&
      !CaseFile::Allowed(t.state, *ParseCaseState(event.decision))) {
    return Status::FailedPrecondition("decision: a case may not go from " +
                                      std::string(ToString(t.state)) + " to " + event.decision);
  }
  return Status::Ok();
}

}  // namespace

void HttpService::Impl::AddCaseRoutes() {
  // A case as served: the record it was opened with, and its triage.
  auto case_view = [this](const CaseRow& row) -> Result<std::string> {
    Result<std::string> opened = monitor.Text(row.text);
    if (!opened.ok()) return opened.status();
    Result<Triage> triage = TriageOfCase(row);
    if (!triage.ok()) return triage.status();
    return CaseViewText(*opened, *triage);
  };
  Route("GET", "/v1/cases", Action::kReadCases, [this, case_view](Call& c) {
    std::optional<ListQuery> q =
        QueryOrReply(c, {"state", "party", "claimed_by", "remedy_due_by", "after", "limit"});
    if (!q) return;
    const bool by_triage = !q->state.empty() || !q->claimed_by.empty() || !q->remedy_due_by.empty();
    Status unread;  // a case whose triage could not be read: the answer is that error
    auto selected = [&](const CaseRow& row) {
      if (!row.label.ReadableBy(c.scope) || (!q->party.empty() && row.party != q->party)) {
        return false;
      }
      if (!by_triage) return true;
      Result<Triage> triage = TriageOfCase(row);
      if (!triage.ok()) {
        unread = triage.status();
        return false;
      }
      // A remedy due by the day: decided with a deadline no later, and not yet moved on from.
      const bool due = triage->state == CaseState::kRemedyDecided && !triage->remedy_due.empty() &&
                       triage->remedy_due <= q->remedy_due_by;
      return (q->state.empty() || ToString(triage->state) == q->state) &&
             (q->claimed_by.empty() || triage->holder == q->claimed_by) &&
             (q->remedy_due_by.empty() || due);
    };
    // Read before counting: an event remembered meanwhile makes the kept total stale for the
    // next query, never right for a state it did not see.
    const uint64_t generation = case_events_generation.load();
    const std::string key = std::to_string(static_cast<int>(c.scope.max_shared)) + '\n' +
                            c.scope.organisation + '\n' + q->party + '\n' + q->state + '\n' +
                            q->claimed_by + '\n' + q->remedy_due_by;
    std::vector<CaseRow> page;
    int64_t total = 0;
    monitor.ReadCases([&](const std::vector<CaseRow>& cases) {
      // The page: from the cursor (case ordinal i + 1) until it is full.
      const auto first =
          static_cast<size_t>(std::clamp<int64_t>(q->after, 0, static_cast<int64_t>(cases.size())));
      for (size_t i = first; i < cases.size() && static_cast<int>(page.size()) < q->limit; ++i) {
        if (selected(cases[i])) page.push_back(cases[i]);
      }
      // The total: kept from an earlier query like this one, plus the cases opened since; one
      // by triage (state, holder) only while no case event has been remembered meanwhile.
      total = case_totals.Count(key, by_triage ? generation : 0, cases.size(), [&](size_t from) {
        int64_t count = 0;
        for (size_t i = from; i < cases.size(); ++i) {
          if (selected(cases[i])) ++count;
        }
        return count;
      });
    });
    if (!unread.ok()) {
      ++case_events_generation;  // the total kept was counted without that case: count again
      return ReplyStatus(c.res, unread);
    }
    std::string body = "{\"items\":[";
    for (size_t i = 0; i < page.size(); ++i) {
      if (i > 0) body += ',';
      Result<std::string> view = case_view(page[i]);
      if (!view.ok()) return ReplyStatus(c.res, view.status());
      body += *view;
    }
    body += "],\"total\":" + std::to_string(total);
    if (static_cast<int>(page.size()) == q->limit) {
      body += ",\"next_after\":" + std::to_string(page.back().ordinal);
    }
    body += '}';
    ReplyBody(c.res, std::move(body), "application/json");
  });
  Route("GET", R"(/v1/cases/([^/]+))", Action::kReadCases, [this, case_view](Call& c) {
    std::optional<CaseRow> row = monitor.FindCase(c.req.matches[1]);
    if (!row || !row->label.ReadableBy(c.scope)) {
      return ReplyError(c.res, 404, "case " + std::string(c.req.matches[1]) + ": not found");
    }
    Result<std::string> view = case_view(*row);
    if (!view.ok()) return ReplyStatus(c.res, view.status());
    ReplyBody(c.res, *std::move(view), "application/json");
  });

  // The case as a dossier (engine/case_dossier.h), as the caller may see it: the case with its
  // triage, its incident, and those of its raw reports the caller may read; in Markdown, or as
  // the JSON document it is rendered from.
  Route("GET", R"(/v1/cases/([^/]+)/dossier)", Action::kReadCases, [this, case_view](Call& c) {
    const std::string format =
        c.req.has_param("format") ? c.req.get_param_value("format") : "markdown";
    for (const auto& [name, value] : c.req.params) {
      if (name != "format") {
        return ReplyError(
            c.res, 400,
            "query parameter " + name + ": not taken by this endpoint; expected format");
      }
    }
    if (format != "markdown" && format != "json") {
      return ReplyError(c.res, 400, "query parameter format: expected markdown or json");
    }
    std::optional<CaseRow> row = monitor.FindCase(c.req.matches[1]);
    if (!row || !row->label.ReadableBy(c.scope)) {
      return ReplyError(c.res, 404, "case " + std::string(c.req.matches[1]) + ": not found");
    }
    Result<std::string> view = case_view(*row);
    if (!view.ok()) return ReplyStatus(c.res, view.status());
    json dossier = json::parse(*view);
    std::optional<IncidentRow> incident = monitor.FindIncident(row->incident);
    if (incident && incident->label.ReadableBy(c.scope)) {
      Result<std::string> incident_text = monitor.Text(incident->text);
      if (!incident_text.ok()) return ReplyStatus(c.res, incident_text.status());
      dossier["incident_record"] = IncidentView(*incident_text, c.detail);
      Result<json> raw = CaseReports(store, c, dossier.value("observations", json::array()));
      if (!raw.ok()) return ReplyStatus(c.res, raw.status());
      dossier["raw_observations"] = *std::move(raw);
    }
    // JSON: the document the Markdown is rendered from (as `guarantor cases show --json`).
    if (format == "json") return ReplyJson(c.res, dossier);
    static constexpr DossierNotes kServiceNotes{
        .no_incident = "is not shown: not stored, or not cleared for this reader",
        .missing_reports = "Not shown: not stored, or not cleared for this reader",
        .no_raw_reports = "The raw reports are not shown, as the incident is not."};
    ReplyBody(c.res, CaseDossierMarkdown(dossier, kServiceNotes), "text/markdown; charset=utf-8");
  });

  // Triage. A claim may take over a case another member holds; every event names the case it is
  // recorded on (its opening's digest), and a decision goes on the ledger.
  Route("POST", R"(/v1/cases/([^/]+)/(claim|release|decisions))", Action::kTriageCases,
        [this](Call& c) {
          const std::string case_id = c.req.matches[1], verb = c.req.matches[2];
          std::optional<CaseRow> row = monitor.FindCase(case_id);
          if (!row || !row->label.ReadableBy(c.scope)) {
            return ReplyError(c.res, 404, "case " + case_id + ": not found");
          }
          // The event names the case it is recorded on; the triage it must follow is that case's.
          Result<std::string> digest = CaseDigestOf(*row);
          if (!digest.ok()) return ReplyStatus(c.res, digest.status());
          store::CaseEvent event;
          event.case_id = case_id;
          event.case_sha256 = *digest;
          event.user = c.who.user;
          event.at = ledger.clock().Now().ToRfc3339();
          bool take_over = false;
          Status body = Status::Ok();
          if (verb == "claim") {
            event.kind = store::CaseEventKind::kClaim;
            body = ReadClaimBody(c.req.body, &event, &take_over);
          } else if (verb == "release") {
            event.kind = store::CaseEventKind::kRelease;
          } else {
            event.kind = store::CaseEventKind::kDecision;
            // A remedy's deadline is no earlier than the agreement's local day of the decision;
            // the party held responsible is a monitored party.
            DecisionContext context;
            context.decided_day = Timestamp::Parse(event.at)->LocalDate(
                scenario.agreement.effective.offset_minutes());
            context.proposed_party = row->party;
            for (const Party& p : scenario.parties) {
              if (p.HasRole(PartyRole::kMonitoredParty)) context.parties.push_back(p.id);
            }
            body = ReadDecisionBody(c.req.body, context, &event);
          }
          if (!body.ok()) return ReplyError(c.res, 400, body.message());
          std::string held_by;  // the holder before this event
          Result<store::CaseEvent> stored = store.AppendCaseEvent(
              event, [&](const std::vector<store::CaseEvent>& so_far) -> Status {
                const Triage t = TriageOf(so_far, event.case_sha256);
                held_by = t.holder;
                return TriagePermits(t, event, c.who.user, take_over);
              });
          if (!stored.ok()) return ReplyStatus(c.res, stored.status());
          RememberCaseEvent(*stored);
          json reply = {{"case", case_id}, {"event", stored->sequence}, {"at", stored->at}};
          if (take_over && !held_by.empty() && held_by != c.who.user) reply["taken_from"] = held_by;
          if (stored->kind == store::CaseEventKind::kDecision) {
            Result<uint64_t> entry = RecordDecision(*stored, row->label);
            // Stored but not yet on the ledger: the next start appends it (decision_ledger.cc).
            if (!entry.ok()) return ReplyStatus(c.res, entry.status());
            reply["ledger_sequence"] = *entry;
          }
          ReplyJson(c.res, reply);
        });
}

}  // namespace guarantor::server

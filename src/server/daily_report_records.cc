// The records of a daily report as the server holds them (engine/daily_report.h): the day's
// incidents and cases the reader may read, every decision on a case it may read, and the reports
// of every incident it may read by source type. The day is picked out of the monitor's rows by
// time, without reading the rest: a report on a dense theatre parses its day, not the theatre.
#include <exception>
#include <utility>

#include "server/internal/api.h"
#include "server/internal/case_view.h"

namespace guarantor::server {
namespace {

// A row of the day, as the report will read it: what names it in an error, and its text.
struct DayRow {
  std::string name;
  RecordSpool::Handle text;
};

// The rows' records, each read back from the monitor's spool when the report visits it: a dense
// day's text, over a hundred megabytes, is never held at once. Incidents are shown as `detail`
// shows them in the incident lists (coarsened for the public); cases pass Detail::kFull. An error
// names the row.
JsonRecordSource SpooledRecords(const LiveMonitor& monitor,
                                std::shared_ptr<const std::vector<DayRow>> rows, Detail detail) {
  return [&monitor, rows = std::move(rows), detail](const JsonRecordVisitor& each) {
    std::string text;
    for (const DayRow& row : *rows) {
      text.clear();
      if (Status s = monitor.AppendText(row.text, &text); !s.ok()) {
        return Status(s.code(), row.name + ": " + s.message());
      }
      try {
        if (detail == Detail::kPublic) {
          nlohmann::ordered_json shown = nlohmann::ordered_json::parse(text);
          CoarsenIncident(shown, detail);
          text = shown.dump();
        }
        each(nlohmann::json::parse(text));
      } catch (const std::exception& e) {
        return Status::Internal(row.name + ": " + e.what());
      }
    }
    return Status::Ok();
  };
}

JsonRecordSource NoRecords() {
  return [](const JsonRecordVisitor&) { return Status::Ok(); };
}

}  // namespace

DayRecords HttpService::Impl::DailyReportRecords(const store::ReadScope& scope, Detail detail,
                                                 bool with_cases, int64_t day_start,
                                                 int64_t day_end) {
  auto incidents = std::make_shared<std::vector<DayRow>>();
  std::array<int64_t, kSourceTypeCount> reports{};
  monitor.VisitIncidents(scope, IncidentFilter(), 0, INT32_MAX, nullptr, [&](const IncidentRow& r) {
    for (size_t t = 0; t < reports.size(); ++t) {
      reports[t] += r.reports_by_type[t];
    }
    if (r.first_micros >= day_start && r.first_micros < day_end) {
      incidents->push_back({"incident " + r.id, r.text});
    }
  });
  DayRecords out{.records = {.incidents = SpooledRecords(monitor, incidents, detail),
                             .cases = NoRecords(),
                             .decisions = NoRecords()},
                 .reports_by_type = {}};
  for (size_t t = 0; t < reports.size(); ++t) {
    if (reports[t] > 0) {
      out.reports_by_type[std::string(ToString(static_cast<SourceType>(t)))] = reports[t];
    }
  }
  if (!with_cases) return out;
  auto cases = std::make_shared<std::vector<DayRow>>();
  monitor.ReadCases([&](const std::vector<CaseRow>& rows) {
    for (const CaseRow& r : rows) {
      if (r.opened_micros >= day_start && r.opened_micros < day_end && r.label.ReadableBy(scope)) {
        cases->push_back({"case " + r.id, r.text});
      }
    }
  });
  out.records.cases = SpooledRecords(monitor, cases, Detail::kFull);
  // As `guarantor cases decide` records them; the report keeps those of its day.
  std::vector<std::string> decided;
  {
    std::lock_guard<std::mutex> lock(case_events_mu);
    for (const auto& [id, events] : case_events) decided.push_back(id);
  }
  auto decisions = std::make_shared<std::vector<HeldJsonRecord>>();
  for (const std::string& id : decided) {
    const std::optional<CaseRow> row = monitor.FindCase(id);
    if (!row || !row->label.ReadableBy(scope)) continue;
    Result<Triage> triage = TriageOfCase(*row);
    if (!triage.ok()) {
      // The report fails with it, as with a record that cannot be read.
      out.records.decisions = [status = triage.status()](const JsonRecordVisitor&) {
        return status;
      };
      return out;
    }
    for (const auto& d : triage->decisions) {
      nlohmann::ordered_json decision{
          {"case", id},       {"to", d.at("decision")},      {"by", d.at("by")},
          {"at", d.at("at")}, {"reason", d.at("rationale")}, {"remedy", d.at("remedy")}};
      if (d.contains("remedy_due")) decision["remedy_due"] = d.at("remedy_due");
      if (d.contains("party")) decision["party"] = d.at("party");
      decisions->push_back({"decision on case " + id, decision.dump()});
    }
  }
  out.records.decisions = HeldJsonRecords(decisions, StatusCode::kInternal);
  return out;
}

}  // namespace guarantor::server

// The records of a daily report as the server holds them (engine/daily_report.h): the day's
// incidents and cases the reader may read, every decision on a case it may read, and the reports
// of every incident it may read by source type. The day is picked out of the monitor's rows by
// time, without reading the rest: a report on a dense theatre parses its day, not the theatre.
#include <utility>

#include "server/internal/api.h"
#include "server/internal/case_view.h"

namespace guarantor::server {
namespace {

// A record held as its JSON line, with the id that names it in an error.
struct HeldRecord {
  std::string id, json;
};

// Visits each record parsed; with Detail::kPublic, coarsened as the public is shown an incident
// (CoarsenIncident). A record that cannot be parsed, or that the visitor rejects, is an error
// naming `what` and the record.
JsonRecordSource HeldRecords(std::shared_ptr<const std::vector<HeldRecord>> records,
                             std::string what, Detail detail) {
  return [records = std::move(records), what = std::move(what),
          detail](const JsonRecordVisitor& each) -> Status {
    for (const HeldRecord& r : *records) {
      try {
        if (detail == Detail::kPublic) {
          nlohmann::ordered_json shown = nlohmann::ordered_json::parse(r.json);
          CoarsenIncident(shown, detail);
          each(nlohmann::json(shown));
        } else {
          each(nlohmann::json::parse(r.json));
        }
      } catch (const std::exception& e) {
        return Status::Internal(what + " " + r.id + ": " + e.what());
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
  auto incidents = std::make_shared<std::vector<HeldRecord>>();
  std::array<int64_t, kSourceTypeCount> reports{};
  monitor.VisitIncidents(scope, IncidentFilter(), 0, INT32_MAX, nullptr, [&](const IncidentRow& r) {
    for (size_t t = 0; t < reports.size(); ++t) {
      reports[t] += r.reports_by_type[t];
    }
    if (r.first_micros >= day_start && r.first_micros < day_end) {
      incidents->push_back({r.id, r.json});
    }
  });
  DayRecords out{.records = {.incidents = HeldRecords(incidents, "incident", detail),
                             .cases = NoRecords(),
                             .decisions = NoRecords()},
                 .reports_by_type = {}};
  for (size_t t = 0; t < reports.size(); ++t) {
    if (reports[t] > 0) {
      out.reports_by_type[std::string(ToString(static_cast<SourceType>(t)))] = reports[t];
    }
  }
  if (!with_cases) return out;
  auto cases = std::make_shared<std::vector<HeldRecord>>();
  monitor.ReadCases([&](const std::vector<CaseRow>& rows) {
    for (const CaseRow& r : rows) {
      if (r.opened_micros >= day_start && r.opened_micros < day_end && r.label.ReadableBy(scope)) {
        cases->push_back({r.id, r.json});
      }
    }
  });
  out.records.cases = HeldRecords(cases, "case", Detail::kFull);
  // As `guarantor cases decide` records them; the report keeps those of its day.
  std::vector<std::string> decided;
  {
    std::lock_guard<std::mutex> lock(case_events_mu);
    for (const auto& [id, events] : case_events) decided.push_back(id);
  }
  auto decisions = std::make_shared<std::vector<HeldRecord>>();
  for (const std::string& id : decided) {
    const std::optional<CaseRow> row = monitor.FindCase(id);
    if (!row || !row->label.ReadableBy(scope)) continue;
    for (const auto& d : TriageOf(CaseEventsOf(id)).decisions) {
      decisions->push_back({id, nlohmann::ordered_json{{"case", id},
                                                       {"to", d.at("decision")},
                                                       {"by", d.at("by")},
                                                       {"at", d.at("at")},
                                                       {"reason", d.at("rationale")},
                                                       {"remedy", d.at("remedy")}}
                                    .dump()});
    }
  }
  out.records.decisions = HeldRecords(decisions, "decision on case", Detail::kFull);
  return out;
}

}  // namespace guarantor::server

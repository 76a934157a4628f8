// The records of a daily report as the server holds them (engine/daily_report.h): the day's
// incidents and cases the reader may read, every decision on a case it may read, and the reports
// of every incident it may read by source type. The day is picked out of the monitor's rows by
// time, without reading the rest: a report on a dense theatre parses its day, not the theatre.
#include <utility>

#include "server/internal/api.h"
#include "server/internal/case_view.h"

namespace guarantor::server {
namespace {

// `records`, incidents, as `detail` shows them (CoarsenIncident); a record that is not JSON is
// left for the reader to name.
void CoarsenIncidents(Detail detail, std::vector<HeldJsonRecord>* records) {
  if (detail != Detail::kPublic) return;
  for (HeldJsonRecord& r : *records) {
    nlohmann::ordered_json shown = nlohmann::ordered_json::parse(r.text, nullptr, false);
    if (shown.is_discarded()) continue;
    CoarsenIncident(shown, detail);
    r.text = shown.dump();
  }
}

JsonRecordSource NoRecords() {
  return [](const JsonRecordVisitor&) { return Status::Ok(); };
}

}  // namespace

Result<DayRecords> HttpService::Impl::DailyReportRecords(const store::ReadScope& scope,
                                                         Detail detail, bool with_cases,
                                                         int64_t day_start, int64_t day_end) {
  auto incidents = std::make_shared<std::vector<HeldJsonRecord>>();
  std::array<int64_t, kSourceTypeCount> reports{};
  Status read = Status::Ok();
  monitor.VisitIncidents(scope, IncidentFilter(), 0, INT32_MAX, nullptr, [&](const IncidentRow& r) {
    for (size_t t = 0; t < reports.size(); ++t) {
      reports[t] += r.reports_by_type[t];
    }
    if (r.first_micros >= day_start && r.first_micros < day_end && read.ok()) {
      HeldJsonRecord& held = incidents->emplace_back(HeldJsonRecord{"incident " + r.id, {}});
      read = monitor.AppendText(r.text, &held.text);
    }
  });
  if (!read.ok()) return read;
  CoarsenIncidents(detail, incidents.get());
  DayRecords out{.records = {.incidents = HeldJsonRecords(incidents, StatusCode::kInternal),
                             .cases = NoRecords(),
                             .decisions = NoRecords()},
                 .reports_by_type = {}};
  for (size_t t = 0; t < reports.size(); ++t) {
    if (reports[t] > 0) {
      out.reports_by_type[std::string(ToString(static_cast<SourceType>(t)))] = reports[t];
    }
  }
  if (!with_cases) return out;
  auto cases = std::make_shared<std::vector<HeldJsonRecord>>();
  monitor.ReadCases([&](const std::vector<CaseRow>& rows) {
    for (const CaseRow& r : rows) {
      if (r.opened_micros >= day_start && r.opened_micros < day_end && r.label.ReadableBy(scope) &&
          read.ok()) {
        HeldJsonRecord& held = cases->emplace_back(HeldJsonRecord{"case " + r.id, {}});
        read = monitor.AppendText(r.text, &held.text);
      }
    }
  });
  if (!read.ok()) return read;
  out.records.cases = HeldJsonRecords(cases, StatusCode::kInternal);
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
    for (const auto& d : TriageOf(CaseEventsOf(id)).decisions) {
      decisions->push_back(
          {"decision on case " + id, nlohmann::ordered_json{{"case", id},
                                                            {"to", d.at("decision")},
                                                            {"by", d.at("by")},
                                                            {"at", d.at("at")},
                                                            {"reason", d.at("rationale")},
                                                            {"remedy", d.at("remedy")}}
                                         .dump()});
    }
  }
  out.records.decisions = HeldJsonRecords(decisions, StatusCode::kInternal);
  return out;
}

}  // namespace guarantor::server

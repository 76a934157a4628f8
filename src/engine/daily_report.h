// DailyReport: the monitoring mission's report for one day, in the spirit of an OSCE SMM daily
// report: verified violations by the agreement's named sectors (when the scenario defines them)
// and by 50 km sector of the line, by zone, weapon class and attributed party
// with confidence; incidents near protected sites; obstruction (every monitoring gap of the day)
// and the coverage it left; the Special Commission's day: the cases opened, every decision taken
// on a case (who, why, the remedy) and the cases closed. Built from a replay's results, so that
// it can be regenerated for any day without replaying.
//
// Coverage of a sector (a 50 km piece of the line) on a day is 1 - sum over source types of the
// type's share of all reports times the largest fraction of the sector-day that a gap of that
// type covered (sector sampled every 5 km; time as a fraction of the day). It is the confidence
// that "no violation observed" in the sector means no violation happened, as far as gaps go.
// A named sector's coverage is the same over the samples of the line it holds. When the mission's
// assets are known, the share of each sector they watched hour by hour (WatchedShare) follows.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json_records.h"
#include "base/status.h"
#include "monitor/agreement_map.h"
#include "monitor/monitoring_asset.h"
#include "monitor/monitoring_gap.h"
#include "scenario/scenario.h"

namespace guarantor {

// What the report is drawn from, as the records of `guarantor replay --out`'s files: incidents
// (incidents.jsonl), cases as opened (cases.jsonl), and the Special Commission's decisions
// (decisions.jsonl, as `guarantor cases decide` writes them: case, to, by, at, reason, and
// optionally remedy). The report keeps the records of its day, so a source may hold only those.
struct ReportRecords {
  JsonRecordSource incidents, cases, decisions;
};

// The files of a replay's result directory, every record of them; cases.jsonl and
// decisions.jsonl may be absent (no case opened, no decision taken).
ReportRecords ResultDirRecords(const std::string& dir);

// The records of one day, with the reports of every incident (of every day) by source type.
struct DayRecords {
  ReportRecords records;
  std::map<std::string, int64_t> reports_by_type;
};

struct DailyReportInput {
  const Scenario* scenario;
  const AgreementMap* map;
  ReportRecords records;
  // The reports of every incident (of every day) by source type, which weigh coverage; counted
  // over `records.incidents` when absent, which must then hold every incident.
  std::optional<std::map<std::string, int64_t>> reports_by_type;
  std::vector<MonitoringGap> gaps;
  // Where the mission's assets stood (engine/asset_coverage.h); when set, the report says how
  // much of each sector they watched. Null when not known: no such section.
  const std::vector<MonitoringAsset>* assets = nullptr;
  std::string day;  // YYYY-MM-DD in the agreement's local time
  // When set, the Special Commission's section says this instead of listing cases and decisions
  // (a reader not cleared for cases), and the counts and JSON leave them out.
  std::string cases_withheld;
};

struct DailyReport {
  std::string markdown;
  std::string json;     // one object
  std::string geojson;  // the day's verified violations
};

// OK when `day` is a date YYYY-MM-DD, else InvalidArgument saying so.
Status CheckReportDay(const std::string& day);

Result<DailyReport> BuildDailyReport(const DailyReportInput& input);

}  // namespace guarantor

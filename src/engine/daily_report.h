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
// A named sector's coverage is the same over the samples of the line it holds.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "monitor/agreement_map.h"
#include "monitor/monitoring_gap.h"
#include "scenario/scenario.h"

namespace guarantor {

struct DailyReportInput {
  const Scenario* scenario;
  const AgreementMap* map;
  // Holds incidents.jsonl and cases.jsonl from `guarantor replay --out`, and decisions.jsonl
  // from `guarantor cases decide` (case, to, by, at, reason, and optionally remedy) if any.
  std::string result_dir;
  std::vector<MonitoringGap> gaps;
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

Result<DailyReport> BuildDailyReport(const DailyReportInput& input);

}  // namespace guarantor

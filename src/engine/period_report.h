// PeriodReport: the monitoring of several days in one report, for those who follow the ceasefire
// over weeks rather than a day (leaders before a summit, the public): each day's figures in a row,
// then the period's totals, summed from the daily reports of its days (engine/daily_report.h), so
// that a period always says what its days say.
//
//   std::vector<std::string> days;  // DailyReport::json of each day, in day order
//   Result<PeriodReport> period = SumDailyReports(scenario, days);
//
// Totals are sums of the days' counts; a party's mean confidence is the days' means weighted by
// their counts (each day's mean as its report rounds it, to 3 decimals). Gaps are counted once
// each over the period, though a gap spanning midnight is active on two days. The shares the
// assets watched are the means of the days' (as their reports round them), when every day has
// them. When the days' reports leave the Special Commission out (a reader not cleared for
// cases), so does the period's.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "scenario/scenario.h"

namespace guarantor {

struct PeriodReport {
  std::string markdown;
  std::string json;  // one object
};

// The days from `from` to `to` (YYYY-MM-DD, the agreement's local days), both included, at most
// `max_days`. InvalidArgument naming "from" or "to" otherwise, for the caller to name as its
// option or parameter: "to: expected a day from 2026-02-03 to 92 days after it".
Result<std::vector<std::string>> PeriodDays(const std::string& from, const std::string& to,
                                            int max_days);

// `days`: the JSON of each day's daily report, in day order, at least one. InvalidArgument naming
// the day and the field when one lacks a field the daily report always has.
Result<PeriodReport> SumDailyReports(const Scenario& scenario,
                                     const std::vector<std::string>& days);

// The features of the days' GeoJSON FeatureCollections (DailyReport::geojson) in one, in order.
std::string MergedFeatureCollections(const std::vector<std::string>& collections);

}  // namespace guarantor

// ResultDayRecords: what a daily report reads of a replay's result directory (`guarantor replay
// --out`) for one day, in one pass over each file.
//
//   Result<DayRecords> day = ResultDayRecords("out/replay", "2026-02-03", 120);
//   BuildDailyReport({..., .records = day->records, .reports_by_type = day->reports_by_type, ...});
//
// Every line is parsed with simdjson (so every line is checked), but only the day's become
// records: the incidents whose "day" is the day, with the reports of every incident counted by
// source type (the weights of coverage); the cases opened on the day (their "opened_at" in the
// agreement's local time); every decision (decisions.jsonl is short). On a 30-day theatre a day's
// report reads through thirty days but makes objects of one. cases.jsonl and decisions.jsonl may
// be absent. A bad line is an error naming the file, the line and, where one is at fault, the
// field.
#pragma once

#include <string>

#include "base/status.h"
#include "engine/daily_report.h"

namespace guarantor {

// `day` is YYYY-MM-DD in the agreement's local time, `offset_minutes` its offset from UTC.
Result<DayRecords> ResultDayRecords(const std::string& dir, const std::string& day,
                                    int offset_minutes);

}  // namespace guarantor

// ResultDayRecords: what a daily report reads of a replay's result directory (`guarantor replay
// --out`) for one day, or for each day of a period, in one pass over each file.
//
//   Result<DayRecords> day = ResultDayRecords("out/replay", "2026-02-03", 120);
//   BuildDailyReport({..., .records = day->records, .reports_by_type = day->reports_by_type, ...});
//
// Every line is parsed with simdjson (so every line is checked), but only the days' become
// records: the incidents whose "day" is one of the days, with the reports of every incident
// counted by source type (the weights of coverage); the cases opened on one of the days (their
// "opened_at" in the agreement's local time); every decision (decisions.jsonl is short). The
// days' lines wait in an unnamed temporary file behind a small buffer (base/record_spool.h),
// read back and parsed when a report visits them: memory holds a handle a record, not a dense
// day's hundred megabytes of text, and a period of a year reads the files once, not once a day.
// cases.jsonl and decisions.jsonl may be absent. A bad line is an error naming the file, the
// line and, where one is at fault, the field.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/daily_report.h"

namespace guarantor {

// `day` is YYYY-MM-DD in the agreement's local time, `offset_minutes` its offset from UTC.
Result<DayRecords> ResultDayRecords(const std::string& dir, const std::string& day,
                                    int offset_minutes);

// Told, every few thousand lines, the bytes and lines read so far over both files.
using ReadProgress = std::function<void(int64_t bytes, int64_t lines)>;

// The records of each of `days` (distinct, YYYY-MM-DD), in their order, from one pass over each
// file. The records read the spool they share, which lives as long as any of them.
Result<std::vector<DayRecords>> ResultPeriodRecords(const std::string& dir,
                                                    const std::vector<std::string>& days,
                                                    int offset_minutes,
                                                    const ReadProgress& progress = {});

}  // namespace guarantor
